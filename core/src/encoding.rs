//! Strict decoders for the small pieces of text found in signature headers.
//! None of them allocates: signatures decode into fixed-size stack buffers.

#[cfg(test)]
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
#[cfg(test)]
use base64::engine::DecodePaddingMode;

/// Standard alphabet; `=` padding optional, as Standard Webhooks and Shopify
/// senders differ on it. The tests' oracle (`b64` has the same semantics).
#[cfg(test)]
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
    /// An empty buffer for the `_into` decoders to fill.
    pub(crate) const fn empty() -> Self {
        SigBuf {
            bytes: [0; MAX_SIG],
            len: 0,
        }
    }

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
    let mut out = SigBuf::empty();
    decode_hex_into(text, expected, &mut out).then_some(out)
}

/// [`decode_hex`] into a buffer the caller holds, so that the decoded bytes
/// are not copied again (returning them by value cost a pipeline stall:
/// word stores read back as one wide load). On `false` the buffer's contents
/// are unspecified and its length is 0.
pub(crate) fn decode_hex_into(text: &[u8], expected: usize, sig: &mut SigBuf) -> bool {
    sig.len = 0;
    if expected > MAX_SIG || text.len() != expected * 2 {
        return false;
    }
    let bytes = &mut sig.bytes;
    let mut invalid = 0u8;
    let digit = |x: u8| HEX_VALUE[usize::from(x)];
    // Four bytes per step, stored as one word: byte stores one at a time
    // were a third of the decode.
    let (out_words, out_rest) = bytes[..expected].split_at_mut(expected / 4 * 4);
    let (text_words, text_rest) = text.split_at(expected / 4 * 8);
    for (out, eight) in out_words
        .chunks_exact_mut(4)
        .zip(text_words.chunks_exact(8))
    {
        let mut word = 0u32;
        for pair in eight.chunks_exact(2) {
            let (hi, lo) = (digit(pair[0]), digit(pair[1]));
            invalid |= hi | lo;
            word = word << 8 | u32::from((hi << 4) | (lo & 0x0F));
        }
        out.copy_from_slice(&word.to_be_bytes());
    }
    for (out, pair) in out_rest.iter_mut().zip(text_rest.chunks_exact(2)) {
        let (hi, lo) = (digit(pair[0]), digit(pair[1]));
        invalid |= hi | lo;
        *out = (hi << 4) | (lo & 0x0F);
    }
    if invalid & 0xF0 != 0 {
        return false;
    }
    sig.len = expected;
    true
}

