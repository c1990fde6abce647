//! `libhookseal`: the C ABI of hookseal, for C, PHP (FFI) and anything else
//! that can call C. The header `include/hookseal.h` is generated from this
//! crate by cbindgen (`bindings-ffi/gen-header.sh`); `include/hookseal.php.h`
//! is the same declarations without preprocessor lines, for PHP's `FFI::cdef`.
//!
//! Conventions, the same in every function:
//!
//! - Byte inputs are `(ptr, len)` pairs; nothing is read past `len`, and no
//!   input needs a terminating NUL. `ptr` may be NULL when `len` is 0.
//! - Every fallible function returns a `hookseal_result` (`HOOKSEAL_RESULT_OK`
//!   is 0) and takes, last, `char *message, size_t message_cap,
//!   size_t *message_len`: on failure the message (which says what to do) is
//!   copied into `message`, cut to fit at a UTF-8 character boundary and always
//!   NUL-terminated, and `*message_len` receives its full length (so a caller
//!   can tell that it was cut). On success the message is the empty string.
//!   Any of the three may be NULL/0. Messages quote the delivery (an event
//!   type, a field path), so no size holds them all: 512 bytes hold nearly
//!   every one, and `*message_len` tells when one was cut. A caller buffer,
//!   not a "last error" kept on the handle, because a `hookseal_webhook` is
//!   shared by threads and another thread's call would overwrite it.
//! - Objects hookseal allocates (`hookseal_webhook`, `hookseal_signed_headers`,
//!   event JSON) are freed with their `_free` function; every `_free` accepts NULL.
//! - Every function catches Rust panics (`HOOKSEAL_RESULT_PANIC`) and checks
//!   its pointers (`HOOKSEAL_RESULT_INVALID_ARGUMENT`).
//! - A `hookseal_webhook` is immutable after it is built: any number of
//!   threads may verify and sign with it at once. Free it once, when no call
//!   is using it.
//! - Times are Unix seconds in an `int64_t`; a negative value means "not
//!   given": `now` then reads the system clock, and `hookseal_sign` uses the
//!   current time as the timestamp.

#![allow(non_camel_case_types)]

extern crate alloc;

mod boundary;
mod event;
mod headers;

use core::ffi::{c_char, c_void};
use std::ffi::CString;

use hookseal::{CustomScheme, Headers, Options, Scheme, SignatureEncoding, Webhook};

pub use boundary::hookseal_result;
use boundary::{argument, bytes, put, run, run_value, text, Failure, MessageOut};
pub use event::hookseal_event_format;
pub use headers::{hookseal_header, hookseal_str};
use headers::{HeaderArray, PackedHeaders};

/// Options of a verifier. Start from `hookseal_options_default()` and change
/// the fields you need.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct hookseal_options {
    /// Allowed clock difference in seconds (default 300); 0 switches the
    /// timestamp check off.
    pub tolerance: u64,
    /// Refuse event types that are not in the provider's catalog (default false).
    pub strict: bool,
    /// Largest body accepted, in bytes (default 10 MiB); 0 means no limit.
    pub max_payload_bytes: usize,
    /// The replay guard (`duplicate_event`): how many accepted deliveries
    /// `hookseal_verify` remembers, by delivery id (or signature when the
    /// provider sends no id). 0 (the default) switches it off. The memory
    /// belongs to the handle: replays are refused for as long as it lives.
    pub replay_capacity: usize,
    /// How long the replay guard remembers a delivery, in seconds (default 600).
    pub replay_ttl: u64,
}

/// How long the replay guard remembers a delivery unless told otherwise, as
/// in the other bindings.
const DEFAULT_REPLAY_TTL: u64 = 600;

impl From<hookseal_options> for Options {
    fn from(o: hookseal_options) -> Self {
        Options {
            tolerance: o.tolerance,
            strict: o.strict,
            max_payload_bytes: o.max_payload_bytes,
        }
    }
}

