//! The one error type, with the codes of PRODUCT.md.

use core::fmt;

/// Owned or static text inside an [`Error`].
#[cfg(feature = "alloc")]
pub type Text = alloc::borrow::Cow<'static, str>;
/// Owned or static text inside an [`Error`].
#[cfg(not(feature = "alloc"))]
pub type Text = &'static str;

/// Why a delivery was refused, or why a [`crate::Webhook`] could not be built.
///
/// Every variant maps to one of PRODUCT.md's error codes through [`Error::code`];
/// `Display` gives a message that says what to do.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A header the scheme needs is absent or empty.
    MissingHeader {
        /// The header's name as the provider spells it.
        header: Text,
    },
    /// A header is present but malformed.
    InvalidHeader {
        /// The header's name as the provider spells it.
        header: Text,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The delivery's timestamp is older than the tolerance allows.
    TimestampTooOld {
        /// The delivery's timestamp (Unix seconds).
        timestamp: u64,
        /// The verifier's clock.
        now: u64,
        /// The tolerance in seconds.
        tolerance: u64,
    },
    /// The delivery's timestamp is further in the future than the tolerance allows.
    TimestampTooNew {
        /// The delivery's timestamp (Unix seconds).
        timestamp: u64,
        /// The verifier's clock.
        now: u64,
        /// The tolerance in seconds.
        tolerance: u64,
    },
    /// Well-formed signatures, none of which matches any configured secret.
    SignatureMismatch,
    /// Only signature versions this verifier cannot check.
    UnsupportedSignature {
        /// Which versions were seen and what is missing.
        reason: &'static str,
    },
    /// A secret is empty or cannot be decoded.
    InvalidSecret {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The body is not JSON, or the envelope or event data fails validation.
    InvalidPayload {
        /// The field path and what was expected.
        reason: Text,
    },
    /// `strict` is on and the event type is not in the provider's catalog.
    UnknownEventType {
        /// The type the delivery named.
        event_type: Text,
    },
    /// The body is larger than the configured maximum.
    PayloadTooLarge {
        /// The body's size in bytes.
        size: usize,
        /// The configured maximum.
        limit: usize,
    },
    /// The replay guard has seen this delivery already.
    DuplicateEvent {
        /// The key it was recognised by.
        key: Text,
    },
    /// An argument that cannot be used (a bad custom-scheme description,
    /// a missing `id` or timestamp when signing).
    InvalidArgument {
        /// What is wrong and how to fix it.
        reason: Text,
    },
}

/// PRODUCT.md's error codes, as a C-like enum (the C ABI uses the same order).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ErrorCode {
    /// `missing_header`
    MissingHeader = 1,
    /// `invalid_header`
    InvalidHeader = 2,
    /// `timestamp_too_old`
    TimestampTooOld = 3,
    /// `timestamp_too_new`
    TimestampTooNew = 4,
    /// `signature_mismatch`
    SignatureMismatch = 5,
    /// `unsupported_signature`
    UnsupportedSignature = 6,
    /// `invalid_secret`
    InvalidSecret = 7,
    /// `invalid_payload`
    InvalidPayload = 8,
    /// `unknown_event_type`
    UnknownEventType = 9,
    /// `payload_too_large`
    PayloadTooLarge = 10,
    /// `duplicate_event`
    DuplicateEvent = 11,
    /// `invalid_argument`
    InvalidArgument = 12,
}

impl ErrorCode {
    /// Every code, in numeric order.
    pub const ALL: [ErrorCode; 12] = [
        ErrorCode::MissingHeader,
        ErrorCode::InvalidHeader,
        ErrorCode::TimestampTooOld,
        ErrorCode::TimestampTooNew,
        ErrorCode::SignatureMismatch,
        ErrorCode::UnsupportedSignature,
        ErrorCode::InvalidSecret,
        ErrorCode::InvalidPayload,
        ErrorCode::UnknownEventType,
        ErrorCode::PayloadTooLarge,
        ErrorCode::DuplicateEvent,
        ErrorCode::InvalidArgument,
    ];

