//! The custom-scheme description and its signed-content template: arbitrary
//! header names, prefixes, encodings and templates. Construction must agree
//! with the model; what `sign` produces must verify (when it can survive
//! transit); arbitrary extra headers give the model's answer.
//! Frame: [_][flags] sig-header SEP prefix SEP id-header SEP ts-header SEP template SEP secret SEP id SEP body SEP name:value …
//! flags: 1 base64 · 2 id header · 4 timestamp header · 8 extra headers go first · 16 tolerance 0
#![no_main]
use hookseal_fuzz::{build, frame, header_lines, NOW};
use hookseal_hardening::model::{trim, Custom, Kind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((_, flags, parts)) = frame(data) else {
        return;
    };
    if parts.len() < 8 {
        return;
    }
    let s = |i: usize| String::from_utf8_lossy(parts[i]).into_owned();
    let custom = Custom {
        signature_header: s(0),
        prefix: s(1),
        base64: flags & 1 != 0,
        id_header: (flags & 2 != 0).then(|| s(2)),
        timestamp_header: (flags & 4 != 0).then(|| s(3)),
        template: s(4),
    };
    let kind = Kind::Custom(custom.clone());
    let tolerance = if flags & 16 != 0 { 0 } else { 300 };
    let Some((wh, model)) = build(&kind, &[parts[5]], tolerance, 0) else {
        return;
    };
    let id = s(6);
    let body = parts[7];
    let signed = match wh.sign(body, Some(NOW), Some(&id)) {
        Ok(h) => h,
        Err(e) => {
            assert_eq!(e.code(), "invalid_argument");
            assert!(
                custom.id_header.is_some() && id.is_empty(),
                "sign refused: {e}"
            );
            return;
        }
    };
    let mut headers = hookseal_hardening::pairs(&signed);
    let got = wh
        .verify_signature(body, &headers, Some(NOW))
        .map_err(|e| e.code());
    assert_eq!(
        got,
        model.verify_signature(body, &headers, NOW),
        "{custom:?} {headers:?}"
    );
    let mut names: Vec<String> = [
        Some(&custom.signature_header),
        custom.id_header.as_ref(),
        custom.timestamp_header.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|n| n.to_ascii_lowercase())
    .collect();
    let n = names.len();
    names.sort();
    names.dedup();
    let transmissible = names.len() == n
        && !custom.prefix.starts_with([' ', '\t'])
        && (custom.id_header.is_none() || trim(id.as_bytes()) == id.as_bytes());
    if transmissible {
        assert_eq!(
            got,
            Ok(()),
            "sign's own headers do not verify: {custom:?} {headers:?}"
        );
    }
    let extra = header_lines(&parts[8..]);
    if flags & 8 != 0 {
        headers.splice(0..0, extra);
    } else {
        headers.extend(extra);
    }
    let got = wh
        .verify_signature(body, &headers, Some(NOW))
        .map_err(|e| e.code());
    assert_eq!(
        got,
        model.verify_signature(body, &headers, NOW),
        "{custom:?} {headers:?}"
    );
});
