//! The native backend of the npm package `hookseal` (napi-rs).
//!
//! This crate only converts arguments: everything about schemes, headers,
//! timestamps, secrets and payloads is decided by the core crate `hookseal`.
//! The JavaScript layer (`js/core.cjs`) does the argument checks, the header
//! normalisation and the error class, and calls the small backend interface
//! described in `js/backend.md`, which this crate fills in.
#![deny(clippy::all)]

use hookseal::{CustomScheme, Headers, Options, Scheme, SignatureEncoding, Webhook};
extern crate alloc;

use alloc::sync::Arc;
use core::cell::RefCell;
use std::sync::RwLock;

use napi::bindgen_prelude::{Either, Uint8Array};
use napi_derive::napi;

/// PRODUCT.md's error code, carried to JavaScript as `err.code`.
pub struct Code(&'static str);

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.0
    }
}

type Result<T> = core::result::Result<T, napi::Error<Code>>;

fn to_js(err: hookseal::Error) -> napi::Error<Code> {
    napi::Error::new(Code(err.code()), err.to_string())
}

fn invalid_argument(reason: &str) -> napi::Error<Code> {
    napi::Error::new(
        Code("invalid_argument"),
        format!("invalid argument: {reason}"),
    )
}

/// A custom scheme's description, as `docs/SEMANTICS.md` lists its fields.
#[napi(object)]
pub struct CustomSchemeSpec {
    /// Header carrying the signature.
    pub signature_header: String,
    /// Text before the signature, e.g. `sha256=`.
    pub prefix: Option<String>,
    /// `hex` (default) or `base64`.
    pub encoding: Option<String>,
    /// Header carrying the delivery id.
    pub id_header: Option<String>,
    /// Header carrying the Unix timestamp.
    pub timestamp_header: Option<String>,
    /// Signed content, default `{body}`.
    pub template: Option<String>,
    /// Dotted path of the event id in the JSON body (for `verify`).
    pub event_id_field: Option<String>,
    /// Dotted path of the event type in the JSON body (for `verify`).
    pub event_type_field: Option<String>,
    /// Dotted path of the RFC 3339 event time in the JSON body (for `verify`).
    pub event_timestamp_field: Option<String>,
}

/// Verification options; absent fields take the core's defaults.
#[napi(object)]
pub struct WebhookOptions {
    /// Allowed clock difference in seconds; `0` switches the check off.
    pub tolerance: Option<f64>,
    /// Refuse event types that are not in the provider's catalog.
    pub strict: Option<bool>,
    /// Largest body accepted, in bytes; `0` means no limit.
    pub max_payload_bytes: Option<f64>,
    /// Remember this many accepted deliveries and refuse repeats (`duplicate_event`).
    pub replay_capacity: Option<f64>,
    /// How long, in seconds, the replay guard remembers a delivery.
    pub replay_ttl: Option<f64>,
}

fn whole(value: f64, what: &str) -> Result<u64> {
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= 9_007_199_254_740_991.0
    {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(value as u64)
    } else {
        Err(invalid_argument(&format!(
            "{what} must be a non-negative whole number"
        )))
    }
}

fn scheme_from(spec: Either<String, CustomSchemeSpec>) -> Result<Scheme> {
    match spec {
        Either::A(id) => {
            let scheme = Scheme::from_id(&id).ok_or_else(|| {
                invalid_argument(&format!(
                    "unknown scheme {id:?}; use one of costkatana, unicraft, dash, smartaihub, standard, stripe, github, slack, shopify, or describe a custom scheme"
                ))
            })?;
            Ok(scheme)
        }
        Either::B(spec) => {
            let mut custom = CustomScheme::new(spec.signature_header.clone());
            if let Some(prefix) = spec.prefix {
                custom = custom.prefix(prefix);
            }
            custom = custom.encoding(match spec.encoding.as_deref() {
                None | Some("hex") => SignatureEncoding::Hex,
                Some("base64") => SignatureEncoding::Base64,
                Some(other) => {
                    return Err(invalid_argument(&format!(
                        "custom scheme: encoding must be \"hex\" or \"base64\", not {other:?}"
                    )))
                }
            });
            if let Some(h) = spec.id_header {
                custom = custom.id_header(h);
            }
            if let Some(h) = spec.timestamp_header {
                custom = custom.timestamp_header(h);
            }
            if let Some(t) = spec.template {
                custom = custom.template(t);
            }
            if spec.event_id_field.is_some()
                || spec.event_type_field.is_some()
                || spec.event_timestamp_field.is_some()
            {
                custom = custom.event_fields(
                    spec.event_id_field.as_deref(),
                    spec.event_type_field.as_deref(),
                    spec.event_timestamp_field.as_deref(),
                );
            }
            Ok(Scheme::Custom(custom))
        }
    }
}

