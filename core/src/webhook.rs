//! The verifier: built once, then verifies and signs deliveries.

use core::fmt;
use core::mem::ManuallyDrop;

use subtle::Choice;

use crate::encoding::{
    ct_eq, decode_base64, decode_base64_into, decode_hex, decode_hex_into, parse_timestamp,
    split_on, trim_ows, SigBuf,
};
use crate::error::{Error, Text};
use crate::headers::Headers;
use crate::mac::{HmacKey, Sha256Stream};
use crate::scheme::Scheme;

#[cfg(feature = "alloc")]
use crate::scheme::{Part, SignatureEncoding};

/// Default timestamp tolerance, in seconds.
pub const DEFAULT_TOLERANCE: u64 = 300;
/// Default maximum body size: 10 MiB.
pub const DEFAULT_MAX_PAYLOAD_BYTES: usize = 10 * 1024 * 1024;
/// Deliveries a default replay guard remembers.
pub const DEFAULT_REPLAY_CAPACITY: usize = 10_000;
/// The most secrets one `Webhook` holds (rotation rarely needs more than two).
pub const MAX_SECRETS: usize = 8;

/// Headers returned by `sign`: `(name, value)` pairs in the provider's spelling.
#[cfg(feature = "alloc")]
pub type SignedHeaders = alloc::vec::Vec<(alloc::string::String, alloc::string::String)>;

/// Verification options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Allowed clock difference in seconds; `0` switches the timestamp check off.
    pub tolerance: u64,
    /// Refuse event types that are not in the provider's catalog.
    pub strict: bool,
    /// Largest body accepted, in bytes; `0` means no limit.
    pub max_payload_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tolerance: DEFAULT_TOLERANCE,
            strict: false,
            max_payload_bytes: DEFAULT_MAX_PAYLOAD_BYTES,
        }
    }
}

#[derive(Clone)]
enum Key {
    /// The HMAC state with the secret already absorbed (ipad/opad blocks hashed).
    Hmac(HmacKey),
    #[cfg(feature = "ed25519")]
    Ed25519Public(ed25519_dalek::VerifyingKey),
    #[cfg(feature = "ed25519")]
    Ed25519Secret(ed25519_dalek::SigningKey),
}

// Key material is wiped when a `Webhook` (or a clone of it) is dropped: a
// keyed HMAC state wipes itself (`HmacKey`'s `Drop`), and so does an Ed25519
// signing key (`ed25519-dalek`'s `zeroize` feature). A public key is not secret.

impl Drop for Webhook {
    /// Drops the fields (each key's own wipe runs), then zeroes every byte the
    /// `Webhook` occupied: key slots, the scheme field, the options, and the
    /// unused and padding bytes between them, which can hold stale copies of
    /// key states (core/tests/zeroize.rs found them in a built-in scheme's
    /// unused bytes at `--release`, copied from the stack by the move into the
    /// box, and in key slots when a wipe stored a fresh value copied from a
    /// temporary in a debug build).
    #[allow(unsafe_code)]
    fn drop(&mut self) {
        let p: *mut ManuallyDrop<Fields> = &mut self.inner;
        // SAFETY: `self.inner` is dropped exactly once, here, and never used
        // again: `ManuallyDrop` has no drop glue, so after the zeroing nothing
        // reads these bytes (which need not be a valid `Fields`). `p` comes from
        // a unique reference (valid, aligned, exclusive), and
        // `ManuallyDrop<Fields>` has no `Drop` impl, as `zeroize_flat_type`
        // requires.
        unsafe {
            ManuallyDrop::drop(&mut self.inner);
            zeroize::zeroize_flat_type(p);
        }
    }
}

/// A webhook verifier and signer for one scheme and one or more secrets.
///
/// Build it once (at start-up) and reuse it: each secret's keyed HMAC state is
/// derived here, so a verification hashes only the message.
#[derive(Clone)]
pub struct Webhook {
    /// Dropped by hand, then wiped byte for byte: see `Drop for Webhook`.
    pub(crate) inner: ManuallyDrop<Fields>,
}

#[derive(Clone)]
pub(crate) struct Fields {
    pub(crate) scheme: Scheme,
    keys: [Option<Key>; MAX_SECRETS],
    pub(crate) options: Options,
    /// Shared by clones, so every copy of a verifier refuses the same replays.
    #[cfg(feature = "events")]
    guard: Option<crate::events::SharedGuard>,
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("scheme", &self.inner.scheme)
            .field("secrets", &self.keys().count())
            .field("options", &self.inner.options)
            .finish()
    }
}

/// The checked headers of a delivery, borrowed from the request.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)] // read by the events module
pub(crate) struct Delivery<'h> {
    pub(crate) id: Option<&'h [u8]>,
    pub(crate) timestamp: Option<u64>,
    /// The signature header's value (a replay-guard key when there is no id).
    pub(crate) signature: &'h [u8],
}

/// What is signed, in order.
#[derive(Clone, Copy)]
enum Layout<'s> {
    Body,
    TsDotBody,
    IdDotTsDotBody,
    SlackV0,
    #[cfg(feature = "alloc")]
    Template(&'s [Part]),
    #[cfg(not(feature = "alloc"))]
    #[allow(dead_code)]
    Never(core::marker::PhantomData<&'s ()>),
}

impl Layout<'_> {
    fn feed(self, id: &[u8], ts: &[u8], body: &[u8], mut f: impl FnMut(&[u8])) {
        match self {
            Layout::Body => f(body),
            Layout::TsDotBody => {
                f(ts);
                f(b".");
                f(body);
            }
            Layout::IdDotTsDotBody => {
                f(id);
                f(b".");
                f(ts);
                f(b".");
                f(body);
            }
            Layout::SlackV0 => {
                f(b"v0:");
                f(ts);
                f(b":");
                f(body);
            }
            #[cfg(feature = "alloc")]
            Layout::Template(parts) => {
                for p in parts {
                    match p {
                        Part::Literal(s) => f(s.as_bytes()),
                        Part::Id => f(id),
                        Part::Timestamp => f(ts),
                        Part::Body => f(body),
                    }
                }
            }
            #[cfg(not(feature = "alloc"))]
            Layout::Never(_) => {}
        }
    }
}

