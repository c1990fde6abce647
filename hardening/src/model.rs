//! A second, independent reading of docs/SEMANTICS.md for `verify_signature`.
//!
//! It shares no code with `core/src`: header lookup, trimming, the three
//! signature-header formats, timestamps, the tolerance window, secrets and the
//! signed-content layouts are written again here from the document, and the
//! HMAC is computed with the `hmac` crate directly. The property tests and the
//! fuzz targets check that the core and this model give the same answer (the
//! same error code) for every input they try.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Standard alphabet, `=` padding optional (SEMANTICS.md "Signatures").
pub const B64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A custom-scheme description (SEMANTICS.md "Custom schemes").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Custom {
    pub signature_header: String,
    pub prefix: String,
    pub base64: bool,
    pub id_header: Option<String>,
    pub timestamp_header: Option<String>,
    pub template: String,
}

/// A scheme of PRODUCT.md.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    CostKatana,
    UniCraft,
    Dash,
    SmartAiHub,
    Standard,
    Stripe,
    GitHub,
    Slack,
    Shopify,
    Custom(Custom),
}

impl Kind {
    /// The nine built-in schemes.
    pub const BUILT_IN: [Kind; 9] = [
        Kind::CostKatana,
        Kind::UniCraft,
        Kind::Dash,
        Kind::SmartAiHub,
        Kind::Standard,
        Kind::Stripe,
        Kind::GitHub,
        Kind::Slack,
        Kind::Shopify,
    ];

    /// The same scheme for the core.
    pub fn scheme(&self) -> hookseal::Scheme {
        use hookseal::Scheme as S;
        match self {
            Kind::CostKatana => S::CostKatana,
            Kind::UniCraft => S::UniCraft,
            Kind::Dash => S::Dash,
            Kind::SmartAiHub => S::SmartAiHub,
            Kind::Standard => S::Standard,
            Kind::Stripe => S::Stripe,
            Kind::GitHub => S::GitHub,
            Kind::Slack => S::Slack,
            Kind::Shopify => S::Shopify,
            Kind::Custom(c) => {
                let mut s = hookseal::CustomScheme::new(c.signature_header.clone())
                    .prefix(c.prefix.clone())
                    .encoding(if c.base64 {
                        hookseal::SignatureEncoding::Base64
                    } else {
                        hookseal::SignatureEncoding::Hex
                    })
                    .template(c.template.clone());
                if let Some(h) = &c.id_header {
                    s = s.id_header(h.clone());
                }
                if let Some(h) = &c.timestamp_header {
                    s = s.timestamp_header(h.clone());
                }
                S::Custom(s)
            }
        }
    }

    /// Whether the scheme signs a timestamp.
    pub fn has_timestamp(&self) -> bool {
        match self {
            Kind::CostKatana | Kind::Standard | Kind::Stripe | Kind::Slack => true,
            Kind::Custom(c) => c.timestamp_header.is_some(),
            _ => false,
        }
    }

    /// Whether the scheme signs a delivery id.
    pub fn has_id(&self) -> bool {
        match self {
            Kind::Standard => true,
            Kind::Custom(c) => c.id_header.is_some(),
            _ => false,
        }
    }
}

/// Error codes, as strings (PRODUCT.md's table).
pub type Code = &'static str;

#[derive(Clone)]
enum Key {
    Hmac(Vec<u8>),
    EdPublic(ed25519_dalek::VerifyingKey),
}

/// A built verifier: the scheme, its keys and options.
#[derive(Clone)]
pub struct Model {
    kind: Kind,
    keys: Vec<Key>,
    tolerance: u64,
    max_payload_bytes: usize,
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Lit(Vec<u8>),
    Id,
    Ts,
    Body,
}

/// `{id}`, `{timestamp}`, `{body}` are replaced, all other text is literal (left to right).
fn parse_template(t: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let mut lit = Vec::new();
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let (part, n) = if rest.starts_with(b"{body}") {
            (Some(Part::Body), 6)
        } else if rest.starts_with(b"{id}") {
            (Some(Part::Id), 4)
        } else if rest.starts_with(b"{timestamp}") {
            (Some(Part::Ts), 11)
        } else {
            lit.push(b[i]);
            (None, 1)
        };
        if let Some(p) = part {
            if !lit.is_empty() {
                out.push(Part::Lit(std::mem::take(&mut lit)));
            }
            out.push(p);
        }
        i += n;
    }
    if !lit.is_empty() {
        out.push(Part::Lit(lit));
    }
    out
}

/// What `sign` accepts as a delivery id (SEMANTICS.md "Signing"): visible
/// ASCII only, so that the header can be sent and verifies as signed.
pub fn valid_sign_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

