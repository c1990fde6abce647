//! JSON values for events: a small parser and printer with serde_json's rules.
//!
//! It replaced serde_json in the core (the WebAssembly build's size, issue 5)
//! and keeps serde_json's acceptance rules (`serde_json::from_slice::<Value>`)
//! exactly: RFC 8259 syntax, UTF-8 strings with paired `\u` surrogates,
//! nesting up to 127 levels (serde_json's recursion limit of 128), integers as
//! `u64` / `i64` while they fit, other numbers as `f64` computed the way
//! serde_json computes them (without its `float_roundtrip` feature), numbers
//! outside `f64`'s range refused, duplicate object keys: the last value wins.
//! `core/tests/json_oracle.rs` checks all of this against serde_json itself.
//!
//! Objects keep their keys in document order (a repeated key keeps the place
//! of its first occurrence), as `JSON.parse`, Python's `json.loads` and
//! serde_json's `preserve_order` do. Numbers that are not integers are printed
//! as they were sent (what a host's JSON parser reads back is then what it
//! would have read from the body), with `.0` added to integers too large for
//! 64 bits and to `-0` so that they stay floats.

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// A parsed JSON value (exported as `hookseal::JsonValue`).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null`
    #[default]
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, keys in document order.
    Object(Map),
}

/// A JSON number: an integer when it fits in `u64` or `i64`, else an `f64`.
#[derive(Debug, Clone, PartialEq)]
pub struct Number(N);

#[derive(Debug, Clone, PartialEq)]
enum N {
    PosInt(u64),
    NegInt(i64),
    /// The value and the text it was sent as.
    Float(f64, Box<str>),
}

impl Number {
    /// Whether it is an integer that fits in `i64`.
    pub fn is_i64(&self) -> bool {
        match self.0 {
            N::PosInt(u) => i64::try_from(u).is_ok(),
            N::NegInt(_) => true,
            N::Float(..) => false,
        }
    }
    /// Whether it is a non-negative integer that fits in `u64`.
    pub fn is_u64(&self) -> bool {
        matches!(self.0, N::PosInt(_))
    }
    /// Whether it is neither (an `f64`).
    pub fn is_f64(&self) -> bool {
        matches!(self.0, N::Float(..))
    }
    /// The value as `i64`, when it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::PosInt(u) => i64::try_from(u).ok(),
            N::NegInt(i) => Some(i),
            N::Float(..) => None,
        }
    }
    /// The value as `u64`, when it is a non-negative integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::PosInt(u) => Some(u),
            _ => None,
        }
    }
    /// The value as `f64` (integers converted).
    #[allow(clippy::cast_precision_loss)]
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self.0 {
            N::PosInt(u) => u as f64,
            N::NegInt(i) => i as f64,
            N::Float(f, _) => f,
        })
    }

    pub(crate) fn write(&self, out: &mut String) {
        match &self.0 {
            N::PosInt(u) => write_u64(out, *u),
            N::NegInt(i) => {
                out.push('-');
                write_u64(out, i.unsigned_abs());
            }
            N::Float(_, text) => {
                out.push_str(text);
                if !text.bytes().any(|c| matches!(c, b'.' | b'e' | b'E')) {
                    out.push_str(".0");
                }
            }
        }
    }
}

impl From<i64> for Number {
    fn from(i: i64) -> Self {
        match u64::try_from(i) {
            Ok(u) => Number(N::PosInt(u)),
            Err(_) => Number(N::NegInt(i)),
        }
    }
}

impl From<u64> for Number {
    fn from(u: u64) -> Self {
        Number(N::PosInt(u))
    }
}

fn write_u64(out: &mut String, mut u: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        // `u % 10` is a digit.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (u % 10) as u8;
        buf[i] = b'0' + digit;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    for &c in &buf[i..] {
        out.push(char::from(c));
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write(&mut s);
        f.write_str(&s)
    }
}

/// A JSON object: its members in document order, keys unique.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map {
    entries: Vec<(String, Value)>,
}

impl Map {
    /// An empty object.
    pub fn new() -> Self {
        Map::default()
    }
    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    /// Sets `key` (in place when present, else at the end); returns the old value.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        if let Some((_, v)) = self.entries.iter_mut().find(|(k, _)| *k == key) {
            return Some(core::mem::replace(v, value));
        }
        self.entries.push((key, value));
        None
    }
    /// The number of members.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// The members in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.entries.iter())
    }
    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }
    /// The values in order.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }
}

