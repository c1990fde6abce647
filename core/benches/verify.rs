//! `cargo bench -p hookseal --bench verify`: verify and sign throughput per
//! scheme and body size, next to a bare SHA-256 of the same bytes (the
//! physical limit: HMAC hashes the body once more than nothing).
//!
//! A plain timing harness (no criterion) so that the ratios print as one table.
#![allow(clippy::expect_used)] // a failed expectation is the report

use std::hint::black_box;
use std::time::{Duration, Instant};

use hookseal::{Scheme, Webhook};
use sha2::{Digest, Sha256};

/// Nanoseconds per call: the fastest of 15 batches of ~40 ms each. On a
/// shared machine other work only ever adds time, so the minimum is the
/// estimate least disturbed by it (the same rule for every row, SHA-256 included).
fn time_per_call(mut f: impl FnMut()) -> f64 {
    let mut calls = 1u64;
    loop {
        let t = Instant::now();
        for _ in 0..calls {
            f();
        }
        if t.elapsed() > Duration::from_millis(20) {
            break;
        }
        calls *= 2;
    }
    let calls = calls * 2;
    let mut samples: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..calls {
                f();
            }
            t.elapsed().as_nanos() as f64 / calls as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[0]
}

fn secret_for(scheme: &Scheme) -> &'static str {
    if *scheme == Scheme::Standard {
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    } else {
        "bench secret"
    }
}

fn main() {
    let sizes = [
        ("64 B", 64usize),
        ("1 KiB", 1024),
        ("64 KiB", 64 * 1024),
        ("1 MiB", 1024 * 1024),
    ];
    let schemes = [
        Scheme::Standard,
        Scheme::CostKatana,
        Scheme::GitHub,
        Scheme::Stripe,
    ];
    let now = 1_700_000_000;
    println!("| scheme | op | size | ns/op | MB/s | vs bare SHA-256 |");
    println!("|---|---|---|---:|---:|---:|");
    for (label, size) in sizes {
        let body: Vec<u8> = (0..size).map(|i| b"{\"a\":1234567890}"[i % 16]).collect();
        let sha = time_per_call(|| {
            black_box(Sha256::digest(black_box(&body)));
        });
        println!(
            "| — | sha256 | {label} | {sha:.0} | {:.0} | 1.00 |",
            size as f64 / sha * 1e3
        );
        for scheme in &schemes {
            let wh = Webhook::new(scheme.clone(), &[secret_for(scheme)]).expect("webhook");
            let headers = wh
                .sign(&body, Some(now), Some("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"))
                .expect("sign");
            let verify = time_per_call(|| {
                wh.verify_signature(black_box(&body), &headers, Some(now))
                    .expect("valid");
            });
            let sign = time_per_call(|| {
                black_box(
                    wh.sign(
                        black_box(&body),
                        Some(now),
                        Some("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
                    )
                    .expect("sign"),
                );
            });
            for (op, ns) in [("verify", verify), ("sign", sign)] {
                println!(
                    "| {scheme} | {op} | {label} | {ns:.0} | {:.0} | {:.2} |",
                    size as f64 / ns * 1e3,
                    sha / ns
                );
            }
        }
    }

    // Parsing and validating a ~1 KiB event next to verifying its signature.
    let event = format!(
        r#"{{"id":"evt_user_created_001","eventType":"credit.low","userId":"user_123","data":{{"userId":"user_123","balance":3.5,"threshold":10,"lowCreditAt":"2025-01-01T00:00:00.000Z","note":"{}"}},"metadata":{{"service":"billing","timestamp":"2025-01-01T00:00:00.000Z"}}}}"#,
        "x".repeat(800)
    );
    let wh = Webhook::new(Scheme::SmartAiHub, &["bench secret"]).expect("webhook");
    let headers = wh.sign(event.as_bytes(), None, None).expect("sign");
    let sig = time_per_call(|| {
        wh.verify_signature(black_box(event.as_bytes()), &headers, None)
            .expect("valid")
    });
    let full = time_per_call(|| {
        black_box(
            wh.verify(black_box(event.as_bytes()), &headers, None)
                .expect("valid"),
        );
    });
    println!();
    println!("| {} B smartaihub event | ns/op |", event.len());
    println!("|---|---:|");
    println!("| verify_signature | {sig:.0} |");
    println!("| verify (signature + parse + validate) | {full:.0} |");
    println!(
        "| parse + validate alone | {:.0} ({:.2}× the signature check) |",
        full - sig,
        (full - sig) / sig
    );
}