fn valid_header_name(n: &str) -> bool {
    !n.is_empty() && n.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b':')
}

fn b64_decode(text: &[u8]) -> Option<Vec<u8>> {
    B64.decode(text).ok()
}

/// Signatures (SEMANTICS.md "Signatures"): no padding or the full canonical
/// padding, never a partial one; unused trailing bits zero.
fn sig_b64_decode(text: &[u8]) -> Option<Vec<u8>> {
    const STRICT: [DecodePaddingMode; 2] = [
        DecodePaddingMode::RequireCanonical,
        DecodePaddingMode::RequireNone,
    ];
    STRICT.iter().find_map(|&mode| {
        GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            GeneralPurposeConfig::new().with_decode_padding_mode(mode),
        )
        .decode(text)
        .ok()
    })
}

impl Model {
    /// Builds the verifier, or the construction error's code.
    pub fn new(
        kind: &Kind,
        secrets: &[&[u8]],
        tolerance: u64,
        max_payload_bytes: usize,
    ) -> Result<Model, Code> {
        let mut parts = vec![Part::Body];
        if let Kind::Custom(c) = kind {
            let names_ok = valid_header_name(&c.signature_header)
                && c.id_header.as_deref().map_or(true, valid_header_name)
                && c.timestamp_header
                    .as_deref()
                    .map_or(true, valid_header_name);
            // "the signature, id and timestamp headers have different names"
            let mut names: Vec<String> = [
                Some(&c.signature_header),
                c.id_header.as_ref(),
                c.timestamp_header.as_ref(),
            ]
            .into_iter()
            .flatten()
            .map(|n| n.to_ascii_lowercase())
            .collect();
            let count = names.len();
            names.sort();
            names.dedup();
            // "prefix: printable ASCII (0x20-0x7E), not starting with a space"
            let prefix_ok = c.prefix.bytes().all(|b| (0x20..=0x7e).contains(&b))
                && c.prefix.as_bytes().first() != Some(&b' ');
            parts = parse_template(&c.template);
            let bodies = parts.iter().filter(|p| **p == Part::Body).count();
            if !names_ok
                || names.len() != count
                || !prefix_ok
                || bodies != 1
                || (parts.contains(&Part::Id) && c.id_header.is_none())
                || (parts.contains(&Part::Ts) && c.timestamp_header.is_none())
            {
                return Err("invalid_argument");
            }
        }
        if secrets.is_empty() || secrets.len() > 8 {
            return Err("invalid_secret");
        }
        let mut keys = Vec::new();
        for s in secrets {
            if s.is_empty() {
                return Err("invalid_secret");
            }
            if *kind != Kind::Standard {
                keys.push(Key::Hmac(s.to_vec()));
                continue;
            }
            if let Some(b) = s.strip_prefix(b"whpk_") {
                let raw = b64_decode(b).ok_or("invalid_secret")?;
                let arr: [u8; 32] = raw.as_slice().try_into().map_err(|_| "invalid_secret")?;
                let vk =
                    ed25519_dalek::VerifyingKey::from_bytes(&arr).map_err(|_| "invalid_secret")?;
                keys.push(Key::EdPublic(vk));
            } else if let Some(b) = s.strip_prefix(b"whsk_") {
                let raw = b64_decode(b).ok_or("invalid_secret")?;
                let sk = match raw.len() {
                    32 => ed25519_dalek::SigningKey::from_bytes(
                        raw.as_slice().try_into().map_err(|_| "invalid_secret")?,
                    ),
                    64 => ed25519_dalek::SigningKey::from_keypair_bytes(
                        raw.as_slice().try_into().map_err(|_| "invalid_secret")?,
                    )
                    .map_err(|_| "invalid_secret")?,
                    _ => return Err("invalid_secret"),
                };
                keys.push(Key::EdPublic(sk.verifying_key()));
            } else {
                let b = s.strip_prefix(b"whsec_").unwrap_or(s);
                let raw = b64_decode(b).ok_or("invalid_secret")?;
                if raw.is_empty() {
                    return Err("invalid_secret");
                }
                keys.push(Key::Hmac(raw));
            }
        }
        Ok(Model {
            kind: kind.clone(),
            keys,
            tolerance,
            max_payload_bytes,
            parts,
        })
    }