/// The members of a [`Map`], in order.
#[derive(Debug, Clone)]
pub struct Iter<'a>(core::slice::Iter<'a, (String, Value)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a String, &'a Value);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl Value {
    /// The object, when it is one.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }
    /// The array, when it is one.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    /// The string, when it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    /// The boolean, when it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    /// The number as `i64`, when it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }
    /// The number as `u64`, when it is a non-negative integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }
    /// The number as `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }
    /// Whether it is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// Parses JSON text (see the module documentation for the rules).
    pub fn parse(text: &[u8]) -> Result<Value, ParseError> {
        let mut p = Parser {
            b: text,
            // A valid document (the usual case) is checked once here, so its
            // strings are sliced out without checking each run again; an
            // invalid one is checked run by run, so the error names the same
            // place serde_json names.
            text: core::str::from_utf8(text).ok(),
            i: 0,
            depth: 0,
        };
        let v = p.value()?;
        p.skip_ws();
        if p.i < p.b.len() {
            return Err(p.err("trailing characters"));
        }
        Ok(v)
    }

    /// Compact JSON text.
    pub fn to_json_string(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    pub(crate) fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Number(n) => n.write(out),
            Value::String(s) => write_str(out, s),
            Value::Array(a) => {
                out.push('[');
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Value::Object(m) => {
                out.push('{');
                for (i, (k, v)) in m.entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// A JSON string literal, escaped as serde_json escapes it. Plain runs (no
/// `"`, `\\` or control byte) are found eight bytes at a time by the parser's
/// `plain_run` and copied whole: byte by byte, escaping took as long as
/// hashing the same bytes (a 64 KiB event, Node `verify`).
pub(crate) fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    loop {
        let end = start + plain_run(bytes.get(start..).unwrap_or_default());
        // `start` and `end` are at ASCII bytes (or the end), so `get` always
        // succeeds (unlike `&s[start..end]`, it brings no panic path: -1.4 kB
        // of WebAssembly).
        out.push_str(s.get(start..end).unwrap_or_default());
        let Some(&c) = bytes.get(end) else { break };
        let esc = match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            _ => "",
        };
        if esc.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(c >> 4)]));
            out.push(char::from(HEX[usize::from(c & 15)]));
        } else {
            out.push_str(esc);
        }
        start = end + 1;
    }
    out.push('"');
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json_string())
    }
}

/// `value["key"]`: the member, or `Null` when absent or not an object (as serde_json).
impl core::ops::Index<&str> for Value {
    type Output = Value;
    fn index(&self, key: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(key).unwrap_or(&NULL)
    }
}

/// `value[i]`: the element, or `Null` when absent or not an array (as serde_json).
impl core::ops::Index<usize> for Value {
    type Output = Value;
    fn index(&self, i: usize) -> &Value {
        static NULL: Value = Value::Null;
        self.as_array().and_then(|a| a.get(i)).unwrap_or(&NULL)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Number(Number::from(i))
    }
}

impl From<u64> for Value {
    fn from(u: u64) -> Self {
        Value::Number(Number::from(u))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::Object(m)
    }
}

/// Why JSON text was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    what: &'static str,
    line: usize,
    column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl ParseError {
    /// What `Display` writes, without a `fmt::Formatter` (see `Error::message`).
    pub(crate) fn message(&self) -> String {
        let mut out = String::from(self.what);
        out.push_str(" at line ");
        write_u64(&mut out, self.line as u64);
        out.push_str(" column ");
        write_u64(&mut out, self.column as u64);
        out
    }
}

