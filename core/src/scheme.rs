//! Where each provider puts its signature and what it signs.

use core::fmt;
use core::str::FromStr;

use crate::error::Error;

/// A provider's signing scheme: the built-in ones of PRODUCT.md, or a
/// [`CustomScheme`] a user describes.
#[non_exhaustive]
// Built once per verifier; boxing the custom variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    /// Cost Katana: `X-CostKatana-Signature` (`sha256=<hex>` + `X-CostKatana-Timestamp`, or `t=…,v1=…`).
    CostKatana,
    /// UniCraft: `X-UniCraft-Signature: <hex>` over the body.
    UniCraft,
    /// Dash: `X-Dash-Signature: sha256=<hex>` over the body.
    Dash,
    /// Smart AI Hub: `X-Webhook-Signature: sha256=<hex>` over the body.
    SmartAiHub,
    /// Standard Webhooks / Svix: `webhook-id`, `webhook-timestamp`, `webhook-signature`.
    Standard,
    /// Stripe: `Stripe-Signature: t=…,v1=…`.
    Stripe,
    /// GitHub: `X-Hub-Signature-256: sha256=<hex>`.
    GitHub,
    /// Slack: `X-Slack-Signature: v0=<hex>` over `v0:{ts}:{body}`.
    Slack,
    /// Shopify: `X-Shopify-Hmac-Sha256: <base64>`.
    Shopify,
    /// A user-described HMAC-SHA256 scheme.
    #[cfg(feature = "alloc")]
    Custom(CustomScheme),
}

impl Scheme {
    /// The built-in schemes, in PRODUCT.md's order.
    pub const BUILT_IN: [Scheme; 9] = [
        Scheme::CostKatana,
        Scheme::UniCraft,
        Scheme::Dash,
        Scheme::SmartAiHub,
        Scheme::Standard,
        Scheme::Stripe,
        Scheme::GitHub,
        Scheme::Slack,
        Scheme::Shopify,
    ];