/// A custom HMAC-SHA256 scheme (docs/SEMANTICS.md, "Custom schemes"). Every
/// field is UTF-8 text; a field whose `ptr` is NULL is not set.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct hookseal_custom_scheme {
    /// The header carrying the signature. Required.
    pub signature_header: hookseal_str,
    /// Text before the signature, e.g. `sha256=`. Default: none.
    pub prefix: hookseal_str,
    /// `hex` or `base64`. Default: `hex`.
    pub encoding: hookseal_str,
    /// The header carrying the delivery id, usable as `{id}`. Default: none.
    pub id_header: hookseal_str,
    /// The header carrying the Unix timestamp, usable as `{timestamp}` and
    /// checked against the tolerance. Default: none.
    pub timestamp_header: hookseal_str,
    /// The signed content (`template` in the docs; `template` is a C++
    /// keyword): `{id}`, `{timestamp}` and `{body}` are replaced, all other
    /// text is literal. Default: `{body}`.
    pub template_: hookseal_str,
    /// Dotted path of the event id in the JSON body, e.g. `meta.id` (`event.id`
    /// in the docs); the id header, when set, takes precedence. Default: none.
    pub event_id_field: hookseal_str,
    /// Dotted path of the event type in the JSON body (`event.type`). Default: none.
    pub event_type_field: hookseal_str,
    /// Dotted path of the event timestamp in the JSON body (`event.timestamp`);
    /// the timestamp header is the fallback. Default: none.
    pub event_timestamp_field: hookseal_str,
}

/// A verifier and signer for one scheme and its secrets. Opaque; built by
/// `hookseal_webhook_new` or `hookseal_webhook_new_custom`, freed by
/// `hookseal_webhook_free`.
pub struct hookseal_webhook {
    inner: Webhook,
    /// `Webhook::header_names`, joined by single spaces.
    header_names: String,
}

/// A name or value returned to C, with a trailing NUL that its length leaves out.
type CText = Box<[u8]>;

/// The headers `hookseal_sign` produced, in the provider's spelling and order.
/// Opaque; read with `hookseal_signed_headers_len` and
/// `hookseal_signed_headers_get`, freed by `hookseal_signed_headers_free`.
pub struct hookseal_signed_headers {
    pairs: Vec<(CText, CText)>,
}

fn with_nul(s: String) -> Box<[u8]> {
    let mut v = s.into_bytes();
    v.push(0);
    v.into_boxed_slice()
}

/// # Safety
/// As for [`MessageOut::new`]: the message arguments follow the conventions.
unsafe fn message_out(
    message: *mut c_char,
    message_cap: usize,
    message_len: *mut usize,
) -> MessageOut {
    // SAFETY: forwarded from this function's contract.
    unsafe { MessageOut::new(message, message_cap, message_len) }
}

fn time_arg(t: i64) -> Option<u64> {
    u64::try_from(t).ok()
}

/// The default options: tolerance 300 s, strict off, 10 MiB maximum body, no
/// replay guard.
#[no_mangle]
pub extern "C" fn hookseal_options_default() -> hookseal_options {
    let from = |d: Options| hookseal_options {
        tolerance: d.tolerance,
        strict: d.strict,
        max_payload_bytes: d.max_payload_bytes,
        replay_capacity: 0,
        replay_ttl: DEFAULT_REPLAY_TTL,
    };
    let fallback = from(Options {
        tolerance: hookseal::DEFAULT_TOLERANCE,
        strict: false,
        max_payload_bytes: hookseal::DEFAULT_MAX_PAYLOAD_BYTES,
    });
    run_value(fallback, || from(Options::default()))
}

/// The library's version, e.g. "0.1.0". Static; do not free.
#[no_mangle]
pub extern "C" fn hookseal_version() -> *const c_char {
    const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    // A constant cannot panic; the boundary is kept so that no exported
    // function goes without one.
    run_value(VERSION.as_ptr().cast(), || VERSION.as_ptr().cast())
}

/// The string of a result code: "ok", "signature_mismatch", … (PRODUCT.md's
/// codes), "panic", or "unknown" for any other number. Static; do not free.
#[no_mangle]
pub extern "C" fn hookseal_result_code(result: u32) -> *const c_char {
    run_value(c"panic".as_ptr(), || {
        hookseal_result::code_cstr(result).as_ptr()
    })
}

