//! Secrets as users pass them: empty, prefixed (whsec_/whpk_/whsk_), not
//! base64, with white space, too many. Construction must agree with the model;
//! a verifier that can sign must verify its own signature.
//! Frame: [scheme][_] secret SEP secret SEP …
#![no_main]
use hookseal_fuzz::{build, frame, kind, NOW};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((sel, _, parts)) = frame(data) else {
        return;
    };
    let kind = kind(sel);
    let Some((wh, model)) = build(&kind, &parts, 300, 0) else {
        return;
    };
    let body = b"{\"type\":\"x\"}";
    match wh.sign(body, Some(NOW), Some("msg_1")) {
        Ok(h) => {
            let headers = hookseal_hardening::pairs(&h);
            assert_eq!(
                wh.verify_signature(body, &headers, Some(NOW))
                    .map_err(|e| e.code()),
                Ok(())
            );
            assert_eq!(model.verify_signature(body, &headers, NOW), Ok(()));
        }
        Err(e) => {
            assert_eq!(e.code(), "invalid_argument");
            assert!(
                parts[0].starts_with(b"whpk_"),
                "only a whpk_ first key cannot sign: {e}"
            );
        }
    }
});