/// The length of the plain string content at the start of `b`: up to the
/// first `"`, `\\` or control byte. Eight bytes at a time while none is
/// found (as serde_json does), then byte by byte.
fn plain_run(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `v` is zero / below 0x20 where its bit 7 ends up set here.
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let stops = |chunk: &[u8]| {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let quote = x ^ (ONES * u64::from(b'"'));
        let backslash = x ^ (ONES * u64::from(b'\\'));
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        zero(quote) | zero(backslash) | control
    };
    let mut i = 0;
    // Two words per step while both are plain (long strings), then one.
    while let Some(chunk) = b.get(i..i + 16) {
        if stops(&chunk[..8]) | stops(&chunk[8..]) != 0 {
            break;
        }
        i += 16;
    }
    while let Some(chunk) = b.get(i..i + 8) {
        if stops(chunk) != 0 {
            break;
        }
        i += 8;
    }
    i + b[i..]
        .iter()
        .position(|&c| STOP[usize::from(c)])
        .unwrap_or(b.len() - i)
}

/// The bytes that end a run of plain string content: `"`, `\\` and controls.
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// serde_json's nesting limit: 128 levels are refused, 127 are fine.
const RECURSION_LIMIT: u32 = 128;

struct Parser<'a> {
    b: &'a [u8],
    /// `b` as text, when all of it is valid UTF-8.
    text: Option<&'a str>,
    i: usize,
    depth: u32,
}

type R<T> = Result<T, ParseError>;

