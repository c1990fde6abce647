//! The WebAssembly backend of the npm package `hookseal` (wasm-bindgen).
//!
//! This crate only converts arguments, like its twin `hookseal-node` (napi):
//! everything about schemes, headers, timestamps, secrets and payloads is
//! decided by the core crate `hookseal`. The JavaScript layer
//! (`bindings-node/js/core.cjs`) checks the arguments and normalises headers;
//! `bindings-node/js/backend-wasm.cjs` flattens what it passes into the plain
//! values below (strings, bytes, numbers), so that the glue stays small and a
//! call crosses the boundary once.
//!
//! Errors are thrown as JavaScript `Error`s whose `code` is PRODUCT.md's code
//! and whose message is the core's, exactly as the native backend throws them.
#![no_std]

extern crate alloc;

// The WebAssembly build brings its own allocator and panic handler; a build
// for the host (`cargo clippy --workspace`) links `std` for them.
#[cfg(target_arch = "wasm32")]
mod heap;
mod scratch;
#[cfg(not(target_arch = "wasm32"))]
extern crate std;

use alloc::string::String;
use alloc::vec::Vec;
use core::cell::Cell;

// `quoted`: `{s:?}` as the native backend's messages write it, without `core::fmt`.
use hookseal::{quoted, CustomScheme, Headers, Options, Scheme, SignatureEncoding, Webhook};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen]
extern "C" {
    /// The host's `Error`, so a refusal is thrown as the native backend throws it.
    #[wasm_bindgen(js_name = Error)]
    type JsError;

    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new(message: &str) -> JsError;

    #[wasm_bindgen(method, setter = code)]
    fn set_code(this: &JsError, code: &str);
}

fn error(code: &str, message: &str) -> JsValue {
    let err = JsError::new(message);
    err.set_code(code);
    err.into()
}

fn to_js(err: &hookseal::Error) -> JsValue {
    error(err.code(), &err.message())
}

/// `parts.concat()` by a plain loop: `[&str]::concat` brings
/// `alloc::str::join_generic_copy` (1.1 kB of WebAssembly) for messages only.
fn concat(parts: &[&str]) -> String {
    let mut out = String::new();
    parts.iter().for_each(|p| out.push_str(p));
    out
}

fn invalid_argument(reason: &str) -> JsValue {
    error("invalid_argument", &concat(&["invalid argument: ", reason]))
}

type Result<T> = core::result::Result<T, JsValue>;

/// `items` joined by `\n`, for JavaScript to split.
fn lines<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(item);
    }
    out
}

/// A JavaScript number that must be a whole, non-negative, safe integer.
fn whole(value: f64, what: &str) -> Result<u64> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = value as u64;
    // NaN and the infinities fail the range test; `as` truncates a fraction.
    #[allow(clippy::cast_precision_loss, clippy::float_cmp)]
    if (0.0..=9_007_199_254_740_991.0).contains(&value) && whole as f64 == value {
        Ok(whole)
    } else {
        Err(invalid_argument(&concat(&[
            what,
            " must be a non-negative whole number",
        ])))
    }
}

fn size(value: f64, what: &str, too_large: &str) -> Result<usize> {
    usize::try_from(whole(value, what)?).map_err(|_| invalid_argument(too_large))
}

/// The built-in scheme `id`, or the custom scheme described by `custom`
/// (signature header, prefix, encoding, id header, timestamp header,
/// template, event id / type / timestamp fields; `None` for absent fields),
/// converted as `hookseal-node` converts its `CustomSchemeSpec`.
fn scheme_from(id: Option<String>, custom: [Option<String>; 9]) -> Result<Scheme> {
    if let Some(id) = id {
        return Scheme::from_id(&id).ok_or_else(|| {
            invalid_argument(&concat(&[
                "unknown scheme ",
                &quoted(&id),
                "; use one of costkatana, unicraft, dash, smartaihub, standard, stripe, github, slack, shopify, or describe a custom scheme",
            ]))
        });
    }
    let [signature_header, prefix, encoding, id_header, timestamp_header, template, event_id, event_type, event_ts] =
        custom;
    let signature_header = signature_header
        .ok_or_else(|| invalid_argument("custom scheme: signatureHeader is required"))?;
    let mut scheme = CustomScheme::new(signature_header);
    if let Some(prefix) = prefix {
        scheme = scheme.prefix(prefix);
    }
    scheme = scheme.encoding(match encoding.as_deref() {
        None | Some("hex") => SignatureEncoding::Hex,
        Some("base64") => SignatureEncoding::Base64,
        Some(other) => {
            return Err(invalid_argument(&concat(&[
                "custom scheme: encoding must be \"hex\" or \"base64\", not ",
                &quoted(other),
            ])))
        }
    });
    if let Some(h) = id_header {
        scheme = scheme.id_header(h);
    }
    if let Some(h) = timestamp_header {
        scheme = scheme.timestamp_header(h);
    }
    if let Some(t) = template {
        scheme = scheme.template(t);
    }
    if event_id.is_some() || event_type.is_some() || event_ts.is_some() {
        scheme = scheme.event_fields(
            event_id.as_deref(),
            event_type.as_deref(),
            event_ts.as_deref(),
        );
    }
    Ok(Scheme::Custom(scheme))
}

