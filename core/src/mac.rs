//! HMAC-SHA256 (RFC 2104) over `sha2`'s compression function.
//!
//! A [`HmacKey`] is the two SHA-256 states left after hashing the key's
//! inner (key ⊕ 0x36…) and outer (key ⊕ 0x5c…) blocks, computed once when a
//! `Webhook` is built; a tag then hashes only the message and one outer block.
//!
//! Why not the `hmac` crate, which does the same: its per-message layers
//! (cloning the whole keyed `Hmac`, a block buffer per update, the generic
//! finalize of two wrapped hashes) cost about 20 ns more per 1 KiB
//! verification than this file (`cargo bench -p hookseal --bench verify`),
//! and that was most of what stood between a verification and 0.75× a bare
//! SHA-256. The results are checked against Python's `hmac` by every vector in
//! `tests/vectors/` and against the `hmac` crate by the tests below.

use sha2::digest::consts::U64;
use sha2::digest::generic_array::GenericArray;
use zeroize::Zeroize;

/// FIPS 180-4 initial hash value of SHA-256.
const IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// Compresses whole 64-byte blocks (`bytes.len()` a multiple of 64) in one
/// call. `block_buffer` turns the bytes into `sha2`'s block type without
/// copying (and without `unsafe` here).
fn compress_blocks(state: &mut [u32; 8], bytes: &[u8]) {
    debug_assert!(bytes.len() % 64 == 0);
    let mut buffer = block_buffer::BlockBuffer::<U64, block_buffer::Eager>::default();
    buffer.digest_blocks(bytes, |blocks| sha2::compress256(state, blocks));
}

fn compress_one(state: &mut [u32; 8], block: &[u8; 64]) {
    sha2::compress256(
        state,
        core::slice::from_ref(GenericArray::from_slice(block)),
    );
}

/// A running SHA-256: a state, the bytes not yet compressed, and the length
/// hashed so far (including any key block absorbed before it started).
#[derive(Clone)]
pub(crate) struct Sha256Stream {
    state: [u32; 8],
    buf: [u8; 64],
    pos: usize,
    total: u64,
}

impl Sha256Stream {
    /// A plain SHA-256.
    pub(crate) fn new() -> Self {
        Self::resume(IV, 0)
    }

    fn resume(state: [u32; 8], total: u64) -> Self {
        Sha256Stream {
            state,
            buf: [0; 64],
            pos: 0,
            total,
        }
    }

    pub(crate) fn update(&mut self, mut data: &[u8]) {
        self.total = self.total.wrapping_add(data.len() as u64);
        if self.pos > 0 {
            let take = data.len().min(64 - self.pos);
            self.buf[self.pos..self.pos + take].copy_from_slice(&data[..take]);
            self.pos += take;
            data = &data[take..];
            if self.pos < 64 {
                return;
            }
            compress_one(&mut self.state, &self.buf);
            self.pos = 0;
        }
        let whole = data.len() / 64 * 64;
        if whole > 0 {
            compress_blocks(&mut self.state, &data[..whole]);
        }
        let rest = &data[whole..];
        self.buf[..rest.len()].copy_from_slice(rest);
        self.pos = rest.len();
    }

    /// Pads, compresses the last block(s) and writes the digest into `out`.
    pub(crate) fn finish_into(&mut self, out: &mut [u8; 32]) {
        let bits = self.total.wrapping_mul(8);
        self.buf[self.pos] = 0x80;
        self.buf[self.pos + 1..].fill(0);
        if self.pos >= 56 {
            compress_one(&mut self.state, &self.buf);
            self.buf.fill(0);
        }
        self.buf[56..].copy_from_slice(&bits.to_be_bytes());
        compress_one(&mut self.state, &self.buf);
        for (o, w) in out.chunks_exact_mut(4).zip(self.state) {
            o.copy_from_slice(&w.to_be_bytes());
        }
    }

    /// Overwrites the state and buffered bytes (for streams over key material).
    pub(crate) fn wipe(&mut self) {
        self.state.zeroize();
        self.buf.zeroize();
    }
}

