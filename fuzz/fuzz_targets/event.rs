//! Envelope and event validation: a body (any bytes) is signed for the scheme,
//! then `verify` parses and validates it. It must succeed, or fail only with
//! invalid_payload / unknown_event_type / missing_header (an envelope header
//! such as X-GitHub-Event), never panic, and a returned event must serialize.
//! Frame: [scheme][flags] body SEP name:value SEP …   flags: 1 strict · 2 extra headers go first
#![no_main]
use hookseal::{CustomScheme, Options, Scheme, Webhook};
use hookseal_fuzz::{default_secret, frame, header_lines, kind, NOW};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((sel, flags, parts)) = frame(data) else {
        return;
    };
    let k = kind(sel);
    let scheme = match k.scheme() {
        Scheme::Custom(_) => Scheme::Custom(
            CustomScheme::new("X-Signature")
                .id_header("X-Delivery-Id")
                .timestamp_header("X-Timestamp")
                .template("{id}.{timestamp}.{body}")
                .event_fields(Some("meta.id"), Some("type"), Some("created_at")),
        ),
        s => s,
    };
    let opts = Options {
        strict: flags & 1 != 0,
        max_payload_bytes: 0,
        ..Options::default()
    };
    let wh = Webhook::with_options(scheme, &[default_secret(&k)], opts).expect("built");
    let body = parts[0];
    let mut headers =
        hookseal_hardening::pairs(&wh.sign(body, Some(NOW), Some("msg_1")).expect("sign"));
    let extra = header_lines(&parts[1..]);
    if flags & 2 != 0 {
        headers.splice(0..0, extra);
    } else {
        headers.extend(extra);
    }
    match wh.verify(body, &headers, Some(NOW)) {
        Ok(ev) => {
            let v: serde_json::Value =
                serde_json::from_str(&ev.to_json_string()).expect("event JSON");
            assert_eq!(v["provider"].as_str(), Some(ev.provider()));
            let _ = (ev.data(), ev.to_json_value());
        }
        Err(e) => {
            let _ = e.to_string();
            // extra headers placed first may replace the signature: any signature code then
            let sig_codes_possible = flags & 2 != 0;
            assert!(
                matches!(
                    e.code(),
                    "invalid_payload" | "unknown_event_type" | "missing_header"
                ) || (sig_codes_possible && hookseal_fuzz::SIGNATURE_CODES.contains(&e.code())),
                "verify of a signed body failed with {}: {e}",
                e.code()
            );
        }
    }
});