    /// The code named by its string (`"signature_mismatch"` → `SignatureMismatch`).
    pub fn from_code(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.as_str() == code)
    }

    /// The code's string, the same in every language.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MissingHeader => "missing_header",
            ErrorCode::InvalidHeader => "invalid_header",
            ErrorCode::TimestampTooOld => "timestamp_too_old",
            ErrorCode::TimestampTooNew => "timestamp_too_new",
            ErrorCode::SignatureMismatch => "signature_mismatch",
            ErrorCode::UnsupportedSignature => "unsupported_signature",
            ErrorCode::InvalidSecret => "invalid_secret",
            ErrorCode::InvalidPayload => "invalid_payload",
            ErrorCode::UnknownEventType => "unknown_event_type",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::DuplicateEvent => "duplicate_event",
            ErrorCode::InvalidArgument => "invalid_argument",
        }
    }
}

impl ErrorCode {
    /// The HTTP status a receiver answers with, the same in every framework
    /// helper: 401 when the delivery cannot be trusted (signature, timestamp),
    /// 400 when it is malformed, 409 for a replay the guard caught, 413 when
    /// too large, 500 when the receiver itself is misconfigured (secret, arguments).
    pub const fn http_status(self) -> u16 {
        match self {
            ErrorCode::SignatureMismatch
            | ErrorCode::TimestampTooOld
            | ErrorCode::TimestampTooNew
            | ErrorCode::UnsupportedSignature => 401,
            ErrorCode::MissingHeader
            | ErrorCode::InvalidHeader
            | ErrorCode::InvalidPayload
            | ErrorCode::UnknownEventType => 400,
            ErrorCode::DuplicateEvent => 409,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::InvalidSecret | ErrorCode::InvalidArgument => 500,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The error's code.
    pub fn kind(&self) -> ErrorCode {
        match self {
            Error::MissingHeader { .. } => ErrorCode::MissingHeader,
            Error::InvalidHeader { .. } => ErrorCode::InvalidHeader,
            Error::TimestampTooOld { .. } => ErrorCode::TimestampTooOld,
            Error::TimestampTooNew { .. } => ErrorCode::TimestampTooNew,
            Error::SignatureMismatch => ErrorCode::SignatureMismatch,
            Error::UnsupportedSignature { .. } => ErrorCode::UnsupportedSignature,
            Error::InvalidSecret { .. } => ErrorCode::InvalidSecret,
            Error::InvalidPayload { .. } => ErrorCode::InvalidPayload,
            Error::UnknownEventType { .. } => ErrorCode::UnknownEventType,
            Error::PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            Error::DuplicateEvent { .. } => ErrorCode::DuplicateEvent,
            Error::InvalidArgument { .. } => ErrorCode::InvalidArgument,
        }
    }

    /// PRODUCT.md's code string, e.g. `"signature_mismatch"`.
    pub fn code(&self) -> &'static str {
        self.kind().as_str()
    }
}

// `Display` writes its pieces with `write_str` and formats numbers itself:
// no `write!`, so a build that never formats anything else (the WebAssembly
// module) carries none of `core::fmt`'s formatting machinery.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_message(f)
    }
}

impl Error {
    /// The message `Display` writes (`to_string()`), built without a
    /// `fmt::Formatter`: the WebAssembly binding uses it, so that its module
    /// carries no `core::fmt` machinery. Not part of the documented API.
    #[cfg(feature = "alloc")]
    #[doc(hidden)]
    pub fn message(&self) -> alloc::string::String {
        let mut out = alloc::string::String::new();
        // Writing to a `String` cannot fail.
        let _ = self.write_message(&mut out);
        out
    }