    /// The scheme's id (`"stripe"`, …; `"custom"` for a custom scheme).
    pub fn id(&self) -> &'static str {
        match self {
            Scheme::CostKatana => "costkatana",
            Scheme::UniCraft => "unicraft",
            Scheme::Dash => "dash",
            Scheme::SmartAiHub => "smartaihub",
            Scheme::Standard => "standard",
            Scheme::Stripe => "stripe",
            Scheme::GitHub => "github",
            Scheme::Slack => "slack",
            Scheme::Shopify => "shopify",
            #[cfg(feature = "alloc")]
            Scheme::Custom(_) => "custom",
        }
    }

    /// The built-in scheme with this id (case-insensitive). `svix` is an alias of `standard`.
    pub fn from_id(id: &str) -> Option<Scheme> {
        let found = Scheme::BUILT_IN
            .iter()
            .find(|s| s.id().eq_ignore_ascii_case(id));
        match found {
            Some(s) => Some(s.clone()),
            None if id.eq_ignore_ascii_case("svix") => Some(Scheme::Standard),
            None => None,
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Scheme {
    type Err = Error;
    #[allow(clippy::useless_conversion)] // Text is &'static str without `alloc`
    fn from_str(s: &str) -> Result<Self, Error> {
        Scheme::from_id(s).ok_or(Error::InvalidArgument {
            reason: "unknown scheme; use one of costkatana, unicraft, dash, smartaihub, standard, stripe, github, slack, shopify, or describe a custom scheme".into(),
        })
    }
}

#[cfg(feature = "alloc")]
pub(crate) use custom::Part;
#[cfg(feature = "alloc")]
pub use custom::{CustomScheme, SignatureEncoding};

#[cfg(feature = "alloc")]
mod custom {
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

    use crate::error::Error;

    /// How a custom scheme writes its signature bytes.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum SignatureEncoding {
        /// Lower- or upper-case hex.
        #[default]
        Hex,
        /// Standard base64, padding optional.
        Base64,
    }

    impl core::str::FromStr for SignatureEncoding {
        type Err = Error;
        /// `"hex"` or `"base64"`.
        fn from_str(s: &str) -> Result<Self, Error> {
            match s {
                "hex" => Ok(SignatureEncoding::Hex),
                "base64" => Ok(SignatureEncoding::Base64),
                _ => Err(Error::InvalidArgument {
                    reason: "custom scheme: encoding must be \"hex\" or \"base64\"".into(),
                }),
            }
        }
    }

    /// One piece of a signed-content template.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub(crate) enum Part {
        Literal(String),
        Id,
        Timestamp,
        Body,
    }

    /// A user-described HMAC-SHA256 scheme: any provider that signs with
    /// HMAC-SHA256 can be verified without new code.
    ///
    /// ```
    /// use hookseal::{CustomScheme, SignatureEncoding};
    /// let acme = CustomScheme::new("X-Acme-Signature")
    ///     .prefix("sha256=")
    ///     .encoding(SignatureEncoding::Hex)
    ///     .timestamp_header("X-Acme-Timestamp")
    ///     .template("{timestamp}.{body}");
    /// ```
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct CustomScheme {
        pub(crate) signature_header: String,
        pub(crate) prefix: String,
        pub(crate) encoding: SignatureEncoding,
        pub(crate) id_header: Option<String>,
        pub(crate) timestamp_header: Option<String>,
        pub(crate) template: String,
        pub(crate) event_id_field: Option<String>,
        pub(crate) event_type_field: Option<String>,
        pub(crate) event_timestamp_field: Option<String>,
        /// Lower-case copies used for lookups.
        pub(crate) lookup: Lookup,
        pub(crate) parts: Vec<Part>,
    }

    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub(crate) struct Lookup {
        pub(crate) signature: String,
        pub(crate) id: Option<String>,
        pub(crate) timestamp: Option<String>,
    }

    impl CustomScheme {
        /// A scheme whose signature is in `signature_header`, hex, over the body.
        pub fn new(signature_header: impl Into<String>) -> Self {
            CustomScheme {
                signature_header: signature_header.into(),
                prefix: String::new(),
                encoding: SignatureEncoding::Hex,
                id_header: None,
                timestamp_header: None,
                template: "{body}".to_string(),
                event_id_field: None,
                event_type_field: None,
                event_timestamp_field: None,
                lookup: Lookup::default(),
                parts: Vec::new(),
            }
        }
        /// Text before the signature, e.g. `sha256=`.
        pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
            self.prefix = prefix.into();
            self
        }
        /// Hex (default) or base64.
        pub fn encoding(mut self, encoding: SignatureEncoding) -> Self {
            self.encoding = encoding;
            self
        }
        /// The header carrying the delivery id, usable as `{id}` in the template.
        pub fn id_header(mut self, name: impl Into<String>) -> Self {
            self.id_header = Some(name.into());
            self
        }
        /// The header carrying the Unix timestamp, usable as `{timestamp}`; it is
        /// checked against the tolerance.
        pub fn timestamp_header(mut self, name: impl Into<String>) -> Self {
            self.timestamp_header = Some(name.into());
            self
        }
        /// The signed content: `{id}`, `{timestamp}` and `{body}` are replaced,
        /// all other text is literal. Default `{body}`.
        pub fn template(mut self, template: impl Into<String>) -> Self {
            self.template = template.into();
            self
        }

        /// Where `verify` finds the event's id, type and timestamp in the JSON
        /// body (dotted paths such as `"meta.id"`). The id header, when set,
        /// takes precedence for the id; the timestamp header is the fallback.
        pub fn event_fields(
            mut self,
            id: Option<&str>,
            event_type: Option<&str>,
            timestamp: Option<&str>,
        ) -> Self {
            self.event_id_field = id.map(String::from);
            self.event_type_field = event_type.map(String::from);
            self.event_timestamp_field = timestamp.map(String::from);
            self
        }

        /// The signature header's name as given.
        pub fn signature_header_name(&self) -> &str {
            &self.signature_header
        }

        /// Checks the description and prepares it for lookups. Called by
        /// `Webhook::new`.
        pub(crate) fn prepare(&mut self) -> Result<(), Error> {
            fn bad(reason: &'static str) -> Error {
                Error::InvalidArgument {
                    reason: reason.into(),
                }
            }
            fn header_name(name: &str) -> Result<String, Error> {
                let ok =
                    !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && b != b':');
                if ok {
                    Ok(name.to_ascii_lowercase())
                } else {
                    Err(bad("custom scheme: header names must be non-empty printable ASCII without ':' or spaces"))
                }
            }
            self.lookup = Lookup {
                signature: header_name(&self.signature_header)?,
                id: self.id_header.as_deref().map(header_name).transpose()?,
                timestamp: self
                    .timestamp_header
                    .as_deref()
                    .map(header_name)
                    .transpose()?,
            };
            // Each header carries one thing: with shared names, `sign` would send
            // the same header twice and `verify` would read the first value for both.
            let l = &self.lookup;
            if l.id.as_ref() == Some(&l.signature)
                || l.timestamp.as_ref() == Some(&l.signature)
                || (l.id.is_some() && l.id == l.timestamp)
            {
                return Err(bad("custom scheme: the signature, id and timestamp headers must have different names"));
            }
            // The prefix is sent in a header and compared after the value's
            // surrounding spaces and tabs are trimmed.
            let prefix_ok = self.prefix.bytes().all(|b| matches!(b, b' '..=b'~'))
                && !self.prefix.starts_with(' ');
            if !prefix_ok {
                return Err(bad("custom scheme: the prefix may contain only printable ASCII (0x20-0x7E, no tabs, CR, LF, NUL or other control characters) and may not start with a space"));
            }
            let mut parts = Vec::new();
            let mut literal = String::new();
            let mut rest = self.template.as_str();
            while !rest.is_empty() {
                let (part, after) = if let Some(after) = rest.strip_prefix("{body}") {
                    (Some(Part::Body), after)
                } else if let Some(after) = rest.strip_prefix("{id}") {
                    (Some(Part::Id), after)
                } else if let Some(after) = rest.strip_prefix("{timestamp}") {
                    (Some(Part::Timestamp), after)
                } else {
                    let mut chars = rest.chars();
                    literal.extend(chars.next());
                    (None, chars.as_str())
                };
                if let Some(p) = part {
                    if !literal.is_empty() {
                        parts.push(Part::Literal(core::mem::take(&mut literal)));
                    }
                    parts.push(p);
                }
                rest = after;
            }
            if !literal.is_empty() {
                parts.push(Part::Literal(literal));
            }
            if parts.iter().filter(|p| **p == Part::Body).count() != 1 {
                return Err(bad(
                    "custom scheme: the template must contain {body} exactly once",
                ));
            }
            if parts.contains(&Part::Id) && self.id_header.is_none() {
                return Err(bad(
                    "custom scheme: the template uses {id} but no id_header is set",
                ));
            }
            if parts.contains(&Part::Timestamp) && self.timestamp_header.is_none() {
                return Err(bad(
                    "custom scheme: the template uses {timestamp} but no timestamp_header is set",
                ));
            }
            self.parts = parts;
            Ok(())
        }
    }
}