/// How the signature header is written.
#[derive(Clone, Copy)]
enum Format<'s> {
    /// One signature after a fixed prefix.
    Single { prefix: &'s [u8], base64: bool },
    /// `t=<ts>,v1=<hex>,…` (Stripe, Cost Katana's second form).
    List,
    /// `v1,<b64> v1a,<b64> …` (Standard Webhooks).
    Standard,
}

/// What `scan` found in the signature header.
struct Scanned {
    /// At least one signature can be checked with the configured keys.
    usable: bool,
    /// The caller's buffer holds the decoded HMAC signature because it is the
    /// only one to check, so that it is decoded once.
    single: bool,
}

impl Scanned {
    fn list(usable: bool) -> Self {
        Scanned {
            usable,
            single: false,
        }
    }
}

/// Timestamp tolerance direction.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Window {
    None,
    Both,
    PastOnly,
}

/// Everything `verify` needs to know about a scheme, resolved per delivery.
struct Plan<'s> {
    sig_header: &'s str,
    sig_display: Name<'s>,
    format: Format<'s>,
    /// Header with the timestamp (List formats carry it inside the signature header).
    ts_header: Option<(&'s str, Name<'s>)>,
    id_header: Option<(&'s str, Name<'s>)>,
    layout: Layout<'s>,
    window: Window,
}

/// A header's display name, turned into owned text only when an error names it,
/// so that the success path never allocates.
#[derive(Clone, Copy)]
enum Name<'s> {
    Static(&'static str),
    #[cfg(feature = "alloc")]
    Custom(&'s str),
    #[cfg(not(feature = "alloc"))]
    #[allow(dead_code)]
    Never(core::marker::PhantomData<&'s ()>),
}

impl Name<'_> {
    #[allow(clippy::useless_conversion)] // Text is &'static str without `alloc`
    fn text(self) -> Text {
        match self {
            Name::Static(s) => s.into(),
            #[cfg(feature = "alloc")]
            Name::Custom(s) => alloc::string::String::from(s).into(),
            #[cfg(not(feature = "alloc"))]
            Name::Never(_) => "",
        }
    }
}

#[allow(clippy::useless_conversion)] // Text is &'static str without `alloc`
fn text(s: &'static str) -> Text {
    s.into()
}

fn missing(header: Text) -> Error {
    Error::MissingHeader { header }
}

fn invalid(header: Text, reason: &'static str) -> Error {
    Error::InvalidHeader { header, reason }
}

/// The header of look-up entry `entry` (`Webhook::header_lookups`), called `name`.
fn lookup<'h, H: Headers + ?Sized>(
    headers: &'h H,
    entry: usize,
    name: &str,
    display: Name<'_>,
) -> Result<&'h [u8], Error> {
    let value = match headers.entry(entry) {
        Some(value) => value,
        None => headers.get(name),
    };
    match value.map(trim_ows) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(missing(display.text())),
    }
}

/// Standard Webhooks' headers, each with the `svix-*` alias Svix sends.
const STANDARD_ID: [&str; 2] = ["webhook-id", "svix-id"];
const STANDARD_TIMESTAMP: [&str; 2] = ["webhook-timestamp", "svix-timestamp"];
const STANDARD_SIGNATURE: [&str; 2] = ["webhook-signature", "svix-signature"];

/// The header of look-up entry `entry`, called `names[0]` or its alias `names[1]`.
fn lookup_alias<'h, H: Headers + ?Sized>(
    headers: &'h H,
    entry: usize,
    names: [&str; 2],
    display: &'static str,
) -> Result<&'h [u8], Error> {
    // A binding's value for the entry is already the first present and not
    // blank of its names (`header_lookups`).
    if let Some(value) = headers.entry(entry) {
        return match value.map(trim_ows) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(missing(text(display))),
        };
    }
    for name in names {
        if let Some(v) = headers.get(name).map(trim_ows) {
            if !v.is_empty() {
                return Ok(v);
            }
        }
    }
    Err(missing(text(display)))
}

impl Webhook {
    /// A verifier for `scheme` with one or more secrets (any may match) and default options.
    pub fn new<S: AsRef<[u8]>>(scheme: Scheme, secrets: &[S]) -> Result<Self, Error> {
        Self::with_options(scheme, secrets, Options::default())
    }

    /// A verifier with explicit [`Options`].
    #[allow(unused_mut)]
    pub fn with_options<S: AsRef<[u8]>>(
        mut scheme: Scheme,
        secrets: &[S],
        options: Options,
    ) -> Result<Self, Error> {
        #[cfg(feature = "alloc")]
        if let Scheme::Custom(custom) = &mut scheme {
            custom.prepare()?;
        }
        if secrets.is_empty() {
            return Err(Error::InvalidSecret {
                reason: "no secret given; pass the signing secret the provider shows you",
            });
        }
        if secrets.len() > MAX_SECRETS {
            return Err(Error::InvalidSecret {
                reason: "more than 8 secrets; keep only the current and the previous ones",
            });
        }
        let mut keys: [Option<Key>; MAX_SECRETS] = Default::default();
        for (slot, secret) in keys.iter_mut().zip(secrets) {
            *slot = Some(Self::make_key(&scheme, secret.as_ref())?);
        }
        Ok(Webhook {
            inner: ManuallyDrop::new(Fields {
                scheme,
                keys,
                options,
                #[cfg(feature = "events")]
                guard: None,
            }),
        })
    }