/// The HTTP status a receiver answers a refused delivery with, the same in
/// every framework helper: 401 when the delivery cannot be trusted
/// (signature, timestamp), 400 when it is malformed, 409 for a replay, 413
/// when too large, 500 when the receiver is misconfigured (secret,
/// arguments, `PANIC`); 200 for `OK`.
#[no_mangle]
pub extern "C" fn hookseal_result_http_status(result: u32) -> u16 {
    run_value(500, || match result {
        0 => 200,
        code => hookseal::ErrorCode::ALL
            .iter()
            .find(|c| **c as u32 == code)
            .map_or(500, |c| c.http_status()),
    })
}

/// # Safety
/// As for `hookseal_webhook_new`.
unsafe fn build(
    scheme: impl FnOnce() -> Result<Scheme, Failure>,
    secrets: *const hookseal_str,
    secrets_len: usize,
    options: *const hookseal_options,
    webhook_out: *mut *mut hookseal_webhook,
) -> Result<(), Failure> {
    if webhook_out.is_null() {
        return Err(argument("webhook_out is NULL"));
    }
    // SAFETY: forwarded from this function's contract.
    let secret_list = unsafe { boundary::array(secrets, secrets_len, "secrets") }?;
    let mut keys: Vec<&[u8]> = Vec::with_capacity(secret_list.len());
    for s in secret_list {
        // SAFETY: forwarded from this function's contract.
        keys.push(unsafe { s.bytes("a secret") }?);
    }
    let options = if options.is_null() {
        hookseal_options_default()
    } else if !options.is_aligned() {
        return Err(argument("options is not aligned"));
    } else {
        // SAFETY: non-NULL and aligned; the caller guarantees it points to a
        // hookseal_options. It is plain data (integers and a bool), copied.
        unsafe { *options }
    };
    let mut inner = Webhook::with_options(scheme()?, &keys, Options::from(options))?;
    if options.replay_capacity > 0 {
        inner = inner.with_replay_guard(options.replay_capacity, options.replay_ttl);
    }
    // Header names are printable ASCII without spaces (the core refuses
    // others), so a space cannot be mistaken for a separator.
    let header_names = inner.header_names().join(" ");
    let handle = Box::into_raw(Box::new(hookseal_webhook {
        inner,
        header_names,
    }));
    // SAFETY: checked non-NULL above; the caller guarantees it is writable.
    if let Err(e) = unsafe { put(webhook_out, handle, "webhook_out") } {
        // SAFETY: `handle` came from Box::into_raw just above and was not handed out.
        drop(unsafe { Box::from_raw(handle) });
        return Err(e);
    }
    Ok(())
}

/// Builds a verifier for a built-in scheme.
///
/// `scheme` is a scheme id of PRODUCT.md (`stripe`, `github`, `standard` or
/// `svix`, …; case-insensitive). `secrets` is an array of `secrets_len`
/// secrets (1 to 8; any may match; the first one signs), each as the user
/// holds it (`whsec_…` for `standard` is decoded by hookseal). `options` may
/// be NULL for the defaults. On success `*webhook_out` receives a handle to
/// free with `hookseal_webhook_free`; on failure it is left unchanged.
///
/// Errors: `INVALID_SECRET` (no secret, more than 8, empty, undecodable),
/// `INVALID_ARGUMENT` (unknown scheme id, NULL pointers).
///
/// # Safety
/// Every non-NULL pointer is valid for its stated length (`secrets` for
/// `secrets_len` elements, each secret for its `len` bytes), `options` is NULL
/// or points to a `hookseal_options`, `webhook_out` is writable, and the
/// message arguments follow the conventions above. Nothing is kept after the
/// call returns.
#[no_mangle]
pub unsafe extern "C" fn hookseal_webhook_new(
    scheme: *const c_char,
    scheme_len: usize,
    secrets: *const hookseal_str,
    secrets_len: usize,
    options: *const hookseal_options,
    webhook_out: *mut *mut hookseal_webhook,
    message: *mut c_char,
    message_cap: usize,
    message_len: *mut usize,
) -> hookseal_result {
    let scheme = || {
        // SAFETY: forwarded from this function's contract.
        let id = unsafe { text(scheme, scheme_len, "scheme") }?;
        Ok(id.parse::<Scheme>()?)
    };
    // SAFETY: forwarded from this function's contract.
    let out = unsafe { message_out(message, message_cap, message_len) };
    // SAFETY: forwarded from this function's contract.
    run(out, || unsafe {
        build(scheme, secrets, secrets_len, options, webhook_out)
    })
}

