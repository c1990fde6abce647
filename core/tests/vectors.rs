//! Runs every case in `tests/vectors/*.json` (see tests/vectors/README.md)
//! through the Rust core. The expected outcomes come from an independent
//! oracle (`tests/vectors/generate*.py`) and providers' published examples.
#![cfg(feature = "events")]
#![allow(clippy::expect_used, clippy::panic)] // test code: a failed expectation is the report

use std::path::PathBuf;

use hookseal::{Options, Scheme, Webhook};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn scheme_of(v: &Value) -> Result<Scheme, hookseal::Error> {
    Scheme::from_description_json(&v.to_string())
}

fn body_of(case: &Value) -> Vec<u8> {
    if let Some(b) = case.get("body").and_then(Value::as_str) {
        b.as_bytes().to_vec()
    } else if let Some(h) = case.get("body_hex").and_then(Value::as_str) {
        hex::decode(h).expect("body_hex")
    } else if let Some(r) = case.get("body_repeat") {
        let unit = r["unit"].as_str().expect("unit");
        unit.repeat(r["count"].as_u64().expect("count") as usize)
            .into_bytes()
    } else {
        Vec::new()
    }
}

fn options_of(case: &Value) -> Options {
    let mut o = Options::default();
    if let Some(opts) = case.get("options") {
        if let Some(t) = opts.get("tolerance").and_then(Value::as_u64) {
            o.tolerance = t;
        }
        if let Some(s) = opts.get("strict").and_then(Value::as_bool) {
            o.strict = s;
        }
        if let Some(m) = opts.get("max_payload_bytes").and_then(Value::as_u64) {
            o.max_payload_bytes = m as usize;
        }
    }
    o
}

type Outcome = Result<Option<Value>, hookseal::Error>;

/// Runs one case; returns a description of the failure, if any.
fn run(case: &Value) -> Result<(), String> {
    let secrets: Vec<String> = case["secrets"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default();
    let built = scheme_of(&case["scheme"])
        .and_then(|scheme| Webhook::with_options(scheme, &secrets, options_of(case)));
    let expect = &case["expect"];
    let expected_error = expect.get("error").and_then(Value::as_str);
    let body = body_of(case);

    let outcome: Outcome = built.and_then(|wh| {
        if case.get("op").and_then(Value::as_str) == Some("sign") {
            let id = case.get("msg_id").and_then(Value::as_str);
            let ts = case.get("timestamp").and_then(Value::as_u64);
            let headers = wh.sign(&body, ts, id)?;
            return Ok(Some(serde_json::to_value(headers).expect("json")));
        }
        let headers: Vec<(String, String)> = case["headers"]
            .as_array()
            .expect("headers")
            .iter()
            .map(|p| {
                (
                    p[0].as_str().expect("name").to_string(),
                    p[1].as_str().expect("value").to_string(),
                )
            })
            .collect();
        let now = case.get("now").and_then(Value::as_u64);
        match case
            .get("mode")
            .and_then(Value::as_str)
            .unwrap_or("signature")
        {
            "signature" => wh.verify_signature(&body, &headers, now).map(|()| None),
            "event" => event_outcome(&wh, &body, &headers, now),
            m => panic!("unknown mode {m}"),
        }
    });

    match (outcome, expected_error) {
        (Ok(value), None) => {
            if let Some(want) = case.get("expect_headers") {
                if value.as_ref() != Some(want) {
                    return Err(format!("sign returned {value:?}, expected {want}"));
                }
            }
            if let Some(want) = case.get("event") {
                let got = value.unwrap_or(Value::Null);
                for (k, v) in want.as_object().expect("event object") {
                    if got.get(k) != Some(v) {
                        return Err(format!("event.{k} is {:?}, expected {v}", got.get(k)));
                    }
                }
            }
            Ok(())
        }
        (Ok(_), Some(code)) => Err(format!("accepted, expected {code}")),
        (Err(e), None) => Err(format!("refused with {} ({e}), expected ok", e.code())),
        (Err(e), Some(code)) if e.code() == code => {
            if let Some(part) = expect.get("message_contains").and_then(Value::as_str) {
                if !e.to_string().contains(part) {
                    return Err(format!(
                        "message {:?} does not contain {part:?}",
                        e.to_string()
                    ));
                }
            }
            Ok(())
        }
        (Err(e), Some(code)) => Err(format!("refused with {} ({e}), expected {code}", e.code())),
    }
}

fn event_outcome(
    wh: &Webhook,
    body: &[u8],
    headers: &Vec<(String, String)>,
    now: Option<u64>,
) -> Outcome {
    let event = wh.verify(body, headers, now)?;
    // The event as the bindings receive it: JSON text, read back by serde_json.
    let value = serde_json::from_str(&event.to_json_string()).expect("event JSON");
    Ok(Some(value))
}

#[test]
fn every_vector_passes() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vector files found");
    let (mut total, mut failures) = (0usize, Vec::new());
    let mut ids = std::collections::HashSet::new();
    for file in &files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).expect("read"))
            .expect("valid JSON");
        for case in doc["cases"].as_array().expect("cases array") {
            let id = case["id"].as_str().expect("id").to_string();
            assert!(
                case.get("source")
                    .and_then(Value::as_str)
                    .is_some_and(|s| !s.is_empty()),
                "{id} has no source"
            );
            assert!(ids.insert(id.clone()), "duplicate case id {id}");
            if cfg!(not(feature = "events"))
                && case.get("mode").and_then(Value::as_str) == Some("event")
            {
                continue;
            }
            total += 1;
            if let Err(why) = run(case) {
                failures.push(format!("{id}: {why}"));
            }
        }
    }
    eprintln!("ran {total} vector cases from {} files", files.len());
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
