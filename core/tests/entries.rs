//! `Headers::entry`: bindings hand the values they looked up themselves to the
//! signature check in the order of `Webhook::header_lookups`, and the check
//! takes each one by its entry number. If the numbers in `Webhook::check` and
//! the order of `header_lookups` ever disagreed, a binding would hand the
//! wrong header over; these tests check every scheme both ways.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use hookseal::{CustomScheme, ErrorCode, Headers, Scheme, SignatureEncoding, Webhook};

const NOW: u64 = 1_700_000_000;
const BODY: &[u8] = br#"{"type":"ping","id":"evt_1","data":{}}"#;

/// Values by entry only: asking by name is a failure of the test.
struct ByEntry {
    values: Vec<Option<Vec<u8>>>,
}

impl Headers for ByEntry {
    fn get(&self, name: &str) -> Option<&[u8]> {
        panic!("asked for {name:?} by name, though every entry has its value");
    }

    fn entry(&self, index: usize) -> Option<Option<&[u8]>> {
        Some(self.values.get(index)?.as_deref())
    }
}

/// What a binding does: for each entry, the first of its names whose value
/// is present and not blank.
fn by_entry(wh: &Webhook, headers: &[(String, String)]) -> ByEntry {
    let find = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_bytes().to_vec())
            .filter(|v| !v.iter().all(|b| *b == b' ' || *b == b'\t'))
    };
    ByEntry {
        values: wh
            .header_lookups(true)
            .iter()
            .map(|names| names.iter().find_map(|n| find(n)))
            .collect(),
    }
}

fn schemes() -> Vec<(Scheme, &'static str)> {
    let mut all: Vec<(Scheme, &'static str)> = [
        Scheme::CostKatana,
        Scheme::UniCraft,
        Scheme::Dash,
        Scheme::SmartAiHub,
        Scheme::Stripe,
        Scheme::GitHub,
        Scheme::Slack,
        Scheme::Shopify,
    ]
    .into_iter()
    .map(|s| (s, "entry_secret"))
    .collect();
    all.push((Scheme::Standard, "whsec_c2VjcmV0LWZvci1lbnRyaWVz"));
    // Custom schemes: id and timestamp, timestamp only, neither.
    all.push((
        Scheme::Custom(
            CustomScheme::new("X-Acme-Signature")
                .id_header("X-Acme-Id")
                .timestamp_header("X-Acme-Timestamp")
                .template("{id}.{timestamp}.{body}")
                .encoding(SignatureEncoding::Base64),
        ),
        "entry_secret",
    ));
    all.push((
        Scheme::Custom(
            CustomScheme::new("X-Acme-Signature")
                .timestamp_header("X-Acme-Timestamp")
                .template("{timestamp}:{body}"),
        ),
        "entry_secret",
    ));
    all.push((
        Scheme::Custom(
            CustomScheme::new("X-Acme-Signature")
                .id_header("X-Acme-Id")
                .template("{id}{body}"),
        ),
        "entry_secret",
    ));
    all.push((
        Scheme::Custom(CustomScheme::new("X-Acme-Signature")),
        "entry_secret",
    ));
    all
}

#[test]
fn every_scheme_verifies_from_entries() {
    for (scheme, secret) in schemes() {
        let wh = Webhook::new(scheme.clone(), &[secret]).unwrap();
        let signed = wh.sign(BODY, Some(NOW), Some("msg_entries")).unwrap();
        let source = by_entry(&wh, &signed);
        wh.verify_signature(BODY, &source, Some(NOW))
            .unwrap_or_else(|e| panic!("{scheme}: {e}"));
        // And the same delivery by name.
        wh.verify_signature(BODY, &signed, Some(NOW)).unwrap();
        // A changed body is refused through entries too.
        let err = wh.verify_signature(b"{}", &source, Some(NOW)).unwrap_err();
        assert_eq!(err.kind(), ErrorCode::SignatureMismatch, "{scheme}");
    }
}

#[test]
fn entries_in_another_order_are_refused() {
    for (scheme, secret) in schemes() {
        let wh = Webhook::new(scheme.clone(), &[secret]).unwrap();
        let signed = wh.sign(BODY, Some(NOW), Some("msg_entries")).unwrap();
        let mut source = by_entry(&wh, &signed);
        if source.values.len() < 2 {
            continue;
        }
        source.values.reverse();
        let err = wh.verify_signature(BODY, &source, Some(NOW)).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorCode::InvalidHeader
                    | ErrorCode::SignatureMismatch
                    | ErrorCode::UnsupportedSignature
            ),
            "{scheme}: {err}"
        );
    }
}

#[test]
fn an_absent_or_blank_entry_is_a_missing_header() {
    for (scheme, secret) in schemes() {
        let wh = Webhook::new(scheme.clone(), &[secret]).unwrap();
        let signed = wh.sign(BODY, Some(NOW), Some("msg_entries")).unwrap();
        let names = wh.header_lookups(true);
        for (i, entry) in names.iter().enumerate() {
            for blank in [None, Some(Vec::new()), Some(b" \t ".to_vec())] {
                let mut source = by_entry(&wh, &signed);
                source.values[i] = blank.clone();
                let result = wh.verify_signature(BODY, &source, Some(NOW));
                // Cost Katana's second entry (its timestamp header) is read
                // only for the `sha256=` form; `sign` makes the `t=` list.
                if scheme == Scheme::CostKatana && i == 1 {
                    result.unwrap();
                    continue;
                }
                let err = result.unwrap_err();
                assert_eq!(
                    err.kind(),
                    ErrorCode::MissingHeader,
                    "{scheme}, entry {i} {entry:?}: {err}"
                );
            }
        }
    }
}
