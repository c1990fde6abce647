//! Parsing and validating the delivery's JSON into a normalized [`Event`].

#[rustfmt::skip]
mod generated;
pub(crate) mod json;
mod replay;
mod schema;
mod time;

use alloc::borrow::Cow;
use alloc::string::{String, ToString};

use json::{Map, Value};

pub use replay::ReplayGuard;
pub(crate) use replay::SharedGuard;

use crate::error::{concat, join, quoted, Error};
use crate::headers::Headers;
use crate::scheme::Scheme;
use crate::webhook::{Delivery, Webhook};
use schema::{Catalog, Field, Source, Spec, TsFormat, Ty};

/// A verified, parsed and validated delivery, in PRODUCT.md's shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    provider: &'static str,
    id: Option<String>,
    event_type: Option<String>,
    timestamp: Option<i64>,
    data_path: Option<&'static str>,
    in_catalog: bool,
    payload: Value,
}

impl Event {
    /// The scheme id of the provider (`"stripe"`, `"dash"`, …, `"custom"`).
    pub fn provider(&self) -> &'static str {
        self.provider
    }
    /// The delivery's id, when the provider sends one.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }
    /// The event type (`"credit.low"`, `"budget:warning"`, …).
    pub fn event_type(&self) -> Option<&str> {
        self.event_type.as_deref()
    }
    /// When the event happened, in Unix seconds, when the provider says.
    pub fn timestamp(&self) -> Option<i64> {
        self.timestamp
    }
    /// The envelope's data object, when the provider has one.
    pub fn data(&self) -> Option<&Value> {
        self.data_path.and_then(|p| lookup_path(&self.payload, p))
    }
    /// Where [`Event::data`] sits inside the payload, as a dotted path
    /// (`"data"`, `"metadata.x"`), when the event has data.
    pub fn data_path(&self) -> Option<&'static str> {
        self.data_path.filter(|_| self.data().is_some())
    }
    /// The whole parsed body.
    pub fn payload(&self) -> &Value {
        &self.payload
    }
    /// Takes the parsed body.
    pub fn into_payload(self) -> Value {
        self.payload
    }
    /// Whether the type is in the provider's catalog.
    pub fn in_catalog(&self) -> bool {
        self.in_catalog
    }

    /// `{"provider", "id", "type", "timestamp", "data", "payload", "in_catalog"}`.
    pub fn to_json_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("provider".into(), Value::from(self.provider));
        m.insert(
            "id".into(),
            self.id.clone().map_or(Value::Null, Value::from),
        );
        m.insert(
            "type".into(),
            self.event_type.clone().map_or(Value::Null, Value::from),
        );
        m.insert(
            "timestamp".into(),
            self.timestamp.map_or(Value::Null, Value::from),
        );
        m.insert("data".into(), self.data().cloned().unwrap_or(Value::Null));
        m.insert("payload".into(), self.payload.clone());
        m.insert("in_catalog".into(), Value::Bool(self.in_catalog));
        Value::Object(m)
    }

    /// [`Event::to_json_value`] as JSON text (what the bindings hand to their hosts).
    pub fn to_json_string(&self) -> String {
        self.serialize_json(false)
    }

    /// Like [`Event::to_json_string`], but instead of repeating `data` (a part
    /// of `payload`, usually most of it) gives `"data_path"`: the keys that
    /// lead to it inside `payload` (`["data"]`), or `null` when there is no
    /// data. About half as much JSON for a host to decode; the host rebuilds
    /// `data` by following the path.
    pub fn to_json_string_with_data_path(&self) -> String {
        self.serialize_json(true)
    }

    fn serialize_json(&self, data_as_path: bool) -> String {
        let opt_str = |out: &mut String, s: Option<&str>| match s {
            Some(s) => json::write_str(out, s),
            None => out.push_str("null"),
        };
        let mut out = String::with_capacity(64);
        out.push_str("{\"provider\":");
        json::write_str(&mut out, self.provider);
        out.push_str(",\"id\":");
        opt_str(&mut out, self.id.as_deref());
        out.push_str(",\"type\":");
        opt_str(&mut out, self.event_type.as_deref());
        out.push_str(",\"timestamp\":");
        match self.timestamp {
            Some(t) => Value::from(t).write(&mut out),
            None => out.push_str("null"),
        }
        if data_as_path {
            out.push_str(",\"data_path\":");
            match self.data_path() {
                Some(p) => {
                    out.push('[');
                    for (i, key) in p.split('.').enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        json::write_str(&mut out, key);
                    }
                    out.push(']');
                }
                None => out.push_str("null"),
            }
        } else {
            out.push_str(",\"data\":");
            self.data().unwrap_or(&Value::Null).write(&mut out);
        }
        out.push_str(",\"payload\":");
        self.payload.write(&mut out);
        out.push_str(",\"in_catalog\":");
        out.push_str(if self.in_catalog { "true}" } else { "false}" });
        out
    }
}