/// Base64 (standard alphabet) digit values; 0xFF marks anything else, `=` included.
pub(crate) const BASE64_VALUE: [u8; 256] = {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut t = [0xFF_u8; 256];
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// [`BASE64_VALUE`] widened for the signature decoder: a digit's value, or
/// `u32::MAX` for anything else. A quad is four look-ups shifted into one
/// word; an invalid digit sets bits above the 24 a quad fills, at any shift.
/// (The byte table's version, which also ORed the four bytes together for
/// validity, took 29 ns for a 32-byte signature; this one 17 ns.)
static BASE64_WORD: [u32; 256] = {
    let mut t = [u32::MAX; 256];
    let mut i = 0;
    while i < 256 {
        if BASE64_VALUE[i] != 0xFF {
            t[i] = BASE64_VALUE[i] as u32;
        }
        i += 1;
    }
    t
};

/// Decodes base64 that must come to exactly `expected` bytes: `=` padding
/// optional but, when present, complete (a partial `=` is refused); unused
/// trailing bits must be zero; nothing else (whitespace included) allowed.
/// A table lookup per digit, like [`decode_hex`]: the general-purpose decoder
/// cost about 60 ns per verification.
pub(crate) fn decode_base64(text: &[u8], expected: usize) -> Option<SigBuf> {
    let mut out = SigBuf::empty();
    decode_base64_into(text, expected, &mut out).then_some(out)
}

/// [`decode_base64`] into a buffer the caller holds (see [`decode_hex_into`]).
pub(crate) fn decode_base64_into(text: &[u8], expected: usize, sig: &mut SigBuf) -> bool {
    sig.len = 0;
    if expected > MAX_SIG {
        return false;
    }
    let (full, rem) = (expected / 3, expected % 3);
    let unpadded = full * 4 + [0, 2, 3][rem];
    let digits = match text.len() {
        n if n == unpadded => text,
        n if rem != 0 && n == (full + 1) * 4 && text[unpadded..].iter().all(|&b| b == b'=') => {
            &text[..unpadded]
        }
        _ => return false,
    };
    let bytes = &mut sig.bytes;
    let digit = |x: u8| BASE64_WORD[usize::from(x)];
    // Every quad's word is ORed into `invalid`: an invalid digit sets bits
    // 24 and up, which no valid quad has.
    let mut invalid = 0u32;
    let (quads, tail) = digits.split_at(full * 4);
    // Each quad's three bytes go out as one four-byte store; the fourth byte
    // is overwritten by the next quad or the tail (`bytes` has room: at most
    // 21 quads, 64 bytes).
    for (i, quad) in quads.chunks_exact(4).enumerate() {
        let n = digit(quad[0]) << 18 | digit(quad[1]) << 12 | digit(quad[2]) << 6 | digit(quad[3]);
        invalid |= n;
        if let Some(out) = bytes.get_mut(i * 3..i * 3 + 4) {
            out.copy_from_slice(&(n << 8).to_be_bytes());
        }
    }
    let out = &mut bytes[full * 3..];
    #[allow(clippy::cast_possible_truncation)] // the low byte is what is stored
    match *tail {
        [a, b] => {
            // 12 bits carry one byte: the low 4 must be zero.
            let n = digit(a) << 6 | digit(b);
            invalid |= n << 12 | u32::from(n & 0x0F != 0) << 24;
            out[0] = (n >> 4) as u8;
        }
        [a, b, c] => {
            // 18 bits carry two bytes: the low 2 must be zero.
            let n = digit(a) << 12 | digit(b) << 6 | digit(c);
            invalid |= n << 6 | u32::from(n & 0x03 != 0) << 24;
            out[0] = (n >> 10) as u8;
            out[1] = (n >> 2) as u8;
        }
        _ => {}
    }
    if invalid >> 24 != 0 {
        return false;
    }
    sig.len = expected;
    true
}

/// Constant-time equality of two byte strings of public length: different
/// lengths never match; equal lengths are XORed a machine word at a time and
/// the accumulated difference is compared once through `subtle` (no branch
/// depends on the bytes). `subtle`'s slice comparison hides every byte behind
/// its own barrier, which cost more than the rest of the comparison.
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> subtle::Choice {
    use subtle::ConstantTimeEq;
    if a.len() != b.len() {
        return subtle::Choice::from(0);
    }
    let mut diff = 0u64;
    let (a_words, b_words) = (a.chunks_exact(8), b.chunks_exact(8));
    for (x, y) in a_words.remainder().iter().zip(b_words.remainder()) {
        diff |= u64::from(x ^ y);
    }
    for (x, y) in a_words.zip(b_words) {
        let word = |w: &[u8]| u64::from_ne_bytes(w.try_into().unwrap_or([0; 8]));
        diff |= word(x) ^ word(y);
    }
    diff.ct_eq(&0)
}

/// Plain decimal Unix seconds: ASCII digits only, at most `i64::MAX`.
pub(crate) fn parse_timestamp(text: &[u8]) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    // Leading zeros do not count towards the length, and 19 digits cannot
    // overflow a u64 (10^19 − 1 < 2^64), so the loop needs no checked
    // arithmetic (whose multiply-and-test chain cost ~7 ns per verification).
    let start = text.iter().position(|&b| b != b'0').unwrap_or(text.len());
    let digits = &text[start..];
    if digits.len() > 19 {
        return None;
    }
    let mut value: u64 = 0;
    let mut bad = false;
    for &b in digits {
        let d = b.wrapping_sub(b'0');
        bad |= d > 9;
        value = value.wrapping_mul(10).wrapping_add(u64::from(d));
    }
    if bad || value > i64::MAX as u64 {
        return None;
    }
    Some(value)
}

