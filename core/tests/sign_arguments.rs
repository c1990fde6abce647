//! `sign` never emits a header that cannot be sent or verified, and a custom
//! scheme that could not verify its own deliveries is refused when it is built
//! (issue 9, "doubtful behaviours"; docs/SEMANTICS.md, Signing and Custom schemes).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use hookseal::{CustomScheme, ErrorCode, Scheme, Webhook};

const NOW: u64 = 1_700_000_000;

fn code<T>(r: Result<T, hookseal::Error>) -> Option<ErrorCode> {
    r.err().map(|e| e.kind())
}

#[test]
fn sign_refuses_ids_that_cannot_be_sent_or_verified() {
    let wh = Webhook::new(Scheme::Standard, &["whsec_c2VjcmV0"]).unwrap();
    for id in [
        " msg_1",
        "msg_1\t",
        "msg_1 ",
        "msg 1",
        "msg\r\n1",
        "msg_1\n",
        "msg_\u{0}1",
        "msg_\u{7f}",
        "msg_\u{1}",
        "msg_é",
        "msg_\u{200b}",
        "\u{a0}msg",
    ] {
        let err = wh.sign(b"{}", Some(NOW), Some(id)).unwrap_err();
        assert_eq!(err.kind(), ErrorCode::InvalidArgument, "{id:?}");
        assert!(err.to_string().contains("visible ASCII"), "{err}");
    }
    // The whole visible ASCII range is fine, and verifies.
    let id: String = (0x21u8..=0x7e).map(char::from).collect();
    let h = wh.sign(b"{}", Some(NOW), Some(&id)).unwrap();
    wh.verify_signature(b"{}", &h, Some(NOW)).unwrap();
    // Custom schemes with an id header follow the same rule.
    let c = CustomScheme::new("X-Sig")
        .id_header("X-Id")
        .template("{id}.{body}");
    let wh = Webhook::new(Scheme::Custom(c), &["s"]).unwrap();
    assert_eq!(
        code(wh.sign(b"{}", None, Some("a\r\nX-Evil: 1"))),
        Some(ErrorCode::InvalidArgument)
    );
    assert!(wh.sign(b"{}", None, Some("evt_1")).is_ok());
    // A scheme that does not sign an id ignores it.
    let wh = Webhook::new(Scheme::GitHub, &["s"]).unwrap();
    assert!(wh.sign(b"{}", None, Some(" not used\r\n")).is_ok());
}

#[test]
fn sign_refuses_timestamps_a_verifier_refuses() {
    let max = i64::MAX as u64;
    for scheme in [
        Scheme::Stripe,
        Scheme::Slack,
        Scheme::CostKatana,
        Scheme::Standard,
    ] {
        let secret = if scheme == Scheme::Standard {
            "whsec_c2VjcmV0"
        } else {
            "s"
        };
        let wh = Webhook::new(scheme.clone(), &[secret]).unwrap();
        for ts in [max + 1, u64::MAX] {
            let err = wh.sign(b"{}", Some(ts), Some("msg_1")).unwrap_err();
            assert_eq!(err.kind(), ErrorCode::InvalidArgument, "{scheme} {ts}");
            assert!(err.to_string().contains("2^63-1"), "{err}");
        }
        // The largest accepted timestamp signs, and the signature checks out
        // (tolerance 0 switches the window off).
        let h = wh.sign(b"{}", Some(max), Some("msg_1")).unwrap();
        let wh0 = Webhook::with_options(
            scheme.clone(),
            &[secret],
            hookseal::Options {
                tolerance: 0,
                ..Default::default()
            },
        )
        .unwrap();
        wh0.verify_signature(b"{}", &h, Some(NOW)).unwrap();
    }
    // A scheme without a timestamp ignores it.
    let wh = Webhook::new(Scheme::GitHub, &["s"]).unwrap();
    assert!(wh.sign(b"{}", Some(u64::MAX), None).is_ok());
}

#[test]
fn custom_schemes_that_cannot_verify_their_own_deliveries_are_refused() {
    let build = |c: CustomScheme| code(Webhook::new(Scheme::Custom(c), &["s"]));
    let bad = [
        CustomScheme::new("X-Sig").prefix(" sha256="),
        CustomScheme::new("X-Sig").prefix("\tsha256="),
        CustomScheme::new("X-Sig").prefix("sha256=\r\n"),
        CustomScheme::new("X-Sig").prefix("a\nb"),
        CustomScheme::new("X-Sig").prefix("a\u{0}"),
        CustomScheme::new("X-Sig").prefix("v1\t"),
        CustomScheme::new("X-Sig").prefix("\u{7f}"),
        CustomScheme::new("X-Sig").prefix("ѕha256="),
        CustomScheme::new("X-Sig")
            .id_header("x-sig")
            .template("{id}.{body}"),
        CustomScheme::new("X-Sig").timestamp_header("X-SIG"),
        CustomScheme::new("X-Sig")
            .id_header("X-Same")
            .timestamp_header("x-same"),
    ];
    for c in bad {
        assert_eq!(build(c.clone()), Some(ErrorCode::InvalidArgument), "{c:?}");
    }
    let good = [
        CustomScheme::new("X-Sig").prefix("sha256="),
        CustomScheme::new("X-Sig").prefix("sha256= "),
        CustomScheme::new("X-Sig").prefix("t=0, v1="),
        CustomScheme::new("X-Sig")
            .id_header("X-Id")
            .timestamp_header("X-Ts"),
    ];
    for c in good {
        assert_eq!(build(c.clone()), None, "{c:?}");
        let wh = Webhook::new(Scheme::Custom(c.clone()), &["s"]).unwrap();
        let h = wh.sign(b"{}", Some(NOW), Some("m1")).unwrap();
        wh.verify_signature(b"{}", &h, Some(NOW)).unwrap();
    }
    let err = Webhook::new(
        Scheme::Custom(CustomScheme::new("X-Sig").prefix(" v1=")),
        &["s"],
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("may not start with a space"),
        "{err}"
    );
}
