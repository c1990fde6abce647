//! Hardening support for hookseal (issue 9): a specification model of
//! `verify_signature` ([`model`]), Welch's t statistics for the dudect-style
//! timing test ([`stats`]), and small helpers shared by the property tests
//! and the fuzz targets.

pub mod model;
pub mod stats;

use hookseal::{Options, Webhook};

/// Builds a core `Webhook` for `kind` with `secrets`, a tolerance and a size limit.
pub fn webhook(
    kind: &model::Kind,
    secrets: &[&[u8]],
    tolerance: u64,
    max_payload_bytes: usize,
) -> Result<Webhook, hookseal::Error> {
    let opts = Options {
        tolerance,
        strict: false,
        max_payload_bytes,
    };
    Webhook::with_options(kind.scheme(), secrets, opts)
}

/// Headers as the core's `Headers` implementation for pairs sees them.
pub type Pairs = Vec<(String, Vec<u8>)>;

/// Converts `sign`'s output into byte-valued pairs.
pub fn pairs(signed: &[(String, String)]) -> Pairs {
    signed
        .iter()
        .map(|(k, v)| (k.clone(), v.as_bytes().to_vec()))
        .collect()
}