/// Builds a verifier from a scheme's portable description, the form every
/// binding and the CLI accept: JSON text that is either a scheme id string
/// (`"stripe"`) or an object describing a custom scheme with the keys of
/// docs/SEMANTICS.md (`signature_header`, `prefix`, `encoding`, `id_header`,
/// `timestamp_header`, `template`, `event: {id, type, timestamp}`). Unknown
/// keys are refused (`INVALID_ARGUMENT`). Everything else is as for
/// `hookseal_webhook_new`.
///
/// # Safety
/// `description` is valid for `description_len` bytes; the rest as for
/// `hookseal_webhook_new`.
#[no_mangle]
pub unsafe extern "C" fn hookseal_webhook_new_from_description(
    description: *const c_char,
    description_len: usize,
    secrets: *const hookseal_str,
    secrets_len: usize,
    options: *const hookseal_options,
    webhook_out: *mut *mut hookseal_webhook,
    message: *mut c_char,
    message_cap: usize,
    message_len: *mut usize,
) -> hookseal_result {
    let scheme = || {
        // SAFETY: forwarded from this function's contract.
        let json = unsafe { text(description, description_len, "description") }?;
        Ok(Scheme::from_description_json(json)?)
    };
    // SAFETY: forwarded from this function's contract.
    let out = unsafe { message_out(message, message_cap, message_len) };
    // SAFETY: forwarded from this function's contract.
    run(out, || unsafe {
        build(scheme, secrets, secrets_len, options, webhook_out)
    })
}

/// Builds a verifier for a custom HMAC-SHA256 scheme described by `scheme`.
/// Everything else is as for `hookseal_webhook_new`. A bad description
/// (no `signature_header`, a template without `{body}`, `{id}` without
/// `id_header`, an `encoding` other than `hex`/`base64`, …) is
/// `INVALID_ARGUMENT`.
///
/// # Safety
/// `scheme` points to a `hookseal_custom_scheme` whose non-NULL strings are
/// valid for their lengths; the rest as for `hookseal_webhook_new`.
#[no_mangle]
pub unsafe extern "C" fn hookseal_webhook_new_custom(
    scheme: *const hookseal_custom_scheme,
    secrets: *const hookseal_str,
    secrets_len: usize,
    options: *const hookseal_options,
    webhook_out: *mut *mut hookseal_webhook,
    message: *mut c_char,
    message_cap: usize,
    message_len: *mut usize,
) -> hookseal_result {
    let scheme = || {
        if scheme.is_null() {
            return Err(argument("scheme is NULL"));
        }
        if !scheme.is_aligned() {
            return Err(argument("scheme is not aligned"));
        }
        // SAFETY: non-NULL and aligned; the caller guarantees it points to a
        // hookseal_custom_scheme (plain (ptr, len) pairs, copied).
        let desc = unsafe { *scheme };
        // SAFETY: forwarded from this function's contract.
        unsafe { custom_scheme(&desc) }.map(Scheme::Custom)
    };
    // SAFETY: forwarded from this function's contract.
    let out = unsafe { message_out(message, message_cap, message_len) };
    // SAFETY: forwarded from this function's contract.
    run(out, || unsafe {
        build(scheme, secrets, secrets_len, options, webhook_out)
    })
}