/// The HTTP status a receiver answers a refusal with: the core's one table
/// (`ErrorCode::http_status`), 400 for a code hookseal does not know.
#[wasm_bindgen(js_name = httpStatus)]
pub fn http_status(code: &str) -> u32 {
    hookseal::ErrorCode::from_code(code).map_or(400, |c| u32::from(c.http_status()))
}

/// The scheme fields at the front of `createWebhook`'s parts: the scheme id,
/// then the custom scheme's nine (see `scheme_from`).
const SCHEME_FIELDS: usize = 10;

/// Builds a verifier. `parts` holds, back to back, the UTF-8 bytes of the
/// scheme id and of the custom scheme's fields (signature header, prefix,
/// encoding, id header, timestamp header, template, event id / type /
/// timestamp fields), then the secrets; `part_lengths` their byte lengths,
/// `ABSENT` for an absent field. Bytes rather than ten optional strings: the
/// glue passes two arrays instead of converting ten arguments. The options
/// take the core's default when `undefined`. The JavaScript names are those
/// of the backend interface (`js/backend.md`).
#[wasm_bindgen(js_name = createWebhook)]
pub fn create_webhook(
    parts: &[u8],
    part_lengths: &[u32],
    tolerance: Option<f64>,
    strict: Option<bool>,
    max_payload_bytes: Option<f64>,
    replay_capacity: Option<f64>,
    replay_ttl: Option<f64>,
) -> Result<WasmWebhook> {
    let mut fields: [Option<String>; SCHEME_FIELDS] = Default::default();
    let mut keys: Vec<&[u8]> = Vec::with_capacity(part_lengths.len());
    let mut rest = parts;
    for (i, &len) in part_lengths.iter().enumerate() {
        if i < SCHEME_FIELDS && len == ABSENT {
            continue;
        }
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        let Some((part, tail)) = rest.split_at_checked(len) else {
            return Err(invalid_argument("part lengths do not add up"));
        };
        rest = tail;
        match fields.get_mut(i) {
            Some(field) => {
                let text = core::str::from_utf8(part)
                    .map_err(|_| invalid_argument("scheme fields must be UTF-8"))?;
                *field = Some(String::from(text));
            }
            None => keys.push(part),
        }
    }
    let [id, custom @ ..] = fields;
    let scheme = scheme_from(id, custom)?;
    let mut opts = Options::default();
    let mut replay: Option<(usize, u64)> = None;
    if let Some(c) = replay_capacity {
        let capacity = size(c, "replay capacity", "the replay capacity is too large")?;
        replay = Some((capacity, whole(replay_ttl.unwrap_or(600.0), "replay ttl")?));
    }
    if let Some(t) = tolerance {
        opts.tolerance = whole(t, "tolerance")?;
    }
    if let Some(s) = strict {
        opts.strict = s;
    }
    if let Some(m) = max_payload_bytes {
        opts.max_payload_bytes = size(m, "maxPayloadBytes", "maxPayloadBytes is too large")?;
    }
    let inner = Webhook::with_options(scheme, &keys, opts).map_err(|e| to_js(&e))?;
    let inner = match replay {
        #[cfg(feature = "replay-guard")]
        Some((capacity, ttl)) => inner.with_replay_guard(capacity, ttl),
        #[cfg(not(feature = "replay-guard"))]
        Some(_) => {
            return Err(invalid_argument(
                "replayGuard needs the WebAssembly build with the `replay-guard` feature",
            ))
        }
        None => inner,
    };
    // The core says which headers the scheme reads (signature, id, timestamp,
    // their aliases, catalog envelope headers); JavaScript looks up just these.
    let lookups: Vec<String> = inner
        .header_lookups(false)
        .into_iter()
        .map(|names| {
            let mut entry = String::new();
            for name in names {
                if !entry.is_empty() {
                    entry.push('|');
                }
                entry.push_str(name);
            }
            entry
        })
        .collect();
    if lookups.len() > MAX_LOOKUPS {
        return Err(invalid_argument("a scheme reads at most 8 headers"));
    }
    let signature_lookups = inner.header_lookups(true).len();
    Ok(WasmWebhook {
        inner,
        lookups,
        signature_lookups,
        error: Cell::new(None),
    })
}