/// Marks an absent header in a call buffer's length table.
const ABSENT: u32 = u32::MAX;
/// Header entries a scheme can read, at most.
const MAX_NAMES: usize = 8;
/// Layout of a call buffer (see `Call`).
const ID_AT: usize = 8;
const BODY_LEN_AT: usize = 12;
const LENS_AT: usize = 16;
const VALUES_AT: usize = LENS_AT + 4 * MAX_NAMES;

/// One call, as the JavaScript side writes it into a reused buffer
/// (`js/backend-native.cjs`):
///
/// | bytes | what |
/// |---|---|
/// | 0..8 | `now`, f64 (NaN: none) |
/// | 8..12 | the webhook's id in the registry, u32 |
/// | 12..16 | the body's length, u32, when the body is in the buffer (`*_buffered` calls) |
/// | 16..48 | 8 × u32: each header entry's value length, `ABSENT` when missing |
/// | 48.. | the values' UTF-8 bytes back to back, in the order of the entries, then the body (`*_buffered` calls) |
///
/// Numbers are in the machine's byte order (the buffer never leaves the
/// process). The buffer is handed over once (`set_call_buffer`), so a call
/// converts at most one typed array (the body) and allocates nothing. Small
/// bodies are copied into the buffer too, and the `*_buffered` functions take
/// no argument at all: napi-rs gives a function without arguments a shorter
/// path (no borrow scope), which at 1 KiB is worth more than the copy.
struct Call<'a> {
    lookups: &'a [Vec<String>],
    buf: &'a [u8],
}

fn read4(buf: &[u8], at: usize) -> Option<[u8; 4]> {
    buf.get(at..at + 4)?.try_into().ok()
}

impl<'a> Call<'a> {
    fn now(&self) -> Result<Option<u64>> {
        let raw: [u8; 8] = self
            .buf
            .get(..8)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| invalid_argument("bad call buffer"))?;
        let now = f64::from_ne_bytes(raw);
        if now.is_nan() {
            Ok(None)
        } else {
            whole(now, "now").map(Some)
        }
    }

    fn len(&self, i: usize) -> u32 {
        read4(self.buf, LENS_AT + 4 * i).map_or(ABSENT, u32::from_ne_bytes)
    }

    /// Where the values of the entries before entry `i` end.
    fn values_end(&self, i: usize) -> usize {
        VALUES_AT
            + (0..i)
                .map(|j| self.len(j))
                .filter(|&l| l != ABSENT)
                .map(|l| l as usize)
                .sum::<usize>()
    }

    /// The body, when JavaScript copied it into the buffer after the values.
    fn body(&self) -> Result<&'a [u8]> {
        let len = read4(self.buf, BODY_LEN_AT)
            .map(u32::from_ne_bytes)
            .ok_or_else(|| invalid_argument("bad call buffer"))?;
        let start = self.values_end(self.lookups.len());
        start
            .checked_add(len as usize)
            .and_then(|end| self.buf.get(start..end))
            .ok_or_else(|| invalid_argument("bad call buffer"))
    }
}

/// The value of an entry is the one JavaScript picked among the entry's
/// names (the core's rule: the first present and not blank,
/// `Webhook::header_lookups`), so it answers for every name of the entry.
impl Headers for Call<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        let i = self
            .lookups
            .iter()
            .position(|names| names.iter().any(|n| n == name))?;
        let len = self.len(i);
        if len == ABSENT {
            return None;
        }
        let start = self.values_end(i);
        self.buf.get(start..start.checked_add(len as usize)?)
    }
}

/// A verifier for one scheme and one or more secrets; the keyed HMAC state
/// is derived once, when it is built.
struct NativeWebhook {
    inner: Webhook,
    /// `Webhook::header_lookups(false)`: the entries a call buffer carries values for.
    lookups: Vec<Vec<String>>,
    /// How many of them `verify_signature` reads (`header_lookups(true)`), at the front.
    signature_lookups: usize,
}

/// The live webhooks, by id. JavaScript holds the id (a number reaches Rust
/// more cheaply than an External) and frees it from a FinalizationRegistry.
static REGISTRY: RwLock<Registry> = RwLock::new(Registry {
    slots: Vec::new(),
    free: Vec::new(),
});

struct Registry {
    slots: Vec<Option<Arc<NativeWebhook>>>,
    free: Vec<u32>,
}