/// A field path, built into text only when an error names it.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
    Dotted(&'a str),
}

impl Path<'_> {
    /// `parent.key`, `parent[index]` (no `write!`: see `Display for Error`).
    fn write(&self, out: &mut String) {
        match self {
            Path::Root => out.push_str("(body)"),
            Path::Dotted(p) => out.push_str(p),
            Path::Key(Path::Root, k) => out.push_str(k),
            Path::Key(parent, k) => {
                parent.write(out);
                out.push('.');
                out.push_str(k);
            }
            Path::Index(parent, i) => {
                parent.write(out);
                out.push('[');
                out.push_str(crate::error::decimal(*i as u64, &mut [0; 20]));
                out.push(']');
            }
        }
    }
}

/// `invalid_payload` with the reason `path: what…`.
fn payload_error(path: &Path<'_>, what: &[&str]) -> Error {
    let mut reason = String::new();
    path.write(&mut reason);
    reason.push_str(": ");
    what.iter().for_each(|w| reason.push_str(w));
    Error::InvalidPayload {
        reason: Cow::Owned(reason),
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn check_fields(obj: &Map, fields: &[Field], at: &Path<'_>) -> Result<(), Error> {
    for field in fields {
        let path = Path::Key(at, field.name);
        match obj.get(field.name) {
            None | Some(Value::Null) if field.spec.optional => {}
            None => return Err(payload_error(&path, &["required field is missing"])),
            Some(v) => check_value(v, &field.spec, &path)?,
        }
    }
    Ok(())
}

fn check_value(v: &Value, spec: &Spec, path: &Path<'_>) -> Result<(), Error> {
    let expected = |what: &str| payload_error(path, &["expected ", what, ", got ", json_kind(v)]);
    match (spec.ty, v) {
        (Ty::Any, _) => Ok(()),
        (_, Value::Null) if spec.optional => Ok(()),
        (Ty::String, Value::String(_))
        | (Ty::Number, Value::Number(_))
        | (Ty::Boolean, Value::Bool(_)) => Ok(()),
        (Ty::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(()),
        (Ty::Unix, Value::Number(n)) if n.is_u64() => Ok(()),
        (Ty::Integer, _) => Err(expected("integer")),
        (Ty::Unix, _) => Err(expected("integer Unix seconds")),
        (Ty::String, _) => Err(expected("string")),
        (Ty::Number, _) => Err(expected("number")),
        (Ty::Boolean, _) => Err(expected("boolean")),
        (Ty::Uuid, Value::String(s)) if time::is_uuid(s) => Ok(()),
        (Ty::Uuid, Value::String(s)) => {
            Err(payload_error(path, &["expected a UUID, got ", &quoted(s)]))
        }
        (Ty::Uuid, _) => Err(expected("UUID string")),
        (Ty::Datetime, Value::String(s)) if time::parse_rfc3339(s).is_some() => Ok(()),
        (Ty::Datetime, Value::String(s)) => Err(payload_error(
            path,
            &["expected an RFC 3339 date-time, got ", &quoted(s)],
        )),
        (Ty::Datetime, _) => Err(expected("RFC 3339 date-time string")),
        (Ty::Enum(allowed), Value::String(s)) if allowed.contains(&s.as_str()) => Ok(()),
        (Ty::Enum(allowed), _) => Err(payload_error(
            path,
            &[
                "expected one of ",
                &join(allowed, ", "),
                ", got ",
                &v.to_json_string(),
            ],
        )),
        (Ty::Object(fields), Value::Object(o)) => check_fields(o, fields, path),
        (Ty::Object(_), _) => Err(expected("object")),
        (Ty::Array(items), Value::Array(a)) => {
            if let Some(item_spec) = items {
                for (i, item) in a.iter().enumerate() {
                    check_value(item, item_spec, &Path::Index(path, i))?;
                }
            }
            Ok(())
        }
        (Ty::Array(_), _) => Err(expected("array")),
    }
}

fn lookup_path<'v>(root: &'v Value, dotted: &str) -> Option<&'v Value> {
    dotted
        .split('.')
        .try_fold(root, |v, key| v.as_object()?.get(key))
}

/// Reads a header, looking `webhook-*` names up under `svix-*` as well.
fn header_text<'h, H: Headers + ?Sized>(headers: &'h H, name: &str) -> Option<&'h str> {
    let get = |n: &str| {
        headers
            .get(n)
            .map(crate::encoding::trim_ows)
            .filter(|v| !v.is_empty())
    };
    let raw = get(name).or_else(|| {
        name.strip_prefix("webhook-")
            .and_then(|rest| get(&concat(&["svix-", rest])))
    })?;
    core::str::from_utf8(raw).ok()
}