/// Marks an absent header in the scratch area's lengths.
const ABSENT: u32 = u32::MAX;

/// Header entries a scheme can read, at most; the scratch area starts with
/// this many 4-byte lengths.
const MAX_LOOKUPS: usize = 8;

/// The header values the JavaScript layer found, one per look-up entry (the
/// core's `Webhook::header_lookups`): their UTF-8 bytes back to back in
/// `bytes`, each one's length in `lens` (4 bytes little-endian each; `ABSENT`
/// for a missing header). An entry's value is the one JavaScript picked among
/// the entry's names (the first present and not blank, the core's rule), so
/// it answers for every name of the entry, as in `hookseal-node`.
struct Packed<'a> {
    lookups: &'a [String],
    bytes: &'a [u8],
    lens: &'a [u8],
}

impl Packed<'_> {
    fn len(&self, i: usize) -> Option<u32> {
        let word = self.lens.get(i * 4..i * 4 + 4)?;
        Some(u32::from_le_bytes(word.try_into().ok()?))
    }

    /// The value of entry `i`.
    fn value(&self, i: usize) -> Option<&[u8]> {
        let len = self.len(i)?;
        if len == ABSENT {
            return None;
        }
        let mut start = 0usize;
        for j in 0..i {
            match self.len(j)? {
                ABSENT => {}
                l => start += l as usize,
            }
        }
        self.bytes.get(start..start.checked_add(len as usize)?)
    }
}

impl Headers for Packed<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        let i = self.lookups.iter().position(|entry| {
            entry
                .as_bytes()
                .split(|&b| b == b'|')
                .any(|n| n == name.as_bytes())
        })?;
        self.value(i)
    }

    /// The signature check asks by entry number: no names to match (1 KiB
    /// `verifySignature`: 5.68-5.76 -> 5.56-5.65 us, A/B).
    fn entry(&self, index: usize) -> Option<Option<&[u8]>> {
        (index < self.lookups.len()).then(|| self.value(index))
    }
}

/// The address of the scratch area (`src/scratch.rs`) after growing it to at
/// least `size` bytes. JavaScript writes a delivery there, laid out as
/// `verifySignature` reads it, and makes a new view of `memory()` afterwards
/// (growing the area may grow the memory, which detaches the old views).
#[wasm_bindgen]
pub fn reserve(size: usize) -> *mut u8 {
    scratch::reserve(size)
}

/// The instance's `WebAssembly.Memory`, for JavaScript's views of the
/// scratch area.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// A verifier for one scheme and one or more secrets; the keyed HMAC state
/// is derived once, when it is built.
#[wasm_bindgen]
pub struct WasmWebhook {
    inner: Webhook,
    /// `Webhook::header_lookups(false)`, each entry's names joined by `|`:
    /// the entries whose values the scratch area holds, in order.
    lookups: Vec<String>,
    /// How many of them `verify_signature` reads (`header_lookups(true)`), at the front.
    signature_lookups: usize,
    /// The refusal of the last call that returned a failure, until `takeError`.
    error: Cell<Option<JsValue>>,
}