    fn make_key(scheme: &Scheme, secret: &[u8]) -> Result<Key, Error> {
        if secret.is_empty() {
            return Err(Error::InvalidSecret {
                reason: "the secret is empty; pass the signing secret the provider shows you",
            });
        }
        if *scheme != Scheme::Standard {
            return Ok(Key::Hmac(HmacKey::new(secret)));
        }
        if let Some(b64) = secret.strip_prefix(b"whpk_") {
            #[cfg(feature = "ed25519")]
            {
                let raw = decode_secret_base64(
                    b64,
                    "whpk_ keys must be the base64 of a 32-byte Ed25519 public key",
                )?;
                let bytes: [u8; 32] =
                    raw.as_slice()
                        .try_into()
                        .map_err(|_| Error::InvalidSecret {
                            reason: "whpk_ keys must be the base64 of a 32-byte Ed25519 public key",
                        })?;
                let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| {
                    Error::InvalidSecret {
                        reason: "the whpk_ key is not a valid Ed25519 public key",
                    }
                })?;
                return Ok(Key::Ed25519Public(key));
            }
            #[cfg(not(feature = "ed25519"))]
            {
                let _ = b64;
                return Err(Error::InvalidSecret {
                    reason: "whpk_ (Ed25519) keys need hookseal's `ed25519` feature",
                });
            }
        }
        if let Some(b64) = secret.strip_prefix(b"whsk_") {
            #[cfg(feature = "ed25519")]
            {
                let raw = decode_secret_base64(b64, "whsk_ keys must be the base64 of a 32-byte seed or a 64-byte seed and public key")?;
                let key = match raw.as_slice().len() {
                    32 => {
                        let mut seed = [0u8; 32];
                        seed.copy_from_slice(raw.as_slice());
                        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
                        zeroize::Zeroize::zeroize(&mut seed);
                        key
                    }
                    64 => {
                        let mut pair = [0u8; 64];
                        pair.copy_from_slice(raw.as_slice());
                        let key = ed25519_dalek::SigningKey::from_keypair_bytes(&pair);
                        zeroize::Zeroize::zeroize(&mut pair);
                        key.map_err(|_| Error::InvalidSecret {
                            reason: "the whsk_ key's public half does not belong to its seed",
                        })?
                    }
                    _ => {
                        return Err(Error::InvalidSecret {
                            reason: "whsk_ keys must be the base64 of a 32-byte seed or a 64-byte seed and public key",
                        })
                    }
                };
                return Ok(Key::Ed25519Secret(key));
            }
            #[cfg(not(feature = "ed25519"))]
            {
                let _ = b64;
                return Err(Error::InvalidSecret {
                    reason: "whsk_ (Ed25519) keys need hookseal's `ed25519` feature",
                });
            }
        }
        let b64 = secret.strip_prefix(b"whsec_").unwrap_or(secret);
        standard_hmac_key(b64).map(Key::Hmac)
    }

    /// Refuses a second delivery of the same event (`duplicate_event`):
    /// remembers up to `capacity` accepted deliveries for `ttl` seconds,
    /// keyed by delivery id, or by signature when the provider sends no id.
    #[cfg(feature = "events")]
    pub fn with_replay_guard(mut self, capacity: usize, ttl: u64) -> Self {
        self.inner.guard = Some(crate::events::SharedGuard::new(crate::ReplayGuard::new(
            capacity, ttl,
        )));
        self
    }

    /// [`Webhook::with_replay_guard`] with the defaults every binding uses for
    /// `replay_guard = true`: 10 000 deliveries, for twice the tolerance
    /// (at least 10 minutes) — a replay older than that fails the timestamp check.
    #[cfg(feature = "events")]
    pub fn with_default_replay_guard(self) -> Self {
        let ttl = self.inner.options.tolerance.saturating_mul(2).max(600);
        self.with_replay_guard(DEFAULT_REPLAY_CAPACITY, ttl)
    }

    /// Records an accepted delivery with the replay guard, if there is one.
    #[allow(unused_variables, clippy::unnecessary_wraps)]
    pub(crate) fn remember(&self, delivery: &Delivery<'_>, now: Option<u64>) -> Result<(), Error> {
        #[cfg(feature = "events")]
        if let Some(guard) = &self.inner.guard {
            let key =
                crate::ReplayGuard::key(self.inner.scheme.id(), delivery.id, delivery.signature);
            let now = resolve_now(now)?;
            let fresh = guard.check_and_remember(key, now);
            if !fresh {
                let id = delivery.id.and_then(|i| core::str::from_utf8(i).ok());
                return Err(Error::DuplicateEvent {
                    key: match id {
                        Some(id) => crate::error::concat(&["id ", id]).into(),
                        None => text("same signature"),
                    },
                });
            }
        }
        Ok(())
    }

    /// Every header (ASCII lower case) this verifier may read: signature, id
    /// and timestamp headers, their aliases, and the envelope headers of the
    /// provider's catalog. Bindings can look up just these in the host's
    /// header container instead of converting all of them.
    #[cfg(feature = "alloc")]
    pub fn header_names(&self) -> alloc::vec::Vec<&str> {
        self.header_lookups(false).into_iter().flatten().collect()
    }

    /// [`Webhook::header_names`] as look-ups, for bindings that find the
    /// headers themselves: each entry names one header, its name first and
    /// then its aliases (`["webhook-id", "svix-id"]`). The verifier uses the
    /// first of an entry's names whose value is present and not blank, so a
    /// binding can stop looking at that one and hand its value over under
    /// any of the entry's names. The entries `verify_signature` reads come
    /// first; `signature_only` leaves out the others (the catalog's envelope
    /// headers, which only `verify` reads).
    #[cfg(feature = "alloc")]
    pub fn header_lookups(&self, signature_only: bool) -> alloc::vec::Vec<alloc::vec::Vec<&str>> {
        fn single(names: alloc::vec::Vec<&str>) -> alloc::vec::Vec<alloc::vec::Vec<&str>> {
            names.into_iter().map(|n| alloc::vec![n]).collect()
        }
        let lookups: alloc::vec::Vec<alloc::vec::Vec<&str>> = match &self.inner.scheme {
            Scheme::CostKatana => single(alloc::vec![
                "x-costkatana-signature",
                "x-costkatana-timestamp"
            ]),
            Scheme::Standard => [STANDARD_ID, STANDARD_TIMESTAMP, STANDARD_SIGNATURE]
                .iter()
                .map(|names| names.to_vec())
                .collect(),
            Scheme::Custom(c) => {
                let mut v = alloc::vec![c.lookup.signature.as_str()];
                v.extend(c.lookup.id.as_deref());
                v.extend(c.lookup.timestamp.as_deref());
                single(v)
            }
            _ => {
                let plan = self.plan();
                let mut v = alloc::vec![plan.sig_header];
                v.extend(plan.ts_header.map(|(name, _)| name));
                single(v)
            }
        };
        #[cfg(feature = "events")]
        let lookups = {
            let mut lookups = lookups;
            if !signature_only {
                for h in crate::events::envelope_headers(&self.inner.scheme) {
                    if !lookups.iter().any(|names| names.contains(&h)) {
                        lookups.push(alloc::vec![h]);
                    }
                }
            }
            lookups
        };
        #[cfg(not(feature = "events"))]
        let _ = signature_only;
        lookups
    }

    /// The scheme this verifier checks.
    pub fn scheme(&self) -> &Scheme {
        &self.inner.scheme
    }

    /// The options this verifier was built with.
    pub fn options(&self) -> &Options {
        &self.inner.options
    }

    /// The keys, in order. `with_options` fills the slots from the front, so
    /// the first empty slot ends them (the usual one key takes one step, not eight).
    fn keys(&self) -> impl Iterator<Item = &Key> {
        self.inner.keys.iter().map_while(Option::as_ref)
    }

    fn plan(&self) -> Plan<'_> {
        const HEX: Format<'static> = Format::Single {
            prefix: b"sha256=",
            base64: false,
        };
        let simple = |sig_header: &'static str, display: &'static str, format| Plan {
            sig_header,
            sig_display: Name::Static(display),
            format,
            ts_header: None,
            id_header: None,
            layout: Layout::Body,
            window: Window::None,
        };
        match &self.inner.scheme {
            Scheme::CostKatana => Plan {
                sig_header: "x-costkatana-signature",
                sig_display: Name::Static("X-CostKatana-Signature"),
                format: Format::List,
                ts_header: None,
                id_header: None,
                layout: Layout::TsDotBody,
                window: Window::Both,
            },
            Scheme::UniCraft => simple(
                "x-unicraft-signature",
                "X-UniCraft-Signature",
                Format::Single {
                    prefix: b"",
                    base64: false,
                },
            ),
            Scheme::Dash => simple("x-dash-signature", "X-Dash-Signature", HEX),
            Scheme::SmartAiHub => simple("x-webhook-signature", "X-Webhook-Signature", HEX),
            Scheme::GitHub => simple("x-hub-signature-256", "X-Hub-Signature-256", HEX),
            Scheme::Shopify => simple(
                "x-shopify-hmac-sha256",
                "X-Shopify-Hmac-Sha256",
                Format::Single {
                    prefix: b"",
                    base64: true,
                },
            ),
            Scheme::Stripe => Plan {
                sig_header: "stripe-signature",
                sig_display: Name::Static("Stripe-Signature"),
                format: Format::List,
                ts_header: None,
                id_header: None,
                layout: Layout::TsDotBody,
                window: Window::PastOnly,
            },
            Scheme::Slack => Plan {
                sig_header: "x-slack-signature",
                sig_display: Name::Static("X-Slack-Signature"),
                format: Format::Single {
                    prefix: b"v0=",
                    base64: false,
                },
                ts_header: Some((
                    "x-slack-request-timestamp",
                    Name::Static("X-Slack-Request-Timestamp"),
                )),
                id_header: None,
                layout: Layout::SlackV0,
                window: Window::Both,
            },
            // Standard looks its headers up under two names; `check_standard_headers` does that.
            Scheme::Standard => Plan {
                sig_header: "webhook-signature",
                sig_display: Name::Static("webhook-signature"),
                format: Format::Standard,
                ts_header: None,
                id_header: None,
                layout: Layout::IdDotTsDotBody,
                window: Window::Both,
            },
            #[cfg(feature = "alloc")]
            Scheme::Custom(c) => Plan {
                sig_header: &c.lookup.signature,
                sig_display: Name::Custom(&c.signature_header),
                format: Format::Single {
                    prefix: c.prefix.as_bytes(),
                    base64: c.encoding == SignatureEncoding::Base64,
                },
                ts_header: c
                    .lookup
                    .timestamp
                    .as_deref()
                    .zip(c.timestamp_header.as_deref().map(Name::Custom)),
                id_header: c
                    .lookup
                    .id
                    .as_deref()
                    .zip(c.id_header.as_deref().map(Name::Custom)),
                layout: Layout::Template(&c.parts),
                window: if c.timestamp_header.is_some() {
                    Window::Both
                } else {
                    Window::None
                },
            },
        }
    }

    /// Checks the delivery's signature (and timestamp) and returns nothing:
    /// for non-JSON bodies, or when the event is parsed elsewhere.
    /// Allocates nothing on success.
    ///
    /// `now` is the clock in Unix seconds; `None` reads the system clock (with
    /// the `std` feature) and is refused without it when a timestamp must be checked.
    pub fn verify_signature<H: Headers + ?Sized>(
        &self,
        payload: &[u8],
        headers: &H,
        now: Option<u64>,
    ) -> Result<(), Error> {
        let delivery = self.check(payload, headers, now)?;
        self.remember(&delivery, now)
    }

    pub(crate) fn check<'h, H: Headers + ?Sized>(
        &self,
        body: &[u8],
        headers: &'h H,
        now: Option<u64>,
    ) -> Result<Delivery<'h>, Error> {
        let limit = self.inner.options.max_payload_bytes;
        if limit != 0 && body.len() > limit {
            return Err(Error::PayloadTooLarge {
                size: body.len(),
                limit,
            });
        }
        let mut plan = self.plan();

        // 2. Headers present.
        // The entry numbers are the order of `header_lookups`: Standard's
        // id, timestamp, signature; otherwise the signature, the id (custom
        // schemes), the timestamp.
        let (sig_value, id_value, mut ts_text) = if matches!(plan.format, Format::Standard) {
            let id = lookup_alias(headers, 0, STANDARD_ID, "webhook-id")?;
            let ts = lookup_alias(headers, 1, STANDARD_TIMESTAMP, "webhook-timestamp")?;
            let sig = lookup_alias(headers, 2, STANDARD_SIGNATURE, "webhook-signature")?;
            (sig, Some(id), Some((ts, Name::Static("webhook-timestamp"))))
        } else {
            let sig = lookup(headers, 0, plan.sig_header, plan.sig_display)?;
            let id = match &plan.id_header {
                Some((name, display)) => Some(lookup(headers, 1, name, *display)?),
                None => None,
            };
            (sig, id, None)
        };
        // Cost Katana's first form: `sha256=<hex>` with the timestamp in its own header.
        if self.inner.scheme == Scheme::CostKatana && sig_value.starts_with(b"sha256=") {
            plan.format = Format::Single {
                prefix: b"sha256=",
                base64: false,
            };
            plan.ts_header = Some((
                "x-costkatana-timestamp",
                Name::Static("X-CostKatana-Timestamp"),
            ));
        }
        if let Some((name, display)) = &plan.ts_header {
            let entry = 1 + usize::from(plan.id_header.is_some());
            ts_text = Some((lookup(headers, entry, name, *display)?, *display));
        }

        // 3. Headers well-formed.
        let mut sig_buf = SigBuf::empty();
        let scanned = self.scan(&plan, sig_value, &mut ts_text, &mut sig_buf)?;
        let timestamp = match &ts_text {
            Some((t, display)) => Some(parse_timestamp(t).ok_or_else(|| {
                invalid(
                    display.text(),
                    "the timestamp must be plain decimal Unix seconds",
                )
            })?),
            None => None,
        };

        // 4. Timestamp tolerance, before any hashing.
        if let (Some(ts), true) = (
            timestamp,
            self.inner.options.tolerance > 0 && plan.window != Window::None,
        ) {
            let now = resolve_now(now)?;
            let tol = self.inner.options.tolerance;
            if ts < now.saturating_sub(tol) {
                return Err(Error::TimestampTooOld {
                    timestamp: ts,
                    now,
                    tolerance: tol,
                });
            }
            if plan.window == Window::Both && ts > now.saturating_add(tol) {
                return Err(Error::TimestampTooNew {
                    timestamp: ts,
                    now,
                    tolerance: tol,
                });
            }
        }
        if !scanned.usable {
            return Err(Error::UnsupportedSignature {
                reason: self.unsupported_reason(),
            });
        }

        // 5. Signatures.
        let ts_bytes = ts_text.as_ref().map_or(&b""[..], |(t, _)| t);
        let id_bytes = id_value.unwrap_or(b"");
        let single = scanned.single.then_some(&sig_buf);
        if self.matches(&plan, single, sig_value, id_bytes, ts_bytes, body) {
            Ok(Delivery {
                id: id_value,
                timestamp,
                signature: sig_value,
            })
        } else {
            Err(Error::SignatureMismatch)
        }
    }

    fn unsupported_reason(&self) -> &'static str {
        match self.inner.scheme {
            Scheme::Stripe => "the Stripe-Signature header has no v1 signature (v0 test-mode signatures are never accepted)",
            Scheme::Standard => "the signatures are of versions no configured key can check (v1a needs a whpk_/whsk_ Ed25519 key, v1 a whsec_ secret)",
            _ => "the signature header carries only unknown signature versions",
        }
    }

    /// Checks the signature header's structure. Returns whether at least one
    /// signature can be checked with the configured keys; fills in the
    /// timestamp for `t=` lists.
    fn scan<'s, 'h>(
        &self,
        plan: &Plan<'s>,
        value: &'h [u8],
        ts: &mut Option<(&'h [u8], Name<'s>)>,
        sig_buf: &mut SigBuf,
    ) -> Result<Scanned, Error> {
        let display = || plan.sig_display.text();
        match plan.format {
            Format::Single { prefix, base64 } => {
                let Some(sig) = value.strip_prefix(prefix) else {
                    return Err(invalid(display(), "the signature lacks its prefix"));
                };
                let decoded = if base64 {
                    decode_base64_into(sig, 32, sig_buf)
                } else {
                    decode_hex_into(sig, 32, sig_buf)
                };
                match decoded {
                    true => Ok(Scanned {
                        usable: true,
                        single: true,
                    }),
                    false => Err(invalid(
                        display(),
                        if base64 {
                            "the signature is not base64 of 32 bytes"
                        } else {
                            "the signature is not 64 hex digits"
                        },
                    )),
                }
            }
            Format::List => {
                let mut t: Option<&[u8]> = None;
                let (mut v1_seen, mut other) = (false, false);
                // Decodable v1 signatures; the first is decoded into
                // `sig_buf`, the others into `scratch` only to count them.
                let mut v1_ok = 0usize;
                let mut scratch = SigBuf::empty();
                for item in split_on(value, b',') {
                    let item = trim_ows(item);
                    let Some(eq) = item.iter().position(|&b| b == b'=') else {
                        return Err(invalid(
                            display(),
                            "every item must be key=value, separated by single commas",
                        ));
                    };
                    let (k, v) = (&item[..eq], &item[eq + 1..]);
                    match k {
                        b"t" if t.is_some() => {
                            return Err(invalid(display(), "the t= timestamp appears twice"))
                        }
                        b"t" => t = Some(v),
                        b"v1" => {
                            v1_seen = true;
                            let into = if v1_ok == 0 {
                                &mut *sig_buf
                            } else {
                                &mut scratch
                            };
                            if decode_hex_into(v, 32, into) {
                                v1_ok += 1;
                            }
                        }
                        _ => other = true,
                    }
                }
                let Some(t) = t else {
                    return Err(invalid(display(), "the t= timestamp is missing"));
                };
                *ts = Some((t, plan.sig_display));
                if v1_ok > 0 {
                    Ok(Scanned {
                        usable: true,
                        single: v1_ok == 1,
                    })
                } else if v1_seen || !other {
                    Err(invalid(display(), "no v1= signature of 64 hex digits"))
                } else {
                    Ok(Scanned::list(false))
                }
            }
            Format::Standard => {
                let (has_hmac, has_ed) = self.key_kinds();
                let (mut known_seen, mut decodable) = (false, false);
                // Signatures some configured key can check; when there is just
                // one and it is HMAC (the usual header), it stays decoded in
                // `sig_buf`. Everything else decodes into `scratch`.
                let (mut checkable, mut only_v1) = (0usize, false);
                let mut scratch = SigBuf::empty();
                for entry in split_on(value, b' ').filter(|e| !e.is_empty()) {
                    let Some(comma) = entry.iter().position(|&b| b == b',') else {
                        return Err(invalid(
                            display(),
                            "every signature must be version,base64 separated by spaces",
                        ));
                    };
                    let (ver, sig) = (&entry[..comma], &entry[comma + 1..]);
                    let (decoded, have, is_v1) = match ver {
                        b"v1" => {
                            let into = if checkable == 0 && has_hmac {
                                &mut *sig_buf
                            } else {
                                &mut scratch
                            };
                            (decode_base64_into(sig, 32, into), has_hmac, true)
                        }
                        b"v1a" => (decode_base64_into(sig, 64, &mut scratch), has_ed, false),
                        _ => continue,
                    };
                    known_seen = true;
                    decodable |= decoded;
                    if decoded && have {
                        checkable += 1;
                        only_v1 = is_v1;
                    }
                }
                if !decodable && known_seen {
                    Err(invalid(
                        display(),
                        "no v1/v1a signature decodes to the right length",
                    ))
                } else {
                    Ok(Scanned {
                        usable: checkable > 0,
                        single: checkable == 1 && only_v1,
                    })
                }
            }
        }
    }

    fn key_kinds(&self) -> (bool, bool) {
        let mut kinds = (false, false);
        for key in self.keys() {
            match key {
                Key::Hmac(_) => kinds.0 = true,
                #[cfg(feature = "ed25519")]
                Key::Ed25519Public(_) | Key::Ed25519Secret(_) => kinds.1 = true,
            }
        }
        kinds
    }

    /// The HMAC tag of this delivery under one key.
    fn tag(key: &HmacKey, layout: Layout<'_>, id: &[u8], ts: &[u8], body: &[u8]) -> [u8; 32] {
        let mut mac = key.start();
        layout.feed(id, ts, body, |chunk| mac.update(chunk));
        key.finish(mac)
    }

    /// Computes each HMAC key's tag once and compares it, in constant time,
    /// with every decodable signature in the header.
    fn matches(
        &self,
        plan: &Plan<'_>,
        single: Option<&SigBuf>,
        value: &[u8],
        id: &[u8],
        ts: &[u8],
        body: &[u8],
    ) -> bool {
        #[allow(clippy::unnecessary_filter_map)] // a map without the `ed25519` feature
        let hmac_keys = || {
            self.keys().filter_map(|k| match k {
                Key::Hmac(state) => Some(state),
                #[cfg(feature = "ed25519")]
                _ => None,
            })
        };
        // One HMAC signature (the usual delivery): compare as each tag is computed.
        if let Some(sig) = single {
            let found = hmac_keys().fold(Choice::from(0), |acc, state| {
                acc | ct_eq(&Self::tag(state, plan.layout, id, ts, body), sig.as_slice())
            });
            return bool::from(found);
        }
        let mut tags = [[0u8; 32]; MAX_SECRETS];
        let mut n_tags = 0;
        for state in hmac_keys() {
            tags[n_tags] = Self::tag(state, plan.layout, id, ts, body);
            n_tags += 1;
        }
        let tags = &tags[..n_tags];
        let any_tag = |sig: &SigBuf| {
            tags.iter()
                .fold(Choice::from(0), |acc, tag| acc | ct_eq(tag, sig.as_slice()))
        };
        let mut found = Choice::from(0);
        match plan.format {
            // `scan` always decodes a single-signature header: handled above.
            Format::Single { .. } => {}
            Format::List => {
                for item in split_on(value, b',') {
                    if let Some(sig) = trim_ows(item)
                        .strip_prefix(b"v1=")
                        .and_then(|v| decode_hex(v, 32))
                    {
                        found |= any_tag(&sig);
                    }
                }
            }
            Format::Standard => {
                for entry in split_on(value, b' ') {
                    if let Some(sig) = entry
                        .strip_prefix(b"v1,")
                        .and_then(|v| decode_base64(v, 32))
                    {
                        found |= any_tag(&sig);
                    }
                    #[cfg(feature = "ed25519")]
                    if let Some(sig) = entry
                        .strip_prefix(b"v1a,")
                        .and_then(|v| decode_base64(v, 64))
                    {
                        found |= Choice::from(u8::from(self.ed25519_matches(
                            plan,
                            sig.as_slice(),
                            id,
                            ts,
                            body,
                        )));
                    }
                }
            }
        }
        bool::from(found)
    }

    #[cfg(feature = "ed25519")]
    fn ed25519_matches(
        &self,
        plan: &Plan<'_>,
        sig: &[u8],
        id: &[u8],
        ts: &[u8],
        body: &[u8],
    ) -> bool {
        let Ok(sig) = ed25519_dalek::Signature::from_slice(sig) else {
            return false;
        };
        self.keys().any(|key| {
            let vk = match key {
                Key::Ed25519Public(vk) => *vk,
                Key::Ed25519Secret(sk) => sk.verifying_key(),
                Key::Hmac(_) => return false,
            };
            let Ok(mut stream) = vk.verify_stream(&sig) else {
                return false;
            };
            plan.layout.feed(id, ts, body, |chunk| stream.update(chunk));
            stream.finalize_and_verify().is_ok()
        })
    }
}