impl Parser<'_> {
    #[cold]
    fn err(&self, what: &'static str) -> ParseError {
        let at = self.i.min(self.b.len());
        let before = &self.b[..at];
        let line_start = before
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        ParseError {
            what,
            line: 1 + before.iter().filter(|&&c| c == b'\n').count(),
            column: at - line_start + 1,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn value(&mut self) -> R<Value> {
        self.skip_ws();
        let Some(c) = self.peek() else {
            return Err(self.err("EOF while parsing a value"));
        };
        match c {
            b'n' => self.ident(b"null", Value::Null),
            b't' => self.ident(b"true", Value::Bool(true)),
            b'f' => self.ident(b"false", Value::Bool(false)),
            b'"' => {
                self.i += 1;
                Ok(Value::String(self.string()?))
            }
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            b'[' => {
                self.enter()?;
                let v = self.array();
                self.depth -= 1;
                v
            }
            b'{' => {
                self.enter()?;
                let v = self.object();
                self.depth -= 1;
                v
            }
            _ => Err(self.err("expected value")),
        }
    }

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth >= RECURSION_LIMIT {
            return Err(self.err("recursion limit exceeded"));
        }
        self.i += 1;
        Ok(())
    }

    fn ident(&mut self, word: &[u8], v: Value) -> R<Value> {
        for &w in word {
            match self.peek() {
                None => return Err(self.err("EOF while parsing a value")),
                Some(c) if c != w => return Err(self.err("expected ident")),
                Some(_) => self.i += 1,
            }
        }
        Ok(v)
    }

    fn array(&mut self) -> R<Value> {
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        return Err(self.err("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(items));
                }
                Some(_) => return Err(self.err("expected `,` or `]`")),
                None => return Err(self.err("EOF while parsing a list")),
            }
        }
    }

    fn object(&mut self) -> R<Value> {
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Value::Object(Map::new()));
        }
        // Room for a typical envelope or data object without growing.
        let mut entries: Vec<(String, Value)> = Vec::with_capacity(8);
        loop {
            match self.peek() {
                Some(b'"') => self.i += 1,
                Some(_) => return Err(self.err("key must be a string")),
                None => return Err(self.err("EOF while parsing an object")),
            }
            let key = self.string()?;
            self.skip_ws();
            match self.peek() {
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.err("expected `:`")),
                None => return Err(self.err("EOF while parsing an object")),
            }
            let v = self.value()?;
            entries.push((key, v));
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        return Err(self.err("trailing comma"));
                    }
                }
                Some(b'}') => {
                    self.i += 1;
                    dedupe(&mut entries);
                    return Ok(Value::Object(Map { entries }));
                }
                Some(_) => return Err(self.err("expected `,` or `}`")),
                None => return Err(self.err("EOF while parsing an object")),
            }
        }
    }

    /// The rest of a string literal whose opening quote was consumed.
    fn string(&mut self) -> R<String> {
        let mut out = String::new();
        loop {
            let start = self.i;
            let rest = &self.b[start..];
            let run = plain_run(rest);
            self.i += run;
            // Runs end before an ASCII byte (or at the end), so both ends are
            // character boundaries of a valid document and `get` succeeds.
            let text = match self.text.and_then(|t| t.get(start..start + run)) {
                Some(text) => text,
                None => match core::str::from_utf8(&rest[..run]) {
                    Ok(text) => text,
                    Err(_) => return Err(self.err("invalid unicode code point")),
                },
            };
            out.push_str(text);
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self
                        .err("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                None => return Err(self.err("EOF while parsing a string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> R<()> {
        let Some(c) = self.peek() else {
            return Err(self.err("EOF while parsing a string"));
        };
        self.i += 1;
        out.push(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let n = self.hex4()?;
                let code = match n {
                    0xDC00..=0xDFFF => return Err(self.err("lone leading surrogate in hex escape")),
                    0xD800..=0xDBFF => {
                        if self.b.get(self.i..self.i + 2) != Some(b"\\u".as_slice()) {
                            self.i += 1;
                            return Err(self.err("unexpected end of hex escape"));
                        }
                        self.i += 2;
                        let n2 = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&n2) {
                            return Err(self.err("lone leading surrogate in hex escape"));
                        }
                        0x1_0000 + ((n - 0xD800) << 10 | (n2 - 0xDC00))
                    }
                    n => n,
                };
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            _ => return Err(self.err("invalid escape")),
        });
        Ok(())
    }

    fn hex4(&mut self) -> R<u32> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(c) = self.peek() else {
                return Err(self.err("EOF while parsing a string"));
            };
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => return Err(self.err("invalid escape")),
            };
            self.i += 1;
            n = n * 16 + u32::from(d);
        }
        Ok(n)
    }

    fn digit(&self) -> Option<u8> {
        match self.peek() {
            Some(c @ b'0'..=b'9') => Some(c - b'0'),
            _ => None,
        }
    }

    /// A number, by serde_json's algorithm (`Deserializer::parse_integer` and
    /// the functions it calls, without `float_roundtrip`).
    fn number(&mut self) -> R<Number> {
        let start = self.i;
        let positive = self.peek() != Some(b'-');
        if !positive {
            self.i += 1;
        }
        let parsed = match self.peek() {
            None => return Err(self.err("EOF while parsing a value")),
            Some(b'0') => {
                self.i += 1;
                if self.digit().is_some() {
                    return Err(self.err("invalid number"));
                }
                self.after_integer(positive, 0)?
            }
            Some(c @ b'1'..=b'9') => {
                self.i += 1;
                let mut sig = u64::from(c - b'0');
                loop {
                    let Some(d) = self.digit() else {
                        break self.after_integer(positive, sig)?;
                    };
                    match sig
                        .checked_mul(10)
                        .and_then(|s| s.checked_add(u64::from(d)))
                    {
                        Some(s) => {
                            self.i += 1;
                            sig = s;
                        }
                        None => break N::Float(self.long_integer(positive, sig)?, Box::from("")),
                    }
                }
            }
            Some(_) => return Err(self.err("invalid number")),
        };
        Ok(Number(match parsed {
            N::Float(f, _) => {
                // The text is ASCII: digits, sign, `.`, `e`, `E`, `+`.
                let text = core::str::from_utf8(&self.b[start..self.i]).unwrap_or("0");
                N::Float(f, text.into())
            }
            n => n,
        }))
    }

    /// `Deserializer::parse_number`: what follows an integer part that fit in `u64`.
    #[allow(clippy::cast_possible_wrap, clippy::cast_precision_loss)]
    fn after_integer(&mut self, positive: bool, sig: u64) -> R<N> {
        Ok(match self.peek() {
            Some(b'.') => N::Float(self.decimal(positive, sig, 0)?, Box::from("")),
            Some(b'e' | b'E') => N::Float(self.exponent(positive, sig, 0)?, Box::from("")),
            _ if positive => N::PosInt(sig),
            _ => {
                let neg = (sig as i64).wrapping_neg();
                // A float on underflow, or for `-0`.
                if neg >= 0 {
                    N::Float(-(sig as f64), Box::from(""))
                } else {
                    N::NegInt(neg)
                }
            }
        })
    }

    /// `parse_decimal` (with `parse_decimal_overflow`): the `.` is next.
    fn decimal(&mut self, positive: bool, mut sig: u64, exp_before: i32) -> R<f64> {
        self.i += 1;
        let mut exp_after: i32 = 0;
        let mut overflowed = false;
        while let Some(d) = self.digit() {
            self.i += 1;
            if overflowed {
                continue;
            }
            match sig
                .checked_mul(10)
                .and_then(|s| s.checked_add(u64::from(d)))
            {
                Some(s) => {
                    sig = s;
                    exp_after -= 1;
                }
                // Further digits are ignored.
                None => overflowed = true,
            }
        }
        if exp_after == 0 && !overflowed {
            return Err(self.err(if self.peek().is_some() {
                "invalid number"
            } else {
                "EOF while parsing a value"
            }));
        }
        let exp = exp_before + exp_after;
        match self.peek() {
            Some(b'e' | b'E') => self.exponent(positive, sig, exp),
            _ => self.float_of(positive, sig, exp),
        }
    }

    /// `parse_exponent` (with `parse_exponent_overflow`): the `e` is next.
    fn exponent(&mut self, positive: bool, sig: u64, starting: i32) -> R<f64> {
        self.i += 1;
        let positive_exp = match self.peek() {
            Some(b'+') => {
                self.i += 1;
                true
            }
            Some(b'-') => {
                self.i += 1;
                false
            }
            _ => true,
        };
        let mut exp = match self.peek() {
            None => return Err(self.err("EOF while parsing a value")),
            Some(c @ b'0'..=b'9') => i32::from(c - b'0'),
            Some(_) => {
                self.i += 1;
                return Err(self.err("invalid number"));
            }
        };
        self.i += 1;
        while let Some(d) = self.digit() {
            self.i += 1;
            match exp
                .checked_mul(10)
                .and_then(|e| e.checked_add(i32::from(d)))
            {
                Some(e) => exp = e,
                None => {
                    if sig != 0 && positive_exp {
                        return Err(self.err("number out of range"));
                    }
                    while self.digit().is_some() {
                        self.i += 1;
                    }
                    return Ok(if positive { 0.0 } else { -0.0 });
                }
            }
        }
        let exp = if positive_exp {
            starting.saturating_add(exp)
        } else {
            starting.saturating_sub(exp)
        };
        self.float_of(positive, sig, exp)
    }

    /// `parse_long_integer`: an integer part too long for `u64`; the digit
    /// that did not fit is next.
    fn long_integer(&mut self, positive: bool, sig: u64) -> R<f64> {
        let mut exp: i32 = 0;
        while self.digit().is_some() {
            self.i += 1;
            exp = exp.saturating_add(1);
        }
        match self.peek() {
            Some(b'.') => self.decimal(positive, sig, exp),
            Some(b'e' | b'E') => self.exponent(positive, sig, exp),
            _ => self.float_of(positive, sig, exp),
        }
    }

    /// `f64_from_parts` without `float_roundtrip`.
    #[allow(clippy::cast_precision_loss, clippy::cast_sign_loss)]
    fn float_of(&self, positive: bool, sig: u64, mut exp: i32) -> R<f64> {
        let mut f = sig as f64;
        loop {
            if let Some(pow) = pow10(exp.unsigned_abs()) {
                if exp >= 0 {
                    f *= pow;
                    if f.is_infinite() {
                        return Err(self.err("number out of range"));
                    }
                } else {
                    f /= pow;
                }
                break;
            }
            if f == 0.0 {
                break;
            }
            if exp >= 0 {
                return Err(self.err("number out of range"));
            }
            f /= 1e308;
            exp += 308;
        }
        Ok(if positive { f } else { -f })
    }
}