fn registry_read() -> std::sync::RwLockReadGuard<'static, Registry> {
    REGISTRY
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn registry_write() -> std::sync::RwLockWriteGuard<'static, Registry> {
    REGISTRY
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn lookup_webhook_arc(id: u32) -> Result<Arc<NativeWebhook>> {
    registry_read()
        .slots
        .get(id as usize)
        .and_then(Option::clone)
        .ok_or_else(|| invalid_argument("this webhook was freed"))
}

thread_local! {
    /// This thread's call buffer. JavaScript hands it over once
    /// (`set_call_buffer`) instead of with every call, which saves a typed
    /// array's conversion per verification. The napi reference keeps it alive;
    /// it is never resized or detached (js/backend-native.cjs owns it and
    /// replaces it, through `set_call_buffer`, only to grow it).
    static CALL_BUFFER: RefCell<Option<Uint8Array>> = const { RefCell::new(None) };
}

/// Hands this thread's call buffer to Rust (at load, and when JavaScript
/// replaces it with a bigger one).
#[napi(catch_unwind)]
pub fn set_call_buffer(buffer: Uint8Array) {
    CALL_BUFFER.with(|cell| *cell.borrow_mut() = Some(buffer));
}

/// Runs `f` with the call buffer and the webhook it names, under the
/// registry's read lock: verifications do not wait for each other, only
/// building or freeing a webhook waits for running ones.
fn with_call<T>(f: impl FnOnce(&NativeWebhook, &[u8]) -> Result<T>) -> Result<T> {
    CALL_BUFFER.with(|cell| {
        let guard = cell.borrow();
        let call: &[u8] = guard
            .as_deref()
            .ok_or_else(|| invalid_argument("no call buffer"))?;
        let id = read4(call, ID_AT)
            .map(u32::from_ne_bytes)
            .ok_or_else(|| invalid_argument("bad call buffer"))?;
        let reg = registry_read();
        let webhook = reg
            .slots
            .get(id as usize)
            .and_then(Option::as_ref)
            .ok_or_else(|| invalid_argument("this webhook was freed"))?;
        f(webhook, call)
    })
}

/// The HTTP status a receiver answers a refusal with: the core's one table
/// (`ErrorCode::http_status`), 400 for a code hookseal does not know.
#[napi(catch_unwind)]
pub fn http_status(code: String) -> u32 {
    hookseal::ErrorCode::from_code(&code).map_or(400, |c| u32::from(c.http_status()))
}

/// Builds a verifier and returns its id. `scheme`: a scheme id or a
/// custom-scheme description; `secrets`: the secrets' bytes (UTF-8 for strings).
#[napi(catch_unwind)]
pub fn create_webhook(
    scheme: Either<String, CustomSchemeSpec>,
    secrets: Vec<Uint8Array>,
    options: Option<WebhookOptions>,
) -> Result<u32> {
    let scheme = scheme_from(scheme)?;
    let mut opts = Options::default();
    let mut replay = None;
    if let Some(o) = options {
        if let Some(c) = o.replay_capacity {
            let capacity = usize::try_from(whole(c, "replay capacity")?)
                .map_err(|_| invalid_argument("the replay capacity is too large"))?;
            replay = Some((
                capacity,
                whole(o.replay_ttl.unwrap_or(600.0), "replay ttl")?,
            ));
        }
        if let Some(t) = o.tolerance {
            opts.tolerance = whole(t, "tolerance")?;
        }
        if let Some(s) = o.strict {
            opts.strict = s;
        }
        if let Some(m) = o.max_payload_bytes {
            opts.max_payload_bytes = usize::try_from(whole(m, "maxPayloadBytes")?)
                .map_err(|_| invalid_argument("maxPayloadBytes is too large"))?;
        }
    }
    let keys: Vec<&[u8]> = secrets.iter().map(|s| &s[..]).collect();
    let mut inner = Webhook::with_options(scheme, &keys, opts).map_err(to_js)?;
    if let Some((capacity, ttl)) = replay {
        inner = inner.with_replay_guard(capacity, ttl);
    }
    // The core says which headers the scheme reads (signature, id, timestamp,
    // their aliases, catalog envelope headers); JavaScript looks up just these.
    let lookups: Vec<Vec<String>> = inner
        .header_lookups(false)
        .into_iter()
        .map(|names| names.into_iter().map(str::to_string).collect())
        .collect();
    if lookups.len() > MAX_NAMES {
        return Err(invalid_argument("a scheme reads at most 8 headers"));
    }
    let signature_lookups = inner.header_lookups(true).len();
    let webhook = Some(Arc::new(NativeWebhook {
        inner,
        lookups,
        signature_lookups,
    }));
    let mut reg = registry_write();
    if let Some(id) = reg.free.pop() {
        reg.slots[id as usize] = webhook;
        Ok(id)
    } else {
        let id =
            u32::try_from(reg.slots.len()).map_err(|_| invalid_argument("too many webhooks"))?;
        reg.slots.push(webhook);
        Ok(id)
    }
}

