//! The core's JSON parser (`hookseal::JsonValue::parse`) against an
//! independent oracle, serde_json (`from_slice::<Value>`, the parser the core
//! used before): for every input both accept or both refuse, and accepted
//! inputs give the same value (numbers of the same kind: u64, i64 or f64, and
//! the same f64). The event JSON the core prints is read back by serde_json to
//! the same value. Inputs: every body in tests/vectors/, hand-picked edge
//! cases, and a few hundred thousand generated and mutated documents.
#![cfg(feature = "events")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use hookseal::JsonValue;
use serde_json::Value;
use std::path::PathBuf;

fn to_serde(v: &JsonValue) -> Value {
    match v {
        JsonValue::Null => Value::Null,
        JsonValue::Bool(b) => Value::Bool(*b),
        JsonValue::Number(n) => {
            if let Some(u) = n.as_u64() {
                Value::from(u)
            } else if let Some(i) = n.as_i64() {
                Value::from(i)
            } else {
                assert!(n.is_f64());
                Value::Number(serde_json::Number::from_f64(n.as_f64().unwrap()).expect("finite"))
            }
        }
        JsonValue::String(s) => Value::String(s.clone()),
        JsonValue::Array(a) => Value::Array(a.iter().map(to_serde).collect()),
        JsonValue::Object(m) => {
            let mut out = serde_json::Map::new();
            for (k, v) in m {
                assert!(
                    out.insert(k.clone(), to_serde(v)).is_none(),
                    "duplicate key {k:?} kept"
                );
            }
            Value::Object(out)
        }
    }
}

/// Numbers compared by kind and bits (so `-0.0` differs from `0.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_u64(), x.as_i64()) == (y.as_u64(), y.as_i64())
                && x.as_f64().map(f64::to_bits) == y.as_f64().map(f64::to_bits)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn check(input: &[u8]) {
    let ours = JsonValue::parse(input);
    let oracle = serde_json::from_slice::<Value>(input);
    match (&ours, &oracle) {
        (Ok(v), Ok(o)) => {
            let mine = to_serde(v);
            assert!(
                same(&mine, o),
                "different values for {:?}:\n{mine:?}\n{o:?}",
                String::from_utf8_lossy(input)
            );
            let printed = v.to_json_string();
            let reread: Value = serde_json::from_str(&printed).expect("printed JSON");
            assert!(
                same(&reread, o),
                "printed {printed:?} reads back differently for {:?}",
                String::from_utf8_lossy(input)
            );
        }
        (Err(_), Err(_)) => {}
        _ => panic!(
            "disagree on {:?} ({} bytes): ours {:?}, serde_json {:?}",
            String::from_utf8_lossy(&input[..input.len().min(200)]),
            input.len(),
            ours.as_ref().map(|_| ()),
            oracle.as_ref().map(|_| ())
        ),
    }
}

const EDGE: &[&str] = &[
    "",
    " ",
    "null",
    "true",
    "false",
    "nul",
    "nulll",
    "tru",
    "True",
    "0",
    "-0",
    "-",
    "+1",
    "01",
    "-01",
    "00",
    "0.",
    ".5",
    "0.5",
    "-0.0",
    "1e5",
    "1E5",
    "1e+5",
    "1e-5",
    "1e",
    "1e+",
    "1.5e",
    "1.e5",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "-18446744073709551615",
    "-18446744073709551616",
    "9223372036854775807",
    "9223372036854775808",
    "1e308",
    "1.7976931348623157e308",
    "1.7976931348623159e308",
    "1e309",
    "-1e309",
    "1e-400",
    "-1e-400",
    "4.9e-324",
    "2.4e-324",
    "1e2147483647",
    "1e2147483648",
    "0e2147483648",
    "1e-2147483648",
    "1e-99999999999",
    "0.1",
    "0.30000000000000004",
    "123456789012345678901234567890",
    "1234567890123456789012345678901234567890.123e-10",
    "0.0000000000000000000000000001",
    "3.141592653589793238462643383279",
    "9007199254740993",
    "1.00000000000000011102230246251565",
    "2.2250738585072011e-308",
    "[]",
    "[ ]",
    "[1,]",
    "[,1]",
    "[1 2]",
    "[1,,2]",
    "{}",
    "{ }",
    "{\"a\":1,}",
    "{\"a\" 1}",
    "{a:1}",
    "{\"a\":1 \"b\":2}",
    "{\"a\":1,\"a\":2}",
    "{\"a\":1,\"b\":2,\"a\":3}",
    "{\"b\":1,\"a\":2}",
    "{1:2}",
    "\"abc",
    "\"\\u0041\"",
    "\"\\u00e9\"",
    "\"\\ud83d\\ude00\"",
    "\"\\ud83d\"",
    "\"\\ude00\"",
    "\"\\ud83d\\u0041\"",
    "\"\\ud83dx\"",
    "\"\\ud83d\\n\"",
    "\"\\u12\"",
    "\"\\u12g4\"",
    "\"\\x\"",
    "\"\\/\"",
    "\"\\b\\f\\n\\r\\t\\\"\\\\\"",
    "\"tab\there\"",
    "\"nl\nhere\"",
    "\"\u{7f}\"",
    "\"é\"",
    "\"\u{1F600}\"",
    "[1]x",
    "[1] ",
    "\t\n\r [1] \t\n\r",
    "\u{feff}{}",
    "\"a\" \"b\"",
    "{\"\":0}",
    "[null,true,false,-1,1.5,\"s\",[],{}]",
    "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}",
    "1 ",
    " 1",
    "[-]",
    "[--1]",
    "[1.5.5]",
    "[1e5e5]",
    "[0x10]",
    "[Infinity]",
    "[NaN]",
    "[.]",
    "\u{0}",
    "[\"\u{0}\"]",
    "[\"\\u0000\"]",
    "{\"a\":1}}",
    "[[]]]",
    "[1}",
    "{\"a\":1]",
];

