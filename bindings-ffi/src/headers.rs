//! A delivery's headers as C gives them, read in place by the core.

use core::ffi::c_char;

use crate::boundary::{argument, array, bytes, Failure};

/// Borrowed bytes: `len` bytes at `ptr`. Not NUL-terminated.
///
/// `ptr` may be NULL only when `len` is 0. In optional fields (the custom
/// scheme's `prefix`, `id_header`, …) a NULL `ptr` means "not set", while a
/// non-NULL `ptr` with `len` 0 is the empty string.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
#[allow(non_camel_case_types)]
pub struct hookseal_str {
    /// The first byte.
    pub ptr: *const c_char,
    /// The number of bytes.
    pub len: usize,
}

impl hookseal_str {
    #[cfg(test)]
    pub(crate) const NULL: hookseal_str = hookseal_str {
        ptr: core::ptr::null(),
        len: 0,
    };

    /// # Safety
    /// As for [`bytes`].
    pub(crate) unsafe fn bytes<'a>(self, what: &'static str) -> Result<&'a [u8], Failure> {
        // SAFETY: forwarded from this function's contract.
        unsafe { bytes(self.ptr, self.len, what) }
    }

    /// `None` when `ptr` is NULL (and `len` is 0).
    ///
    /// # Safety
    /// As for [`bytes`].
    pub(crate) unsafe fn optional<'a>(
        self,
        what: &'static str,
    ) -> Result<Option<&'a [u8]>, Failure> {
        if self.ptr.is_null() && self.len == 0 {
            return Ok(None);
        }
        // SAFETY: forwarded from this function's contract.
        unsafe { bytes(self.ptr, self.len, what) }.map(Some)
    }
}

/// One header of a delivery: its name (any case) and its value.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
#[allow(non_camel_case_types)]
pub struct hookseal_header {
    /// The header's name, matched case-insensitively (ASCII).
    pub name: hookseal_str,
    /// The header's value, as received.
    pub value: hookseal_str,
}

/// A C array of `hookseal_header`, checked once so that lookups need no
/// further checks. When a name occurs more than once, the first one counts.
pub(crate) struct HeaderArray<'a> {
    headers: &'a [hookseal_header],
}

impl<'a> HeaderArray<'a> {
    /// # Safety
    /// `ptr` is NULL (only with `len` 0) or points to `len` headers whose
    /// non-NULL `(ptr, len)` pairs are valid for reads; all of it stays
    /// unchanged for `'a`.
    pub(crate) unsafe fn new(ptr: *const hookseal_header, len: usize) -> Result<Self, Failure> {
        // SAFETY: forwarded from this function's contract.
        let headers = unsafe { array(ptr, len, "headers") }?;
        for h in headers {
            // SAFETY: forwarded from this function's contract; this only
            // checks the pair, the slice is dropped at once.
            unsafe { h.name.bytes("a header name") }?;
            // SAFETY: as above.
            unsafe { h.value.bytes("a header value") }?;
        }
        Ok(HeaderArray { headers })
    }
}

impl hookseal::Headers for HeaderArray<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.headers.iter().find_map(|h| {
            // SAFETY: `new` checked every pair and its caller guarantees the
            // memory stays readable and unchanged for 'a, which outlives
            // `&self`. The pairs were accepted there, so these cannot fail.
            let n = unsafe { h.name.bytes("a header name") }.unwrap_or_default();
            // SAFETY: as for the name.
            let v = unsafe { h.value.bytes("a header value") }.unwrap_or_default();
            n.eq_ignore_ascii_case(name.as_bytes()).then_some(v)
        })
    }
}

/// Headers packed into one buffer: for each header, the name's length and the
/// value's length as little-endian `uint32_t`, then the name's bytes, then the
/// value's bytes. Hosts that pay per object they hand to C (PHP FFI) build
/// this with one string concatenation instead of an array of structs.
pub(crate) struct PackedHeaders<'a> {
    block: &'a [u8],
}