/// Repeated keys: the last value wins, at the place of the first occurrence.
fn dedupe(entries: &mut Vec<(String, Value)>) {
    let n = entries.len();
    // (duplicate, first occurrence), duplicates in increasing order.
    let mut into: Vec<(usize, usize)> = Vec::new();
    if n <= 16 {
        for j in 1..n {
            // The first occurrence: the smallest index with the same key.
            if let Some(i) = (0..j).find(|&i| entries[i].0 == entries[j].0) {
                into.push((j, i));
            }
        }
    } else {
        // An open-addressing table of first occurrences (index + 1; 0 = empty),
        // so a large object costs linear time, not quadratic.
        let mask = (n * 2).next_power_of_two() - 1;
        let mut table = alloc::vec![0usize; mask + 1];
        for j in 0..n {
            let key = entries[j].0.as_bytes();
            // FNV-1a
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &c in key {
                h = (h ^ u64::from(c)).wrapping_mul(0x100_0000_01b3);
            }
            #[allow(clippy::cast_possible_truncation)]
            let mut at = (h ^ (h >> 32)) as usize & mask;
            loop {
                match table[at] {
                    0 => {
                        table[at] = j + 1;
                        break;
                    }
                    i if entries[i - 1].0.as_bytes() == key => {
                        into.push((j, i - 1));
                        break;
                    }
                    _ => at = (at + 1) & mask,
                }
            }
        }
    }
    if into.is_empty() {
        return;
    }
    let mut dropped = alloc::vec![false; n];
    for &(dup, first) in &into {
        let v = core::mem::take(&mut entries[dup].1);
        entries[first].1 = v;
        dropped[dup] = true;
    }
    let mut k = 0;
    entries.retain(|_| {
        k += 1;
        !dropped[k - 1]
    });
}

