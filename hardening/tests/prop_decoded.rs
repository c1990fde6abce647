//! Signatures are compared as decoded bytes of a fixed length, never as text:
//! hex in any letter case and base64 with or without padding verify; every
//! truncation or extension of a right signature is refused before any
//! comparison (invalid_header), and in a list it is skipped.

mod common;

use base64::Engine as _;
use common::config;
use hookseal_hardening::model::{Kind, B64};
use hookseal_hardening::{pairs, webhook};
use proptest::prelude::*;

const NOW: u64 = 1_700_000_000;

/// (scheme, signature header, prefix before the encoded tag, base64?)
fn single() -> impl Strategy<Value = (Kind, &'static str, &'static str, bool)> {
    prop::sample::select(vec![
        (Kind::GitHub, "X-Hub-Signature-256", "sha256=", false),
        (Kind::Dash, "X-Dash-Signature", "sha256=", false),
        (Kind::SmartAiHub, "X-Webhook-Signature", "sha256=", false),
        (Kind::UniCraft, "X-UniCraft-Signature", "", false),
        (Kind::Slack, "X-Slack-Signature", "v0=", false),
        (Kind::Shopify, "X-Shopify-Hmac-Sha256", "", true),
        (Kind::Standard, "webhook-signature", "v1,", true),
        (Kind::Stripe, "Stripe-Signature", "v1=", false),
        (Kind::CostKatana, "X-CostKatana-Signature", "v1=", false),
    ])
}

fn secret(kind: &Kind) -> &'static [u8] {
    if *kind == Kind::Standard {
        b"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    } else {
        b"decoded-compare-secret"
    }
}

fn signed(kind: &Kind, body: &[u8]) -> (hookseal::Webhook, hookseal_hardening::Pairs) {
    let wh = webhook(kind, &[secret(kind)], 300, 0).expect("built");
    let headers = pairs(&wh.sign(body, Some(NOW), Some("msg_1")).expect("sign"));
    (wh, headers)
}

fn code(r: Result<(), hookseal::Error>) -> Result<(), &'static str> {
    r.map_err(|e| e.code())
}

/// Replaces the encoded tag (after `prefix`, to the end of the value) with `enc`.
fn with_sig(headers: &mut hookseal_hardening::Pairs, name: &str, prefix: &str, enc: &[u8]) {
    let v = &mut headers
        .iter_mut()
        .find(|(k, _)| k == name)
        .expect("header")
        .1;
    let at = v
        .windows(prefix.len().max(1))
        .rposition(|w| w == prefix.as_bytes())
        .map_or(0, |i| i + prefix.len());
    let at = if prefix.is_empty() { 0 } else { at };
    v.truncate(at);
    v.extend_from_slice(enc);
}

fn tag_text(headers: &hookseal_hardening::Pairs, name: &str, prefix: &str) -> Vec<u8> {
    let v = &headers.iter().find(|(k, _)| k == name).expect("header").1;
    if prefix.is_empty() {
        return v.clone();
    }
    let i = v
        .windows(prefix.len())
        .rposition(|w| w == prefix.as_bytes())
        .expect("prefix");
    v[i + prefix.len()..].to_vec()
}

proptest! {
    #![proptest_config(config())]

    /// Hex in any mix of letter cases, base64 with or without padding: the same bytes, accepted.
    #[test]
    fn same_bytes_other_spelling_verifies((kind, name, prefix, base64) in single(), body in common::body(), mask in any::<u64>()) {
        let (wh, mut headers) = signed(&kind, &body);
        let text = tag_text(&headers, name, prefix);
        let other: Vec<u8> = if base64 {
            let raw = B64.decode(&text).expect("b64");
            if mask & 1 == 0 { base64::engine::general_purpose::STANDARD_NO_PAD.encode(raw).into_bytes() } else { B64.encode(raw).into_bytes() }
        } else {
            text.iter().enumerate().map(|(i, c)| if mask >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { *c }).collect()
        };
        with_sig(&mut headers, name, prefix, &other);
        prop_assert_eq!(code(wh.verify_signature(&body, &headers, Some(NOW))), Ok(()));
    }

    /// Every proper prefix of the right signature, and the right signature with
    /// one more character, is refused as malformed: nothing is compared.
    #[test]
    fn truncated_or_extended_never_matches((kind, name, prefix, base64) in single(), body in common::body(),
                                            cut in any::<prop::sample::Index>(), extra in prop::sample::select(b"0aA=+/ fz".to_vec())) {
        let (wh, headers) = signed(&kind, &body);
        let text = tag_text(&headers, name, prefix);
        let n = cut.index(text.len());
        // unpadded base64 of 32 bytes is 43 characters: the one prefix that still decodes
        let decodes_same = base64 && n == text.len() - 1 && text.ends_with(b"=");
        for candidate in [text[..n].to_vec(), [text.clone(), vec![extra]].concat()] {
            let same = candidate.len() < text.len() && decodes_same;
            let mut h = headers.clone();
            with_sig(&mut h, name, prefix, &candidate);
            let got = code(wh.verify_signature(&body, &h, Some(NOW)));
            if same {
                prop_assert_eq!(got, Ok(()));
            } else if candidate.is_empty() && prefix.is_empty() {
                prop_assert_eq!(got, Err("missing_header"));
            } else if candidate.len() > text.len() && extra == b' ' {
                // a trailing space is optional white space (or a list separator): trimmed
                prop_assert_eq!(got, Ok(()));
            } else {
                prop_assert_eq!(got, Err("invalid_header"), "{:?}", String::from_utf8_lossy(&candidate));
            }
        }
    }

    /// In a list, a truncated signature is skipped and the good one still counts.
    #[test]
    fn truncated_in_a_list_is_skipped(body in common::body(), cut in 1usize..64) {
        let (wh, headers) = signed(&Kind::Stripe, &body);
        let v = String::from_utf8(headers[0].1.clone()).expect("utf8");
        let (t, sig) = v.split_once(",v1=").expect("v1");
        let h = vec![("Stripe-Signature".to_string(), format!("{t},v1={},v1={sig}", &sig[..cut]).into_bytes())];
        prop_assert_eq!(code(wh.verify_signature(&body, &h, Some(NOW))), Ok(()));
        let h = vec![("Stripe-Signature".to_string(), format!("{t},v1={}", &sig[..cut]).into_bytes())];
        prop_assert_eq!(code(wh.verify_signature(&body, &h, Some(NOW))), Err("invalid_header"));
    }
}
