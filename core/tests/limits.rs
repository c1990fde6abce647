//! Hostile bodies are refused with the right code without exhausting memory
//! or stack: a 100 000-deep JSON nesting (one test per binary: peak RSS is per process).
#![cfg(feature = "events")]
#![allow(clippy::expect_used)] // test code: a failed expectation is the report

use hookseal::{Options, Scheme, Webhook};

mod common;
use common::peak_rss_kib;

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
