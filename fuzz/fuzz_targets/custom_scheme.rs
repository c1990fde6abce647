//! The custom-scheme description and its signed-content template: arbitrary
//! header names, prefixes, encodings and templates. Construction must agree
//! with the model; whatever `sign` produces must verify; arbitrary extra headers give the model's answer.
//! Frame: [_][flags] sig-header SEP prefix SEP id-header SEP ts-header SEP template SEP secret SEP id SEP body SEP name:value …
//! flags: 1 base64 · 2 id header · 4 timestamp header · 8 extra headers go first · 16 tolerance 0
#![no_main]
use hookseal_fuzz::{build, frame, header_lines, NOW};
use hookseal_hardening::model::{valid_sign_id, Custom, Kind};
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
                custom.id_header.is_some() && !valid_sign_id(&id),
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
    // Construction refuses descriptions whose deliveries could not verify, and
    // sign refuses ids that could not: whatever sign produced verifies.
    assert_eq!(
        got,
        Ok(()),
        "sign's own headers do not verify: {custom:?} {headers:?}"
    );
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