/// A key's inner and outer SHA-256 states. Wiped on drop.
#[derive(Clone)]
pub(crate) struct HmacKey {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl Drop for HmacKey {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

impl HmacKey {
    /// Keys of any length; one longer than a block is hashed first (RFC 2104).
    pub(crate) fn new(key: &[u8]) -> Self {
        let mut block = [0u8; 64];
        if key.len() > 64 {
            let mut hasher = Sha256Stream::new();
            hasher.update(key);
            let mut digest = [0u8; 32];
            hasher.finish_into(&mut digest);
            block[..32].copy_from_slice(&digest);
            hasher.wipe();
            digest.zeroize();
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let pad = |byte: u8| {
            let mut padded = block;
            for b in &mut padded {
                *b ^= byte;
            }
            let mut state = IV;
            compress_one(&mut state, &padded);
            padded.zeroize();
            state
        };
        let key = HmacKey {
            inner: pad(0x36),
            outer: pad(0x5c),
        };
        block.zeroize();
        key
    }

    /// A stream for one message's tag.
    pub(crate) fn start(&self) -> Sha256Stream {
        Sha256Stream::resume(self.inner, 64)
    }

    /// The tag of the message fed into `inner` (a stream from [`HmacKey::start`]).
    pub(crate) fn finish(&self, mut inner: Sha256Stream) -> [u8; 32] {
        let mut outer = [0u8; 64];
        let mut digest = [0u8; 32];
        inner.finish_into(&mut digest);
        outer[..32].copy_from_slice(&digest);
        outer[32] = 0x80;
        outer[56..].copy_from_slice(&((64u64 + 32) * 8).to_be_bytes());
        let mut state = self.outer;
        compress_one(&mut state, &outer);
        let mut tag = [0u8; 32];
        for (o, w) in tag.chunks_exact_mut(4).zip(state) {
            o.copy_from_slice(&w.to_be_bytes());
        }
        tag
    }

    /// The tag of `message` in one piece.
    #[cfg(all(test, feature = "alloc"))]
    fn tag(&self, message: &[u8]) -> [u8; 32] {
        let mut s = self.start();
        s.update(message);
        self.finish(s)
    }
}

#[cfg(all(test, feature = "alloc"))]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};

    /// Against the `hmac` crate: every key length around the block size and
    /// every message length around one and two blocks, fed whole and in pieces.
    #[test]
    fn matches_the_hmac_crate() {
        let data: alloc::vec::Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for key_len in [0usize, 1, 31, 32, 63, 64, 65, 100, 200] {
            let key = &data[..key_len];
            let ours = HmacKey::new(key);
            for msg_len in (0..140).chain([191, 192, 193, 255, 256, 299]) {
                let msg = &data[..msg_len];
                let Ok(mut theirs) = Hmac::<sha2::Sha256>::new_from_slice(key) else {
                    unreachable!()
                };
                theirs.update(msg);
                let want: [u8; 32] = theirs.finalize().into_bytes().into();
                assert_eq!(ours.tag(msg), want, "key {key_len}, message {msg_len}");
                // In pieces of every size from 1 to 70.
                for piece in 1..=70 {
                    let mut s = ours.start();
                    for chunk in msg.chunks(piece) {
                        s.update(chunk);
                    }
                    assert_eq!(
                        ours.finish(s),
                        want,
                        "key {key_len}, message {msg_len}/{piece}"
                    );
                }
            }
        }
    }

    /// Plain SHA-256 against `sha2`'s own, at the padding boundaries.
    #[test]
    fn plain_sha256_matches_sha2() {
        use sha2::Digest;
        let data: alloc::vec::Vec<u8> = (0..300u32).map(|i| (i * 13 + 1) as u8).collect();
        for len in 0..data.len() {
            let mut s = Sha256Stream::new();
            s.update(&data[..len]);
            let mut out = [0u8; 32];
            s.finish_into(&mut out);
            assert_eq!(
                out[..],
                sha2::Sha256::digest(&data[..len])[..],
                "length {len}"
            );
        }
    }
}
