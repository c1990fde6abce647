//! sign → verify round-trips for every scheme (and random custom schemes)
//! with random secrets, bodies, timestamps, ids and tolerances; the core and
//! the specification model agree on every outcome.

mod common;

use common::{case, config};
use hookseal_hardening::model::{Kind, Model};
use hookseal_hardening::{pairs, webhook};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sign_then_verify_accepts(c in case()) {
        let secrets = c.secret_refs();
        let wh = webhook(&c.kind, &secrets, c.tolerance, 0).expect("built");
        let model = Model::new(&c.kind, &secrets, c.tolerance, 0).expect("model built");
        let signed = wh.sign(&c.body, Some(c.ts), Some(&c.id)).expect("signed");
        let headers = pairs(&signed);
        // the independent model recomputes the HMAC: sign's output is right
        prop_assert_eq!(model.verify_signature(&c.body, &headers, c.ts), Ok(()));
        prop_assert_eq!(wh.verify_signature(&c.body, &headers, Some(c.ts)).map_err(|e| e.code()), Ok(()));

        // rotation: the signing secret anywhere in the list still verifies
        let mut rotated: Vec<&[u8]> = vec![&c.other];
        rotated.extend(secrets.iter().rev());
        rotated.truncate(8);
        if rotated.contains(&secrets[0]) {
            let wh2 = webhook(&c.kind, &rotated, c.tolerance, 0).expect("built");
            prop_assert_eq!(wh2.verify_signature(&c.body, &headers, Some(c.ts)).map_err(|e| e.code()), Ok(()));
        }

        // another secret: refused, with the model's code
        if c.other != c.secrets[0] {
            let others: &[&[u8]] = &[&c.other];
            let wh3 = webhook(&c.kind, others, c.tolerance, 0).expect("built");
            let m3 = Model::new(&c.kind, others, c.tolerance, 0).expect("model");
            let got = wh3.verify_signature(&c.body, &headers, Some(c.ts)).map_err(|e| e.code());
            prop_assert!(got.is_err());
            prop_assert_eq!(got, m3.verify_signature(&c.body, &headers, c.ts));
        }
    }

    /// The clock anywhere around the timestamp: core and model agree, and a
    /// delivery within the tolerance is accepted.
    #[test]
    fn clock_skew_agrees_with_the_model(c in case(), skew in -4000i64..4000) {
        let secrets = c.secret_refs();
        let wh = webhook(&c.kind, &secrets, c.tolerance, 0).expect("built");
        let model = Model::new(&c.kind, &secrets, c.tolerance, 0).expect("model");
        let headers = pairs(&wh.sign(&c.body, Some(c.ts), Some(&c.id)).expect("signed"));
        let now = c.ts.saturating_add_signed(skew);
        let got = wh.verify_signature(&c.body, &headers, Some(now)).map_err(|e| e.code());
        prop_assert_eq!(got, model.verify_signature(&c.body, &headers, now));
        if c.tolerance == 0 || now.abs_diff(c.ts) <= c.tolerance || !c.kind.has_timestamp() {
            prop_assert_eq!(got, Ok(()));
        }
    }

    /// `verify` (event mode) on a JSON body signed with a custom scheme returns
    /// the id and timestamp from the headers.
    #[test]
    fn custom_verify_event_round_trip(c in case(), n in any::<i64>()) {
        prop_assume!(matches!(c.kind, Kind::Custom(_)));
        let secrets = c.secret_refs();
        let wh = webhook(&c.kind, &secrets, c.tolerance, 0).expect("built");
        let body = format!("{{\"n\":{n},\"s\":\"x\"}}");
        let headers = pairs(&wh.sign(body.as_bytes(), Some(c.ts), Some(&c.id)).expect("signed"));
        let ev = wh.verify(body.as_bytes(), &headers, Some(c.ts)).expect("verified");
        prop_assert_eq!(ev.payload()["n"].as_i64(), Some(n));
        prop_assert_eq!(ev.id(), c.kind.has_id().then_some(c.id.as_str()));
        let ts = i64::try_from(c.ts).ok().filter(|_| c.kind.has_timestamp());
        prop_assert_eq!(ev.timestamp(), ts);
    }
}
