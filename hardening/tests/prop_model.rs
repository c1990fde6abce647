//! Differential test: signed deliveries, then random structural edits of the
//! headers (tokens inserted, ranges deleted, headers duplicated, removed,
//! renamed, replaced), and random clocks. The core's `verify_signature` and the
//! specification model must return the same code for every input.

mod common;

use common::{case, config};
use hookseal_hardening::model::Model;
use hookseal_hardening::{pairs, webhook, Pairs};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "t=",
    "v1=",
    "v0=",
    "v1,",
    "v1a,",
    "v2,",
    "v2=",
    "sha256=",
    "SHA256=",
    ",",
    ",,",
    " ",
    "  ",
    "\t",
    "=",
    "\r\n",
    "\0",
    "0",
    "9",
    "00",
    "-1",
    "1e3",
    "abc",
    "==",
    "=",
    "whsec_",
    "t=1700000000",
    "t=0,",
    "9223372036854775807",
    "9223372036854775808",
    "ѕha256=",
    "\u{a0}",
    "\u{200b}",
    "ff",
    "FF",
    "+/",
    "v1,AAAA",
];

const NAMES: &[&str] = &[
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "svix-id",
    "svix-timestamp",
    "svix-signature",
    "Stripe-Signature",
    "X-Hub-Signature-256",
    "X-Slack-Signature",
    "X-Slack-Request-Timestamp",
    "X-Shopify-Hmac-Sha256",
    "X-CostKatana-Signature",
    "X-CostKatana-Timestamp",
    "X-UniCraft-Signature",
    "X-Dash-Signature",
    "X-Webhook-Signature",
    "Content-Type",
];

