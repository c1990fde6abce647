//! Hostile bodies are refused with the right code without exhausting memory
//! or stack: a 100 MB body (one test per binary: peak RSS is per process).
#![cfg(feature = "events")]
#![allow(clippy::expect_used)] // test code: a failed expectation is the report

use hookseal::{Scheme, Webhook};

mod common;
use common::peak_rss_kib;

#[test]
fn a_100_mb_body_is_refused_before_hashing() {
    let wh = Webhook::new(Scheme::GitHub, &["s"]).expect("webhook");
    let body = vec![b'x'; 100 * 1024 * 1024];
    let headers = [("X-Hub-Signature-256", format!("sha256={}", "0".repeat(64)))];
    let before = peak_rss_kib();
    let err = wh.verify(&body, &headers, None).expect_err("too large");
    let grown = peak_rss_kib().saturating_sub(before);
    eprintln!("peak RSS grew by {grown} KiB refusing a 100 MB body");
    assert!(grown < 1024, "peak RSS grew by {grown} KiB");
    assert_eq!(err.code(), "payload_too_large");
    assert!(err.to_string().contains("max_payload_bytes"), "{err}");
}