#[test]
fn edge_cases() {
    for e in EDGE {
        check(e.as_bytes());
    }
    for bad in [
        &b"\"\xff\""[..],
        b"\"\xc3\"",
        b"\"\xed\xa0\x80\"",
        b"\"\xf4\x90\x80\x80\"",
        b"\xff",
        b"[\"\xc3\xa9\"]",
    ] {
        check(bad);
    }
}

#[test]
fn nesting_limit_is_serde_jsons() {
    for depth in [1, 100, 126, 127, 128, 129, 200] {
        check(format!("{}{}", "[".repeat(depth), "]".repeat(depth)).as_bytes());
        check(format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)).as_bytes());
        check(format!("{}{{}}{}", "[".repeat(depth - 1), "]".repeat(depth - 1)).as_bytes());
    }
    let err = JsonValue::parse("[".repeat(100_000).as_bytes()).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
}

#[test]
fn large_objects_keep_document_order_and_the_last_duplicate() {
    let mut text = String::from("{");
    for i in 0..1000 {
        text.push_str(&format!("\"k{}\":{i},", i % 700));
    }
    text.push_str("\"z\":0}");
    check(text.as_bytes());
    let v = JsonValue::parse(text.as_bytes()).unwrap();
    let m = v.as_object().unwrap();
    assert_eq!(m.len(), 701);
    let keys: Vec<&String> = m.keys().collect();
    assert_eq!(keys[0], "k0");
    assert_eq!(keys[1], "k1");
    assert_eq!(keys[700], "z");
    assert_eq!(m.get("k5").and_then(JsonValue::as_u64), Some(705));
    assert_eq!(m.get("k699").and_then(JsonValue::as_u64), Some(699));
    assert_eq!(v["k5"].as_u64(), Some(705));
    assert!(v["missing"].is_null() && v["k5"]["x"].is_null() && v[0].is_null());
    let small = JsonValue::parse(br#"{"b":1,"a":2,"b":3}"#).unwrap();
    assert_eq!(small.to_json_string(), r#"{"b":3,"a":2}"#);
}

#[test]
fn printing() {
    let v = JsonValue::parse(r#"{"s":"q\"b\\n\n\u0001\u001f\u007f/é","n":[-0,1e400,0,-5,1.50,1E2,123456789012345678901234,-9223372036854775808]}"#.as_bytes());
    assert!(v.is_err(), "1e400 is out of range");
    let v = JsonValue::parse(r#"{"s":"q\"b\\n\n\u0001\u001f\u007f/é","n":[-0,1e-400,0,-5,1.50,1E2,123456789012345678901234,-9223372036854775808]}"#.as_bytes()).unwrap();
    assert_eq!(
        v.to_json_string(),
        "{\"s\":\"q\\\"b\\\\n\\n\\u0001\\u001f\u{7f}/é\",\"n\":[-0.0,1e-400,0,-5,1.50,1E2,123456789012345678901234.0,-9223372036854775808]}"
    );
}

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

#[test]
fn every_vector_body() {
    let mut n = 0;
    for entry in std::fs::read_dir(vectors_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let doc: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let body = if let Some(t) = case["body"].as_str() {
                t.as_bytes().to_vec()
            } else if let Some(h) = case["body_hex"].as_str() {
                hex::decode(h).unwrap()
            } else if let Some(r) = case.get("body_repeat") {
                r["unit"]
                    .as_str()
                    .unwrap()
                    .repeat(usize::try_from(r["count"].as_u64().unwrap()).unwrap())
                    .into_bytes()
            } else {
                continue;
            };
            check(&body);
            n += 1;
        }
    }
    assert!(n > 1000, "only {n} bodies");
}

/// xorshift64*: a fixed sequence, so a failure reproduces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    " ",
    "\n",
    "\"a\"",
    "\"b\"",
    "\"\\u00e9\"",
    "\"\\ud800\\udc00\"",
    "\"\\ud800\"",
    "\"x\\\"y\"",
    "\"",
    "\\",
    "0",
    "1",
    "-",
    ".",
    "e",
    "E",
    "+",
    "9",
    "12345678901234567890",
    "1e308",
    "1e-330",
    "0.1",
    "-0",
    "true",
    "false",
    "null",
    "nul",
    "é",
    "\t",
    "\u{0}",
    "\u{1f}",
    "7e22",
    "2.5e-8",
];

fn random_doc(rng: &mut Rng, depth: u32, out: &mut String) {
    match rng.below(if depth > 6 { 5 } else { 7 }) {
        0 => out.push_str(["null", "true", "false"][rng.below(3)]),
        1 | 2 => {
            if rng.below(2) == 0 {
                out.push('-');
            }
            let digits = 1 + rng.below(25);
            for i in 0..digits {
                // Mostly no leading zero (a leading zero makes the number invalid).
                let low = u64::from(i == 0 && digits > 1 && rng.below(8) != 0);
                let d = low + rng.next() % (10 - low);
                out.push(char::from(b'0' + u8::try_from(d).unwrap()));
            }
            if rng.below(2) == 0 {
                out.push('.');
                for _ in 0..1 + rng.below(20) {
                    out.push(char::from(b'0' + u8::try_from(rng.below(10)).unwrap()));
                }
            }
            if rng.below(3) == 0 {
                out.push(['e', 'E'][rng.below(2)]);
                out.push_str(["", "+", "-"][rng.below(3)]);
                out.push_str(&rng.below(400).to_string());
            }
        }
        3 | 4 => {
            out.push('"');
            for _ in 0..rng.below(6) {
                out.push_str(
                    [
                        "a",
                        "é",
                        "\\n",
                        "\\u0041",
                        "\\ud83d\\ude00",
                        "\\\"",
                        "\u{1F600}",
                        " ",
                    ][rng.below(8)],
                );
            }
            out.push('"');
        }
        5 => {
            out.push('[');
            for i in 0..rng.below(5) {
                if i > 0 {
                    out.push(',');
                }
                random_doc(rng, depth + 1, out);
            }
            out.push(']');
        }
        _ => {
            out.push('{');
            for i in 0..rng.below(25) {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&format!("\"k{}\":", rng.below(20)));
                random_doc(rng, depth + 1, out);
            }
            out.push('}');
        }
    }
}

#[test]
fn generated_and_mutated_documents() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..60_000 {
        let mut doc = String::new();
        random_doc(&mut rng, 0, &mut doc);
        check(doc.as_bytes());
        let mut bytes = doc.into_bytes();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(4) {
                0 if !bytes.is_empty() => {
                    bytes.remove(at.min(bytes.len() - 1));
                }
                1 => bytes
                    .splice(at..at, TOKENS[rng.below(TOKENS.len())].bytes())
                    .for_each(drop),
                2 => bytes.truncate(at),
                _ if !bytes.is_empty() => {
                    let i = at.min(bytes.len() - 1);
                    bytes[i] = u8::try_from(rng.below(256)).unwrap();
                }
                _ => {}
            }
        }
        check(&bytes);
    }
    for _ in 0..60_000 {
        let mut doc = String::new();
        for _ in 0..rng.below(12) {
            doc.push_str(TOKENS[rng.below(TOKENS.len())]);
        }
        check(doc.as_bytes());
    }
}

/// Strings print exactly as serde_json prints them (the same escapes, the
/// same text), wherever an escaped byte falls in a plain run.
#[test]
fn strings_print_as_serde_json_prints_them() {
    let mut inputs: Vec<String> = (0u8..0x80).map(|b| String::from(char::from(b))).collect();
    inputs.extend(
        [
            "",
            "plain",
            "é ü 日本 🎉 \u{7f} \u{2028}",
            "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{1}i\u{1f}",
        ]
        .map(String::from),
    );
    for special in ['"', '\\', '\n', '\u{0}', '\u{1b}', '\u{1f}'] {
        for at in 0..40 {
            let mut s: String = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF"
                .chars()
                .take(40)
                .collect();
            s.insert(at, special);
            inputs.push(s.clone());
            s.push('é');
            s.insert(0, special);
            inputs.push(s);
        }
    }
    inputs.push("x".repeat(100_000) + "\"" + &"y".repeat(33));
    for s in inputs {
        let ours = JsonValue::String(s.clone()).to_json_string();
        assert_eq!(ours, serde_json::to_string(&s).unwrap(), "{s:?}");
    }
}