/// The position of the first `needle` in `hay`, eight bytes at a time (a
/// byte-by-byte search through a signature header was a sixth of the
/// non-hashing work of a verification).
pub(crate) fn find_byte(hay: &[u8], needle: u8) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pattern = LO * u64::from(needle);
    let mut words = hay.chunks_exact(8);
    let mut base = 0;
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().unwrap_or([0; 8])) ^ pattern;
        // The lowest set bit marks the first zero byte of `x` exactly (borrows
        // only run upwards, into later bytes).
        let zero = x.wrapping_sub(LO) & !x & HI;
        if zero != 0 {
            return Some(base + (zero.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| b == needle)
        .map(|i| base + i)
}

/// `hay.split(|&b| b == sep)`, searching with [`find_byte`].
pub(crate) fn split_on(hay: &[u8], sep: u8) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(hay);
    core::iter::from_fn(move || {
        let r = rest?;
        match find_byte(r, sep) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
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
        // Leading zeros beyond 19 digits are still the same number.
        assert_eq!(
            parse_timestamp(b"000000000000000000001700000000"),
            Some(1_700_000_000)
        );
        assert_eq!(parse_timestamp(b"0000"), Some(0));
        for bad in [
            &b""[..],
            b"1700000000abc",
            b"1.7e9",
            b"-5",
            b"+17",
            b" 1",
            b"99999999999999999999999",
            b"9223372036854775808",
            b"18446744073709551616",
            b"00000000000000000000000000009223372036854775808",
            b"1700000000\n",
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

    /// The `base64` crate's decoder, canonical padding or none (a partial
    /// padding is refused) and canonical trailing bits, is the oracle for the
    /// table decoder: same answer on every input.
    fn reference_base64(text: &[u8], expected: usize) -> Option<alloc::vec::Vec<u8>> {
        use base64::Engine;
        [
            DecodePaddingMode::RequireCanonical,
            DecodePaddingMode::RequireNone,
        ]
        .iter()
        .find_map(|&mode| {
            GeneralPurpose::new(
                &base64::alphabet::STANDARD,
                GeneralPurposeConfig::new().with_decode_padding_mode(mode),
            )
            .decode(text)
            .ok()
        })
        .filter(|raw| raw.len() == expected)
    }

    #[test]
    fn base64_table_decoder_agrees_with_the_base64_crate() {
        use base64::Engine;
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n";
        let mut checked = 0;
        for expected in [0usize, 1, 2, 3, 31, 32, 33, 64] {
            for _ in 0..4000 {
                // Mostly well-formed encodings with one mutation, some random text.
                let bytes: alloc::vec::Vec<u8> = (0..expected).map(|_| next() as u8).collect();
                let mut text = BASE64.encode(&bytes).into_bytes();
                match next() % 6 {
                    0 => {}
                    1 => text.retain(|&b| b != b'='),
                    2 if !text.is_empty() => {
                        let at = next() as usize % text.len();
                        text[at] = alphabet[next() as usize % alphabet.len()];
                    }
                    3 => text.push(alphabet[next() as usize % alphabet.len()]),
                    4 => {
                        text.pop();
                    }
                    _ => {
                        let n = next() as usize % 92;
                        text = (0..n)
                            .map(|_| alphabet[next() as usize % alphabet.len()])
                            .collect();
                    }
                }
                let ours = decode_base64(&text, expected).map(|s| s.as_slice().to_vec());
                assert_eq!(
                    ours,
                    reference_base64(&text, expected),
                    "{:?} / {expected}",
                    alloc::string::String::from_utf8_lossy(&text)
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 32_000);
    }

    #[test]
    fn ct_eq_matches_plain_equality() {
        let a = [7u8; 64];
        for len in [0usize, 1, 7, 8, 9, 31, 32, 33, 64] {
            assert!(bool::from(ct_eq(&a[..len], &a[..len])));
            for at in 0..len {
                let mut b = a;
                b[at] ^= 0x01;
                assert!(
                    !bool::from(ct_eq(&a[..len], &b[..len])),
                    "len {len} at {at}"
                );
            }
            if len > 0 {
                assert!(!bool::from(ct_eq(&a[..len], &a[..len - 1])));
            }
        }
    }
}