/// Decodes `application/x-www-form-urlencoded` into a JSON object of strings.
fn parse_form(body: &[u8]) -> Option<Map> {
    let text = core::str::from_utf8(body).ok()?;
    let mut map = Map::new();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        map.insert(percent_decode(k)?, Value::String(percent_decode(v)?));
    }
    Some(map)
}

fn percent_decode(s: &str) -> Option<String> {
    let mut out = alloc::vec::Vec::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = b.get(i + 1..i + 3)?;
                let mut byte = [0u8];
                hex::decode_to_slice(hex, &mut byte).ok()?;
                out.push(byte[0]);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The body as JSON. Slack's slash commands and interactions, and GitHub's
/// form-encoded deliveries, arrive as forms; their `payload` field is JSON.
fn parse_body(scheme: &Scheme, body: &[u8]) -> Result<Value, Error> {
    match Value::parse(body) {
        Ok(v) => Ok(v),
        Err(e) => {
            if matches!(scheme, Scheme::Slack | Scheme::GitHub) {
                if let Some(mut form) = parse_form(body).filter(|f| !f.is_empty()) {
                    if let Some(Value::String(inner)) = form.get("payload") {
                        return Value::parse(inner.as_bytes()).map_err(|e| Error::InvalidPayload {
                            reason: Cow::Owned(concat(&[
                                "payload: the form's payload field is not JSON (",
                                &e.message(),
                                ")",
                            ])),
                        });
                    }
                    if form.contains_key("command") && !form.contains_key("type") {
                        form.insert("type".into(), Value::from("slash_command"));
                    }
                    return Ok(Value::Object(form));
                }
            }
            Err(Error::InvalidPayload {
                reason: Cow::Owned(concat(&[
                    "the body is not JSON (",
                    &e.message(),
                    "); use verify_signature for non-JSON bodies",
                ])),
            })
        }
    }
}

/// The delivery headers a scheme's envelope reads (event type, id), lower case.
pub(crate) fn envelope_headers(scheme: &Scheme) -> impl Iterator<Item = &'static str> {
    let env = catalog_for(scheme).map(|c| &c.envelope);
    env.into_iter()
        .flat_map(|e| [e.id, e.ty, e.timestamp, e.data])
        .filter_map(|s| match s {
            Source::Header(h, _) => Some(h),
            _ => None,
        })
}

fn catalog_for(scheme: &Scheme) -> Option<&'static Catalog> {
    generated::ALL
        .iter()
        .copied()
        .find(|c| c.provider == scheme.id())
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => {
            let mut s = String::new();
            n.write(&mut s);
            Some(s)
        }
        _ => None,
    }
}

fn timestamp_of(v: &Value, format: TsFormat) -> Option<i64> {
    match (v, format) {
        (Value::String(s), TsFormat::Rfc3339) => time::parse_rfc3339(s),
        (Value::Number(n), _) => n.as_i64(),
        (Value::String(s), TsFormat::Unix) => {
            crate::encoding::parse_timestamp(s.as_bytes()).and_then(|t| i64::try_from(t).ok())
        }
        _ => None,
    }
}

