//! Base64 for secrets and signing (the `base64` crate's semantics, without the
//! crate: a smaller WebAssembly module). Signatures in headers are decoded by
//! `encoding::decode_base64_into`, which is stricter.

#[cfg(feature = "alloc")]
use alloc::string::String;

use crate::encoding::BASE64_VALUE;

#[cfg(feature = "alloc")]
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with `=` padding.
#[cfg(feature = "alloc")]
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let at = |i: usize| u32::from(c.get(i).copied().unwrap_or(0));
        let n = at(0) << 16 | at(1) << 8 | at(2);
        for i in 0..4 {
            out.push(if i <= c.len() {
                char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63])
            } else {
                '='
            });
        }
    }
    out
}

/// Decodes into `out` as the `base64` crate's standard engine with
/// `DecodePaddingMode::Indifferent` does (`decode_slice`): padding optional,
/// also partial (`AA=`), but only at the end of the last quad and after at
/// least two digits; unused trailing bits must be zero; no other byte (white
/// space included). `None` when the text is invalid or `out` too small.
pub(crate) fn decode_into(text: &[u8], out: &mut [u8]) -> Option<usize> {
    if text.is_empty() {
        return Some(0);
    }
    // The last quad, complete or not, is decoded apart: it may hold padding.
    let last = match text.len() % 4 {
        0 => 4,
        r => r,
    };
    let (quads, suffix) = text.split_at(text.len() - last);
    let value = |b: u8| BASE64_VALUE[usize::from(b)];
    // Every digit's value is ORed in: 0xFF (not base64, `=` included) sets
    // the top bits, which no digit value (< 64) has.
    let mut invalid = 0u8;
    let mut n = 0;
    for quad in quads.chunks_exact(4) {
        let [a, b, c, d] = [quad[0], quad[1], quad[2], quad[3]].map(value);
        invalid |= a | b | c | d;
        let v = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
        out.get_mut(n..n + 3)?
            .copy_from_slice(&v.to_be_bytes()[1..]);
        n += 3;
    }
    let digits = suffix
        .iter()
        .position(|&b| b == b'=')
        .unwrap_or(suffix.len());
    if digits < 2 || suffix[digits..].iter().any(|&b| b != b'=') {
        return None;
    }
    let mut acc = 0u32;
    for (i, &b) in suffix[..digits].iter().enumerate() {
        let v = value(b);
        invalid |= v;
        acc |= u32::from(v & 0x3F) << (26 - 6 * i);
    }
    let bytes = digits * 6 / 8;
    if invalid & 0xC0 != 0 || acc & (u32::MAX >> (bytes * 8)) != 0 {
        return None;
    }
    for i in 0..bytes {
        // The top byte of what is left.
        #[allow(clippy::cast_possible_truncation)]
        {
            *out.get_mut(n)? = (acc >> (24 - 8 * i)) as u8;
        }
        n += 1;
    }
    Some(n)
}

/// Lower-case hex.
#[cfg(feature = "alloc")]
pub(crate) fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

#[cfg(all(test, feature = "alloc"))]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
    use base64::engine::DecodePaddingMode;
    use base64::Engine;

    const ORACLE: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_encode_padding(true)
            .with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );

    /// Every text over a small alphabet up to 9 characters, and random
    /// encodings with mutations, into buffers of several sizes: the same
    /// answer as the `base64` crate's `decode_slice`.
    #[test]
    fn decoder_agrees_with_the_base64_crate() {
        let small = b"AQgw/+=_ \n";
        let mut texts: Vec<Vec<u8>> = alloc::vec![Vec::new()];
        let mut layer: Vec<Vec<u8>> = alloc::vec![Vec::new()];
        for _ in 0..6 {
            layer = layer
                .iter()
                .flat_map(|t| small.iter().map(move |&c| [&t[..], &[c]].concat()))
                .collect();
            texts.extend(layer.iter().cloned());
        }
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for len in 0..80 {
            for _ in 0..200 {
                let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                let mut t = encode(&bytes).into_bytes();
                if next() % 2 == 0 && !t.is_empty() {
                    let at = next() as usize % t.len();
                    t[at] = small[next() as usize % small.len()];
                }
                if next() % 3 == 0 {
                    t.retain(|&b| b != b'=');
                }
                texts.push(t);
            }
        }
        for t in &texts {
            for size in [0usize, 1, 2, 3, 4, 6, 60, 512] {
                let (mut a, mut b) = (alloc::vec![0u8; size], alloc::vec![0u8; size]);
                let ours = decode_into(t, &mut a);
                let theirs = ORACLE.decode_slice(t, &mut b).ok();
                assert_eq!(ours, theirs, "{:?} into {size}", core::str::from_utf8(t));
                if let Some(n) = ours {
                    assert_eq!(a[..n], b[..n]);
                }
            }
        }
    }

    #[test]
    fn encoders_agree_with_the_crates() {
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(encode(&bytes), ORACLE.encode(&bytes));
            assert_eq!(hex(&bytes), hex::encode(&bytes));
        }
    }
}