impl<'a> PackedHeaders<'a> {
    /// # Safety
    /// As for [`bytes`].
    pub(crate) unsafe fn new(ptr: *const c_char, len: usize) -> Result<Self, Failure> {
        // SAFETY: forwarded from this function's contract.
        let block = unsafe { bytes(ptr, len, "headers") }?;
        let packed = PackedHeaders { block };
        let mut rest = block;
        while !rest.is_empty() {
            match next_entry(rest) {
                Some((_, _, after)) => rest = after,
                None => return Err(argument("the packed headers block is truncated: each entry is uint32 name length, uint32 value length (little-endian), name, value")),
            }
        }
        Ok(packed)
    }
}

/// Splits the first entry off a packed block: `(name, value, rest)`.
fn next_entry(block: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let (lens, rest) = block.split_first_chunk::<8>()?;
    let [a, b, c, d, e, f, g, h] = *lens;
    let name_len = usize::try_from(u32::from_le_bytes([a, b, c, d])).ok()?;
    let value_len = usize::try_from(u32::from_le_bytes([e, f, g, h])).ok()?;
    if rest.len() < name_len {
        return None;
    }
    let (name, rest) = rest.split_at(name_len);
    if rest.len() < value_len {
        return None;
    }
    let (value, rest) = rest.split_at(value_len);
    Some((name, value, rest))
}

impl hookseal::Headers for PackedHeaders<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        let mut rest = self.block;
        while let Some((n, v, after)) = next_entry(rest) {
            if n.eq_ignore_ascii_case(name.as_bytes()) {
                return Some(v);
            }
            rest = after;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hookseal::Headers;

    fn pack(pairs: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (n, v) in pairs {
            out.extend_from_slice(&u32::try_from(n.len()).unwrap_or(0).to_le_bytes());
            out.extend_from_slice(&u32::try_from(v.len()).unwrap_or(0).to_le_bytes());
            out.extend_from_slice(n.as_bytes());
            out.extend_from_slice(v.as_bytes());
        }
        out
    }

    #[test]
    fn packed_lookup_is_case_insensitive_and_first_wins() {
        let block = pack(&[
            ("Content-Type", "json"),
            ("X-Sig", "a"),
            ("x-sig", "b"),
            ("Empty", ""),
        ]);
        // SAFETY: a live Vec's pointer and length.
        let h = unsafe { PackedHeaders::new(block.as_ptr().cast(), block.len()) }.ok();
        let h = h
            .as_ref()
            .map(|h| (h.get("x-sig"), h.get("empty"), h.get("nope")));
        assert_eq!(h, Some((Some(&b"a"[..]), Some(&b""[..]), None)));
    }

    #[test]
    fn packed_truncation_is_refused() {
        let mut block = pack(&[("X-Sig", "abc")]);
        block.pop();
        // SAFETY: a live Vec's pointer and length.
        assert!(unsafe { PackedHeaders::new(block.as_ptr().cast(), block.len()) }.is_err());
        let lens_only = [5u8, 0, 0, 0, 0, 0, 0];
        // SAFETY: a live array's pointer and length.
        assert!(unsafe { PackedHeaders::new(lens_only.as_ptr().cast(), lens_only.len()) }.is_err());
    }

    #[test]
    fn array_null_with_length_is_refused() {
        let bad = [hookseal_header {
            name: hookseal_str {
                ptr: core::ptr::null(),
                len: 3,
            },
            value: hookseal_str::NULL,
        }];
        // SAFETY: a live array; its NULL pair must be refused, not read.
        assert!(unsafe { HeaderArray::new(bad.as_ptr(), 1) }.is_err());
        // SAFETY: NULL with length 0 is the empty array.
        assert!(unsafe { HeaderArray::new(core::ptr::null(), 0) }.is_ok());
    }
}
