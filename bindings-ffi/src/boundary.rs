//! What every exported function shares: the result enum, the panic boundary,
//! the caller's message buffer, and turning `(ptr, len)` pairs into slices.

use alloc::borrow::Cow;
use core::ffi::c_char;
use core::panic::AssertUnwindSafe;
use std::panic::catch_unwind;

use hookseal::ErrorCode;

/// The outcome of a call.
///
/// `HOOKSEAL_RESULT_OK` (0) is success. The values 1 to 12 are the error codes
/// of PRODUCT.md, in the same order and with the same numbers as the core's
/// `ErrorCode`: `HOOKSEAL_RESULT_SIGNATURE_MISMATCH` is `signature_mismatch`.
/// `hookseal_result_code` gives the code's string. A NULL pointer where one is
/// required, or a `(ptr, len)` pair with a NULL `ptr` and a non-zero `len`, is
/// `HOOKSEAL_RESULT_INVALID_ARGUMENT`. `HOOKSEAL_RESULT_PANIC` means a bug in
/// hookseal was caught at the boundary; the call had no effect.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum hookseal_result {
    /// Success.
    Ok = 0,
    /// `missing_header`: a header the scheme needs is absent or empty.
    MissingHeader = 1,
    /// `invalid_header`: present but malformed (format, hex/base64, timestamp text).
    InvalidHeader = 2,
    /// `timestamp_too_old`: older than the tolerance allows.
    TimestampTooOld = 3,
    /// `timestamp_too_new`: further in the future than the tolerance allows.
    TimestampTooNew = 4,
    /// `signature_mismatch`: well-formed signatures, none matches any secret.
    SignatureMismatch = 5,
    /// `unsupported_signature`: only signature versions this verifier cannot check.
    UnsupportedSignature = 6,
    /// `invalid_secret`: a secret that is empty or cannot be decoded.
    InvalidSecret = 7,
    /// `invalid_payload`: not JSON, or the envelope/event data fails validation.
    InvalidPayload = 8,
    /// `unknown_event_type`: `strict` is on and the type is not in the catalog.
    UnknownEventType = 9,
    /// `payload_too_large`: over the configured maximum body size.
    PayloadTooLarge = 10,
    /// `duplicate_event`: the replay guard has seen this delivery already.
    DuplicateEvent = 11,
    /// `invalid_argument`: an argument that cannot be used (NULL pointer, bad
    /// custom-scheme description, unknown scheme id, missing id when signing).
    InvalidArgument = 12,
    /// `panic`: a bug in hookseal, caught before it crossed into C.
    Panic = 255,
}

impl hookseal_result {
    pub(crate) fn from_code(code: ErrorCode) -> Self {
        match code {
            ErrorCode::MissingHeader => Self::MissingHeader,
            ErrorCode::InvalidHeader => Self::InvalidHeader,
            ErrorCode::TimestampTooOld => Self::TimestampTooOld,
            ErrorCode::TimestampTooNew => Self::TimestampTooNew,
            ErrorCode::SignatureMismatch => Self::SignatureMismatch,
            ErrorCode::UnsupportedSignature => Self::UnsupportedSignature,
            ErrorCode::InvalidSecret => Self::InvalidSecret,
            ErrorCode::InvalidPayload => Self::InvalidPayload,
            ErrorCode::UnknownEventType => Self::UnknownEventType,
            ErrorCode::PayloadTooLarge => Self::PayloadTooLarge,
            ErrorCode::DuplicateEvent => Self::DuplicateEvent,
            ErrorCode::InvalidArgument => Self::InvalidArgument,
            // A code added to the core later: the C enum must grow with it
            // (the unit tests compare the two lists).
            _ => Self::InvalidArgument,
        }
    }