    /// `verify_signature` as SEMANTICS.md describes it.
    pub fn verify_signature<V: AsRef<[u8]>>(
        &self,
        body: &[u8],
        headers: &[(String, V)],
        now: u64,
    ) -> Result<(), Code> {
        // 1. size
        if self.max_payload_bytes != 0 && body.len() > self.max_payload_bytes {
            return Err("payload_too_large");
        }
        let get = |name: &str| -> Option<&[u8]> {
            let v = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))?
                .1
                .as_ref();
            let v = trim(v);
            (!v.is_empty()).then_some(v)
        };
        let need = |name: &str| get(name).ok_or("missing_header");
        let alias = |a: &str, b: &str| get(a).or_else(|| get(b)).ok_or("missing_header");

        // 2. presence, and which format the signature header is in
        enum Fmt<'p> {
            Single(&'p [u8], bool),
            List,
            Std,
        }
        let (fmt, sig, id, ts_header, window): (Fmt<'_>, &[u8], &[u8], Option<&[u8]>, Window);
        match &self.kind {
            Kind::Standard => {
                id = alias("webhook-id", "svix-id")?;
                let t = alias("webhook-timestamp", "svix-timestamp")?;
                sig = alias("webhook-signature", "svix-signature")?;
                (fmt, ts_header, window) = (Fmt::Std, Some(t), Window::Both);
            }
            Kind::CostKatana => {
                sig = need("x-costkatana-signature")?;
                id = b"";
                if sig.starts_with(b"sha256=") {
                    (fmt, ts_header, window) = (
                        Fmt::Single(b"sha256=", false),
                        Some(need("x-costkatana-timestamp")?),
                        Window::Both,
                    );
                } else {
                    (fmt, ts_header, window) = (Fmt::List, None, Window::Both);
                }
            }
            Kind::Stripe => {
                sig = need("stripe-signature")?;
                (fmt, id, ts_header, window) = (Fmt::List, b"", None, Window::Past);
            }
            Kind::Slack => {
                sig = need("x-slack-signature")?;
                let t = need("x-slack-request-timestamp")?;
                (fmt, id, ts_header, window) =
                    (Fmt::Single(b"v0=", false), b"", Some(t), Window::Both);
            }
            Kind::UniCraft => {
                sig = need("x-unicraft-signature")?;
                (fmt, id, ts_header, window) = (Fmt::Single(b"", false), b"", None, Window::None);
            }
            Kind::Dash | Kind::SmartAiHub | Kind::GitHub => {
                let name = match self.kind {
                    Kind::Dash => "x-dash-signature",
                    Kind::SmartAiHub => "x-webhook-signature",
                    _ => "x-hub-signature-256",
                };
                sig = need(name)?;
                (fmt, id, ts_header, window) =
                    (Fmt::Single(b"sha256=", false), b"", None, Window::None);
            }
            Kind::Shopify => {
                sig = need("x-shopify-hmac-sha256")?;
                (fmt, id, ts_header, window) = (Fmt::Single(b"", true), b"", None, Window::None);
            }
            Kind::Custom(c) => {
                sig = need(&c.signature_header)?;
                id = match &c.id_header {
                    Some(h) => need(h)?,
                    None => b"",
                };
                ts_header = match &c.timestamp_header {
                    Some(h) => Some(need(h)?),
                    None => None,
                };
                window = if ts_header.is_some() {
                    Window::Both
                } else {
                    Window::None
                };
                fmt = Fmt::Single(c.prefix.as_bytes(), c.base64);
            }
        }

        // 3. well-formed: structure, signatures that decode, timestamp text
        let has_hmac = self.keys.iter().any(|k| matches!(k, Key::Hmac(_)));
        let has_ed = self.keys.iter().any(|k| matches!(k, Key::EdPublic(_)));
        let mut hmac_sigs: Vec<Vec<u8>> = Vec::new();
        let mut ed_sigs: Vec<Vec<u8>> = Vec::new();
        let mut ts_text = ts_header;
        let usable = match fmt {
            Fmt::Single(prefix, b64) => {
                let rest = sig.strip_prefix(prefix).ok_or("invalid_header")?;
                let raw = decode_sig(rest, b64, 32).ok_or("invalid_header")?;
                hmac_sigs.push(raw);
                true
            }
            Fmt::List => {
                let (mut t, mut v1_seen, mut other) = (None, false, false);
                for item in sig.split(|&b| b == b',') {
                    let item = trim(item);
                    let eq = item
                        .iter()
                        .position(|&b| b == b'=')
                        .ok_or("invalid_header")?;
                    let (k, v) = (&item[..eq], &item[eq + 1..]);
                    match k {
                        b"t" => {
                            if t.replace(v).is_some() {
                                return Err("invalid_header");
                            }
                        }
                        b"v1" => {
                            v1_seen = true;
                            if let Some(raw) = decode_sig(v, false, 32) {
                                hmac_sigs.push(raw);
                            }
                        }
                        _ => other = true,
                    }
                }
                ts_text = Some(t.ok_or("invalid_header")?);
                if hmac_sigs.is_empty() && (v1_seen || !other) {
                    return Err("invalid_header");
                }
                !hmac_sigs.is_empty()
            }
            Fmt::Std => {
                let (mut known, mut usable) = (false, false);
                for e in sig.split(|&b| b == b' ').filter(|e| !e.is_empty()) {
                    let c = e.iter().position(|&b| b == b',').ok_or("invalid_header")?;
                    let (ver, s) = (&e[..c], &e[c + 1..]);
                    match ver {
                        b"v1" => {
                            known = true;
                            if let Some(raw) = decode_sig(s, true, 32) {
                                usable |= has_hmac;
                                hmac_sigs.push(raw);
                            }
                        }
                        b"v1a" => {
                            known = true;
                            if let Some(raw) = decode_sig(s, true, 64) {
                                usable |= has_ed;
                                ed_sigs.push(raw);
                            }
                        }
                        _ => {}
                    }
                }
                if known && hmac_sigs.is_empty() && ed_sigs.is_empty() {
                    return Err("invalid_header");
                }
                usable
            }
        };
        let ts = match ts_text {
            Some(t) => Some(parse_ts(t).ok_or("invalid_header")?),
            None => None,
        };

        // 4. tolerance, before hashing
        if let (Some(ts), true) = (ts, self.tolerance > 0 && window != Window::None) {
            if ts < now.saturating_sub(self.tolerance) {
                return Err("timestamp_too_old");
            }
            if window == Window::Both && ts > now.saturating_add(self.tolerance) {
                return Err("timestamp_too_new");
            }
        }
        if !usable {
            return Err("unsupported_signature");
        }

        // 5. signatures
        let ts_bytes = ts_text.unwrap_or(b"");
        let message = self.message(id, ts_bytes, body);
        for key in &self.keys {
            match key {
                Key::Hmac(k) => {
                    let tag = hmac_sha256(k, &message);
                    if hmac_sigs.iter().any(|s| s[..] == tag[..]) {
                        return Ok(());
                    }
                }
                Key::EdPublic(vk) => {
                    for s in &ed_sigs {
                        let Ok(sig) = ed25519_dalek::Signature::from_slice(s) else {
                            continue;
                        };
                        if ed25519_dalek::Verifier::verify(vk, &message, &sig).is_ok() {
                            return Ok(());
                        }
                    }
                }
            }
        }
        Err("signature_mismatch")
    }

    /// The signed content for this scheme.
    pub fn message(&self, id: &[u8], ts: &[u8], body: &[u8]) -> Vec<u8> {
        let cat = |parts: &[&[u8]]| parts.concat();
        match &self.kind {
            Kind::Standard => cat(&[id, b".", ts, b".", body]),
            Kind::Stripe | Kind::CostKatana => cat(&[ts, b".", body]),
            Kind::Slack => cat(&[b"v0:", ts, b":", body]),
            Kind::Custom(_) => {
                let mut out = Vec::new();
                for p in &self.parts {
                    match p {
                        Part::Lit(l) => out.extend_from_slice(l),
                        Part::Id => out.extend_from_slice(id),
                        Part::Ts => out.extend_from_slice(ts),
                        Part::Body => out.extend_from_slice(body),
                    }
                }
                out
            }
            _ => body.to_vec(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Window {
    None,
    Both,
    Past,
}

/// HMAC-SHA256.
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut m = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    m.update(msg);
    m.finalize().into_bytes().into()
}

/// HTTP optional white space: spaces and tabs.
pub fn trim(mut v: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', r @ ..] = v {
        v = r;
    }
    while let [r @ .., b' ' | b'\t'] = v {
        v = r;
    }
    v
}

/// Exactly `len` bytes of hex (either case) or base64.
pub fn decode_sig(text: &[u8], base64: bool, len: usize) -> Option<Vec<u8>> {
    let raw = if base64 {
        if text.is_empty() {
            return None;
        }
        sig_b64_decode(text)?
    } else {
        if text.len() != 2 * len {
            return None;
        }
        hex::decode(text).ok()?
    };
    (raw.len() == len).then_some(raw)
}

/// ASCII digits only, value at most 2^63-1.
pub fn parse_ts(t: &[u8]) -> Option<u64> {
    if t.is_empty() || !t.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let digits = std::str::from_utf8(t).ok()?;
    let v: u128 = digits.trim_start_matches('0').parse().unwrap_or(0);
    if digits.trim_start_matches('0').len() > 20 || v > i64::MAX as u128 {
        return None;
    }
    Some(v as u64)
}