/// # Safety
/// The description's non-NULL strings are valid for their lengths.
unsafe fn custom_scheme(desc: &hookseal_custom_scheme) -> Result<CustomScheme, Failure> {
    // SAFETY (for each field below): forwarded from this function's contract.
    let field = |s: hookseal_str, what: &'static str| -> Result<Option<&str>, Failure> {
        // SAFETY: forwarded from this function's contract.
        match unsafe { s.optional(what) }? {
            None => Ok(None),
            Some(raw) => core::str::from_utf8(raw)
                .map(Some)
                .map_err(|_| argument(format!("custom scheme: {what} is not UTF-8"))),
        }
    };
    let Some(signature_header) = field(desc.signature_header, "signature_header")? else {
        return Err(argument("custom scheme: signature_header is required"));
    };
    let mut scheme = CustomScheme::new(signature_header);
    if let Some(prefix) = field(desc.prefix, "prefix")? {
        scheme = scheme.prefix(prefix);
    }
    if let Some(encoding) = field(desc.encoding, "encoding")? {
        scheme = scheme.encoding(encoding.parse::<SignatureEncoding>()?);
    }
    if let Some(h) = field(desc.id_header, "id_header")? {
        scheme = scheme.id_header(h);
    }
    if let Some(h) = field(desc.timestamp_header, "timestamp_header")? {
        scheme = scheme.timestamp_header(h);
    }
    if let Some(t) = field(desc.template_, "template")? {
        scheme = scheme.template(t);
    }
    let (id, ty, ts) = (
        field(desc.event_id_field, "event_id_field")?,
        field(desc.event_type_field, "event_type_field")?,
        field(desc.event_timestamp_field, "event_timestamp_field")?,
    );
    if id.is_some() || ty.is_some() || ts.is_some() {
        scheme = scheme.event_fields(id, ty, ts);
    }
    Ok(scheme)
}

/// Frees a verifier. NULL is ignored.
///
/// # Safety
/// `webhook` is NULL or a handle from `hookseal_webhook_new*` that is not
/// used again (nor freed twice), and that no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn hookseal_webhook_free(webhook: *mut hookseal_webhook) {
    if webhook.is_null() {
        return;
    }
    run_value((), || {
        // SAFETY: the caller hands back a pointer from Box::into_raw in `build`,
        // once, and no longer uses it.
        drop(unsafe { Box::from_raw(webhook) });
    });
}

/// The lower-case names of every header the verifier may read (for the
/// signature, the timestamp, the id and the event), separated by single
/// spaces, e.g. `"x-hub-signature-256 x-github-delivery x-github-event"`.
/// A host whose header map is costly to hand over whole passes only these;
/// no other header is ever looked at.
/// `*names_out` stays valid until the handle is freed; it is not
/// NUL-terminated.
///
/// # Safety
/// `webhook` is a live handle and `names_out` is writable.
#[no_mangle]
pub unsafe extern "C" fn hookseal_webhook_header_names(
    webhook: *const hookseal_webhook,
    names_out: *mut hookseal_str,
) -> hookseal_result {
    let body = || {
        if webhook.is_null() || !webhook.is_aligned() {
            return Err(argument("webhook is NULL"));
        }
        // SAFETY: non-NULL and aligned; the caller guarantees a live handle from `build`.
        let names = unsafe { &(*webhook).header_names };
        let view = hookseal_str {
            ptr: names.as_ptr().cast(),
            len: names.len(),
        };
        // SAFETY: the caller guarantees it is writable; `put` checks NULL and alignment.
        unsafe { put(names_out, view, "names_out") }
    };
    run(MessageOut::NONE, body)
}

/// # Safety
/// `webhook` is NULL (refused) or a live handle.
unsafe fn handle<'a>(webhook: *const hookseal_webhook) -> Result<&'a Webhook, Failure> {
    if webhook.is_null() {
        return Err(argument("webhook is NULL"));
    }
    if !webhook.is_aligned() {
        return Err(argument("webhook is not a hookseal_webhook handle"));
    }
    // SAFETY: the caller guarantees a live handle from `build`; it is only
    // read (Webhook is Sync), and it outlives the call.
    Ok(unsafe { &(*webhook).inner })
}