/// `10^n` as serde_json's table of powers of ten has it (`1e0` … `1e308`,
/// each correctly rounded), `None` past 308. Computed rather than stored (the
/// table was 2.5 kB of the WebAssembly module): a 128-bit mantissa squared
/// and multiplied up (each product truncated, which errs by far less than
/// any of these powers' distance to a rounding boundary), then rounded to 53
/// bits, half to even. `pow10_is_correctly_rounded` checks all 309 against
/// Rust's own (correctly rounding) parser.
fn pow10(n: u32) -> Option<f64> {
    if n > 308 {
        return None;
    }
    // Both are `m · 2^e` with bit 127 of `m` set.
    let (mut m, mut e): (u128, i32) = (1 << 127, -127);
    let (mut base, mut base_e): (u128, i32) = (10 << 124, -124);
    let mut k = n;
    while k != 0 {
        if k & 1 == 1 {
            (m, e) = mul_high(m, e, base, base_e);
        }
        k >>= 1;
        if k != 0 {
            (base, base_e) = mul_high(base, base_e, base, base_e);
        }
    }
    // The top 53 bits, rounded half to even by the 75 below them.
    #[allow(clippy::cast_possible_truncation)]
    let mut top = (m >> 75) as u64;
    let rest = m & ((1 << 75) - 1);
    let half = 1 << 74;
    if rest > half || (rest == half && top & 1 == 1) {
        top += 1;
    }
    let mut exp = e + 75;
    if top == 1 << 53 {
        top >>= 1;
        exp += 1;
    }
    // `top · 2^exp` with `top` in [2^52, 2^53): a normal f64 for n ≤ 308.
    #[allow(clippy::cast_sign_loss)]
    let biased = (exp + 52 + 1023) as u64;
    Some(f64::from_bits(biased << 52 | (top & ((1 << 52) - 1))))
}

/// The high 128 bits of `a · b` (both with bit 127 set), renormalized: `(m, e)`.
fn mul_high(a: u128, ea: i32, b: u128, eb: i32) -> (u128, i32) {
    const LOW: u128 = (1 << 64) - 1;
    let (a1, a0, b1, b0) = (a >> 64, a & LOW, b >> 64, b & LOW);
    let (hl, lh) = (a1 * b0, a0 * b1);
    let mid = ((a0 * b0) >> 64) + (hl & LOW) + (lh & LOW);
    let high = a1 * b1 + (hl >> 64) + (lh >> 64) + (mid >> 64);
    if high >> 127 == 0 {
        (high << 1 | (mid >> 63 & 1), ea + eb + 127)
    } else {
        (high, ea + eb + 128)
    }
}

#[cfg(test)]
mod tests {
    use super::pow10;
    use alloc::format;

    #[test]
    fn pow10_is_correctly_rounded() {
        for n in 0..=308 {
            let parsed: f64 = format!("1e{n}").parse().unwrap_or_default();
            assert_eq!(pow10(n).map(f64::to_bits), Some(parsed.to_bits()), "1e{n}");
        }
        assert_eq!(pow10(309), None);
        assert_eq!(pow10(u32::MAX), None);
    }
}
