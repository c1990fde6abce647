//! Any single-bit change in the body, the signature, the timestamp or the id
//! of a signed delivery makes verification fail with the right code.
//!
//! "The right code" is stated per change below; for bit flips anywhere in the
//! header text (where the result may stop parsing) it is the code of the
//! specification model (`hookseal_hardening::model`), and the only change that
//! may still verify is one that decodes to the same bytes: the case of a hex
//! letter (hex is case-insensitive by SEMANTICS.md).

mod common;

use base64::Engine as _;
use common::{case, config, Case};
use hookseal_hardening::model::{Kind, Model, B64};
use hookseal_hardening::{pairs, webhook, Pairs};
use proptest::prelude::*;

fn setup(c: &Case) -> (hookseal::Webhook, Model, Pairs) {
    let secrets = c.secret_refs();
    let wh = webhook(&c.kind, &secrets, c.tolerance, 0).expect("built");
    let model = Model::new(&c.kind, &secrets, c.tolerance, 0).expect("model");
    let headers = pairs(&wh.sign(&c.body, Some(c.ts), Some(&c.id)).expect("signed"));
    (wh, model, headers)
}

fn code(r: Result<(), hookseal::Error>) -> Result<(), &'static str> {
    r.map_err(|e| e.code())
}

/// Where the encoded signature sits in the signature header's value, and how it is encoded.
fn sig_span(kind: &Kind, headers: &Pairs) -> (usize, std::ops::Range<usize>, bool) {
    let (name, prefix, base64): (&str, String, bool) = match kind {
        Kind::Standard => {
            let v = &headers
                .iter()
                .find(|(k, _)| k == "webhook-signature")
                .expect("sig")
                .1;
            let p = if v.starts_with(b"v1a,") {
                "v1a,"
            } else {
                "v1,"
            };
            ("webhook-signature", p.into(), true)
        }
        Kind::Stripe => ("Stripe-Signature", String::new(), false),
        Kind::CostKatana => ("X-CostKatana-Signature", String::new(), false),
        Kind::Slack => ("X-Slack-Signature", "v0=".into(), false),
        Kind::UniCraft => ("X-UniCraft-Signature", String::new(), false),
        Kind::Shopify => ("X-Shopify-Hmac-Sha256", String::new(), true),
        Kind::Dash => ("X-Dash-Signature", "sha256=".into(), false),
        Kind::SmartAiHub => ("X-Webhook-Signature", "sha256=".into(), false),
        Kind::GitHub => ("X-Hub-Signature-256", "sha256=".into(), false),
        Kind::Custom(c) => (c.signature_header.as_str(), c.prefix.clone(), c.base64),
    };
    let idx = headers
        .iter()
        .position(|(k, _)| k == name)
        .expect("signature header");
    let v = &headers[idx].1;
    let start = match kind {
        // t=<ts>,v1=<hex>
        Kind::Stripe | Kind::CostKatana => v.windows(4).position(|w| w == b",v1=").expect("v1") + 4,
        _ => prefix.len(),
    };
    (idx, start..v.len(), base64)
}

