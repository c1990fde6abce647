//! The native backend of the npm package `hookseal` (napi-rs).
//!
//! This crate only converts arguments: everything about schemes, headers,
//! timestamps, secrets and payloads is decided by the core crate `hookseal`.
//! The JavaScript layer (`js/core.cjs`) does the argument checks, the header
//! normalisation and the error class, and calls the small backend interface
//! described in `js/backend.md`, which this crate fills in.
#![deny(clippy::all)]

// `quoted`: the core's quoting of values in messages, as the WebAssembly backend's.
use hookseal::{quoted, CustomScheme, Options, Scheme, SignatureEncoding, Webhook};
extern crate alloc;

use alloc::sync::Arc;
use std::sync::RwLock;

use napi::bindgen_prelude::{Either, Uint8Array};
use napi_derive::napi;

mod direct;

/// Adds the plain N-API callbacks of `direct.rs` to the module's exports.
#[napi(module_exports)]
#[allow(unsafe_code)]
pub fn init(exports: napi::bindgen_prelude::Object, env: napi::Env) -> napi::Result<()> {
    use napi::bindgen_prelude::JsValue;
    // SAFETY: the module's own env and exports, during its initialisation.
    unsafe { direct::register(env.raw(), exports.raw()) }
}

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
                    "unknown scheme {}; use one of costkatana, unicraft, dash, smartaihub, standard, stripe, github, slack, shopify, or describe a custom scheme",
                    quoted(&id)
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
                        "custom scheme: encoding must be \"hex\" or \"base64\", not {}",
                        quoted(other)
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

/// Header entries a scheme can read, at most.
const MAX_NAMES: usize = 8;

/// A verifier for one scheme and one or more secrets; the keyed HMAC state
/// is derived once, when it is built.
struct NativeWebhook {
    inner: Webhook,
    /// `Webhook::header_lookups(false)`: the entries `verifyArgs` gets values for, in order.
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
/// in the order `verifyArgs` takes their values: lower-case names, an
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
