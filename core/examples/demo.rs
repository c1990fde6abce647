//! `make demo` (core part): for every scheme, sign a delivery as the provider
//! would, then verify it as received, tampered with, replayed late, signed
//! with the wrong secret, and with its signature header gone.
#![allow(clippy::expect_used)] // a failed expectation is the report

use hookseal::{Scheme, Webhook};

fn secret(scheme: &Scheme) -> &'static str {
    if *scheme == Scheme::Standard {
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    } else {
        "demo-secret"
    }
}

fn main() -> Result<(), hookseal::Error> {
    let now = 1_700_000_000;
    let body = br#"{"id":"evt_1","type":"demo.event","data":{"ok":true}}"#;
    let cases = [
        "valid",
        "tampered body",
        "wrong secret",
        "stale (+1h)",
        "no signature",
    ];
    println!("| scheme | {} |", cases.join(" | "));
    println!("|---|{}", "---|".repeat(cases.len()));
    for scheme in Scheme::BUILT_IN {
        let wh = Webhook::new(scheme.clone(), &[secret(&scheme)])?;
        let wrong = if scheme == Scheme::Standard {
            "whsec_d3Jvbmcgc2VjcmV0"
        } else {
            "wrong-secret"
        };
        let imposter = Webhook::new(scheme.clone(), &[wrong])?;
        let headers = wh.sign(body, Some(now), Some("msg_demo_1"))?;
        let forged = imposter.sign(body, Some(now), Some("msg_demo_1"))?;
        let stale = wh.sign(body, Some(now - 3600), Some("msg_demo_1"))?;
        let stripped: Vec<_> = headers
            .iter()
            .filter(|(name, _)| {
                let n = name.to_ascii_lowercase();
                !(n.contains("signature") || n.contains("hmac"))
            })
            .cloned()
            .collect();
        let timestamped = headers
            .iter()
            .any(|(n, v)| n.to_ascii_lowercase().contains("timestamp") || v.starts_with("t="));
        let results = [
            wh.verify_signature(body, &headers, Some(now)),
            wh.verify_signature(
                br#"{"id":"evt_1","type":"demo.event","data":{"ok":false}}"#,
                &headers,
                Some(now),
            ),
            wh.verify_signature(body, &forged, Some(now)),
            wh.verify_signature(body, &stale, Some(now)),
            wh.verify_signature(body, &stripped, Some(now)),
        ];
        let cells: Vec<String> = results
            .iter()
            .enumerate()
            .map(|(i, r)| match r {
                Ok(()) if i == 3 && !timestamped => "accepted (no timestamp in scheme)".to_string(),
                Ok(()) => "accepted".to_string(),
                Err(e) => format!("refused: {}", e.code()),
            })
            .collect();
        println!("| {scheme} | {} |", cells.join(" | "));
    }
    Ok(())
}