impl Scheme {
    /// A scheme from its portable description, the form every binding and
    /// the CLI accept: a scheme id (`"stripe"`), or an object describing a
    /// custom scheme with the keys of docs/SEMANTICS.md (`signature_header`,
    /// `prefix`, `encoding`, `id_header`, `timestamp_header`, `template`, and
    /// `event: {id, type, timestamp}` field paths). Unknown keys are refused,
    /// so a misspelt option is an error rather than silently ignored.
    pub fn from_description(description: &Value) -> Result<Scheme, Error> {
        let bad = |reason: String| Error::InvalidArgument {
            reason: Cow::Owned(reason),
        };
        let obj = match description {
            Value::String(id) => return id.parse(),
            Value::Object(o) => o,
            other => {
                return Err(bad(concat(&[
                    "a scheme is an id string or a custom-scheme object, not ",
                    json_kind(other),
                ])))
            }
        };
        const KEYS: [&str; 7] = [
            "signature_header",
            "prefix",
            "encoding",
            "id_header",
            "timestamp_header",
            "template",
            "event",
        ];
        if let Some(k) = obj.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return Err(bad(concat(&[
                "custom scheme: unknown key ",
                &quoted(k),
                "; the keys are ",
                &join(&KEYS[..], ", "),
            ])));
        }
        let text = |k: &str| -> Result<Option<&str>, Error> {
            match obj.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(other) => Err(bad(concat(&[
                    "custom scheme: ",
                    k,
                    " must be a string, not ",
                    json_kind(other),
                ]))),
            }
        };
        let header = text("signature_header")?
            .ok_or_else(|| bad("custom scheme: signature_header is required".into()))?;
        let mut c = crate::CustomScheme::new(header);
        if let Some(p) = text("prefix")? {
            c = c.prefix(p);
        }
        if let Some(e) = text("encoding")? {
            c = c.encoding(e.parse()?);
        }
        if let Some(h) = text("id_header")? {
            c = c.id_header(h);
        }
        if let Some(h) = text("timestamp_header")? {
            c = c.timestamp_header(h);
        }
        if let Some(t) = text("template")? {
            c = c.template(t);
        }
        match obj.get("event") {
            None | Some(Value::Null) => {}
            Some(Value::Object(ev)) => {
                let f = |k: &str| ev.get(k).and_then(Value::as_str);
                c = c.event_fields(f("id"), f("type"), f("timestamp"));
            }
            Some(other) => {
                return Err(bad(concat(&[
                    "custom scheme: event must be an object, not ",
                    json_kind(other),
                ])))
            }
        }
        Ok(Scheme::Custom(c))
    }

    /// [`Scheme::from_description`] from JSON text.
    pub fn from_description_json(json: &str) -> Result<Scheme, Error> {
        let value = Value::parse(json.as_bytes()).map_err(|e| Error::InvalidArgument {
            reason: Cow::Owned(concat(&["scheme description is not JSON: ", &e.message()])),
        })?;
        Scheme::from_description(&value)
    }
}

impl Webhook {
    /// Verifies the delivery's signature (and timestamp), then parses and
    /// validates its JSON against the provider's envelope and event catalog.
    ///
    /// Unknown event types are accepted (marked `in_catalog() == false`)
    /// unless the `strict` option is on.
    pub fn verify<H: Headers + ?Sized>(
        &self,
        payload: &[u8],
        headers: &H,
        now: Option<u64>,
    ) -> Result<Event, Error> {
        let delivery = self.check(payload, headers, now)?;
        let event = self.parse_event(payload, headers, &delivery)?;
        self.remember(&delivery, now)?;
        Ok(event)
    }

