//! Whole `verify_signature` and `verify` calls with arbitrary secrets, clocks,
//! bodies and header lists. verify_signature must equal the model; `verify`
//! must fail exactly as verify_signature does, or (signature good) succeed or
//! fail only with a payload/event code.
//! Frame: [scheme][flags] secret SEP now SEP body SEP name:value SEP name:value …
//! flags: bits 0-1 tolerance (300, 0, 5, u64::MAX) · 4 max_payload_bytes 64 · 8 strict · 16 add a second secret
#![no_main]
use hookseal_fuzz::{assert_agrees, build, default_secret, frame, header_lines, kind, NOW};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((sel, flags, parts)) = frame(data) else {
        return;
    };
    if parts.len() < 3 {
        return;
    }
    let kind = kind(sel);
    let tolerance = [300, 0, 5, u64::MAX][(flags & 3) as usize];
    let max = if flags & 4 != 0 { 64 } else { 0 };
    let mut secrets: Vec<&[u8]> = vec![parts[0]];
    if flags & 16 != 0 {
        secrets.push(default_secret(&kind));
    }
    let now = std::str::from_utf8(parts[1])
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(NOW);
    let body = parts[2];
    let headers = header_lines(&parts[3..]);
    let Some((wh, model)) = build(&kind, &secrets, tolerance, max) else {
        return;
    };
    let _ = wh.header_names();
    let sig = wh.verify_signature(body, &headers, Some(now));
    let sig_code = sig.as_ref().map_err(|e| e.code()).map(|_| ());
    assert_agrees(
        "verify",
        sig,
        model.verify_signature(body, &headers, now),
        &(&headers, now),
    );

    let strict = hookseal::Options {
        strict: flags & 8 != 0,
        ..wh.options().clone()
    };
    let wh = hookseal::Webhook::with_options(wh.scheme().clone(), &secrets, strict)
        .expect("built before");
    match (sig_code, wh.verify(body, &headers, Some(now))) {
        (Err(s), Err(e)) => assert_eq!(s, e.code(), "verify and verify_signature differ"),
        (Err(s), Ok(_)) => panic!("verify accepted what verify_signature refused ({s})"),
        (Ok(()), Ok(ev)) => {
            let text = ev.to_json_string();
            serde_json::from_str::<serde_json::Value>(&text).expect("event JSON parses");
        }
        (Ok(()), Err(e)) => assert!(
            matches!(
                e.code(),
                "invalid_payload" | "unknown_event_type" | "missing_header"
            ),
            "verify failed with {} after a good signature",
            e.code()
        ),
    }
});
