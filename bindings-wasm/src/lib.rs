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
#[cfg(not(target_arch = "wasm32"))]
extern crate std;

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use hookseal::{CustomScheme, Headers, Options, Scheme, SignatureEncoding, Webhook};
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

fn invalid_argument(reason: &str) -> JsValue {
    error("invalid_argument", &["invalid argument: ", reason].concat())
}

/// `s` as Rust's `{s:?}` writes it (the native backend's messages use it):
/// in double quotes, escaped as `char::escape_debug` does except `'`. Built
/// without `format!`, so the module carries no `core::fmt` machinery.
fn quoted(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        if c == '\'' {
            out.push(c);
        } else {
            out.extend(c.escape_debug());
        }
    }
    out.push('"');
    out
}

type Result<T> = core::result::Result<T, JsValue>;

/// A JavaScript number that must be a whole, non-negative, safe integer.
fn whole(value: f64, what: &str) -> Result<u64> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = value as u64;
    // NaN and the infinities fail the range test; `as` truncates a fraction.
    #[allow(clippy::cast_precision_loss, clippy::float_cmp)]
    if (0.0..=9_007_199_254_740_991.0).contains(&value) && whole as f64 == value {
        Ok(whole)
    } else {
        Err(invalid_argument(
            &[what, " must be a non-negative whole number"].concat(),
        ))
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
            invalid_argument(&[
                "unknown scheme ",
                &quoted(&id),
                "; use one of costkatana, unicraft, dash, smartaihub, standard, stripe, github, slack, shopify, or describe a custom scheme",
            ].concat())
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
            return Err(invalid_argument(
                &[
                    "custom scheme: encoding must be \"hex\" or \"base64\", not ",
                    &quoted(other),
                ]
                .concat(),
            ))
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

/// Builds a verifier: the scheme (`id`, or the custom fields), the secrets
/// concatenated in `secrets` with their lengths in `secret_lengths`, and the
/// options (`undefined` takes the core's default). The JavaScript names are
/// those of the backend interface (`js/backend.md`).
#[allow(clippy::too_many_arguments)] // one flat call instead of an object walked through the glue
#[wasm_bindgen(js_name = createWebhook)]
pub fn create_webhook(
    id: Option<String>,
    signature_header: Option<String>,
    prefix: Option<String>,
    encoding: Option<String>,
    id_header: Option<String>,
    timestamp_header: Option<String>,
    template: Option<String>,
    event_id_field: Option<String>,
    event_type_field: Option<String>,
    event_timestamp_field: Option<String>,
    secrets: &[u8],
    secret_lengths: &[u32],
    tolerance: Option<f64>,
    strict: Option<bool>,
    max_payload_bytes: Option<f64>,
    replay_capacity: Option<f64>,
    replay_ttl: Option<f64>,
) -> Result<WasmWebhook> {
    let scheme = scheme_from(
        id,
        [
            signature_header,
            prefix,
            encoding,
            id_header,
            timestamp_header,
            template,
            event_id_field,
            event_type_field,
            event_timestamp_field,
        ],
    )?;
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
    let mut keys: Vec<&[u8]> = Vec::with_capacity(secret_lengths.len());
    let mut rest = secrets;
    for &len in secret_lengths {
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        let Some((key, tail)) = rest.split_at_checked(len) else {
            return Err(invalid_argument("secret lengths do not add up"));
        };
        keys.push(key);
        rest = tail;
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
    let names = inner
        .header_names()
        .into_iter()
        .map(ToString::to_string)
        .collect();
    Ok(WasmWebhook { inner, names })
}

/// Marks an absent header in `lens`.
const ABSENT: u32 = u32::MAX;

/// The header values the JavaScript layer found, aligned with the scheme's
/// header names: their UTF-8 bytes back to back in `bytes`, each one's
/// length in `lens` (`ABSENT` for a missing header), as `hookseal-node`
/// receives them.
struct Packed<'a> {
    names: &'a [String],
    bytes: &'a [u8],
    lens: &'a [u32],
}

impl Headers for Packed<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        let i = self.names.iter().position(|n| n == name)?;
        let len = *self.lens.get(i)?;
        if len == ABSENT {
            return None;
        }
        let start: usize = self.lens[..i]
            .iter()
            .filter(|&&l| l != ABSENT)
            .map(|&l| l as usize)
            .sum();
        self.bytes.get(start..start.checked_add(len as usize)?)
    }
}

/// A verifier for one scheme and one or more secrets; the keyed HMAC state
/// is derived once, when it is built.
#[wasm_bindgen]
pub struct WasmWebhook {
    inner: Webhook,
    names: Vec<String>,
}

#[wasm_bindgen]
impl WasmWebhook {
    /// The lower-case header names the scheme may read; `verify*` takes their
    /// values in this order.
    #[wasm_bindgen(js_name = headerNames)]
    pub fn header_names(&self) -> Vec<String> {
        self.names.clone()
    }

    /// Checks the signature (and timestamp); throws an `Error` whose `code`
    /// is PRODUCT.md's code. `packed`/`lens`: the values of `headerNames()`. `now` is Unix seconds (the JavaScript side
    /// passes the clock: the core has none here).
    #[wasm_bindgen(js_name = verifySignature)]
    pub fn verify_signature(
        &self,
        body: &[u8],
        packed: &[u8],
        lens: &[u32],
        now: f64,
    ) -> Result<()> {
        let headers = Packed {
            names: &self.names,
            bytes: packed,
            lens,
        };
        let now = whole(now, "now")?;
        self.inner
            .verify_signature(body, &headers, Some(now))
            .map_err(|e| to_js(&e))
    }

    /// Checks the delivery like `verifySignature`, then parses and validates
    /// its JSON; returns the event as JSON text (`Event::to_json_string`).
    pub fn verify(&self, body: &[u8], packed: &[u8], lens: &[u32], now: f64) -> Result<String> {
        let headers = Packed {
            names: &self.names,
            bytes: packed,
            lens,
        };
        let now = whole(now, "now")?;
        self.inner
            .verify(body, &headers, Some(now))
            .map(|e| e.to_json_string())
            .map_err(|e| to_js(&e))
    }

    /// The headers a provider would send, as a flat `[name, value, …]` list.
    pub fn sign(
        &self,
        body: &[u8],
        timestamp: Option<f64>,
        id: Option<String>,
    ) -> Result<Vec<String>> {
        let ts = timestamp.map(|t| whole(t, "timestamp")).transpose()?;
        let pairs = self
            .inner
            .sign(body, ts, id.as_deref())
            .map_err(|e| to_js(&e))?;
        Ok(pairs.into_iter().flat_map(|(k, v)| [k, v]).collect())
    }
}