    fn parse_event<H: Headers + ?Sized>(
        &self,
        body: &[u8],
        headers: &H,
        delivery: &Delivery<'_>,
    ) -> Result<Event, Error> {
        let payload = parse_body(&self.inner.scheme, body)?;
        #[cfg(feature = "alloc")]
        if let Scheme::Custom(c) = &self.inner.scheme {
            return custom_event(c, payload, delivery);
        }
        let Some(catalog) = catalog_for(&self.inner.scheme) else {
            return Err(Error::InvalidArgument {
                reason: "no catalog for this scheme".into(),
            });
        };
        let env = &catalog.envelope;
        let root = match &payload {
            Value::Object(o) => o,
            other => {
                return Err(payload_error(
                    &Path::Root,
                    &["expected a JSON object, got ", json_kind(other)],
                ));
            }
        };
        check_fields(root, env.fields, &Path::Root)?;

        let event_type = match env.ty {
            Source::Field(p) => match lookup_path(&payload, p) {
                Some(Value::String(s)) => Some(s.clone()),
                other => {
                    let got = other.map_or("nothing", json_kind);
                    return Err(payload_error(
                        &Path::Dotted(p),
                        &["expected the event type as a string, got ", got],
                    ));
                }
            },
            Source::Header(h, display) => match header_text(headers, h) {
                Some(t) => Some(t.to_string()),
                None => {
                    return Err(Error::MissingHeader {
                        header: Cow::Borrowed(display),
                    })
                }
            },
            Source::None => None,
        };
        let id = match env.id {
            Source::Field(p) => lookup_path(&payload, p).and_then(text_of),
            Source::Header(h, _) => header_text(headers, h).map(ToString::to_string),
            Source::None => None,
        };
        let timestamp = match env.timestamp {
            Source::Field(p) => match lookup_path(&payload, p) {
                None | Some(Value::Null) => None,
                Some(v) => Some(timestamp_of(v, env.ts_format).ok_or_else(|| {
                    payload_error(
                        &Path::Dotted(p),
                        &["expected a timestamp, got ", &v.to_json_string()],
                    )
                })?),
            },
            Source::Header(..) => delivery.timestamp.and_then(|t| i64::try_from(t).ok()),
            Source::None => None,
        };
        let (data_path, data_value, data_at) = match env.data {
            Source::Field(p) => match lookup_path(&payload, p) {
                Some(v @ Value::Object(_)) => (Some(p), Some(v), Path::Dotted(p)),
                Some(Value::Null) | None if env.fallback_root => (None, Some(&payload), Path::Root),
                Some(Value::Null) | None => (None, None, Path::Dotted(p)),
                Some(other) => {
                    return Err(payload_error(
                        &Path::Dotted(p),
                        &["expected object, got ", json_kind(other)],
                    ));
                }
            },
            _ => (None, None, Path::Root),
        };

        let spec = event_type.as_deref().and_then(|t| catalog.event(t));
        if let (Some(spec), Some(Value::Object(obj))) = (spec, data_value) {
            check_fields(obj, spec.fields, &data_at)?;
        } else if let (Some(spec), None) = (spec, data_value) {
            if spec.fields.iter().any(|f| !f.spec.optional) {
                return Err(payload_error(&data_at, &["required field is missing"]));
            }
        }
        if spec.is_none() && self.inner.options.strict && !catalog.open {
            return Err(Error::UnknownEventType {
                event_type: Cow::Owned(event_type.unwrap_or_default()),
            });
        }
        Ok(Event {
            provider: catalog.provider,
            id,
            event_type,
            timestamp,
            data_path,
            in_catalog: spec.is_some(),
            payload,
        })
    }
}

#[cfg(feature = "alloc")]
fn custom_event(
    c: &crate::CustomScheme,
    payload: Value,
    delivery: &Delivery<'_>,
) -> Result<Event, Error> {
    let field = |p: &Option<String>| p.as_deref().and_then(|p| lookup_path(&payload, p));
    let id = match (delivery.id, field(&c.event_id_field)) {
        (Some(raw), _) => core::str::from_utf8(raw).ok().map(ToString::to_string),
        (None, v) => v.and_then(text_of),
    };
    let event_type = match (&c.event_type_field, field(&c.event_type_field)) {
        (None, _) => None,
        (Some(_), Some(Value::String(s))) => Some(s.clone()),
        (Some(p), other) => {
            let got = other.map_or("nothing", json_kind);
            return Err(payload_error(
                &Path::Dotted(p),
                &["expected the event type as a string, got ", got],
            ));
        }
    };
    let timestamp = match field(&c.event_timestamp_field) {
        Some(v) => timestamp_of(v, TsFormat::Rfc3339),
        None => delivery.timestamp.and_then(|t| i64::try_from(t).ok()),
    };
    Ok(Event {
        provider: "custom",
        id,
        event_type,
        timestamp,
        data_path: None,
        in_catalog: false,
        payload,
    })
}