    /// The code's string, NUL-terminated, with static lifetime.
    pub(crate) fn code_cstr(code: u32) -> &'static core::ffi::CStr {
        match code {
            0 => c"ok",
            1 => c"missing_header",
            2 => c"invalid_header",
            3 => c"timestamp_too_old",
            4 => c"timestamp_too_new",
            5 => c"signature_mismatch",
            6 => c"unsupported_signature",
            7 => c"invalid_secret",
            8 => c"invalid_payload",
            9 => c"unknown_event_type",
            10 => c"payload_too_large",
            11 => c"duplicate_event",
            12 => c"invalid_argument",
            255 => c"panic",
            _ => c"unknown",
        }
    }
}

/// Why a call failed, before it becomes a result code and a message.
pub(crate) enum Failure {
    /// The core refused: its code and message pass through unchanged.
    Core(hookseal::Error),
    /// The C caller broke the calling convention (NULL, bad UTF-8, …).
    Argument(Cow<'static, str>),
}

impl From<hookseal::Error> for Failure {
    fn from(e: hookseal::Error) -> Self {
        Failure::Core(e)
    }
}

pub(crate) fn argument(reason: impl Into<Cow<'static, str>>) -> Failure {
    Failure::Argument(reason.into())
}

/// The caller's message buffer: `message` (may be NULL) of `message_cap`
/// bytes, and `message_len` (may be NULL) for the message's full length.
#[derive(Clone, Copy)]
pub(crate) struct MessageOut {
    buf: *mut c_char,
    cap: usize,
    len_out: *mut usize,
}

impl MessageOut {
    /// No message wanted.
    pub(crate) const NONE: MessageOut = MessageOut {
        buf: core::ptr::null_mut(),
        cap: 0,
        len_out: core::ptr::null_mut(),
    };

    /// # Safety
    /// `buf` is NULL or valid for `cap` byte writes, and `len_out` is NULL or
    /// valid for one `size_t` write, for as long as the `MessageOut` is used.
    pub(crate) unsafe fn new(buf: *mut c_char, cap: usize, len_out: *mut usize) -> Self {
        MessageOut { buf, cap, len_out }
    }

    /// Copies `text` into the caller's buffer, cut at a UTF-8 character
    /// boundary to fit, and always NUL-terminated; stores the full length.
    fn write(self, text: &str) {
        if !self.buf.is_null() && self.cap > 0 {
            let mut n = text.len().min(self.cap - 1);
            while !text.is_char_boundary(n) {
                n -= 1;
            }
            // SAFETY: `new`'s caller guarantees `buf` is valid for `cap` bytes
            // and `n < cap`; `text` is a Rust string, so the regions cannot overlap.
            unsafe { core::ptr::copy_nonoverlapping(text.as_ptr(), self.buf.cast::<u8>(), n) };
            // SAFETY: `n < cap`, so the offset stays inside the caller's buffer.
            let end = unsafe { self.buf.add(n) };
            // SAFETY: inside the buffer, which `new`'s caller guarantees writable.
            unsafe { end.write(0) };
        }
        if !self.len_out.is_null() && self.len_out.is_aligned() {
            // SAFETY: non-NULL and aligned; `new`'s caller guarantees it is writable.
            unsafe { self.len_out.write(text.len()) };
        }
    }
}

/// Runs `body` behind a panic boundary, turns its outcome into a result code
/// and copies the message into the caller's buffer.
pub(crate) fn run(
    message: MessageOut,
    body: impl FnOnce() -> Result<(), Failure>,
) -> hookseal_result {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let (code, text): (hookseal_result, Cow<'static, str>) = match body() {
            Ok(()) => (hookseal_result::Ok, Cow::Borrowed("")),
            Err(Failure::Core(e)) => (hookseal_result::from_code(e.kind()), e.to_string().into()),
            Err(Failure::Argument(reason)) => (
                hookseal_result::InvalidArgument,
                format!("invalid argument: {reason}").into(),
            ),
        };
        message.write(&text);
        code
    }));
    match outcome {
        Ok(code) => code,
        Err(_) => {
            // Copying a static string cannot panic.
            message.write("hookseal panicked; this is a bug in hookseal, please report it");
            hookseal_result::Panic
        }
    }
}