/// # Safety
/// As for `hookseal_verify`.
#[allow(clippy::too_many_arguments)] // the exported functions' arguments, passed through
unsafe fn verify_into(
    webhook: *const hookseal_webhook,
    payload: *const c_void,
    payload_len: usize,
    headers: &impl Headers,
    now: i64,
    event_format: u32,
    event_json_out: *mut *mut c_char,
    event_json_len_out: *mut usize,
) -> Result<(), Failure> {
    // SAFETY: forwarded from this function's contract.
    let wh = unsafe { handle(webhook) }?;
    // SAFETY: forwarded from this function's contract.
    let body = unsafe { bytes(payload.cast(), payload_len, "payload") }?;
    if event_json_out.is_null() {
        return Err(argument("event_json_out is NULL"));
    }
    if event_format > hookseal_event_format::DataPath as u32 {
        return Err(argument(format!(
            "event_format {event_format} is not a hookseal_event_format value"
        )));
    }
    let event = wh.verify(body, headers, time_arg(now))?;
    let json = CString::new(event::to_json(&event, event_format)?)
        .map_err(|_| argument("the event's JSON contains a NUL byte"))?;
    let len = json.as_bytes().len();
    let raw = json.into_raw();
    // SAFETY: checked non-NULL above; the caller guarantees it is writable.
    if let Err(e) = unsafe { put(event_json_out, raw, "event_json_out") } {
        // SAFETY: `raw` came from CString::into_raw just above and was not handed out.
        drop(unsafe { CString::from_raw(raw) });
        return Err(e);
    }
    if !event_json_len_out.is_null() {
        // SAFETY: non-NULL; the caller guarantees it is writable.
        unsafe { put(event_json_len_out, len, "event_json_len_out") }?;
    }
    Ok(())
}

/// Checks a delivery's signature (and timestamp) and returns nothing: for
/// non-JSON bodies, or when the event is parsed elsewhere.
///
/// `payload` is the raw body, exactly as received (`payload_len` bytes).
/// `headers` is an array of `headers_len` name/value pairs; names match
/// case-insensitively and the first of repeated names counts. `now` is the
/// clock in Unix seconds, or negative for the system clock.
///
/// # Safety
/// `webhook` is a live handle; every non-NULL pointer is valid for its
/// length; the message arguments follow the conventions above.
#[no_mangle]
pub unsafe extern "C" fn hookseal_verify_signature(
    webhook: *const hookseal_webhook,
    payload: *const c_void,
    payload_len: usize,
    headers: *const hookseal_header,
    headers_len: usize,
    now: i64,
    message: *mut c_char,
    message_cap: usize,
    message_len: *mut usize,
) -> hookseal_result {
    let body = || {
        // SAFETY: forwarded from this function's contract.
        let wh = unsafe { handle(webhook) }?;
        // SAFETY: forwarded from this function's contract.
        let body = unsafe { bytes(payload.cast(), payload_len, "payload") }?;
        // SAFETY: forwarded from this function's contract.
        let headers = unsafe { HeaderArray::new(headers, headers_len) }?;
        Ok(wh.verify_signature(body, &headers, time_arg(now))?)
    };
    // SAFETY: forwarded from this function's contract.
    let out = unsafe { message_out(message, message_cap, message_len) };
    run(out, body)
}

/// `hookseal_verify_signature` with the headers packed into one buffer:
/// for each header, `uint32_t` name length and `uint32_t` value length
/// (little-endian), then the name's bytes, then the value's bytes. For hosts
/// where building an array of structs costs more than the check (PHP FFI).
///
/// # Safety
/// As for `hookseal_verify_signature`, with `headers` valid for `headers_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn hookseal_verify_signature_packed(
    webhook: *const hookseal_webhook,
    payload: *const c_void,
    payload_len: usize,
    headers: *const c_char,
    headers_len: usize,
    now: i64,
    message: *mut c_char,
    message_cap: usize,
    message_len: *mut usize,
) -> hookseal_result {
    let body = || {
        // SAFETY: forwarded from this function's contract.
        let wh = unsafe { handle(webhook) }?;
        // SAFETY: forwarded from this function's contract.
        let body = unsafe { bytes(payload.cast(), payload_len, "payload") }?;
        // SAFETY: forwarded from this function's contract.
        let headers = unsafe { PackedHeaders::new(headers, headers_len) }?;
        Ok(wh.verify_signature(body, &headers, time_arg(now))?)
    };
    // SAFETY: forwarded from this function's contract.
    let out = unsafe { message_out(message, message_cap, message_len) };
    run(out, body)
}