    fn write_message<W: fmt::Write + ?Sized>(&self, f: &mut W) -> fmt::Result {
        let (mut a, mut b, mut c, mut d) = ([0u8; 20], [0u8; 20], [0u8; 20], [0u8; 20]);
        match self {
            Error::MissingHeader { header } => put(f, &[
                "the ", header,
                " header is missing or empty; pass the request's headers unchanged and check that the sender uses this scheme",
            ]),
            Error::InvalidHeader { header, reason } => put(f, &[
                "the ", header, " header is malformed: ", reason,
                "; it must be exactly as the sender wrote it",
            ]),
            Error::TimestampTooOld { timestamp, now, tolerance } => put(f, &[
                "the delivery's timestamp ", decimal(*timestamp, &mut a), " is ",
                decimal(now.saturating_sub(*timestamp), &mut b), " s older than now (",
                decimal(*now, &mut c), "), more than the tolerance of ", decimal(*tolerance, &mut d),
                " s; it may be a replay, or the receiver's clock is wrong",
            ]),
            Error::TimestampTooNew { timestamp, now, tolerance } => put(f, &[
                "the delivery's timestamp ", decimal(*timestamp, &mut a), " is ",
                decimal(timestamp.saturating_sub(*now), &mut b), " s ahead of now (",
                decimal(*now, &mut c), "), more than the tolerance of ", decimal(*tolerance, &mut d),
                " s; check the receiver's clock",
            ]),
            Error::SignatureMismatch => f.write_str(
                "no signature matches any configured secret; check the secret, and verify the raw request body (a body re-serialized from parsed JSON never matches)"
            ),
            Error::UnsupportedSignature { reason } => put(f, &["no signature this verifier can check: ", reason]),
            Error::InvalidSecret { reason } => put(f, &["invalid secret: ", reason]),
            Error::InvalidPayload { reason } => put(f, &["invalid payload: ", reason]),
            Error::UnknownEventType { event_type } => {
                f.write_str("event type ")?;
                write_debug_str(f, event_type)?;
                f.write_str(" is not in the provider's catalog and strict mode is on; turn strict off to accept new event types")
            }
            Error::PayloadTooLarge { size, limit } => put(f, &[
                "the body is ", decimal(*size as u64, &mut a), " bytes, over the limit of ",
                decimal(*limit as u64, &mut b),
                " bytes; raise max_payload_bytes if such deliveries are expected",
            ]),
            Error::DuplicateEvent { key } => put(f, &[
                "this delivery (", key,
                ") was already accepted; it is a replay or a retry of a delivery already handled",
            ]),
            Error::InvalidArgument { reason } => put(f, &["invalid argument: ", reason]),
        }
    }
}

fn put<W: fmt::Write + ?Sized>(f: &mut W, parts: &[&str]) -> fmt::Result {
    parts.iter().try_for_each(|p| f.write_str(p))
}

/// `parts.concat()`, by a plain loop: `[&str]::concat` and `join` share
/// `alloc::str::join_generic_copy`, 1.1 kB of WebAssembly for messages only.
#[cfg(feature = "alloc")]
pub(crate) fn concat(parts: &[&str]) -> alloc::string::String {
    join(parts, "")
}

/// `parts.join(sep)`, by a plain loop (see [`concat`]).
#[cfg(feature = "alloc")]
pub(crate) fn join(parts: &[&str], sep: &str) -> alloc::string::String {
    let mut out = alloc::string::String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part);
    }
    out
}

/// `n` in decimal, as `{n}` writes it, in `buf`.
pub(crate) fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        // `n % 10` is a digit.
        #[allow(clippy::cast_possible_truncation)]
        {
            buf[i] = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits only.
    core::str::from_utf8(&buf[i..]).unwrap_or_default()
}

/// `s` quoted as [`write_debug_str`] writes it (as `{s:?}` does, but for the
/// rarer non-ASCII characters). Not part of the documented API: the bindings
/// quote the values in their own messages with it, so that every backend
/// writes the same text and the WebAssembly module has one copy of it.
#[cfg(feature = "alloc")]
#[doc(hidden)]
pub fn quoted(s: &str) -> alloc::string::String {
    let mut out = alloc::string::String::new();
    // Writing to a `String` cannot fail.
    let _ = write_debug_str(&mut out, s);
    out
}

/// `s` as `{s:?}` writes it, in double quotes, for ASCII and for the
/// non-ASCII characters a reader most needs to see escaped: C1 controls,
/// invisible spaces and format characters, the combining-mark blocks,
/// private-use and noncharacter code points (`\u{…}`). Other non-ASCII
/// characters are written as they are. `{s:?}` itself decides with
/// `core::unicode`'s tables (3 kB of the gzipped WebAssembly module); it also
/// escapes unassigned code points, the rarer format characters and the
/// combining marks of other scripts (every vowel sign of Devanagari, for
/// one), which this writes unescaped.
pub(crate) fn write_debug_str<W: fmt::Write + ?Sized>(w: &mut W, s: &str) -> fmt::Result {
    w.write_char('"')?;
    for c in s.chars() {
        let escaped = match c {
            '\0' => "\\0",
            '\t' => "\\t",
            '\r' => "\\r",
            '\n' => "\\n",
            '"' => "\\\"",
            '\\' => "\\\\",
            _ if hidden(c) => {
                w.write_str("\\u{")?;
                let v = u32::from(c);
                let mut shift = 20;
                while shift > 0 && v >> shift == 0 {
                    shift -= 4;
                }
                loop {
                    w.write_char(char::from_digit((v >> shift) & 15, 16).unwrap_or('0'))?;
                    if shift == 0 {
                        break;
                    }
                    shift -= 4;
                }
                w.write_char('}')?;
                continue;
            }
            _ => {
                w.write_char(c)?;
                continue;
            }
        };
        w.write_str(escaped)?;
    }
    w.write_char('"')
}

