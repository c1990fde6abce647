//! Header parsers and signature decoding: the values of a scheme's signature,
//! timestamp and id headers are fuzzed; the core's answer must equal the
//! specification model's (hookseal_hardening::model) and never panic.
//! Frame: [scheme][flags] signature SEP timestamp SEP id SEP body SEP second-signature
//! flags: 1 tolerance 0 · 2 svix- names (standard) · 4 a second signature header after the first
#![no_main]
use hookseal_fuzz::{assert_agrees, build, default_secret, frame, kind, names, NOW};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((sel, flags, parts)) = frame(data) else {
        return;
    };
    let kind = kind(sel);
    let tolerance = if flags & 1 != 0 { 0 } else { 300 };
    let Some((wh, model)) = build(&kind, &[default_secret(&kind)], tolerance, 0) else {
        return;
    };
    let (sig, ts, id) = names(&kind);
    let rename = |n: &str| {
        if flags & 2 != 0 {
            n.replace("webhook-", "svix-")
        } else {
            n.to_string()
        }
    };
    let mut headers = vec![(rename(sig), parts[0].to_vec())];
    if let (Some(n), Some(v)) = (ts, parts.get(1)) {
        headers.push((rename(n), v.to_vec()));
    }
    if let (Some(n), Some(v)) = (id, parts.get(2)) {
        headers.push((rename(n), v.to_vec()));
    }
    if let (true, Some(v)) = (flags & 4 != 0, parts.get(4)) {
        headers.push((sig.to_string(), v.to_vec()));
    }
    let body = parts.get(3).copied().unwrap_or(b"{}");
    let got = wh.verify_signature(body, &headers, Some(NOW));
    assert_agrees(
        "header_values",
        got,
        model.verify_signature(body, &headers, NOW),
        &headers,
    );
});
