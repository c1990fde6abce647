//! Secrets are wiped when a `Webhook` is dropped.
//!
//! A counting allocator looks, at every `dealloc`, inside the block being
//! freed for the key material a `Webhook` derives: the two SHA-256 states of
//! the keyed HMAC (key ⊕ ipad and key ⊕ opad, one compression each, computed
//! here with `sha2::compress256` from the FIPS 180-4 initial values) and an
//! Ed25519 seed. The `Webhook` is boxed, as every binding holds it, so its key
//! slots are freed through this allocator.
//!
//! What this shows: the heap copy that a binding holds is zeroed before its
//! memory is returned. What it cannot show: copies left on the stack by moves
//! (the `Webhook` is built on the stack and moved into the box) and the
//! temporary per-message HMAC states of `verify`/`sign`; see SECURITY.md.
//!
//! The controls: the same search finds the states in a freed `Box` holding a
//! plain `Hmac<Sha256>` (which wipes nothing), so a wipe that stopped working
//! would fail this test. Before the wipe existed (core before the `zeroize`
//! commit) this test failed on every `Webhook` case.
#![allow(unsafe_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use hmac::{Hmac, Mac};
use hookseal::{Scheme, Webhook};
use sha2::Sha256;

const MAX_PATTERNS: usize = 3;
/// Up to three 32-byte patterns; `ARMED` is set only while they are stable.
static mut PATTERNS: [[u8; 32]; MAX_PATTERNS] = [[0; 32]; MAX_PATTERNS];
static N_PATTERNS: AtomicUsize = AtomicUsize::new(0);
static ARMED: AtomicBool = AtomicBool::new(false);
/// Freed blocks that still held a pattern.
static FOUND: AtomicUsize = AtomicUsize::new(0);
/// Freed blocks large enough to hold a pattern that were searched.
static SEARCHED: AtomicUsize = AtomicUsize::new(0);
/// One test at a time arms the allocator.
static SERIAL: Mutex<()> = Mutex::new(());

struct Watching;

unsafe impl GlobalAlloc for Watching {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ARMED.load(Ordering::SeqCst) && layout.size() >= 32 {
            // SAFETY: the block is still allocated and `size` bytes long; its
            // bytes were written by whoever used it (a freed Box's contents).
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            let n = N_PATTERNS.load(Ordering::SeqCst);
            // SAFETY: PATTERNS is written only while ARMED is false.
            let patterns = unsafe { &*std::ptr::addr_of!(PATTERNS) };
            SEARCHED.fetch_add(1, Ordering::SeqCst);
            if patterns[..n]
                .iter()
                .any(|p| block.windows(32).any(|w| w == p))
            {
                FOUND.fetch_add(1, Ordering::SeqCst);
                if std::env::var_os("ZEROIZE_DEBUG").is_some() {
                    let at: Vec<usize> = (0..block.len() - 31)
                        .filter(|&i| patterns[..n].iter().any(|p| &block[i..i + 32] == p))
                        .collect();
                    eprintln!("block of {} bytes holds a pattern at {at:?}", block.len());
                }
            }
        }
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Watching = Watching;

/// SHA-256's initial hash value (FIPS 180-4, 5.3.3).
const IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// The state after one compression of (key ⊕ pad), as the words sit in memory.
fn keyed_state(key: &[u8], pad: u8) -> [u8; 32] {
    assert!(key.len() <= 64, "keys longer than a block are hashed first");
    let mut block = [pad; 64];
    for (b, k) in block.iter_mut().zip(key) {
        *b ^= k;
    }
    let mut state = IV;
    sha2::compress256(&mut state, &[block.into()]);
    let mut out = [0u8; 32];
    for (o, w) in out.chunks_mut(4).zip(state) {
        o.copy_from_slice(&w.to_ne_bytes());
    }
    out
}

/// Frees `value` (boxed) with `patterns` armed; how many freed blocks held one.
fn freed_blocks_holding<T>(value: Box<T>, patterns: &[[u8; 32]]) -> usize {
    // SAFETY: not armed, so the allocator does not read PATTERNS meanwhile;
    // SERIAL keeps other tests of this binary out.
    unsafe {
        let p = &mut *std::ptr::addr_of_mut!(PATTERNS);
        p[..patterns.len()].copy_from_slice(patterns);
    }
    N_PATTERNS.store(patterns.len(), Ordering::SeqCst);
    FOUND.store(0, Ordering::SeqCst);
    SEARCHED.store(0, Ordering::SeqCst);
    ARMED.store(true, Ordering::SeqCst);
    drop(value);
    ARMED.store(false, Ordering::SeqCst);
    assert!(
        SEARCHED.load(Ordering::SeqCst) >= 1,
        "the box was not searched"
    );
    FOUND.load(Ordering::SeqCst)
}

fn hmac_patterns(key: &[u8]) -> Vec<[u8; 32]> {
    vec![keyed_state(key, 0x36), keyed_state(key, 0x5c)]
}

#[test]
fn dropped_webhooks_leave_no_key_material_in_freed_memory() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let key = b"zeroize-test-secret";
    let patterns = hmac_patterns(key);