/// Runs `body` behind a panic boundary for functions that return a plain
/// value; a panic returns `fallback`.
pub(crate) fn run_value<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// The bytes at `(ptr, len)`. A zero `len` is the empty slice whatever `ptr`
/// is; a NULL `ptr` with a non-zero `len` is refused.
///
/// # Safety
/// When `ptr` is non-NULL it is valid for `len` byte reads for `'a`, and the
/// bytes are not written to meanwhile.
pub(crate) unsafe fn bytes<'a>(
    ptr: *const c_char,
    len: usize,
    what: &'static str,
) -> Result<&'a [u8], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(argument(format!("{what} is NULL but its length is {len}")));
    }
    if len > isize::MAX as usize {
        return Err(argument(format!(
            "{what}'s length is larger than any object"
        )));
    }
    // SAFETY: non-NULL, `len` fits in isize, and the caller guarantees `len`
    // readable bytes that stay unchanged for 'a. u8 has alignment 1.
    Ok(unsafe { core::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// The array of `len` values at `ptr`; NULL is allowed only when `len` is 0.
///
/// # Safety
/// When `ptr` is non-NULL it points to `len` initialised values of `T`,
/// valid for reads and unchanged for `'a`.
pub(crate) unsafe fn array<'a, T>(
    ptr: *const T,
    len: usize,
    what: &'static str,
) -> Result<&'a [T], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(argument(format!("{what} is NULL but its length is {len}")));
    }
    if !ptr.is_aligned() {
        return Err(argument(format!(
            "{what} is not aligned for its element type"
        )));
    }
    if len
        .checked_mul(core::mem::size_of::<T>())
        .is_none_or(|n| n > isize::MAX as usize)
    {
        return Err(argument(format!(
            "{what}'s length is larger than any object"
        )));
    }
    // SAFETY: non-NULL, aligned, the total size fits in isize, and the caller
    // guarantees `len` initialised values that stay unchanged for 'a.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// UTF-8 text at `(ptr, len)`.
///
/// # Safety
/// As for [`bytes`].
pub(crate) unsafe fn text<'a>(
    ptr: *const c_char,
    len: usize,
    what: &'static str,
) -> Result<&'a str, Failure> {
    // SAFETY: forwarded from this function's contract.
    let raw = unsafe { bytes(ptr, len, what) }?;
    core::str::from_utf8(raw).map_err(|_| argument(format!("{what} is not UTF-8")))
}

/// Writes `value` through the out-pointer `out`.
///
/// # Safety
/// `out` is NULL (refused) or valid for one write of `T`.
pub(crate) unsafe fn put<T>(out: *mut T, value: T, what: &'static str) -> Result<(), Failure> {
    if out.is_null() {
        return Err(argument(format!("{what} is NULL")));
    }
    if !out.is_aligned() {
        return Err(argument(format!("{what} is not aligned")));
    }
    // SAFETY: non-NULL and aligned; the caller guarantees it is writable. The
    // old value is plain data (a pointer or an integer), so it is not dropped.
    unsafe { out.write(value) };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::panic)]
    fn a_panic_becomes_a_result_and_a_message() {
        let mut buf = [0x55 as c_char; 128];
        let mut len = 0usize;
        // SAFETY: a live buffer and length slot for the duration of the call.
        let out = unsafe { MessageOut::new(buf.as_mut_ptr(), buf.len(), &mut len) };
        let code = run(out, || panic!("boom"));
        assert_eq!(code, hookseal_result::Panic);
        // SAFETY: `run` NUL-terminated the message inside the buffer.
        let text = unsafe { core::ffi::CStr::from_ptr(buf.as_ptr()) };
        assert!(text.to_str().is_ok_and(|t| t.contains("bug in hookseal")));
        assert_eq!(len, text.to_bytes().len());
        assert_eq!(run_value(7, || panic!("boom")), 7);
    }
}
