//! The scratch area: one buffer per instance, in WebAssembly memory, that the
//! JavaScript side writes a delivery into (header value lengths, header
//! values, body) before it calls `verifySignature`/`verify` with nothing but
//! numbers. It replaces three `malloc`/`free` pairs and the glue's copies per
//! call; it only grows (to the largest delivery seen), and a grown area's
//! old block goes back to the allocator.
//!
//! Only the exported functions of `lib.rs` reach it, one at a time: `reserve`
//! (JavaScript asks for room and writes after it returns) and `with` (a
//! verification reads what was written). Nothing in between calls back into
//! this module.
#![allow(unsafe_code)] // a `static` the one thread of the instance mutates

use alloc::vec::Vec;
use core::cell::UnsafeCell;

struct Area(UnsafeCell<Vec<u8>>);

// SAFETY: wasm32-unknown-unknown without the `atomics` target feature runs one
// thread per instance (as for the allocator in heap.rs), and the two accessors
// below never run nested: no reference to the area outlives either of them.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl Sync for Area {}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
static AREA: Area = Area(UnsafeCell::new(Vec::new()));

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
fn area<R>(f: impl FnOnce(&Area) -> R) -> R {
    f(&AREA)
}

// A build for the host (clippy) keeps one area per thread.
#[cfg(not(all(target_arch = "wasm32", not(target_feature = "atomics"))))]
fn area<R>(f: impl FnOnce(&Area) -> R) -> R {
    std::thread_local! {
        static AREA: Area = const { Area(UnsafeCell::new(Vec::new())) };
    }
    AREA.with(f)
}

/// The area's address after making it at least `size` bytes long. The old
/// contents are not kept: JavaScript writes a whole delivery after asking.
pub fn reserve(size: usize) -> *mut u8 {
    area(|a| {
        // SAFETY: see `Sync`; this is the only reference while it lives.
        let v = unsafe { &mut *a.0.get() };
        if v.len() < size {
            // Free the old block first, so the allocator may reuse it.
            *v = Vec::new();
            v.resize(size, 0);
        }
        v.as_mut_ptr()
    })
}

/// Runs `f` over the area's bytes (what JavaScript wrote since `reserve`).
pub fn with<R>(f: impl FnOnce(&[u8]) -> R) -> R {
    area(|a| {
        // SAFETY: see `Sync`; `f` (a verification) never reaches `reserve`.
        f(unsafe { &*a.0.get() })
    })
}