    // Control: a plain keyed HMAC state, boxed and freed, is found.
    let plain = Box::new(Hmac::<Sha256>::new_from_slice(key).unwrap());
    assert_eq!(
        freed_blocks_holding(plain, &patterns),
        1,
        "the search does not find a keyed HMAC state in freed memory"
    );

    // A verifier for each kind of HMAC scheme, also after a sign and a verify.
    for scheme in [Scheme::GitHub, Scheme::Stripe, Scheme::Slack] {
        let wh = Box::new(Webhook::new(scheme.clone(), &[&key[..]]).unwrap());
        let headers = wh.sign(b"{}", Some(1_700_000_000), None).unwrap();
        wh.verify_signature(b"{}", &headers, Some(1_700_000_000))
            .unwrap();
        assert_eq!(
            freed_blocks_holding(wh, &patterns),
            0,
            "{scheme}: the keyed HMAC state is still in the freed Webhook"
        );
    }

    // Rotation: every secret's state, including the last of eight.
    let secrets: Vec<Vec<u8>> = (0..8)
        .map(|i| format!("rotated-{i}").into_bytes())
        .collect();
    let mut last = hmac_patterns(&secrets[7]);
    last.extend(hmac_patterns(&secrets[0]).into_iter().take(1));
    let wh = Box::new(Webhook::new(Scheme::GitHub, &secrets).unwrap());
    assert_eq!(
        freed_blocks_holding(wh, &last),
        0,
        "rotation: a state survived"
    );

    // A clone is wiped too, independently of the original.
    let wh = Box::new(Webhook::new(Scheme::GitHub, &[&key[..]]).unwrap());
    let copy = Box::new((*wh).clone());
    assert_eq!(freed_blocks_holding(copy, &patterns), 0, "clone");
    assert_eq!(
        freed_blocks_holding(wh, &patterns),
        0,
        "original after clone"
    );

    // Standard Webhooks: the whsec_ key is base64-decoded first.
    let raw = b"standard-zeroize-key-32-bytes!!!";
    let secret = format!("whsec_{}", base64_encode(raw));
    let wh = Box::new(Webhook::new(Scheme::Standard, &[secret.as_str()]).unwrap());
    assert_eq!(freed_blocks_holding(wh, &hmac_patterns(raw)), 0, "standard");
}

#[cfg(feature = "ed25519")]
#[test]
fn dropped_ed25519_signing_keys_are_wiped() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let seed: [u8; 32] = core::array::from_fn(|i| (i as u8).wrapping_mul(37).wrapping_add(11));
    let secret = format!("whsk_{}", base64_encode(&seed));
    let wh = Box::new(Webhook::new(Scheme::Standard, &[secret.as_str()]).unwrap());
    let headers = wh.sign(b"{}", Some(1_700_000_000), Some("msg_1")).unwrap();
    wh.verify_signature(b"{}", &headers, Some(1_700_000_000))
        .unwrap();
    // Control: the seed is found in a freed copy of itself.
    assert_eq!(freed_blocks_holding(Box::new(seed), &[seed]), 1, "control");
    assert_eq!(
        freed_blocks_holding(wh, &[seed]),
        0,
        "the Ed25519 seed survived"
    );
}

/// Standard base64 with padding (RFC 4648), so that the test needs no crate for it.
fn base64_encode(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
