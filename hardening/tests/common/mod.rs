//! Strategies shared by the property tests.
#![allow(dead_code)]

use base64::Engine as _;
use hookseal_hardening::model::{Custom, Kind, B64};
use proptest::prelude::*;

/// Cases per property: `HARDENING_CASES` (default 1000).
pub fn cases() -> u32 {
    std::env::var("HARDENING_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

pub fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        max_global_rejects: cases().saturating_mul(100),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A header name: printable ASCII without ':' (what CustomScheme accepts).
fn header_name() -> impl Strategy<Value = String> {
    "X-[A-Za-z0-9][A-Za-z0-9_-]{0,20}"
}

/// Templates: `{body}` once, `{id}`/`{timestamp}` when configured, literal text
/// between them drawn from pieces that come close to placeholders.
fn template(has_id: bool, has_ts: bool) -> impl Strategy<Value = String> {
    let lit = prop::collection::vec(
        prop_oneof![
            Just("."),
            Just(":"),
            Just("v0"),
            Just("{"),
            Just("}"),
            Just("{bod"),
            Just("y}"),
            Just("{i"),
            Just("d}"),
            Just("{time"),
            Just("é"),
            Just(" "),
            Just("\t"),
            Just("{}"),
        ],
        0..4,
    )
    .prop_map(|v| v.concat());
    let mut parts: Vec<BoxedStrategy<&'static str>> = vec![Just("{body}").boxed()];
    if has_id {
        parts.push(Just("{id}").boxed());
    }
    if has_ts {
        parts.push(Just("{timestamp}").boxed());
    }
    (
        Just(parts.len()),
        prop::collection::vec(lit, parts.len() + 1),
        any::<u64>(),
    )
        .prop_map(move |(n, lits, perm)| {
            // a permutation of the placeholders, literal text around them
            let mut order: Vec<&str> = vec!["{body}"];
            if has_id {
                order.push("{id}");
            }
            if has_ts {
                order.push("{timestamp}");
            }
            order.rotate_left((perm % n as u64) as usize);
            if perm & 0x100 != 0 {
                order.reverse();
            }
            let mut out = String::new();
            for (i, p) in order.iter().enumerate() {
                out.push_str(&lits[i]);
                out.push_str(p);
            }
            out.push_str(&lits[n]);
            out
        })
}

/// A custom scheme (construction refuses prefixes that would not survive
/// transit, and shared header names).
pub fn custom() -> impl Strategy<Value = Kind> {
    (
        header_name(),
        "([!-~][ -~]{0,9})?",
        any::<bool>(),
        prop::option::of(header_name()),
        prop::option::of(header_name()),
    )
        .prop_flat_map(|(sig, prefix, base64, id, ts)| {
            let t = template(id.is_some(), ts.is_some());
            (Just((sig, prefix, base64, id, ts)), t)
        })
        .prop_filter("distinct header names", |((sig, _, _, id, ts), _)| {
            let names: Vec<String> = [Some(sig), id.as_ref(), ts.as_ref()]
                .into_iter()
                .flatten()
                .map(|s| s.to_ascii_lowercase())
                .collect();
            let mut d = names.clone();
            d.sort();
            d.dedup();
            d.len() == names.len()
        })
        .prop_map(|((sig, prefix, base64, id, ts), template)| {
            Kind::Custom(Custom {
                signature_header: sig,
                prefix,
                base64,
                id_header: id,
                timestamp_header: ts,
                template,
            })
        })
        // literal pieces may join into a placeholder ("{bod" + "y}"): keep valid ones
        .prop_filter("valid description", |k| {
            hookseal_hardening::model::Model::new(k, &[b"s"], 300, 0).is_ok()
        })
}

pub fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        3 => (0usize..9).prop_map(|i| Kind::BUILT_IN[i].clone()),
        1 => custom(),
    ]
}

/// One secret for `kind`, as a user passes it.
pub fn secret(kind: &Kind) -> BoxedStrategy<Vec<u8>> {
    if *kind == Kind::Standard {
        prop_oneof![
            3 => prop::collection::vec(any::<u8>(), 1..64).prop_map(|k| format!("whsec_{}", B64.encode(k)).into_bytes()),
            1 => prop::collection::vec(any::<u8>(), 1..64).prop_map(|k| B64.encode(k).into_bytes()),
            1 => prop::array::uniform32(any::<u8>()).prop_map(|k| format!("whsk_{}", B64.encode(k)).into_bytes()),
        ]
        .boxed()
    } else {
        // any bytes at all, white space and NUL included: used exactly as given
        prop::collection::vec(any::<u8>(), 1..80).boxed()
    }
}

/// Ids `sign` accepts: visible ASCII only (SEMANTICS.md, Signing).
pub fn id() -> impl Strategy<Value = String> {
    "[!-~]{1,32}"
}

pub fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        "[ -~]{0,200}".prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..8192),
    ]
}

pub fn timestamp() -> impl Strategy<Value = u64> {
    prop_oneof![
        1_600_000_000u64..1_900_000_000,
        0u64..=i64::MAX as u64,
        Just(0u64),
        Just(i64::MAX as u64),
    ]
}

/// A signed delivery's ingredients.
#[derive(Clone, Debug)]
pub struct Case {
    pub kind: Kind,
    pub secrets: Vec<Vec<u8>>,
    pub other: Vec<u8>,
    pub body: Vec<u8>,
    pub ts: u64,
    pub id: String,
    pub tolerance: u64,
}

impl Case {
    pub fn secret_refs(&self) -> Vec<&[u8]> {
        self.secrets.iter().map(Vec::as_slice).collect()
    }
}

pub fn case() -> impl Strategy<Value = Case> {
    kind().prop_flat_map(|kind| {
        let s = secret(&kind);
        (
            Just(kind),
            prop::collection::vec(s.clone(), 1..4),
            s,
            body(),
            timestamp(),
            id(),
            prop_oneof![Just(300u64), 0u64..2000, Just(0u64)],
        )
            .prop_map(|(kind, secrets, other, body, ts, id, tolerance)| Case {
                kind,
                secrets,
                other,
                body,
                ts,
                id,
                tolerance,
            })
    })
}
