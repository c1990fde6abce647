//! Every conformance vector through the exported functions, called as C
//! would call them (both header shapes), plus the ABI's own edge cases.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::undocumented_unsafe_blocks,
    clippy::multiple_unsafe_ops_per_block,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc
)]

use core::ptr::{null, null_mut};
use std::path::PathBuf;

use serde_json::Value;

use super::*;

fn s(b: &[u8]) -> hookseal_str {
    hookseal_str {
        ptr: b.as_ptr().cast(),
        len: b.len(),
    }
}

fn opt(v: Option<&Value>) -> Option<Vec<u8>> {
    v.and_then(Value::as_str).map(|t| t.as_bytes().to_vec())
}

fn body_of(case: &Value) -> Vec<u8> {
    if let Some(t) = case.get("body").and_then(Value::as_str) {
        return t.as_bytes().to_vec();
    }
    if let Some(h) = case.get("body_hex").and_then(Value::as_str) {
        return (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
            .collect();
    }
    let r = &case["body_repeat"];
    r["unit"]
        .as_str()
        .unwrap()
        .repeat(r["count"].as_u64().unwrap() as usize)
        .into_bytes()
}

/// Owns the C view of a webhook's construction arguments and the handle.
struct Built {
    code: hookseal_result,
    message: String,
    handle: *mut hookseal_webhook,
}

impl Drop for Built {
    fn drop(&mut self) {
        unsafe { hookseal_webhook_free(self.handle) };
    }
}

fn build(case: &Value) -> Built {
    let secrets: Vec<Vec<u8>> = case["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().as_bytes().to_vec())
        .collect();
    let secret_strs: Vec<hookseal_str> = secrets.iter().map(|v| s(v)).collect();
    let mut options = hookseal_options_default();
    if let Some(o) = case.get("options") {
        if let Some(t) = o.get("tolerance").and_then(Value::as_u64) {
            options.tolerance = t;
        }
        if let Some(t) = o.get("strict").and_then(Value::as_bool) {
            options.strict = t;
        }
        if let Some(t) = o.get("max_payload_bytes").and_then(Value::as_u64) {
            options.max_payload_bytes = t as usize;
        }
    }
    let mut handle = null_mut();
    let mut msg = [0 as c_char; 512];
    let mut msg_len = 0usize;
    let code = match &case["scheme"] {
        Value::String(id) => unsafe {
            hookseal_webhook_new(
                id.as_ptr().cast(),
                id.len(),
                secret_strs.as_ptr(),
                secret_strs.len(),
                &options,
                &mut handle,
                msg.as_mut_ptr(),
                msg.len(),
                &mut msg_len,
            )
        },
        desc => {
            let event = desc.get("event");
            let fields: Vec<Option<Vec<u8>>> = [
                "signature_header",
                "prefix",
                "encoding",
                "id_header",
                "timestamp_header",
                "template",
            ]
            .iter()
            .map(|k| opt(desc.get(*k)))
            .chain(
                ["id", "type", "timestamp"]
                    .iter()
                    .map(|k| opt(event.and_then(|e| e.get(*k)))),
            )
            .collect();
            let f = |i: usize| {
                fields[i].as_deref().map_or(
                    hookseal_str {
                        ptr: null(),
                        len: 0,
                    },
                    s,
                )
            };
            let scheme = hookseal_custom_scheme {
                signature_header: f(0),
                prefix: f(1),
                encoding: f(2),
                id_header: f(3),
                timestamp_header: f(4),
                template_: f(5),
                event_id_field: f(6),
                event_type_field: f(7),
                event_timestamp_field: f(8),
            };
            let code = unsafe {
                hookseal_webhook_new_custom(
                    &scheme,
                    secret_strs.as_ptr(),
                    secret_strs.len(),
                    &options,
                    &mut handle,
                    msg.as_mut_ptr(),
                    msg.len(),
                    &mut msg_len,
                )
            };
            // The portable description (JSON) must build the same verifier.
            let json = serde_json::to_string(desc).unwrap();
            let mut other = null_mut();
            let code2 = unsafe {
                hookseal_webhook_new_from_description(
                    json.as_ptr().cast(),
                    json.len(),
                    secret_strs.as_ptr(),
                    secret_strs.len(),
                    &options,
                    &mut other,
                    null_mut(),
                    0,
                    null_mut(),
                )
            };
            assert_eq!(
                code, code2,
                "{}: struct and description disagree",
                case["id"]
            );
            if !other.is_null() {
                let names = |wh| {
                    let mut n = hookseal_str {
                        ptr: null(),
                        len: 0,
                    };
                    unsafe { hookseal_webhook_header_names(wh, &mut n) };
                    unsafe { core::slice::from_raw_parts(n.ptr.cast::<u8>(), n.len) }.to_vec()
                };
                assert_eq!(names(handle.cast_const()), names(other.cast_const()));
            }
            unsafe { hookseal_webhook_free(other) };
            code
        }
    };
    let message = unsafe { core::ffi::CStr::from_ptr(msg.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    assert_eq!(message.len(), msg_len.min(511));
    Built {
        code,
        message,
        handle,
    }
}

fn code_str(code: hookseal_result) -> String {
    unsafe { core::ffi::CStr::from_ptr(hookseal_result_code(code as u32)) }
        .to_str()
        .unwrap()
        .to_string()
}

fn pack(headers: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (n, v) in headers {
        out.extend_from_slice(&(n.len() as u32).to_le_bytes());
        out.extend_from_slice(&(v.len() as u32).to_le_bytes());
        out.extend_from_slice(n);
        out.extend_from_slice(v);
    }
    out
}

/// Runs one verify case both ways; returns the result code and the event JSON.
fn verify_case(
    wh: *const hookseal_webhook,
    case: &Value,
    event: bool,
) -> (hookseal_result, Option<Value>, String) {
    let body = body_of(case);
    let headers: Vec<(Vec<u8>, Vec<u8>)> = case["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().as_bytes().to_vec(),
                p[1].as_str().unwrap().as_bytes().to_vec(),
            )
        })
        .collect();
    let c_headers: Vec<hookseal_header> = headers
        .iter()
        .map(|(n, v)| hookseal_header {
            name: s(n),
            value: s(v),
        })
        .collect();
    let packed = pack(&headers);
    // What the PHP library does: pass only the headers the verifier may read.
    let mut names = hookseal_str {
        ptr: null(),
        len: 0,
    };
    assert_eq!(
        unsafe { hookseal_webhook_header_names(wh, &mut names) },
        hookseal_result::Ok
    );
    let names = String::from_utf8(
        unsafe { core::slice::from_raw_parts(names.ptr.cast::<u8>(), names.len) }.to_vec(),
    )
    .unwrap();
    let wanted: Vec<&str> = names.split(' ').collect();
    let filtered: Vec<(Vec<u8>, Vec<u8>)> = headers
        .iter()
        .filter(|(n, _)| wanted.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(n)))
        .cloned()
        .collect();
    let filtered = pack(&filtered);
    let now = case.get("now").and_then(Value::as_i64).unwrap_or(-1);
    let mut msg = [0 as c_char; 512];
    let mut msg_len = 0usize;
    if !event {
        let a = unsafe {
            hookseal_verify_signature(
                wh,
                body.as_ptr().cast(),
                body.len(),
                c_headers.as_ptr(),
                c_headers.len(),
                now,
                msg.as_mut_ptr(),
                msg.len(),
                &mut msg_len,
            )
        };
        let b = unsafe {
            hookseal_verify_signature_packed(
                wh,
                body.as_ptr().cast(),
                body.len(),
                packed.as_ptr().cast(),
                packed.len(),
                now,
                null_mut(),
                0,
                null_mut(),
            )
        };
        assert_eq!(a, b, "packed and array headers disagree");
        let c = unsafe {
            hookseal_verify_signature_packed(
                wh,
                body.as_ptr().cast(),
                body.len(),
                filtered.as_ptr().cast(),
                filtered.len(),
                now,
                null_mut(),
                0,
                null_mut(),
            )
        };
        assert_eq!(a, c, "{}: only the headers named by hookseal_webhook_header_names ({names}) give another result", case["id"]);
        let message = unsafe { core::ffi::CStr::from_ptr(msg.as_ptr()) }
            .to_string_lossy()
            .into_owned();
        return (a, None, message);
    }
    let mut json: *mut c_char = null_mut();
    let mut json_len = 0usize;
    let a = unsafe {
        hookseal_verify(
            wh,
            body.as_ptr().cast(),
            body.len(),
            c_headers.as_ptr(),
            c_headers.len(),
            now,
            hookseal_event_format::Full as u32,
            &mut json,
            &mut json_len,
            msg.as_mut_ptr(),
            msg.len(),
            &mut msg_len,
        )
    };
    let mut json2: *mut c_char = null_mut();
    let b = unsafe {
        hookseal_verify_packed(
            wh,
            body.as_ptr().cast(),
            body.len(),
            packed.as_ptr().cast(),
            packed.len(),
            now,
            hookseal_event_format::DataPath as u32,
            &mut json2,
            null_mut(),
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(a, b, "packed and array headers disagree");
    let mut json3: *mut c_char = null_mut();
    let c = unsafe {
        hookseal_verify_packed(
            wh,
            body.as_ptr().cast(),
            body.len(),
            filtered.as_ptr().cast(),
            filtered.len(),
            now,
            hookseal_event_format::DataPath as u32,
            &mut json3,
            null_mut(),
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(
        a, c,
        "{}: only the headers named by hookseal_webhook_header_names ({names}) give another result",
        case["id"]
    );
    unsafe { hookseal_string_free(json3) };
    let parsed = (!json.is_null()).then(|| {
        let text = unsafe { core::slice::from_raw_parts(json.cast::<u8>(), json_len) };
        serde_json::from_slice::<Value>(text).unwrap()
    });
    // The data-path shape carries the same event.
    if let Some(full) = &parsed {
        let lean: Value =
            serde_json::from_slice(unsafe { core::ffi::CStr::from_ptr(json2) }.to_bytes()).unwrap();
        let mut rebuilt = lean.clone();
        let data = match &lean["data_path"] {
            Value::Null => Value::Null,
            Value::Array(keys) => keys.iter().fold(lean["payload"].clone(), |v, k| {
                v[k.as_str().unwrap()].clone()
            }),
            other => panic!("{}: data_path {other}", case["id"]),
        };
        let obj = rebuilt.as_object_mut().unwrap();
        obj.remove("data_path");
        obj.insert("data".into(), data);
        assert_eq!(
            &rebuilt, full,
            "{}: the data-path event differs",
            case["id"]
        );
    }
    unsafe {
        hookseal_string_free(json);
        hookseal_string_free(json2);
    }
    let message = unsafe { core::ffi::CStr::from_ptr(msg.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    (a, parsed, message)
}

fn sign_case(
    wh: *const hookseal_webhook,
    case: &Value,
) -> Result<Vec<(String, String)>, (hookseal_result, String)> {
    let body = body_of(case);
    let ts = case.get("timestamp").and_then(Value::as_i64).unwrap_or(-1);
    let id = case.get("msg_id").and_then(Value::as_str);
    let mut out = null_mut();
    let mut msg = [0 as c_char; 512];
    let code = unsafe {
        hookseal_sign(
            wh,
            body.as_ptr().cast(),
            body.len(),
            ts,
            id.map_or(null(), |i| i.as_ptr().cast()),
            id.map_or(0, str::len),
            &mut out,
            msg.as_mut_ptr(),
            msg.len(),
            null_mut(),
        )
    };
    if code != hookseal_result::Ok {
        let message = unsafe { core::ffi::CStr::from_ptr(msg.as_ptr()) }
            .to_string_lossy()
            .into_owned();
        return Err((code, message));
    }
    let n = unsafe { hookseal_signed_headers_len(out) };
    let mut pairs = Vec::new();
    for i in 0..n {
        let (mut name, mut value) = (
            hookseal_str {
                ptr: null(),
                len: 0,
            },
            hookseal_str {
                ptr: null(),
                len: 0,
            },
        );
        assert_eq!(
            unsafe { hookseal_signed_headers_get(out, i, &mut name, &mut value) },
            hookseal_result::Ok
        );
        let get = |x: hookseal_str| {
            String::from_utf8(
                unsafe { core::slice::from_raw_parts(x.ptr.cast::<u8>(), x.len) }.to_vec(),
            )
            .unwrap()
        };
        pairs.push((get(name), get(value)));
    }
    let mut name = hookseal_str {
        ptr: null(),
        len: 0,
    };
    assert_eq!(
        unsafe { hookseal_signed_headers_get(out, n, &mut name, &mut name) },
        hookseal_result::InvalidArgument
    );
    unsafe { hookseal_signed_headers_free(out) };
    Ok(pairs)
}

fn vector_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_vector_through_the_c_abi() {
    let (mut run, mut failures) = (0usize, Vec::new());
    for file in vector_files() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            run += 1;
            let id = case["id"].as_str().unwrap();
            let built = build(case);
            let sign = case.get("op").and_then(Value::as_str) == Some("sign");
            let expected = if let Some(e) = case
                .get("expect")
                .and_then(|x| x.get("error"))
                .and_then(Value::as_str)
            {
                e.to_string()
            } else {
                "ok".to_string()
            };
            if built.code != hookseal_result::Ok {
                if code_str(built.code) != expected {
                    failures.push(format!(
                        "{id}: construction gave {} ({}), expected {expected}",
                        code_str(built.code),
                        built.message
                    ));
                }
                continue;
            }
            assert!(built.message.is_empty());
            if sign && expected != "ok" {
                match sign_case(built.handle, case) {
                    Err((code, _)) if code_str(code) == expected => {}
                    other => {
                        failures.push(format!("{id}: sign gave {other:?}, expected {expected}"))
                    }
                }
                continue;
            }
            if sign {
                let want: Vec<(String, String)> = case["expect_headers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        (
                            p[0].as_str().unwrap().to_string(),
                            p[1].as_str().unwrap().to_string(),
                        )
                    })
                    .collect();
                match sign_case(built.handle, case) {
                    Ok(got) if got == want => {}
                    other => failures.push(format!("{id}: sign gave {other:?}, expected {want:?}")),
                }
                continue;
            }
            let event = case.get("mode").and_then(Value::as_str) == Some("event");
            let (code, json, message) = verify_case(built.handle, case, event);
            if code_str(code) != expected {
                failures.push(format!(
                    "{id}: got {} ({message}), expected {expected}",
                    code_str(code)
                ));
                continue;
            }
            if let (Some(want), Some(got)) = (case.get("event").filter(|_| expected == "ok"), json)
            {
                for (k, v) in want.as_object().unwrap() {
                    if got.get(k) != Some(v) {
                        failures.push(format!("{id}: event.{k} = {:?}, expected {v}", got.get(k)));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {run} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(run >= 1000, "only {run} vector cases found");
    println!("{run} vector cases passed through the C ABI");
}

#[test]
fn result_enum_matches_the_core_codes() {
    for code in hookseal::ErrorCode::ALL {
        let r = hookseal_result::from_code(code);
        assert_eq!(r as u32, code as u32);
        assert_eq!(code_str(r), code.as_str());
    }
    assert_eq!(code_str(hookseal_result::Ok), "ok");
    assert_eq!(hookseal_result_http_status(0), 200);
    assert_eq!(
        hookseal_result_http_status(hookseal_result::SignatureMismatch as u32),
        401
    );
    assert_eq!(
        hookseal_result_http_status(hookseal_result::PayloadTooLarge as u32),
        413
    );
    assert_eq!(
        hookseal_result_http_status(hookseal_result::Panic as u32),
        500
    );
    assert_eq!(hookseal_result_http_status(77), 500);
    assert_eq!(code_str(hookseal_result::Panic), "panic");
    let unknown = unsafe { core::ffi::CStr::from_ptr(hookseal_result_code(77)) };
    assert_eq!(unknown.to_str().unwrap(), "unknown");
}

#[test]
fn null_pointers_are_refused_not_read() {
    let mut handle = null_mut();
    let mut msg = [0 as c_char; 16];
    let mut len = 0usize;
    let code = unsafe {
        hookseal_webhook_new(
            null(),
            6,
            null(),
            0,
            null(),
            &mut handle,
            msg.as_mut_ptr(),
            msg.len(),
            &mut len,
        )
    };
    assert_eq!(code, hookseal_result::InvalidArgument);
    assert!(handle.is_null());
    let text = unsafe { core::ffi::CStr::from_ptr(msg.as_ptr()) }
        .to_str()
        .unwrap();
    assert_eq!(text, "invalid argumen", "cut to fit the buffer");
    assert_eq!(
        len,
        "invalid argument: scheme is NULL but its length is 6".len(),
        "the full length is reported"
    );

    let code = unsafe {
        hookseal_verify_signature(null(), null(), 0, null(), 0, -1, null_mut(), 0, null_mut())
    };
    assert_eq!(code, hookseal_result::InvalidArgument);
    let code = unsafe {
        hookseal_sign(
            null(),
            null(),
            0,
            -1,
            null(),
            0,
            null_mut(),
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(code, hookseal_result::InvalidArgument);
    unsafe {
        hookseal_webhook_free(null_mut());
        hookseal_string_free(null_mut());
        hookseal_signed_headers_free(null_mut());
        assert_eq!(hookseal_signed_headers_len(null()), 0);
    }

    let secret = b"s3cret";
    let secrets = [s(secret)];
    let code = unsafe {
        hookseal_webhook_new(
            c"github".as_ptr(),
            6,
            secrets.as_ptr(),
            1,
            null(),
            &mut handle,
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(code, hookseal_result::Ok);
    // A header array entry with a NULL pointer and a length is refused.
    let bad = [hookseal_header {
        name: hookseal_str {
            ptr: null(),
            len: 4,
        },
        value: s(b"x"),
    }];
    let code = unsafe {
        hookseal_verify_signature(
            handle,
            null(),
            0,
            bad.as_ptr(),
            1,
            -1,
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(code, hookseal_result::InvalidArgument);
    // verify without an out-pointer for the event is refused before any work.
    let code = unsafe {
        hookseal_verify(
            handle,
            null(),
            0,
            null(),
            0,
            -1,
            0,
            null_mut(),
            null_mut(),
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(code, hookseal_result::InvalidArgument);
    unsafe { hookseal_webhook_free(handle) };
}

#[test]
fn messages_are_cut_at_a_character_boundary() {
    // A custom header name with multi-byte characters lands in the message.
    let name = "X-Ünïcödé-Sig";
    let none = hookseal_str {
        ptr: null(),
        len: 0,
    };
    let scheme = hookseal_custom_scheme {
        signature_header: s(name.as_bytes()),
        prefix: none,
        encoding: none,
        id_header: none,
        timestamp_header: none,
        template_: none,
        event_id_field: none,
        event_type_field: none,
        event_timestamp_field: none,
    };
    let secrets = [s(b"k")];
    let mut handle = null_mut();
    for cap in 1..80 {
        let mut msg = vec![0x55 as c_char; cap];
        let code = unsafe {
            hookseal_webhook_new_custom(
                &scheme,
                secrets.as_ptr(),
                1,
                null(),
                &mut handle,
                msg.as_mut_ptr(),
                cap,
                null_mut(),
            )
        };
        assert_eq!(code, hookseal_result::InvalidArgument);
        let text = unsafe { core::ffi::CStr::from_ptr(msg.as_ptr()) };
        assert!(text.to_str().is_ok(), "cap {cap}: {text:?}");
        assert!(text.to_bytes().len() < cap);
    }
}

/// A header map that records every name the core asks for.
struct Recording<'a> {
    pairs: &'a [(String, String)],
    asked: std::cell::RefCell<std::collections::BTreeSet<String>>,
}

impl hookseal::Headers for Recording<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.asked.borrow_mut().insert(name.to_string());
        hookseal::Headers::get(self.pairs, name)
    }
}

#[test]
fn every_header_the_core_reads_is_listed() {
    let mut checked = 0;
    for file in vector_files() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let Some(id) = case["scheme"].as_str() else {
                continue;
            };
            let Some(headers) = case.get("headers").and_then(Value::as_array) else {
                continue;
            };
            let scheme: hookseal::Scheme = id.parse().unwrap();
            let secrets: Vec<&str> = case["secrets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let Ok(wh) = hookseal::Webhook::new(scheme, &secrets) else {
                continue;
            };
            let listed = wh.header_names();
            let pairs: Vec<(String, String)> = headers
                .iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap().to_string(),
                        p[1].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            let rec = Recording {
                pairs: &pairs,
                asked: Default::default(),
            };
            let now = case.get("now").and_then(Value::as_u64);
            let _ = wh.verify(&body_of(case), &rec, now);
            for name in rec.asked.borrow().iter() {
                assert!(
                    listed.contains(&name.as_str()),
                    "{}: the core read {name}, which Webhook::header_names() for {id} does not list",
                    case["id"]
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} cases checked");
}

#[test]
fn the_replay_guard_refuses_a_second_delivery() {
    let secret = b"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let secrets = [s(secret)];
    let mut options = hookseal_options_default();
    assert_eq!((options.replay_capacity, options.replay_ttl), (0, 600));
    options.replay_capacity = 16;
    let mut wh = null_mut();
    let code = unsafe {
        hookseal_webhook_new(
            c"standard".as_ptr(),
            8,
            secrets.as_ptr(),
            1,
            &options,
            &mut wh,
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(code, hookseal_result::Ok);
    let body = br#"{"type":"user.created","data":{}}"#;
    let mut signed = null_mut();
    let code = unsafe {
        hookseal_sign(
            wh,
            body.as_ptr().cast(),
            body.len(),
            1_700_000_000,
            c"msg_1".as_ptr(),
            5,
            &mut signed,
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(code, hookseal_result::Ok);
    let n = unsafe { hookseal_signed_headers_len(signed) };
    let mut headers = Vec::new();
    for i in 0..n {
        let (mut name, mut value) = (
            hookseal_str {
                ptr: null(),
                len: 0,
            },
            hookseal_str {
                ptr: null(),
                len: 0,
            },
        );
        unsafe { hookseal_signed_headers_get(signed, i, &mut name, &mut value) };
        headers.push(hookseal_header { name, value });
    }
    let verify = || {
        let mut json = null_mut();
        let code = unsafe {
            hookseal_verify(
                wh,
                body.as_ptr().cast(),
                body.len(),
                headers.as_ptr(),
                headers.len(),
                1_700_000_000,
                0,
                &mut json,
                null_mut(),
                null_mut(),
                0,
                null_mut(),
            )
        };
        unsafe { hookseal_string_free(json) };
        code
    };
    assert_eq!(verify(), hookseal_result::Ok);
    assert_eq!(verify(), hookseal_result::DuplicateEvent);
    unsafe { hookseal_signed_headers_free(signed) };
    unsafe { hookseal_webhook_free(wh) };
}

/// Builds a verifier for a built-in scheme id, returning the code and the handle.
fn new_webhook(
    scheme: &[u8],
    secrets: &[hookseal_str],
) -> (hookseal_result, *mut hookseal_webhook) {
    let mut handle = null_mut();
    let code = unsafe {
        hookseal_webhook_new(
            scheme.as_ptr().cast(),
            scheme.len(),
            secrets.as_ptr(),
            secrets.len(),
            null(),
            &mut handle,
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(code == hookseal_result::Ok, !handle.is_null(), "{code:?}");
    (code, handle)
}

/// Lengths that no object can have: every one is refused before a byte is read
/// (the pointers below point to a few bytes only; reading would be caught by
/// valgrind/ASan, and would usually crash).
const HUGE: [usize; 3] = [isize::MAX as usize + 1, usize::MAX - 7, usize::MAX];

#[test]
fn hostile_lengths_and_text_are_refused_at_build() {
    use hookseal_result::{InvalidArgument, InvalidSecret, Ok as Fine};
    let secret = [s(b"s3cret")];
    // The scheme id: NULL with a length, empty, not UTF-8, lengths over isize::MAX.
    let null_scheme = unsafe {
        hookseal_webhook_new(
            null(),
            6,
            secret.as_ptr(),
            1,
            null(),
            &mut null_mut(),
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(null_scheme, InvalidArgument);
    assert_eq!(
        new_webhook(b"", &secret).0,
        InvalidArgument,
        "empty scheme id"
    );
    assert_eq!(new_webhook(b"git\xffhub", &secret).0, InvalidArgument);
    assert_eq!(
        new_webhook(b"\xc3", &secret).0,
        InvalidArgument,
        "a cut UTF-8 sequence"
    );
    for len in HUGE {
        let mut handle = null_mut();
        let code = unsafe {
            hookseal_webhook_new(
                c"github".as_ptr(),
                len,
                secret.as_ptr(),
                1,
                null(),
                &mut handle,
                null_mut(),
                0,
                null_mut(),
            )
        };
        assert_eq!(
            (code, handle.is_null()),
            (InvalidArgument, true),
            "scheme_len {len}"
        );
        let code = unsafe {
            hookseal_webhook_new_from_description(
                c"\"github\"".as_ptr(),
                len,
                secret.as_ptr(),
                1,
                null(),
                &mut handle,
                null_mut(),
                0,
                null_mut(),
            )
        };
        assert_eq!(
            (code, handle.is_null()),
            (InvalidArgument, true),
            "description_len {len}"
        );
    }
    // The secrets array: NULL with a length, no secret, element counts whose
    // byte size overflows, a secret that is NULL with a length or huge.
    let code = unsafe {
        hookseal_webhook_new(
            c"github".as_ptr(),
            6,
            null(),
            2,
            null(),
            &mut null_mut(),
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(code, InvalidArgument);
    assert_eq!(new_webhook(b"github", &[]).0, InvalidSecret, "no secret");
    for len in [usize::MAX / 16 + 1, usize::MAX / 2, usize::MAX] {
        let code = unsafe {
            hookseal_webhook_new(
                c"github".as_ptr(),
                6,
                secret.as_ptr(),
                len,
                null(),
                &mut null_mut(),
                null_mut(),
                0,
                null_mut(),
            )
        };
        assert_eq!(code, InvalidArgument, "secrets_len {len}");
    }
    let null_secret = [hookseal_str {
        ptr: null(),
        len: 5,
    }];
    assert_eq!(new_webhook(b"github", &null_secret).0, InvalidArgument);
    for len in HUGE {
        let huge_secret = [hookseal_str {
            ptr: c"abc".as_ptr(),
            len,
        }];
        assert_eq!(
            new_webhook(b"github", &huge_secret).0,
            InvalidArgument,
            "secret len {len}"
        );
    }
    // Empty secrets are invalid_secret; a secret of zero length with a NULL
    // pointer is the same empty secret.
    assert_eq!(new_webhook(b"github", &[s(b"")]).0, InvalidSecret);
    assert_eq!(
        new_webhook(b"github", &[hookseal_str::NULL]).0,
        InvalidSecret
    );
    // HMAC secrets are bytes: non-UTF-8 is a valid key. A `whsec_` secret
    // must be base64 text: non-UTF-8 there is invalid_secret.
    let (code, handle) = new_webhook(b"github", &[s(b"\xff\xfe\x00key")]);
    assert_eq!(code, Fine);
    unsafe { hookseal_webhook_free(handle) };
    assert_eq!(
        new_webhook(b"standard", &[s(b"whsec_\xff\xfe")]).0,
        InvalidSecret
    );

    // Custom schemes: every text field non-UTF-8, NULL with a length, or huge.
    let none = hookseal_str::NULL;
    let base = hookseal_custom_scheme {
        signature_header: s(b"X-Sig"),
        prefix: none,
        encoding: none,
        id_header: none,
        timestamp_header: none,
        template_: none,
        event_id_field: none,
        event_type_field: none,
        event_timestamp_field: none,
    };
    let custom = |scheme: &hookseal_custom_scheme| {
        let mut handle = null_mut();
        let code = unsafe {
            hookseal_webhook_new_custom(
                scheme,
                secret.as_ptr(),
                1,
                null(),
                &mut handle,
                null_mut(),
                0,
                null_mut(),
            )
        };
        unsafe { hookseal_webhook_free(handle) };
        code
    };
    assert_eq!(custom(&base), Fine);
    let bad_values = [
        s(b"X-\xffSig"),
        hookseal_str {
            ptr: null(),
            len: 3,
        },
        hookseal_str {
            ptr: c"X-Sig".as_ptr(),
            len: usize::MAX,
        },
        hookseal_str {
            ptr: c"X-Sig".as_ptr(),
            len: isize::MAX as usize + 1,
        },
    ];
    for field in 0..9 {
        for bad in bad_values {
            let mut scheme = base;
            let slot = match field {
                0 => &mut scheme.signature_header,
                1 => &mut scheme.prefix,
                2 => &mut scheme.encoding,
                3 => &mut scheme.id_header,
                4 => &mut scheme.timestamp_header,
                5 => &mut scheme.template_,
                6 => &mut scheme.event_id_field,
                7 => &mut scheme.event_type_field,
                _ => &mut scheme.event_timestamp_field,
            };
            *slot = bad;
            assert_eq!(custom(&scheme), InvalidArgument, "field {field}, {bad:?}");
        }
    }
    let mut no_header = base;
    no_header.signature_header = none;
    assert_eq!(
        custom(&no_header),
        InvalidArgument,
        "signature_header is required"
    );
    no_header.signature_header = s(b"");
    assert_eq!(
        custom(&no_header),
        InvalidArgument,
        "an empty signature_header"
    );
}

#[test]
fn hostile_lengths_and_text_are_refused_at_verify_and_sign() {
    use hookseal_result::{
        InvalidArgument, InvalidHeader, MissingHeader, Ok as Fine, SignatureMismatch,
    };
    let (code, wh) = new_webhook(b"github", &[s(b"s3cret")]);
    assert_eq!(code, Fine);
    let body = b"{}";
    let verify = |payload: *const c_void, payload_len: usize, headers: &[hookseal_header]| unsafe {
        hookseal_verify_signature(
            wh,
            payload,
            payload_len,
            headers.as_ptr(),
            headers.len(),
            -1,
            null_mut(),
            0,
            null_mut(),
        )
    };
    let header = |name: &'static [u8], value: &'static [u8]| hookseal_header {
        name: s(name),
        value: s(value),
    };
    let sig = header(b"X-Hub-Signature-256", b"sha256=00");
    // The payload: NULL with a length, huge lengths; NULL with 0 is the empty body.
    assert_eq!(verify(null(), 2, &[sig]), InvalidArgument);
    for len in HUGE {
        assert_eq!(
            verify(body.as_ptr().cast(), len, &[sig]),
            InvalidArgument,
            "payload_len {len}"
        );
    }
    assert_eq!(
        verify(null(), 0, &[sig]),
        InvalidHeader,
        "empty body, a one-byte signature"
    );
    // The headers array: NULL with a length, counts whose byte size overflows
    // isize::MAX or usize::MAX.
    let code = unsafe {
        hookseal_verify_signature(
            wh,
            body.as_ptr().cast(),
            2,
            null(),
            1,
            -1,
            null_mut(),
            0,
            null_mut(),
        )
    };
    assert_eq!(code, InvalidArgument, "headers NULL with a length");
    let elem = core::mem::size_of::<hookseal_header>();
    for len in [
        isize::MAX as usize / elem + 1,
        usize::MAX / elem + 1,
        usize::MAX,
    ] {
        let code = unsafe {
            hookseal_verify_signature(
                wh,
                body.as_ptr().cast(),
                2,
                &sig,
                len,
                -1,
                null_mut(),
                0,
                null_mut(),
            )
        };
        assert_eq!(code, InvalidArgument, "headers_len {len}");
    }
    // Header names and values: huge lengths refused; non-UTF-8 values are
    // bytes the scheme parser refuses; a non-UTF-8 name matches nothing.
    for len in HUGE {
        let h = hookseal_header {
            name: s(b"X-Hub-Signature-256"),
            value: hookseal_str {
                ptr: c"sha256=".as_ptr(),
                len,
            },
        };
        assert_eq!(
            verify(body.as_ptr().cast(), 2, &[h]),
            InvalidArgument,
            "value len {len}"
        );
        let h = hookseal_header {
            name: hookseal_str {
                ptr: c"X-Hub-Signature-256".as_ptr(),
                len,
            },
            value: s(b"sha256=00"),
        };
        assert_eq!(
            verify(body.as_ptr().cast(), 2, &[h]),
            InvalidArgument,
            "name len {len}"
        );
        let code = unsafe {
            hookseal_verify_signature_packed(
                wh,
                body.as_ptr().cast(),
                2,
                c"abcdefgh".as_ptr(),
                len,
                -1,
                null_mut(),
                0,
                null_mut(),
            )
        };
        assert_eq!(code, InvalidArgument, "packed headers_len {len}");
    }
    let nonutf8 = header(b"X-Hub-Signature-256", b"sha256=\xff\xfe");
    assert_eq!(verify(body.as_ptr().cast(), 2, &[nonutf8]), InvalidHeader);
    let nonutf8_name = header(b"X-Hub-Signature-256\xff", b"sha256=00");
    assert_eq!(
        verify(body.as_ptr().cast(), 2, &[nonutf8_name]),
        MissingHeader
    );
    assert_eq!(
        verify(body.as_ptr().cast(), 2, &[]),
        MissingHeader,
        "no header"
    );
    // A zero-length header array with a NULL pointer is no header.
    let code = unsafe {
        hookseal_verify_signature(wh, null(), 0, null(), 0, -1, null_mut(), 0, null_mut())
    };
    assert_eq!(code, MissingHeader);
    let wrong = header(
        b"X-Hub-Signature-256",
        b"sha256=0000000000000000000000000000000000000000000000000000000000000000",
    );
    assert_eq!(verify(body.as_ptr().cast(), 2, &[wrong]), SignatureMismatch);

    // verify with an event out-pointer: the same refusals, and nothing is allocated.
    for len in HUGE {
        let mut json = null_mut();
        let code = unsafe {
            hookseal_verify(
                wh,
                body.as_ptr().cast(),
                len,
                &sig,
                1,
                -1,
                0,
                &mut json,
                null_mut(),
                null_mut(),
                0,
                null_mut(),
            )
        };
        assert_eq!(
            (code, json.is_null()),
            (InvalidArgument, true),
            "verify payload_len {len}"
        );
    }

    // sign: a non-UTF-8 id, NULL id with a length, huge id and payload lengths.
    let (code, std) = new_webhook(b"standard", &[s(b"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]);
    assert_eq!(code, Fine);
    let sign =
        |wh: *const hookseal_webhook, payload_len: usize, id: *const c_char, id_len: usize| {
            let mut out = null_mut();
            let code = unsafe {
                hookseal_sign(
                    wh,
                    body.as_ptr().cast(),
                    payload_len,
                    1_700_000_000,
                    id,
                    id_len,
                    &mut out,
                    null_mut(),
                    0,
                    null_mut(),
                )
            };
            assert_eq!(code == Fine, !out.is_null());
            unsafe { hookseal_signed_headers_free(out) };
            code
        };
    assert_eq!(sign(std, 2, c"msg_1".as_ptr(), 5), Fine);
    assert_eq!(
        sign(std, 2, c"msg_\xff".as_ptr(), 5),
        InvalidArgument,
        "non-UTF-8 id"
    );
    assert_eq!(
        sign(std, 2, c"msg\r\n".as_ptr(), 5),
        InvalidArgument,
        "CR/LF in the id"
    );
    assert_eq!(
        sign(std, 2, null(), 5),
        InvalidArgument,
        "NULL id with a length"
    );
    assert_eq!(
        sign(std, 2, null(), 0),
        InvalidArgument,
        "standard needs an id"
    );
    assert_eq!(
        sign(std, 2, c"".as_ptr(), 0),
        InvalidArgument,
        "a zero-length id is no id"
    );
    for len in HUGE {
        assert_eq!(
            sign(std, 2, c"msg_1".as_ptr(), len),
            InvalidArgument,
            "id_len {len}"
        );
        assert_eq!(
            sign(std, len, c"msg_1".as_ptr(), 5),
            InvalidArgument,
            "payload_len {len}"
        );
    }
    assert_eq!(
        sign(wh, 0, null(), 0),
        Fine,
        "github signs an empty body without an id"
    );
    unsafe {
        hookseal_webhook_free(std);
        hookseal_webhook_free(wh);
    }
}