/// Frees a webhook (called when its JavaScript owner is garbage-collected).
#[napi(catch_unwind)]
pub fn drop_webhook(id: u32) {
    let mut reg = registry_write();
    if let Some(slot) = reg.slots.get_mut(id as usize) {
        if slot.take().is_some() {
            reg.free.push(id);
        }
    }
}

/// The header entries the scheme reads (the core's `Webhook::header_lookups`),
/// in the order a call buffer carries their values: lower-case names, an
/// entry's aliases joined by `|`. With `signature_only`, the entries
/// `verify_signature` reads (the first ones).
#[napi(catch_unwind)]
pub fn header_names(id: u32, signature_only: Option<bool>) -> Result<Vec<String>> {
    let webhook = lookup_webhook_arc(id)?;
    let n = if signature_only == Some(true) {
        webhook.signature_lookups
    } else {
        webhook.lookups.len()
    };
    Ok(webhook.lookups[..n]
        .iter()
        .map(|names| names.join("|"))
        .collect())
}

/// The call buffer's headers, and the body: `body` when the caller passed a
/// view of its Buffer, else the copy at the end of the call buffer.
fn delivery<'a>(
    webhook: &'a NativeWebhook,
    call: &'a [u8],
    body: Option<&'a [u8]>,
) -> Result<(Call<'a>, &'a [u8])> {
    let headers = Call {
        lookups: &webhook.lookups,
        buf: call,
    };
    let body = match body {
        Some(body) => body,
        None => headers.body()?,
    };
    Ok((headers, body))
}

fn check_signature(webhook: &NativeWebhook, call: &[u8], body: Option<&[u8]>) -> Result<()> {
    let (headers, body) = delivery(webhook, call, body)?;
    webhook
        .inner
        .verify_signature(body, &headers, headers.now()?)
        .map_err(to_js)
}

fn check_event(webhook: &NativeWebhook, call: &[u8], body: Option<&[u8]>) -> Result<String> {
    let (headers, body) = delivery(webhook, call, body)?;
    webhook
        .inner
        .verify(body, &headers, headers.now()?)
        .map(|e| e.to_json_string_with_data_path())
        .map_err(to_js)
}

/// Checks the signature (and timestamp); throws an error whose `code` is
/// PRODUCT.md's code.
#[napi(catch_unwind)]
pub fn verify_signature(body: &[u8]) -> Result<()> {
    with_call(|webhook, call| check_signature(webhook, call, Some(body)))
}

/// `verify_signature` with the body in the call buffer.
#[napi(catch_unwind)]
pub fn verify_signature_buffered() -> Result<()> {
    with_call(|webhook, call| check_signature(webhook, call, None))
}

/// Checks the delivery like `verify_signature`, then parses and validates
/// its JSON; returns the event as JSON text with `data_path` instead of a
/// second copy of the data (`Event::to_json_string_with_data_path`).
#[napi(catch_unwind)]
pub fn verify(body: &[u8]) -> Result<String> {
    with_call(|webhook, call| check_event(webhook, call, Some(body)))
}

/// `verify` with the body in the call buffer.
#[napi(catch_unwind)]
pub fn verify_buffered() -> Result<String> {
    with_call(|webhook, call| check_event(webhook, call, None))
}

/// The headers a provider would send, as a flat `[name, value, …]` list.
#[napi(catch_unwind)]
pub fn sign(
    id: u32,
    body: &[u8],
    timestamp: Option<f64>,
    msg_id: Option<String>,
) -> Result<Vec<String>> {
    let ts = timestamp.map(|t| whole(t, "timestamp")).transpose()?;
    let pairs = lookup_webhook_arc(id)?
        .inner
        .sign(body, ts, msg_id.as_deref())
        .map_err(to_js)?;
    Ok(pairs.into_iter().flat_map(|(k, v)| [k, v]).collect())
}

/// Panics on purpose: the test that a panic becomes a JavaScript exception
/// instead of aborting Node (bindings-node/test/panic.test.cjs). Only in
/// builds with the cargo feature `test-panic`, which the published module
/// (`make build-node`) does not enable.
#[cfg(feature = "test-panic")]
#[napi(catch_unwind)]
#[allow(clippy::panic)]
pub fn test_panic(message: String) -> Result<u32> {
    panic!("{message}");
}