/// A decoded Ed25519 key, on the stack.
#[cfg(feature = "ed25519")]
struct SecretBuf {
    bytes: [u8; 512],
    len: usize,
}

#[cfg(feature = "ed25519")]
impl SecretBuf {
    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

#[cfg(feature = "ed25519")]
impl Drop for SecretBuf {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.bytes);
    }
}

#[cfg(feature = "ed25519")]
fn decode_secret_base64(b64: &[u8], reason: &'static str) -> Result<SecretBuf, Error> {
    let mut buf = SecretBuf {
        bytes: [0u8; 512],
        len: 0,
    };
    match crate::b64::decode_into(b64, &mut buf.bytes) {
        Some(n) if n > 0 => {
            buf.len = n;
            Ok(buf)
        }
        _ => Err(Error::InvalidSecret { reason }),
    }
}

/// The HMAC key of a `whsec_` secret, of any length, without a heap: the
/// base64 is decoded in pieces, and a key longer than SHA-256's 64-byte block
/// is replaced by its hash, exactly as HMAC itself does (RFC 2104).
fn standard_hmac_key(b64: &[u8]) -> Result<HmacKey, Error> {
    const CHUNK: usize = 512; // base64 characters: a multiple of 4
    let invalid = || {
        Error::InvalidSecret {
        reason: "Standard Webhooks secrets are whsec_ followed by base64; copy the whole secret from the provider's dashboard",
    }
    };
    /// The decoded key's buffers, wiped on every exit path.
    struct Scratch {
        head: [u8; 64],
        piece: [u8; CHUNK / 4 * 3],
        hasher: Sha256Stream,
    }
    impl Drop for Scratch {
        fn drop(&mut self) {
            zeroize::Zeroize::zeroize(&mut self.head);
            zeroize::Zeroize::zeroize(&mut self.piece);
            self.hasher.wipe();
        }
    }
    let mut x = Scratch {
        head: [0u8; 64],
        piece: [0u8; CHUNK / 4 * 3],
        hasher: Sha256Stream::new(),
    };
    let mut total = 0usize;
    let last = b64.len().saturating_sub(1) / CHUNK;
    for (i, chunk) in b64.chunks(CHUNK).enumerate() {
        // Padding may only end the whole text, not a piece of it.
        if i != last && chunk.contains(&b'=') {
            return Err(invalid());
        }
        let n = crate::b64::decode_into(chunk, &mut x.piece).ok_or_else(invalid)?;
        let bytes = &x.piece[..n];
        if total < x.head.len() {
            let take = bytes.len().min(x.head.len() - total);
            x.head[total..total + take].copy_from_slice(&bytes[..take]);
        }
        x.hasher.update(bytes);
        total += n;
    }
    match total {
        0 => Err(invalid()),
        n if n <= x.head.len() => Ok(HmacKey::new(&x.head[..n])),
        _ => {
            let mut hashed = [0u8; 32];
            x.hasher.finish_into(&mut hashed);
            let key = HmacKey::new(&hashed);
            zeroize::Zeroize::zeroize(&mut hashed);
            Ok(key)
        }
    }
}

