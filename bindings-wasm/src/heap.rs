//! The WebAssembly build's allocator and panic handler (this crate links no
//! `std`: std's allocator, dlmalloc, and its panic machinery, which formats
//! panic messages and locations, were a fifth of the module).
//!
//! The allocator keeps one free list per power-of-two size class. A freed
//! block goes back to its class's list and is handed out again for the next
//! request of that class; fresh blocks are cut from memory grown page by page,
//! each aligned to its own size (pages for larger blocks). Memory therefore
//! grows only when a class has more blocks live at once than ever before:
//! a long run of verifications reuses the same few blocks (test/heap.test.cjs).
//! No block is ever returned to the host (WebAssembly memory cannot shrink).
#![allow(unsafe_code)] // the one place: a GlobalAlloc is unsafe by definition

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;
use core::ptr;

/// A WebAssembly page.
const PAGE: usize = 1 << 16;
/// The smallest block: room for the free list's link, and 16-byte aligned.
const MIN_CLASS: u32 = 4;

/// Free lists by class (`free[k]` holds blocks of `2^k` bytes, each block's
/// first word the address of the next one) and the unused rest of the
/// memory grown last (`next..end`).
struct State {
    free: [usize; 32],
    next: usize,
    end: usize,
}

/// The global allocator of the WebAssembly build.
pub struct Heap(UnsafeCell<State>);

// SAFETY: wasm32-unknown-unknown without the `atomics` target feature runs one
// thread per instance; nothing here is ever reached from two at once.
#[cfg(not(target_feature = "atomics"))]
unsafe impl Sync for Heap {}

impl Heap {
    /// An empty heap; memory is grown on the first allocation.
    pub const fn new() -> Self {
        Heap(UnsafeCell::new(State {
            free: [0; 32],
            next: 0,
            end: 0,
        }))
    }
}

/// The class of a layout: the power of two that holds both its size and
/// alignment, or `None` past what a 32-bit memory can hold.
fn class(layout: &Layout) -> Option<u32> {
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    let k = size.checked_next_power_of_two()?.trailing_zeros();
    (k < 31).then_some(k)
}

impl State {
    /// A fresh block of `2^k` bytes from the end of memory, aligned to its size
    /// (at most a page: memory grows page-aligned).
    fn carve(&mut self, k: u32) -> *mut u8 {
        let size = 1usize << k;
        let align = size.min(PAGE);
        let start = (self.next + align - 1) & !(align - 1);
        if start >= self.next && size <= self.end.saturating_sub(start) {
            self.next = start + size;
            return start as *mut u8;
        }
        let pages = size.div_ceil(PAGE);
        let base = wasm32::memory_grow(0, pages);
        if base == usize::MAX {
            return ptr::null_mut();
        }
        let base = base * PAGE;
        // The rest of the old region is dropped unless the new pages extend it.
        if base != self.end {
            self.next = base;
        }
        self.end = base + pages * PAGE;
        let start = (self.next + align - 1) & !(align - 1);
        if size > self.end - start {
            // The old region's tail was too short: start over in the new pages.
            self.next = base;
            return self.carve(k);
        }
        self.next = start + size;
        start as *mut u8
    }
}

// SAFETY: blocks never overlap (each is cut once from fresh memory, then only
// moves between its class's free list and one owner), every block of class k
// holds 2^k bytes at an address aligned to min(2^k, PAGE) ≥ the layout's
// alignment (the class covers the alignment; larger alignments are refused).
unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(k) = class(&layout).filter(|_| layout.align() <= PAGE) else {
            return ptr::null_mut();
        };
        // SAFETY: one thread (see `Sync`), and no reference outlives this call.
        let s = unsafe { &mut *self.0.get() };
        let head = s.free[k as usize];
        if head != 0 {
            // SAFETY: a free block's first word is the next free block.
            s.free[k as usize] = unsafe { *(head as *const usize) };
            return head as *mut u8;
        }
        s.carve(k)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(k) = class(&layout) else { return };
        // SAFETY: as in `alloc`; `ptr` is a block of class k (the same layout
        // made it), at least 16 bytes and aligned, so its first word is ours.
        let s = unsafe { &mut *self.0.get() };
        unsafe { *(ptr as *mut usize) = s.free[k as usize] };
        s.free[k as usize] = ptr as usize;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract (`new_size` rounded up to the
        // alignment does not overflow).
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class(&new).is_some() && class(&new) == class(&layout) {
            return ptr;
        }
        // SAFETY: as in `alloc` and `dealloc`; the blocks are distinct.
        unsafe {
            let to = self.alloc(new);
            if !to.is_null() {
                ptr::copy_nonoverlapping(ptr, to, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            to
        }
    }
}

#[global_allocator]
static HEAP: Heap = Heap::new();

/// A panic is a bug (the crate and the core refuse every input with an
/// error); the instance traps, as `panic = "abort"` did before, without
/// formatting a message first.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    wasm32::unreachable()
}