/// Verifies a delivery and returns its parsed, validated event as JSON text:
/// `{"provider","id","type","timestamp","data","payload","in_catalog"}`
/// with `event_format` `HOOKSEAL_EVENT_FORMAT_FULL`, or the same with a
/// `data_path` in place of `data` with `HOOKSEAL_EVENT_FORMAT_DATA_PATH`
/// (see `hookseal_event_format`; another value is `INVALID_ARGUMENT`).
///
/// Other arguments as for `hookseal_verify_signature`. On success
/// `*event_json_out` receives a NUL-terminated string to free with
/// `hookseal_string_free`, and `*event_json_len_out` (may be NULL) its length
/// without the NUL. On failure neither is written.
///
/// # Safety
/// As for `hookseal_verify_signature`; `event_json_out` is writable and
/// `event_json_len_out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn hookseal_verify(
    webhook: *const hookseal_webhook,
    payload: *const c_void,
    payload_len: usize,
    headers: *const hookseal_header,
    headers_len: usize,
    now: i64,
    event_format: u32,
    event_json_out: *mut *mut c_char,
    event_json_len_out: *mut usize,
    message: *mut c_char,
    message_cap: usize,
    message_len: *mut usize,
) -> hookseal_result {
    let body = || {
        // SAFETY: forwarded from this function's contract.
        let headers = unsafe { HeaderArray::new(headers, headers_len) }?;
        // SAFETY: forwarded from this function's contract.
        unsafe {
            verify_into(
                webhook,
                payload,
                payload_len,
                &headers,
                now,
                event_format,
                event_json_out,
                event_json_len_out,
            )
        }
    };
    // SAFETY: forwarded from this function's contract.
    let out = unsafe { message_out(message, message_cap, message_len) };
    run(out, body)
}

/// `hookseal_verify` with packed headers (see `hookseal_verify_signature_packed`).
///
/// # Safety
/// As for `hookseal_verify`, with `headers` valid for `headers_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn hookseal_verify_packed(
    webhook: *const hookseal_webhook,
    payload: *const c_void,
    payload_len: usize,
    headers: *const c_char,
    headers_len: usize,
    now: i64,
    event_format: u32,
    event_json_out: *mut *mut c_char,
    event_json_len_out: *mut usize,
    message: *mut c_char,
    message_cap: usize,
    message_len: *mut usize,
) -> hookseal_result {
    let body = || {
        // SAFETY: forwarded from this function's contract.
        let headers = unsafe { PackedHeaders::new(headers, headers_len) }?;
        // SAFETY: forwarded from this function's contract.
        unsafe {
            verify_into(
                webhook,
                payload,
                payload_len,
                &headers,
                now,
                event_format,
                event_json_out,
                event_json_len_out,
            )
        }
    };
    // SAFETY: forwarded from this function's contract.
    let out = unsafe { message_out(message, message_cap, message_len) };
    run(out, body)
}

/// Frees a string hookseal returned (the event JSON). NULL is ignored.
///
/// # Safety
/// `s` is NULL or a string from `hookseal_verify*`, not used again.
#[no_mangle]
pub unsafe extern "C" fn hookseal_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    run_value((), || {
        // SAFETY: the caller hands back a pointer from CString::into_raw in
        // `verify_into`, once; JSON holds no NUL byte, so the length
        // CString::from_raw finds is the one it was made with.
        drop(unsafe { CString::from_raw(s) });
    });
}

