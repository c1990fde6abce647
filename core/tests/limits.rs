//! Hostile bodies are refused with the right code without exhausting memory
//! or stack: a 100 000-deep JSON nesting (one test per binary: peak RSS is per process).
#![cfg(feature = "events")]
#![allow(
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    missing_docs
)] // test code

use hookseal::{Options, Scheme, Webhook};

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[test]
fn deep_nesting_is_invalid_payload_without_growing() {
    let depth = 100_000;
    let mut body = "[".repeat(depth);
    body.push_str(&"]".repeat(depth));
    let opts = Options {
        max_payload_bytes: 0,
        ..Options::default()
    };
    let signer = Webhook::with_options(Scheme::Dash, &["s"], opts.clone()).expect("signer");
    let headers = signer.sign(body.as_bytes(), None, None).expect("sign");
    let before = peak_rss_kib();
    let err = signer
        .verify(body.as_bytes(), &headers, None)
        .expect_err("too deep");
    let grown = peak_rss_kib().saturating_sub(before);
    assert_eq!(err.code(), "invalid_payload");
    assert!(err.to_string().contains("recursion limit"), "{err}");
    eprintln!("peak RSS grew by {grown} KiB parsing a {depth}-deep body");
    assert!(grown < 4096, "peak RSS grew by {grown} KiB");
}