#[derive(Clone, Debug)]
enum Edit {
    Insert {
        h: prop::sample::Index,
        at: prop::sample::Index,
        token: prop::sample::Index,
    },
    Delete {
        h: prop::sample::Index,
        at: prop::sample::Index,
        len: usize,
    },
    Duplicate {
        h: prop::sample::Index,
        first: bool,
        edit_token: prop::sample::Index,
    },
    Remove {
        h: prop::sample::Index,
    },
    Rename {
        h: prop::sample::Index,
        upper: bool,
    },
    Replace {
        h: prop::sample::Index,
        token: prop::sample::Index,
        bytes: Vec<u8>,
    },
    Add {
        name: prop::sample::Index,
        token: prop::sample::Index,
        first: bool,
    },
    Swap {
        h: prop::sample::Index,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    use prop::sample::Index as I;
    prop_oneof![
        4 => (any::<I>(), any::<I>(), any::<I>()).prop_map(|(h, at, token)| Edit::Insert { h, at, token }),
        3 => (any::<I>(), any::<I>(), 1usize..12).prop_map(|(h, at, len)| Edit::Delete { h, at, len }),
        2 => (any::<I>(), any::<bool>(), any::<I>()).prop_map(|(h, first, edit_token)| Edit::Duplicate { h, first, edit_token }),
        1 => any::<I>().prop_map(|h| Edit::Remove { h }),
        1 => (any::<I>(), any::<bool>()).prop_map(|(h, upper)| Edit::Rename { h, upper }),
        1 => (any::<I>(), any::<I>(), prop::collection::vec(any::<u8>(), 0..6)).prop_map(|(h, token, bytes)| Edit::Replace { h, token, bytes }),
        2 => (any::<I>(), any::<I>(), any::<bool>()).prop_map(|(name, token, first)| Edit::Add { name, token, first }),
        1 => any::<I>().prop_map(|h| Edit::Swap { h }),
    ]
}

fn apply(headers: &mut Pairs, e: &Edit) {
    if headers.is_empty() {
        if let Edit::Add { name, token, .. } = e {
            headers.push((
                NAMES[name.index(NAMES.len())].into(),
                TOKENS[token.index(TOKENS.len())].into(),
            ));
        }
        return;
    }
    let n = headers.len();
    match e {
        Edit::Insert { h, at, token } => {
            let v = &mut headers[h.index(n)].1;
            let p = at.index(v.len() + 1);
            let t = TOKENS[token.index(TOKENS.len())].as_bytes();
            v.splice(p..p, t.iter().copied());
        }
        Edit::Delete { h, at, len } => {
            let v = &mut headers[h.index(n)].1;
            if !v.is_empty() {
                let p = at.index(v.len());
                let end = (p + len).min(v.len());
                v.drain(p..end);
            }
        }
        Edit::Duplicate {
            h,
            first,
            edit_token,
        } => {
            let (k, mut v) = headers[h.index(n)].clone();
            if !v.is_empty() {
                let p = edit_token.index(v.len());
                v[p] = v[p].wrapping_add(1);
            }
            if *first {
                headers.insert(0, (k, v));
            } else {
                headers.push((k, v));
            }
        }
        Edit::Remove { h } => {
            headers.remove(h.index(n));
        }
        Edit::Rename { h, upper } => {
            let k = &mut headers[h.index(n)].0;
            *k = if *upper {
                k.to_ascii_uppercase()
            } else {
                k.to_ascii_lowercase()
            };
        }
        Edit::Replace { h, token, bytes } => {
            let mut v = TOKENS[token.index(TOKENS.len())].as_bytes().to_vec();
            v.extend_from_slice(bytes);
            headers[h.index(n)].1 = v;
        }
        Edit::Add { name, token, first } => {
            let pair = (
                NAMES[name.index(NAMES.len())].to_string(),
                TOKENS[token.index(TOKENS.len())].as_bytes().to_vec(),
            );
            if *first {
                headers.insert(0, pair);
            } else {
                headers.push(pair);
            }
        }
        Edit::Swap { h } => {
            let i = h.index(n);
            headers.swap(i, (i + 1) % n);
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn edited_headers_agree_with_the_model(
        c in case(),
        edits in prop::collection::vec(edit(), 1..5),
        skew in prop_oneof![Just(0i64), -1000i64..1000, any::<i64>()],
        max in prop_oneof![Just(0usize), 0usize..9000],
    ) {
        let secrets = c.secret_refs();
        let signer = webhook(&c.kind, &secrets, c.tolerance, 0).expect("built");
        let mut headers = pairs(&signer.sign(&c.body, Some(c.ts), Some(&c.id)).expect("signed"));
        for e in &edits {
            apply(&mut headers, e);
        }
        let wh = webhook(&c.kind, &secrets, c.tolerance, max).expect("built");
        let model = Model::new(&c.kind, &secrets, c.tolerance, max).expect("model");
        let now = c.ts.saturating_add_signed(skew);
        let got = wh.verify_signature(&c.body, &headers, Some(now)).map_err(|e| e.code());
        if std::env::var("HARDENING_STATS").is_ok() { eprintln!("OUTCOME {:?}", got); }
        prop_assert_eq!(got, model.verify_signature(&c.body, &headers, now), "headers {:?}", headers);
    }

    /// Construction: random secrets (prefixes, base64, white space, lengths)
    /// and custom descriptions give the model's error code, or both build.
    #[test]
    fn construction_agrees_with_the_model(
        kind in common::kind(),
        secrets in prop::collection::vec(
            (prop_oneof![Just(""), Just("whsec_"), Just("whpk_"), Just("whsk_"), Just(" whsec_")],
             prop_oneof![
                prop::collection::vec(any::<u8>(), 0..70).prop_map(|b| base64::Engine::encode(&hookseal_hardening::model::B64, b)),
                "[A-Za-z0-9+/= \t]{0,30}",
             ],
             prop_oneof![Just(""), Just(" "), Just("\n"), Just("=")]).prop_map(|(p, b, s)| format!("{p}{b}{s}").into_bytes()),
            0..10),
    ) {
        let refs: Vec<&[u8]> = secrets.iter().map(Vec::as_slice).collect();
        let got = webhook(&kind, &refs, 300, 0).map(|_| ()).map_err(|e| e.code());
        let want = Model::new(&kind, &refs, 300, 0).map(|_| ());
        prop_assert_eq!(got, want);
    }
}
