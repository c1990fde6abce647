//! Reproducers for the doubtful behaviours reported in issue 9 (run:
//! `cargo run --example doubtful` in hardening/). Prints what the core does today.
use hookseal::{CustomScheme, Scheme, Webhook};
fn main() {
    let wh = Webhook::new(Scheme::Dash, &["s"]).unwrap();
    for body in [
        r#"{"n":1e400}"#.to_string(),
        format!(r#"{{"n":{}}}"#, "9".repeat(400)),
    ] {
        let h = wh.sign(body.as_bytes(), None, None).unwrap();
        println!(
            "{}…: {:?}",
            &body[..10],
            wh.verify(body.as_bytes(), &h, None)
                .map(|_| ())
                .map_err(|e| e.to_string())
        );
    }
    // sign with an id that has surrounding white space
    let wh = Webhook::new(Scheme::Standard, &["whsec_c2VjcmV0"]).unwrap();
    for id in [" msg_1", "msg_1\t", "msg\r\n1"] {
        let h = wh.sign(b"{}", Some(1_700_000_000), Some(id)).unwrap();
        println!(
            "sign id {id:?} -> verify {:?}",
            wh.verify_signature(b"{}", &h, Some(1_700_000_000))
                .map_err(|e| e.code())
        );
    }
    // custom: prefix with leading space; colliding header names
    for c in [
        CustomScheme::new("X-Sig").prefix(" sha256="),
        CustomScheme::new("X-Sig")
            .id_header("x-sig")
            .template("{id}.{body}"),
        CustomScheme::new("X-Sig").prefix("a\r\nb"),
    ] {
        let wh = Webhook::new(Scheme::Custom(c.clone()), &["s"]).unwrap();
        let h = wh.sign(b"{}", Some(1_700_000_000), Some("m1")).unwrap();
        println!(
            "{c:?}\n   sign -> {h:?} -> verify {:?}",
            wh.verify_signature(b"{}", &h, Some(1_700_000_000))
                .map_err(|e| e.code())
        );
    }
    // sign with timestamp > i64::MAX
    let wh = Webhook::new(Scheme::Stripe, &["s"]).unwrap();
    let h = wh.sign(b"{}", Some(u64::MAX), None).unwrap();
    println!(
        "sign ts u64::MAX -> {:?} -> verify {:?}",
        h,
        wh.verify_signature(b"{}", &h, Some(1_700_000_000))
            .map_err(|e| e.code())
    );
    // now = u64::MAX with tolerance
    let wh = Webhook::new(Scheme::Slack, &["s"]).unwrap();
    let h = wh.sign(b"{}", Some(1), None).unwrap();
    println!(
        "now u64::MAX -> {:?}",
        wh.verify_signature(b"{}", &h, Some(u64::MAX))
            .map_err(|e| e.code())
    );
}
