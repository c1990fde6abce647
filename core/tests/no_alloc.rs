//! The signature-only path allocates nothing: a counting global allocator
#![allow(clippy::expect_used)] // test code: a failed expectation is the report
#![allow(unsafe_code)] // a global allocator is unsafe by nature
//! watches `verify_signature` for every built-in scheme (and a custom one).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use hookseal::{CustomScheme, Scheme, Webhook};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Only the measured thread counts: the test harness's own threads
    /// allocate at times of their own (this made the count flaky).
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn count() {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
    }
}

// SAFETY: forwards to the system allocator unchanged, only counting calls.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

#[test]
fn verify_signature_allocates_nothing() {
    // Control: the counter sees an allocation made on this thread.
    assert!(allocations_during(|| drop(std::hint::black_box(vec![1u8; 10]))) >= 1);
    let body = br#"{"type":"credit.low","data":{"balance":3,"threshold":10}}"#.repeat(20);
    let now = 1_700_000_000;
    let mut schemes: Vec<(Scheme, Vec<&str>)> = Scheme::BUILT_IN
        .iter()
        .map(|s| {
            let secrets = if *s == Scheme::Standard {
                vec![
                    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    "whsec_c2Vjb25kIHNlY3JldCBmb3Igcm90YXRpb24=",
                ]
            } else {
                vec!["old secret", "current secret"]
            };
            (s.clone(), secrets)
        })
        .collect();
    schemes.push((
        Scheme::Custom(
            CustomScheme::new("X-Acme-Signature")
                .prefix("sha256=")
                .id_header("X-Acme-Id")
                .timestamp_header("X-Acme-Timestamp")
                .template("{id}:{timestamp}:{body}"),
        ),
        vec!["acme"],
    ));
    let mut checked = 0;
    for (scheme, secrets) in schemes {
        // Sign with the second (current) secret so that rotation is exercised.
        let signer = Webhook::new(scheme.clone(), &secrets[secrets.len() - 1..]).expect("signer");
        let headers = signer
            .sign(&body, Some(now), Some("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"))
            .expect("sign");
        let verifier = Webhook::new(scheme.clone(), &secrets).expect("verifier");
        let forged = [(headers[0].0.clone(), headers[0].1.replace('a', "b"))];
        let n = allocations_during(|| {
            for _ in 0..100 {
                verifier
                    .verify_signature(&body, &headers, Some(now))
                    .expect("valid delivery");
            }
        });
        assert_eq!(n, 0, "{scheme}: {n} allocations on the success path");
        let n = allocations_during(|| {
            for _ in 0..100 {
                let _ = verifier.verify_signature(&body, &forged, Some(now));
            }
        });
        assert!(
            n <= 200,
            "{scheme}: {n} allocations refusing a forged delivery"
        );
        checked += 1;
    }
    assert_eq!(checked, 10);
}
