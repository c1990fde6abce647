//! Strict decoders for the small pieces of text found in signature headers.
//! None of them allocates: signatures decode into fixed-size stack buffers.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

/// Standard alphabet; `=` padding optional, as Standard Webhooks and Shopify
/// senders differ on it.
pub(crate) const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The largest signature hookseal decodes: an Ed25519 signature.
pub(crate) const MAX_SIG: usize = 64;

/// A decoded signature held on the stack.
pub(crate) struct SigBuf {
    bytes: [u8; MAX_SIG],
    len: usize,
}

impl SigBuf {
    pub(crate) fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// Hex digit values; 0xFF marks a byte that is not a hex digit.
const HEX_VALUE: [u8; 256] = {
    let mut t = [0xFF_u8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// Decodes exactly `expected` bytes of hex (either case). Anything else, including
/// an odd or wrong length, is `None`. A table lookup per digit: this runs on
/// every verification, and a general-purpose decoder cost a tenth of a 1 KiB HMAC.
pub(crate) fn decode_hex(text: &[u8], expected: usize) -> Option<SigBuf> {
    if expected > MAX_SIG || text.len() != expected * 2 {
        return None;
    }
    let mut bytes = [0u8; MAX_SIG];
    let mut invalid = 0u8;
    for (out, pair) in bytes.iter_mut().zip(text.chunks_exact(2)) {
        let (hi, lo) = (
            HEX_VALUE[usize::from(pair[0])],
            HEX_VALUE[usize::from(pair[1])],
        );
        invalid |= hi | lo;
        *out = (hi << 4) | (lo & 0x0F);
    }
    if invalid & 0xF0 != 0 {
        return None;
    }
    Some(SigBuf {
        bytes,
        len: expected,
    })
}

/// Decodes base64 that must come to exactly `expected` bytes.
pub(crate) fn decode_base64(text: &[u8], expected: usize) -> Option<SigBuf> {
    if expected > MAX_SIG || text.is_empty() || text.len() > (MAX_SIG / 3 + 1) * 4 {
        return None;
    }
    // One spare byte so that an over-long signature is seen as such, not truncated.
    let mut bytes = [0u8; MAX_SIG + 3];
    let len = BASE64.decode_slice(text, &mut bytes).ok()?;
    if len != expected {
        return None;
    }
    let mut out = [0u8; MAX_SIG];
    out[..len].copy_from_slice(&bytes[..len]);
    Some(SigBuf { bytes: out, len })
}

/// Plain decimal Unix seconds: ASCII digits only, at most `i64::MAX`.
pub(crate) fn parse_timestamp(text: &[u8]) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let mut value: u64 = 0;
    for &b in text {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    if value > i64::MAX as u64 {
        return None;
    }
    Some(value)
}

/// Trims HTTP optional white space (spaces and tabs) from both ends.
pub(crate) fn trim_ows(mut v: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = v {
        v = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = v {
        v = rest;
    }
    v
}

/// Writes `value` in decimal into `buf` and returns the digits.
#[cfg(feature = "alloc")]
pub(crate) fn format_u64(value: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    let mut v = value;
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    &buf[i..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_digits_only() {
        assert_eq!(parse_timestamp(b"1700000000"), Some(1_700_000_000));
        assert_eq!(parse_timestamp(b"0001"), Some(1));
        for bad in [
            &b""[..],
            b"1700000000abc",
            b"1.7e9",
            b"-5",
            b"+17",
            b" 1",
            b"99999999999999999999999",
            b"9223372036854775808",
        ] {
            assert_eq!(
                parse_timestamp(bad),
                None,
                "{:?}",
                core::str::from_utf8(bad)
            );
        }
        assert_eq!(
            parse_timestamp(b"9223372036854775807"),
            Some(i64::MAX as u64)
        );
    }

    #[test]
    fn hex_needs_the_exact_length() {
        let h = b"757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assert_eq!(decode_hex(h, 32).map(|s| s.len), Some(32));
        assert!(decode_hex(&h[..63], 32).is_none());
        assert!(decode_hex(&h[..62], 32).is_none());
        assert!(decode_hex(b"", 32).is_none());
        assert!(decode_hex(&[b'z'; 64], 32).is_none());
        let mut one_bad = *h;
        one_bad[63] = b'g';
        assert!(decode_hex(&one_bad, 32).is_none());
        let four = decode_hex(b"00FFaB10", 4).map(|s| s.bytes);
        assert_eq!(
            four.map(|b| [b[0], b[1], b[2], b[3]]),
            Some([0x00, 0xFF, 0xAB, 0x10])
        );
    }

    #[test]
    fn base64_padding_is_optional_and_length_exact() {
        let padded = b"g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assert!(decode_base64(padded, 32).is_some());
        assert!(decode_base64(&padded[..43], 32).is_some());
        assert!(decode_base64(&padded[..40], 32).is_none());
        assert!(decode_base64(b"", 32).is_none());
        assert!(decode_base64(b"!!!!", 32).is_none());
    }

    #[test]
    fn trims_only_ows() {
        assert_eq!(trim_ows(b" \tab c\t "), b"ab c");
        assert_eq!(trim_ows(b"   "), b"");
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn formats_decimal() {
        let mut b = [0u8; 20];
        assert_eq!(format_u64(0, &mut b), b"0");
        assert_eq!(format_u64(u64::MAX, &mut b), b"18446744073709551615");
    }
}