/// Produces the headers the provider would send with `payload`, signed with
/// the first secret, for senders, tests and fixtures.
///
/// `timestamp` is Unix seconds, or negative for the current time (used only
/// by schemes that sign a timestamp). `id` is the message id (`standard` and
/// custom schemes with an `id_header` need one; NULL for none). On success
/// `*headers_out` receives the headers, to free with
/// `hookseal_signed_headers_free`.
///
/// Errors: `INVALID_ARGUMENT` when an id is needed and missing, or the first
/// key is a `whpk_` public key (it can only verify).
///
/// # Safety
/// `webhook` is a live handle; `payload` and `id` are valid for their
/// lengths (or NULL with length 0); `headers_out` is writable; the message
/// arguments follow the conventions above.
#[no_mangle]
pub unsafe extern "C" fn hookseal_sign(
    webhook: *const hookseal_webhook,
    payload: *const c_void,
    payload_len: usize,
    timestamp: i64,
    id: *const c_char,
    id_len: usize,
    headers_out: *mut *mut hookseal_signed_headers,
    message: *mut c_char,
    message_cap: usize,
    message_len: *mut usize,
) -> hookseal_result {
    let body = || {
        // SAFETY: forwarded from this function's contract.
        let wh = unsafe { handle(webhook) }?;
        // SAFETY: forwarded from this function's contract.
        let body = unsafe { bytes(payload.cast(), payload_len, "payload") }?;
        // SAFETY: forwarded from this function's contract.
        let id = unsafe {
            hookseal_str {
                ptr: id,
                len: id_len,
            }
            .optional("id")
        }?;
        let id = id
            .map(|raw| core::str::from_utf8(raw).map_err(|_| argument("id is not UTF-8")))
            .transpose()?;
        if headers_out.is_null() {
            return Err(argument("headers_out is NULL"));
        }
        let timestamp = match time_arg(timestamp) {
            Some(t) => t,
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .map_err(|_| argument("the system clock is before 1970; pass the timestamp"))?,
        };
        let pairs = wh.sign(body, Some(timestamp), id)?;
        let pairs = pairs
            .into_iter()
            .map(|(n, v)| (with_nul(n), with_nul(v)))
            .collect();
        let out = Box::into_raw(Box::new(hookseal_signed_headers { pairs }));
        // SAFETY: checked non-NULL above; the caller guarantees it is writable.
        if let Err(e) = unsafe { put(headers_out, out, "headers_out") } {
            // SAFETY: `out` came from Box::into_raw just above and was not handed out.
            drop(unsafe { Box::from_raw(out) });
            return Err(e);
        }
        Ok(())
    };
    // SAFETY: forwarded from this function's contract.
    let out = unsafe { message_out(message, message_cap, message_len) };
    run(out, body)
}

/// The number of headers in `headers` (0 for NULL).
///
/// # Safety
/// `headers` is NULL or a live `hookseal_signed_headers`.
#[no_mangle]
pub unsafe extern "C" fn hookseal_signed_headers_len(
    headers: *const hookseal_signed_headers,
) -> usize {
    if headers.is_null() || !headers.is_aligned() {
        return 0;
    }
    // SAFETY: non-NULL and aligned; the caller guarantees a live object from `hookseal_sign`.
    run_value(0, || unsafe { (*headers).pairs.len() })
}

/// The `index`th header's name and value. The bytes stay valid until
/// `headers` is freed; each is followed by a NUL that `len` leaves out.
/// Returns `INVALID_ARGUMENT` for an index out of range or a NULL pointer.
///
/// # Safety
/// `headers` is a live `hookseal_signed_headers`; `name_out` and `value_out`
/// are writable.
#[no_mangle]
pub unsafe extern "C" fn hookseal_signed_headers_get(
    headers: *const hookseal_signed_headers,
    index: usize,
    name_out: *mut hookseal_str,
    value_out: *mut hookseal_str,
) -> hookseal_result {
    let body = || {
        if headers.is_null() || !headers.is_aligned() {
            return Err(argument("headers is NULL"));
        }
        // SAFETY: non-NULL and aligned; the caller guarantees a live object from `hookseal_sign`.
        let pairs = unsafe { &(*headers).pairs };
        let Some((name, value)) = pairs.get(index) else {
            return Err(argument(format!(
                "index {index} is out of range; there are {} headers",
                pairs.len()
            )));
        };
        let view = |b: &[u8]| hookseal_str {
            ptr: b.as_ptr().cast(),
            len: b.len().saturating_sub(1),
        };
        // SAFETY: the caller guarantees both are writable; `put` checks NULL and alignment.
        unsafe { put(name_out, view(name), "name_out") }?;
        // SAFETY: as above.
        unsafe { put(value_out, view(value), "value_out") }
    };
    run(MessageOut::NONE, body)
}

/// Frees the result of `hookseal_sign`. NULL is ignored.
///
/// # Safety
/// `headers` is NULL or from `hookseal_sign`, and not used again.
#[no_mangle]
pub unsafe extern "C" fn hookseal_signed_headers_free(headers: *mut hookseal_signed_headers) {
    if headers.is_null() {
        return;
    }
    run_value((), || {
        // SAFETY: the caller hands back a pointer from Box::into_raw in `hookseal_sign`, once.
        drop(unsafe { Box::from_raw(headers) });
    });
}

#[cfg(test)]
mod tests;
