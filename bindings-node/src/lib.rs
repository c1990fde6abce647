//! The native backend of the npm package `hookseal` (napi-rs).
//!
//! This crate only converts arguments: everything about schemes, headers,
//! timestamps, secrets and payloads is decided by the core crate `hookseal`.
//! The JavaScript layer (`js/core.cjs`) does the argument checks, the header
//! normalisation and the error class, and calls the small backend interface
//! described in `js/backend.md`, which this crate fills in.
#![deny(clippy::all)]

use hookseal::{CustomScheme, Headers, Options, Scheme, SignatureEncoding, Webhook};
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

fn scheme_from(spec: Either<String, CustomSchemeSpec>) -> Result<(Scheme, Vec<String>)> {
    match spec {
        Either::A(id) => {
            let scheme = Scheme::from_id(&id).ok_or_else(|| {
                invalid_argument(&format!(
                    "unknown scheme {id:?}; use one of costkatana, unicraft, dash, smartaihub, standard, stripe, github, slack, shopify, or describe a custom scheme"
                ))
            })?;
            let names = built_in_header_names(&scheme)
                .iter()
                .map(|s| (*s).to_string())
                .collect();
            Ok((scheme, names))
        }
        Either::B(spec) => {
            let mut custom = CustomScheme::new(spec.signature_header.clone());
            let mut names = vec![spec.signature_header.to_ascii_lowercase()];
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
                names.push(h.to_ascii_lowercase());
                custom = custom.id_header(h);
            }
            if let Some(h) = spec.timestamp_header {
                names.push(h.to_ascii_lowercase());
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
            Ok((Scheme::Custom(custom), names))
        }
    }
}

/// The (lower-case) header names a built-in scheme may read (signature,
/// timestamp, id, and the envelope headers of its catalog), so that the
/// JavaScript layer looks up just these instead of marshalling every header.
// The core knows this list (its private `plan` and the catalogs); a public
// `Scheme::header_names()` there would let this table go. Until then
// test/api.test.cjs checks it against core/catalogs/*.json.
fn built_in_header_names(scheme: &Scheme) -> &'static [&'static str] {
    match scheme {
        Scheme::CostKatana => &["x-costkatana-signature", "x-costkatana-timestamp"],
        Scheme::UniCraft => &["x-unicraft-signature"],
        Scheme::Dash => &["x-dash-signature"],
        Scheme::SmartAiHub => &["x-webhook-signature"],
        Scheme::Standard => &[
            "webhook-id",
            "svix-id",
            "webhook-timestamp",
            "svix-timestamp",
            "webhook-signature",
            "svix-signature",
        ],
        Scheme::Stripe => &["stripe-signature"],
        Scheme::GitHub => &["x-hub-signature-256", "x-github-event", "x-github-delivery"],
        Scheme::Slack => &["x-slack-signature", "x-slack-request-timestamp"],
        Scheme::Shopify => &[
            "x-shopify-hmac-sha256",
            "x-shopify-topic",
            "x-shopify-webhook-id",
        ],
        _ => &[],
    }
}

/// Marks a header that is absent in `lens`.
const ABSENT: u32 = u32::MAX;

/// The header values the JavaScript layer found, aligned with `names`: their
/// UTF-8 bytes back to back in `bytes`, each one's length in `lens`
/// (`ABSENT` for a missing header). Two typed arrays cross the boundary
/// instead of one string per header, so a call allocates nothing.
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
        let start: usize = self.lens[..i].iter().filter(|&&l| l != ABSENT).map(|&l| l as usize).sum();
        self.bytes.get(start..start.checked_add(len as usize)?)
    }
}

fn now_from(now: Option<f64>) -> Result<Option<u64>> {
    now.map(|n| whole(n, "now")).transpose()
}

/// A verifier for one scheme and one or more secrets; the keyed HMAC state
/// is derived once, here.
#[napi]
pub struct NativeWebhook {
    inner: Webhook,
    names: Vec<String>,
}

#[napi]
impl NativeWebhook {
    /// `scheme`: a scheme id or a custom-scheme description; `secrets`: the
    /// secrets' bytes (UTF-8 for strings).
    #[napi(constructor)]
    pub fn new(
        scheme: Either<String, CustomSchemeSpec>,
        secrets: Vec<Uint8Array>,
        options: Option<WebhookOptions>,
    ) -> Result<Self> {
        let (scheme, names) = scheme_from(scheme)?;
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
        Ok(NativeWebhook { inner, names })
    }

    /// The lower-case header names the scheme may read; `verify*` takes their
    /// values in this order.
    #[napi]
    pub fn header_names(&self) -> Vec<String> {
        self.names.clone()
    }

    /// Checks the signature (and timestamp); throws an error whose `code` is
    /// PRODUCT.md's code. `packed`/`lens`: the values of `header_names()`.
    #[napi]
    pub fn verify_signature(
        &self,
        body: &[u8],
        packed: &[u8],
        lens: &[u32],
        now: Option<f64>,
    ) -> Result<()> {
        let headers = Packed {
            names: &self.names,
            bytes: packed,
            lens,
        };
        self.inner
            .verify_signature(body, &headers, now_from(now)?)
            .map_err(to_js)
    }

    /// Checks the delivery like `verify_signature`, then parses and validates
    /// its JSON; returns the event as JSON text (`Event::to_json_string`).
    #[napi]
    pub fn verify(
        &self,
        body: &[u8],
        packed: &[u8],
        lens: &[u32],
        now: Option<f64>,
    ) -> Result<String> {
        let headers = Packed {
            names: &self.names,
            bytes: packed,
            lens,
        };
        self.inner
            .verify(body, &headers, now_from(now)?)
            .map(|e| e.to_json_string())
            .map_err(to_js)
    }

    /// The headers a provider would send, as a flat `[name, value, …]` list.
    #[napi]
    pub fn sign(
        &self,
        body: &[u8],
        timestamp: Option<f64>,
        id: Option<String>,
    ) -> Result<Vec<String>> {
        let ts = timestamp.map(|t| whole(t, "timestamp")).transpose()?;
        let pairs = self.inner.sign(body, ts, id.as_deref()).map_err(to_js)?;
        Ok(pairs.into_iter().flat_map(|(k, v)| [k, v]).collect())
    }
}