/// The wall clock in whole seconds from Linux's `CLOCK_REALTIME_COARSE`: the
/// kernel's last tick (1–4 ms old), read from the vDSO in ~6 ns where
/// `SystemTime::now()` (`CLOCK_REALTIME`) took ~40 ns on the benchmark
/// machine, a twentieth of a 1 KiB verification. Timestamps are whole seconds,
/// so a clock a few milliseconds behind makes no difference beyond the
/// tolerance's own edge (docs/SEMANTICS.md, "The clock").
#[cfg(all(feature = "std", target_os = "linux"))]
#[allow(unsafe_code)]
fn coarse_clock() -> Option<u64> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` writes one `timespec` through the pointer, which
    // points to a live, writable, properly aligned `timespec` on this stack.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_REALTIME_COARSE, &raw mut ts) };
    if rc == 0 {
        u64::try_from(ts.tv_sec).ok()
    } else {
        None
    }
}

#[cfg(all(feature = "std", not(target_os = "linux")))]
fn coarse_clock() -> Option<u64> {
    None
}

fn resolve_now(now: Option<u64>) -> Result<u64, Error> {
    if let Some(now) = now {
        return Ok(now);
    }
    #[cfg(feature = "std")]
    {
        if let Some(now) = coarse_clock() {
            return Ok(now);
        }
        if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            return Ok(d.as_secs());
        }
    }
    Err(Error::InvalidArgument { reason: text("the current time (`now`) is needed to check the timestamp; pass it, or enable the `std` feature") })
}

#[cfg(feature = "alloc")]
mod signing {
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

    #[cfg(feature = "ed25519")]
    use super::Layout;
    use super::{Format, Key, SignedHeaders, Webhook};
    use crate::b64::{encode as base64, hex};
    use crate::encoding::format_u64;
    use crate::error::Error;
    use crate::scheme::Scheme;

    fn need(what: &'static str) -> Error {
        Error::InvalidArgument {
            reason: what.into(),
        }
    }

    impl Webhook {
        /// The headers the provider would send with `payload`, signed with the
        /// first secret. Schemes with a timestamp need `timestamp`; Standard
        /// Webhooks needs `id`.
        pub fn sign(
            &self,
            payload: &[u8],
            timestamp: Option<u64>,
            id: Option<&str>,
        ) -> Result<SignedHeaders, Error> {
            let plan = self.plan();
            let needs_ts = !matches!(plan.window, super::Window::None);
            let needs_id = matches!(plan.format, Format::Standard) || plan.id_header.is_some();
            let mut digits = [0u8; 20];
            let ts: &[u8] = match (needs_ts, timestamp) {
                (false, _) => b"",
                // What a verifier accepts (docs/SEMANTICS.md, Timestamps).
                (true, Some(t)) if t > i64::MAX as u64 => {
                    return Err(need(
                        "`timestamp` must be at most 9223372036854775807 (2^63-1) Unix seconds; a verifier refuses larger ones",
                    ))
                }
                (true, Some(t)) => format_u64(t, &mut digits),
                (true, None) => {
                    return Err(need(
                        "this scheme signs a timestamp; pass `timestamp` (Unix seconds)",
                    ))
                }
            };
            let id = match (needs_id, id) {
                (false, _) => "",
                (true, Some(i)) if !i.is_empty() => i,
                (true, _) => return Err(need("this scheme signs a message id; pass `id`")),
            };
            // The id goes into a header as it is: it must survive transit and
            // verify (no trimmed white space, no CR/LF/NUL, no other controls).
            if !id.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(need(
                    "`id` may contain only visible ASCII characters (0x21-0x7E): no spaces, tabs, CR, LF, NUL, other control characters or non-ASCII",
                ));
            }
            let ts_str = core::str::from_utf8(ts).unwrap_or_default().to_string();
            let key = self.keys().next().ok_or_else(|| need("no secret"))?;
            let mut out: SignedHeaders = Vec::new();
            let push = |out: &mut SignedHeaders, k: &str, v: String| out.push((k.to_string(), v));
            match key {
                Key::Hmac(key) => {
                    let mut mac = key.start();
                    plan.layout.feed(id.as_bytes(), ts, payload, |c| mac.update(c));
                    let tag = key.finish(mac);
                    let hex = hex(&tag);
                    match &self.inner.scheme {
                        Scheme::CostKatana => {
                            push(&mut out, "X-CostKatana-Signature", crate::error::concat(&["t=", &ts_str, ",v1=", &hex]));
                            push(&mut out, "X-CostKatana-Timestamp", ts_str);
                        }
                        Scheme::UniCraft => push(&mut out, "X-UniCraft-Signature", hex),
                        Scheme::Dash => push(&mut out, "X-Dash-Signature", crate::error::concat(&["sha256=", &hex])),
                        Scheme::SmartAiHub => push(&mut out, "X-Webhook-Signature", crate::error::concat(&["sha256=", &hex])),
                        Scheme::GitHub => push(&mut out, "X-Hub-Signature-256", crate::error::concat(&["sha256=", &hex])),
                        Scheme::Shopify => push(&mut out, "X-Shopify-Hmac-Sha256", base64(&tag)),
                        Scheme::Stripe => push(&mut out, "Stripe-Signature", crate::error::concat(&["t=", &ts_str, ",v1=", &hex])),
                        Scheme::Slack => {
                            push(&mut out, "X-Slack-Request-Timestamp", ts_str);
                            push(&mut out, "X-Slack-Signature", crate::error::concat(&["v0=", &hex]));
                        }
                        Scheme::Standard => {
                            push(&mut out, "webhook-id", id.to_string());
                            push(&mut out, "webhook-timestamp", ts_str);
                            push(&mut out, "webhook-signature", crate::error::concat(&["v1,", &base64(&tag)]));
                        }
                        Scheme::Custom(c) => {
                            let encoded = match c.encoding {
                                crate::SignatureEncoding::Hex => hex,
                                crate::SignatureEncoding::Base64 => base64(&tag),
                            };
                            push(&mut out, &c.signature_header, crate::error::concat(&[c.prefix.as_str(), &encoded]));
                            if let Some(h) = &c.id_header {
                                push(&mut out, h, id.to_string());
                            }
                            if let Some(h) = &c.timestamp_header {
                                push(&mut out, h, ts_str);
                            }
                        }
                    }
                }
                #[cfg(feature = "ed25519")]
                Key::Ed25519Secret(sk) => {
                    use ed25519_dalek::Signer;
                    let mut message = Vec::with_capacity(id.len() + ts.len() + payload.len() + 2);
                    Layout::IdDotTsDotBody.feed(id.as_bytes(), ts, payload, |c| message.extend_from_slice(c));
                    let sig = sk.sign(&message);
                    push(&mut out, "webhook-id", id.to_string());
                    push(&mut out, "webhook-timestamp", ts_str);
                    push(&mut out, "webhook-signature", crate::error::concat(&["v1a,", &base64(&sig.to_bytes())]));
                }
                #[cfg(feature = "ed25519")]
                Key::Ed25519Public(_) => {
                    return Err(need("the first key is a whpk_ public key, which can only verify; pass the whsk_ signing key first to sign"))
                }
            }
            Ok(out)
        }
    }
}

#[cfg(all(test, feature = "events"))]
mod tests {
    use super::*;

    #[test]
    fn header_names_cover_what_verify_reads() {
        let names = |s: Scheme| {
            let secret = if s == Scheme::Standard {
                "whsec_c2VjcmV0"
            } else {
                "s"
            };
            let wh = Webhook::new(s, &[secret]).expect("webhook");
            wh.header_names()
                .into_iter()
                .map(alloc::string::String::from)
                .collect::<alloc::vec::Vec<_>>()
        };
        assert_eq!(
            names(Scheme::GitHub),
            ["x-hub-signature-256", "x-github-delivery", "x-github-event"]
        );
        assert_eq!(
            names(Scheme::Slack),
            ["x-slack-signature", "x-slack-request-timestamp"]
        );
        assert_eq!(
            names(Scheme::Shopify),
            [
                "x-shopify-hmac-sha256",
                "x-shopify-webhook-id",
                "x-shopify-topic"
            ]
        );
        assert_eq!(names(Scheme::Standard).len(), 6);
        let custom = crate::CustomScheme::new("X-Sig")
            .id_header("X-Id")
            .timestamp_header("X-Ts");
        assert_eq!(names(Scheme::Custom(custom)), ["x-sig", "x-id", "x-ts"]);
    }

    #[test]
    #[cfg(feature = "events")]
    fn header_lookups_group_aliases_and_put_the_signature_headers_first() {
        let standard = Webhook::new(Scheme::Standard, &["whsec_c2VjcmV0"]).expect("webhook");
        assert_eq!(
            standard.header_lookups(true),
            [
                ["webhook-id", "svix-id"],
                ["webhook-timestamp", "svix-timestamp"],
                ["webhook-signature", "svix-signature"]
            ]
        );
        assert_eq!(
            standard.header_lookups(false),
            standard.header_lookups(true)
        );
        let github = Webhook::new(Scheme::GitHub, &["s"]).expect("webhook");
        assert_eq!(github.header_lookups(true), [["x-hub-signature-256"]]);
        assert_eq!(
            github.header_lookups(false),
            [
                ["x-hub-signature-256"],
                ["x-github-delivery"],
                ["x-github-event"]
            ]
        );
    }
}

#[cfg(all(test, feature = "alloc"))]
mod secret_tests {
    use super::*;
    use crate::encoding::BASE64;
    use base64::Engine as _;

    /// Found by the `verify` and `secrets` fuzz targets: a Standard Webhooks
    /// secret of more than 512 decoded bytes was refused. Any length works,
    /// and a long key signs as HMAC defines it (hashed first).
    /// The coarse clock agrees with `SystemTime` to within a second (it is at
    /// most one kernel tick behind).
    #[cfg(feature = "std")]
    #[test]
    fn the_coarse_clock_tells_the_time() {
        let system = || {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .expect("after 1970")
                .as_secs()
        };
        let before = system();
        let now = resolve_now(None).expect("a clock");
        let after = system();
        assert!(
            before.saturating_sub(1) <= now && now <= after,
            "{before} <= {now} <= {after}"
        );
        assert_eq!(resolve_now(Some(5)).expect("given"), 5);
    }

    #[test]
    fn standard_secrets_of_any_length() {
        for len in [1usize, 24, 64, 65, 383, 384, 385, 700, 5000] {
            let key: alloc::vec::Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            let secret = alloc::format!("whsec_{}", BASE64.encode(&key));
            let wh = Webhook::new(Scheme::Standard, &[secret.as_str()]).expect("any length");
            let headers = wh.sign(b"{}", Some(1), Some("msg_1")).expect("sign");
            // The oracle: HMAC-SHA256 keyed with the raw bytes.
            use hmac::Mac;
            let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).expect("hmac");
            mac.update(b"msg_1.1.{}");
            let want = alloc::format!("v1,{}", BASE64.encode(mac.finalize().into_bytes()));
            assert_eq!(headers[2].1, want, "length {len}");
        }
        assert!(Webhook::new(Scheme::Standard, &["whsec_"]).is_err());
        assert!(Webhook::new(Scheme::Standard, &["whsec_AAAA=AAAA"]).is_err());
        // Fuzz finding: `=` that ends a 512-character piece is still inside the text.
        let mid_pad = alloc::format!("whsec_{}AA==AAAA", "A".repeat(508));
        assert!(Webhook::new(Scheme::Standard, &[mid_pad.as_str()]).is_err());
    }
}