proptest! {
    #![proptest_config(config())]

    /// A flipped body bit: signature_mismatch, always.
    #[test]
    fn body_bit(c in case(), pos in any::<prop::sample::Index>(), bit in 0u8..8) {
        prop_assume!(!c.body.is_empty());
        let (wh, model, headers) = setup(&c);
        let mut body = c.body.clone();
        let i = pos.index(body.len());
        body[i] ^= 1 << bit;
        prop_assert_eq!(code(wh.verify_signature(&body, &headers, Some(c.ts))), Err("signature_mismatch"));
        prop_assert_eq!(model.verify_signature(&body, &headers, c.ts), Err("signature_mismatch"));
    }

    /// A flipped bit of the decoded signature, re-encoded properly: signature_mismatch.
    #[test]
    fn decoded_signature_bit(c in case(), pos in any::<prop::sample::Index>(), bit in 0u8..8) {
        let (wh, _, mut headers) = setup(&c);
        let (idx, span, base64) = sig_span(&c.kind, &headers);
        let text = headers[idx].1[span.clone()].to_vec();
        let mut raw = if base64 { B64.decode(&text).expect("b64") } else { hex::decode(&text).expect("hex") };
        let i = pos.index(raw.len());
        raw[i] ^= 1 << bit;
        let enc = if base64 { B64.encode(&raw) } else { hex::encode(&raw) };
        headers[idx].1.splice(span, enc.into_bytes());
        prop_assert_eq!(code(wh.verify_signature(&c.body, &headers, Some(c.ts))), Err("signature_mismatch"));
    }

    /// A flipped bit anywhere in any header value the scheme produced (prefix,
    /// separators, signature text, timestamp text, id): the model's code, and
    /// never accepted unless the text decodes to the same bytes as before.
    #[test]
    fn header_text_bit(c in case(), which in any::<prop::sample::Index>(), pos in any::<prop::sample::Index>(), bit in 0u8..8) {
        let (wh, model, mut headers) = setup(&c);
        let h = which.index(headers.len());
        prop_assume!(!headers[h].1.is_empty());
        let p = pos.index(headers[h].1.len());
        let before = headers[h].1[p];
        headers[h].1[p] ^= 1 << bit;
        let after = headers[h].1[p];
        let got = code(wh.verify_signature(&c.body, &headers, Some(c.ts)));
        prop_assert_eq!(got, model.verify_signature(&c.body, &headers, c.ts));
        // CostKatana's list form ignores the timestamp header it also sends
        let ignored = c.kind == Kind::CostKatana && headers[h].0 == "X-CostKatana-Timestamp";
        if got.is_ok() && !ignored {
            // only a hex letter changing case, inside a hex signature
            let (idx, span, base64) = sig_span(&c.kind, &headers);
            prop_assert!(idx == h && span.contains(&p) && !base64, "accepted after a flip outside a hex signature");
            prop_assert!(before.is_ascii_hexdigit() && before.is_ascii_alphabetic() && before ^ after == 0x20,
                "accepted after {:?} -> {:?}", before as char, after as char);
        }
    }

    /// The timestamp changed by one bit of its value (the header rewritten with
    /// the new number): too old / too new by the tolerance, else signature_mismatch.
    #[test]
    fn timestamp_bit(c in case(), bit in 0u32..63) {
        prop_assume!(c.kind.has_timestamp());
        let (wh, model, mut headers) = setup(&c);
        let new_ts = c.ts ^ (1u64 << bit);
        let (old, new) = (c.ts.to_string(), new_ts.to_string());
        for (name, value) in headers.iter_mut() {
            let v = String::from_utf8(value.clone()).expect("utf8");
            let lname = name.to_ascii_lowercase();
            let is_ts_header = match &c.kind {
                Kind::Custom(cs) => cs.timestamp_header.as_deref().map(str::to_ascii_lowercase) == Some(lname.clone()),
                _ => lname.ends_with("timestamp"),
            };
            if is_ts_header && v == old {
                *value = new.clone().into_bytes();
            } else if let Some(rest) = v.strip_prefix(&format!("t={old},")) {
                *value = format!("t={new},{rest}").into_bytes();
            }
        }
        let tol = c.tolerance;
        let past_only = c.kind == Kind::Stripe;
        let expected = if tol > 0 && new_ts < c.ts.saturating_sub(tol) {
            "timestamp_too_old"
        } else if tol > 0 && !past_only && new_ts > c.ts.saturating_add(tol) {
            "timestamp_too_new"
        } else {
            "signature_mismatch"
        };
        let got = code(wh.verify_signature(&c.body, &headers, Some(c.ts)));
        prop_assert_eq!(got, Err(expected));
        prop_assert_eq!(model.verify_signature(&c.body, &headers, c.ts), Err(expected));
    }

    /// A flipped bit of the delivery id: signature_mismatch (missing_header if
    /// the id is left with nothing but white space).
    #[test]
    fn id_bit(c in case(), pos in any::<prop::sample::Index>(), bit in 0u8..8) {
        prop_assume!(c.kind.has_id());
        let (wh, _, mut headers) = setup(&c);
        let id_name = match &c.kind {
            Kind::Custom(cs) => cs.id_header.clone().expect("id header"),
            _ => "webhook-id".to_string(),
        };
        let h = headers.iter().position(|(k, _)| *k == id_name).expect("id");
        let p = pos.index(headers[h].1.len());
        headers[h].1[p] ^= 1 << bit;
        let trimmed = hookseal_hardening::model::trim(&headers[h].1);
        let expected = if trimmed.is_empty() { "missing_header" } else { "signature_mismatch" };
        prop_assert_eq!(code(wh.verify_signature(&c.body, &headers, Some(c.ts))), Err(expected));
    }
}