/// The characters [`write_debug_str`] writes as `\u{…}`.
fn hidden(c: char) -> bool {
    matches!(u32::from(c),
        0x00..=0x1f | 0x7f..=0xa0 | 0xad | 0x300..=0x36f | 0x61c | 0x1680 | 0x180e
        | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x2000..=0x200f | 0x2028..=0x202f
        | 0x205f..=0x206f | 0x20d0..=0x20ff | 0x3000 | 0xe000..=0xf8ff
        | 0xfe00..=0xfe0f | 0xfe20..=0xfe2f | 0xfeff | 0xfff0..=0xfffb | 0xfffe..=0xffff
        | 0xe0000..=0xe0fff | 0xf0000..=0x10ffff)
}

/// `core::error::Error` (Rust 1.81+), so no_std users get it too; with `std`
/// it is the same trait as `std::error::Error`.
impl core::error::Error for Error {}

#[cfg(all(test, feature = "alloc"))]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    #[test]
    fn decimal_is_display() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            1_700_000_000,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            assert_eq!(decimal(n, &mut [0; 20]), format!("{n}"));
        }
    }

    #[test]
    fn debug_str_is_debug() {
        for s in [
            "",
            "plain.type",
            "quote\" back\\slash 'single'",
            "\n\r\t\0\u{1}\u{7f}\u{85}",
            "é ü 日本 🎉",
            "\u{301}combining first, then a\u{301}",
            "\u{200b}\u{feff}\u{e000}\u{10ffff}",
            "\u{a0}\u{ad}\u{2028}\u{202e}\u{3000}\u{fe0f}\u{e0001}\u{fff9}\u{fffd}",
            "naïve café, Привет, Ελλάδα, עברית, العربية, 中文, 한국어, 👍🏽",
        ] {
            let mut out = String::new();
            write_debug_str(&mut out, s).unwrap_or_default();
            assert_eq!(out, format!("{s:?}"));
        }
        for c in (0..=0x7f).map(char::from) {
            let mut out = String::new();
            write_debug_str(&mut out, c.encode_utf8(&mut [0; 4])).unwrap_or_default();
            assert_eq!(out, format!("{:?}", String::from(c)));
        }
    }

    /// Where it differs from `{s:?}` on purpose: the combining marks of other
    /// scripts and unassigned code points are written as they are.
    #[test]
    fn debug_str_writes_rarer_characters_as_they_are() {
        let mut out = String::new();
        write_debug_str(&mut out, "हिन्दी \u{378}").unwrap_or_default();
        assert_eq!(out, "\"हिन्दी \u{378}\"");
        assert_ne!(out, format!("{:?}", "हिन्दी \u{378}"));
    }

    /// Every message as `write!` built it before (the texts are compared by
    /// the bindings' tests; here the numbers and quoting).
    #[test]
    fn messages_with_numbers_and_quotes() {
        let e = Error::TimestampTooOld {
            timestamp: 1_000,
            now: 1_400,
            tolerance: 300,
        };
        assert_eq!(
            format!("{e}"),
            "the delivery's timestamp 1000 is 400 s older than now (1400), more than the tolerance of 300 s; it may be a replay, or the receiver's clock is wrong"
        );
        let e = Error::TimestampTooNew {
            timestamp: 1_400,
            now: 1_000,
            tolerance: 300,
        };
        assert_eq!(
            format!("{e}"),
            "the delivery's timestamp 1400 is 400 s ahead of now (1000), more than the tolerance of 300 s; check the receiver's clock"
        );
        let e = Error::PayloadTooLarge {
            size: 2_000_000,
            limit: 1_048_576,
        };
        assert_eq!(
            format!("{e}"),
            "the body is 2000000 bytes, over the limit of 1048576 bytes; raise max_payload_bytes if such deliveries are expected"
        );
        let e = Error::UnknownEventType {
            event_type: "a\"b\n".into(),
        };
        assert_eq!(
            format!("{e}"),
            "event type \"a\\\"b\\n\" is not in the provider's catalog and strict mode is on; turn strict off to accept new event types"
        );
    }
}