impl WasmWebhook {
    /// Runs `f` over the delivery in the scratch area: the lengths of the
    /// first `entries` look-up entries' values, `header_bytes` bytes of header
    /// values, `body_len` bytes of body.
    fn delivery<R>(
        &self,
        entries: usize,
        header_bytes: usize,
        body_len: usize,
        now: f64,
        f: impl FnOnce(&Webhook, &[u8], &Packed<'_>, u64) -> Result<R>,
    ) -> Result<R> {
        let now = whole(now, "now")?;
        scratch::with(|area| {
            let end = (MAX_LOOKUPS * 4)
                .checked_add(header_bytes)
                .and_then(|e| e.checked_add(body_len));
            let Some(end) = end.filter(|&e| e <= area.len()) else {
                return Err(invalid_argument(
                    "the delivery does not fit the scratch area",
                ));
            };
            let (lens, rest) = area[..end].split_at(MAX_LOOKUPS * 4);
            let (bytes, body) = rest.split_at(header_bytes);
            let headers = Packed {
                lookups: &self.lookups[..entries],
                bytes,
                lens,
            };
            f(&self.inner, body, &headers, now)
        })
    }

    /// 0 for success; 1 after keeping the refusal for `takeError`.
    fn status(&self, result: Result<()>) -> u32 {
        match result {
            Ok(()) => 0,
            Err(e) => {
                self.error.set(Some(e));
                1
            }
        }
    }
}

#[wasm_bindgen]
impl WasmWebhook {
    /// The header entries the scheme reads (the core's
    /// `Webhook::header_lookups`), in the order of their values in the scratch
    /// area: lower-case names, an entry's aliases joined by `|`. With
    /// `signature_only`, the entries `verifySignature` reads (the first ones).
    /// One string, the entries separated by `\n` (header names never contain
    /// it): a string array would bring wasm-bindgen's array conversion.
    #[wasm_bindgen(js_name = headerNames)]
    pub fn header_names(&self, signature_only: Option<bool>) -> String {
        let n = if signature_only == Some(true) {
            self.signature_lookups
        } else {
            self.lookups.len()
        };
        lines(self.lookups.iter().take(n).map(String::as_str))
    }

    /// Checks the signature (and timestamp) of the delivery in the scratch
    /// area: at its start eight 4-byte little-endian lengths, one per entry
    /// of `headerNames(true)` (`0xffffffff` for an absent header; the rest
    /// unused), then the values' UTF-8 bytes back to back (`header_bytes` in
    /// all), then the body (`body_len` bytes). `now` is Unix seconds (the JavaScript side passes
    /// the clock: the core has none here). Returns 0, or 1 when refused:
    /// `takeError()` then returns the `Error` (its `code` is PRODUCT.md's).
    /// Numbers only, so the glue neither allocates nor copies.
    #[wasm_bindgen(js_name = verifySignature)]
    pub fn verify_signature(&self, header_bytes: usize, body_len: usize, now: f64) -> u32 {
        let entries = self.signature_lookups;
        let result = self.delivery(
            entries,
            header_bytes,
            body_len,
            now,
            |wh, body, headers, now| {
                wh.verify_signature(body, headers, Some(now))
                    .map_err(|e| to_js(&e))
            },
        );
        self.status(result)
    }

    /// Checks the delivery like `verifySignature` (with the values of every
    /// entry of `headerNames()`), then parses and validates its JSON; returns
    /// the event as JSON text, or nothing when refused (`takeError()` then
    /// returns the `Error`). The text is `Event::to_json_string_with_data_path`,
    /// as from `hookseal-node`: `data` as its path inside `payload`, which
    /// `js/core.cjs` follows, so the payload is encoded and decoded once (64 KiB:
    /// 693 -> 442 us per `verify`).
    pub fn verify(&self, header_bytes: usize, body_len: usize, now: f64) -> Option<String> {
        let entries = self.lookups.len();
        let result = self.delivery(
            entries,
            header_bytes,
            body_len,
            now,
            |wh, body, headers, now| {
                wh.verify(body, headers, Some(now))
                    .map(|e| e.to_json_string_with_data_path())
                    .map_err(|e| to_js(&e))
            },
        );
        result.map_err(|e| self.error.set(Some(e))).ok()
    }

    /// The refusal of the last call that failed.
    #[wasm_bindgen(js_name = takeError)]
    pub fn take_error(&self) -> JsValue {
        self.error.take().unwrap_or_default()
    }

    /// The headers a provider would send, as `name\nvalue\nname\nvalue…`
    /// (names are tokens and values visible ASCII: the core checks the
    /// custom header names, the prefix and `id`; checked again here, as the
    /// split in JavaScript relies on it).
    pub fn sign(&self, body: &[u8], timestamp: Option<f64>, id: Option<String>) -> Result<String> {
        let ts = timestamp.map(|t| whole(t, "timestamp")).transpose()?;
        let pairs = self
            .inner
            .sign(body, ts, id.as_deref())
            .map_err(|e| to_js(&e))?;
        let flat = lines(pairs.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]));
        if flat.matches('\n').count() + 1 != pairs.len() * 2 {
            return Err(invalid_argument("a signed header contains a line break"));
        }
        Ok(flat)
    }
}
