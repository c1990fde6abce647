//! Input framing and checks shared by the fuzz targets.
//!
//! Every target reads the same simple frame, so that `seed_corpus.py` can write
//! seeds from `tests/vectors/` and libFuzzer's mutations stay meaningful:
//!
//! ```text
//! [selector byte] [flags byte] part 0 SEP part 1 SEP part 2 …      SEP = b"\x00|"
//! ```
//!
//! The selector picks a scheme (`selector % 10`: the nine built-ins in
//! PRODUCT.md's order, then a fixed custom scheme); the flags pick options.

use hookseal::Error;
use hookseal_hardening::model::{Custom, Kind, Model};

/// Separator between parts.
pub const SEP: &[u8] = b"\x00|";
/// The clock used when a target does not take one from its input.
pub const NOW: u64 = 1_700_000_000;

/// Splits a frame.
pub fn frame(data: &[u8]) -> Option<(u8, u8, Vec<&[u8]>)> {
    let (&sel, rest) = data.split_first()?;
    let (&flags, rest) = rest.split_first()?;
    let mut parts = Vec::new();
    let mut rest = rest;
    loop {
        match rest.windows(SEP.len()).position(|w| w == SEP) {
            Some(i) => {
                parts.push(&rest[..i]);
                rest = &rest[i + SEP.len()..];
            }
            None => {
                parts.push(rest);
                break;
            }
        }
    }
    Some((sel, flags, parts))
}

/// The fixed custom scheme used by selector 9.
pub fn fixed_custom() -> Kind {
    Kind::Custom(Custom {
        signature_header: "X-Signature".into(),
        prefix: "v1=".into(),
        base64: false,
        id_header: Some("X-Delivery-Id".into()),
        timestamp_header: Some("X-Timestamp".into()),
        template: "{id}:{timestamp}:{body}".into(),
    })
}

/// The scheme for a selector byte.
pub fn kind(sel: u8) -> Kind {
    match (sel % 10) as usize {
        i @ 0..=8 => Kind::BUILT_IN[i].clone(),
        _ => fixed_custom(),
    }
}

/// The scheme's header names: (signature, timestamp, id).
pub fn names(kind: &Kind) -> (&str, Option<&str>, Option<&str>) {
    match kind {
        Kind::CostKatana => (
            "X-CostKatana-Signature",
            Some("X-CostKatana-Timestamp"),
            None,
        ),
        Kind::UniCraft => ("X-UniCraft-Signature", None, None),
        Kind::Dash => ("X-Dash-Signature", None, None),
        Kind::SmartAiHub => ("X-Webhook-Signature", None, None),
        Kind::Standard => (
            "webhook-signature",
            Some("webhook-timestamp"),
            Some("webhook-id"),
        ),
        Kind::Stripe => ("Stripe-Signature", None, None),
        Kind::GitHub => ("X-Hub-Signature-256", None, None),
        Kind::Slack => ("X-Slack-Signature", Some("X-Slack-Request-Timestamp"), None),
        Kind::Shopify => ("X-Shopify-Hmac-Sha256", None, None),
        Kind::Custom(c) => (
            c.signature_header.as_str(),
            c.timestamp_header.as_deref(),
            c.id_header.as_deref(),
        ),
    }
}

/// A default secret per scheme (the one most vectors use, so seeds verify).
pub fn default_secret(_kind: &Kind) -> &'static [u8] {
    // valid for every scheme: bytes for HMAC schemes, whsec_+base64 for standard
    b"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
}

/// Parses `name:value` header lines (no `:` → a name with an empty value).
pub fn header_lines(parts: &[&[u8]]) -> Vec<(String, Vec<u8>)> {
    parts
        .iter()
        .map(|p| match p.iter().position(|&b| b == b':') {
            Some(i) => (
                String::from_utf8_lossy(&p[..i]).into_owned(),
                p[i + 1..].to_vec(),
            ),
            None => (String::from_utf8_lossy(p).into_owned(), Vec::new()),
        })
        .collect()
}

/// Codes `verify_signature` may return.
pub const SIGNATURE_CODES: &[&str] = &[
    "missing_header",
    "invalid_header",
    "timestamp_too_old",
    "timestamp_too_new",
    "signature_mismatch",
    "unsupported_signature",
    "payload_too_large",
];

/// Panics (a fuzz finding) when the core and the model disagree.
pub fn assert_agrees(
    what: &str,
    core: Result<(), Error>,
    model: Result<(), &'static str>,
    ctx: &dyn core::fmt::Debug,
) {
    let core = core.map_err(|e| {
        // every error renders a message without panicking
        let _ = e.to_string();
        e.code()
    });
    if let Err(c) = core {
        assert!(
            SIGNATURE_CODES.contains(&c),
            "{what}: verify_signature returned {c}; {ctx:?}"
        );
    }
    assert_eq!(core, model, "{what}: core and model disagree; {ctx:?}");
}

/// Builds both verifiers; they must agree on whether construction succeeds.
pub fn build(
    kind: &Kind,
    secrets: &[&[u8]],
    tolerance: u64,
    max: usize,
) -> Option<(hookseal::Webhook, Model)> {
    let core = hookseal_hardening::webhook(kind, secrets, tolerance, max);
    let model = Model::new(kind, secrets, tolerance, max);
    match (core, model) {
        (Ok(c), Ok(m)) => Some((c, m)),
        (Err(c), Err(m)) => {
            assert_eq!(
                c.code(),
                m,
                "construction codes differ for {kind:?} {secrets:?}"
            );
            None
        }
        (Ok(_), Err(m)) => {
            panic!("core built a verifier the model refuses ({m}): {kind:?} {secrets:?}")
        }
        (Err(c), Ok(_)) => {
            panic!("core refused ({c}) a verifier the model builds: {kind:?} {secrets:?}")
        }
    }
}
