//! `verifySignatureArgs` and `verifyArgs`: the two hot calls as plain N-API
//! callbacks, registered next to napi-rs's exports (`register`).
//!
//! Why not `#[napi]` functions: napi-rs 3 runs every call that has arguments
//! through a borrow scope (thread-local bookkeeping, ~100 ns), so the npm
//! package used to copy the header values and small bodies into a buffer
//! Rust kept (one `Buffer.utf8Write` of the concatenated values, ~160 ns,
//! plus a `set` of the body) and make an argument-less call. A plain N-API
//! callback reads its arguments directly: the body as a view of the caller's
//! bytes (`napi_get_buffer_info`, no copy) and each header value with one
//! `napi_get_value_string_utf16` into a reused scratch buffer. At 1 KiB that
//! is about a quarter of a Standard Webhooks verification less (bench/node.md).
//!
//! Arguments (checked here, though only `js/backend-native.cjs` calls these):
//! `(id: u32, body: Uint8Array, ...values: (string | undefined)[], now?:
//! number)`, one value per header entry of `headerNames(id, signatureOnly)`,
//! at most 8, then `now` (Unix seconds) only when the caller gives it (the
//! core reads the clock otherwise). The body may be any `ArrayBufferView`
//! (its bytes are read); anything else throws an `invalid_argument` error;
//! a panic throws too (it never unwinds into Node).
#![allow(unsafe_code)]

use core::cell::RefCell;
use core::ffi::{c_char, c_void};
use core::panic::AssertUnwindSafe;
use core::ptr;
use std::panic::catch_unwind;

use hookseal::Headers;
use napi::sys;

use crate::{registry_read, whole, NativeWebhook, MAX_NAMES};

/// `id` and `body`, then the header values and `now` (optional).
const FIXED_ARGS: usize = 2;
const MAX_ARGS: usize = FIXED_ARGS + MAX_NAMES + 1;

/// A refusal to hand to JavaScript: PRODUCT.md's code and the message.
struct Thrown {
    code: &'static str,
    message: String,
}

fn invalid(reason: &str) -> Thrown {
    Thrown {
        code: "invalid_argument",
        message: format!("invalid argument: {reason}"),
    }
}

fn from_core(err: &hookseal::Error) -> Thrown {
    Thrown {
        code: err.code(),
        message: err.to_string(),
    }
}

/// A call's scratch space: one header value's UTF-16 code units, and every
/// value's UTF-8 bytes back to back.
struct Scratch {
    units: Vec<u16>,
    bytes: Vec<u8>,
}

thread_local! {
    /// Calls are synchronous and run no JavaScript, so one per thread is enough.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch {
        units: Vec::with_capacity(1024),
        bytes: Vec::with_capacity(4096),
    });
}

/// The header values of one call: for entry `i`, `spans[i]` in `bytes`.
struct Values<'a> {
    lookups: &'a [Vec<String>],
    spans: [Option<(usize, usize)>; MAX_NAMES],
    bytes: &'a [u8],
}

/// The value of an entry is the one JavaScript picked among the entry's
/// names (the core's rule: the first present and not blank,
/// `Webhook::header_lookups`), so it answers for every name of the entry.
impl Headers for Values<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        let i = self
            .lookups
            .iter()
            .position(|names| names.iter().any(|n| n == name))?;
        self.value(i)
    }

    /// The signature check asks by entry number: no names to match.
    fn entry(&self, index: usize) -> Option<Option<&[u8]>> {
        (index < self.lookups.len()).then(|| self.value(index))
    }
}

impl Values<'_> {
    /// The value of entry `i`.
    fn value(&self, i: usize) -> Option<&[u8]> {
        let (start, end) = (*self.spans.get(i)?)?;
        self.bytes.get(start..end)
    }
}

fn ok(status: sys::napi_status) -> bool {
    status == sys::Status::napi_ok
}

/// Whether `value` is `undefined`.
///
/// # Safety
/// `env` and `value` are the live handles of the running callback.
unsafe fn is_undefined(env: sys::napi_env, value: sys::napi_value) -> bool {
    let mut t: sys::napi_valuetype = -1;
    // SAFETY: live handle, valid out-pointer.
    ok(unsafe { sys::napi_typeof(env, value, &raw mut t) }) && t == sys::ValueType::napi_undefined
}

/// Appends the UTF-8 of the JavaScript string `value` to `out`; returns its
/// span. Lone surrogates become U+FFFD, as `Buffer.from(string)` does.
///
/// Read as UTF-16 and converted here: `napi_get_value_string_utf8` (V8's
/// `String::WriteUtf8`) took ~23 ns per header value, a UTF-16 copy and an
/// ASCII check a third of that; header values are ASCII in practice.
///
/// # Safety
/// `env` and `value` are the live handles of the running callback.
unsafe fn read_string(
    env: sys::napi_env,
    value: sys::napi_value,
    units: &mut Vec<u16>,
    out: &mut Vec<u8>,
) -> Result<(usize, usize), Thrown> {
    let failed = || invalid("header values must be strings or undefined");
    // Copies the string into `units`' spare capacity; the units written.
    let fill = |units: &mut Vec<u16>| {
        let mut written = 0usize;
        // SAFETY: `units` has `capacity()` writable u16 slots; N-API writes at
        // most that many (including a terminating NUL) and reports how many.
        let status = unsafe {
            sys::napi_get_value_string_utf16(
                env,
                value,
                units.as_mut_ptr(),
                units.capacity(),
                &raw mut written,
            )
        };
        ok(status).then_some(written)
    };
    units.clear();
    let mut written = fill(units).ok_or_else(failed)?;
    if written + 1 >= units.capacity() {
        // Possibly cut: ask for the length and read it again into enough room.
        let mut exact = 0usize;
        // SAFETY: a NULL buffer asks only for the length.
        let status = unsafe {
            sys::napi_get_value_string_utf16(env, value, ptr::null_mut(), 0, &raw mut exact)
        };
        if !ok(status) {
            return Err(failed());
        }
        units.reserve(exact + 1);
        written = fill(units).filter(|&w| w == exact).ok_or_else(failed)?;
    }
    // SAFETY: N-API initialised the first `written` units.
    unsafe { units.set_len(written) };
    let start = out.len();
    // Narrowed and checked in one pass: every unit is stored as its low byte
    // and ORed into `all`; if all are ASCII the bytes are the UTF-8.
    out.reserve(units.len());
    let mut all = 0u16;
    for (byte, &unit) in out.spare_capacity_mut().iter_mut().zip(units.iter()) {
        all |= unit;
        #[allow(clippy::cast_possible_truncation)] // kept only if all < 0x80
        byte.write(unit as u8);
    }
    if all < 0x80 {
        // SAFETY: the loop initialised `units.len()` bytes after `start`.
        unsafe { out.set_len(start + units.len()) };
    } else {
        let mut utf8 = [0u8; 4];
        for c in char::decode_utf16(units.iter().copied()) {
            let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
            out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        }
    }
    Ok((start, out.len()))
}

/// Reads the arguments and runs the verification: `Ok(Some(json))` for
/// `verifyArgs`, `Ok(None)` for `verifySignatureArgs`.
///
/// # Safety
/// `env` and `info` are the handles N-API passed to the running callback.
unsafe fn run(
    env: sys::napi_env,
    info: sys::napi_callback_info,
    event: bool,
) -> Result<Option<String>, Thrown> {
    let mut argc = MAX_ARGS;
    let mut argv: [sys::napi_value; MAX_ARGS] = [ptr::null_mut(); MAX_ARGS];
    // SAFETY: `argv` has room for `argc` handles; N-API writes at most that many.
    let status = unsafe {
        sys::napi_get_cb_info(
            env,
            info,
            &raw mut argc,
            argv.as_mut_ptr(),
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    if !ok(status) || !(FIXED_ARGS..=MAX_ARGS).contains(&argc) {
        return Err(invalid("expected (id, body, ...header values, now?)"));
    }

    let mut id = 0u32;
    // SAFETY: live handle; N-API checks the type.
    if !ok(unsafe { sys::napi_get_value_uint32(env, argv[0], &raw mut id) }) {
        return Err(invalid("the webhook id must be a number"));
    }
    // The panic test (test/panic.test.cjs) in builds with `test-panic` only.
    #[cfg(feature = "test-panic")]
    if id == u32::MAX - 1 {
        #[allow(clippy::panic)]
        {
            panic!("forced panic in a direct call");
        }
    }
    let mut len = 0usize;
    let mut data: *mut c_void = ptr::null_mut();
    // SAFETY: live handle; the out-pointers are valid; N-API fails for
    // anything that is not an ArrayBufferView (`Buffer::HasInstance`).
    // Cheaper than `napi_get_typedarray_info`, which also works out the
    // element type (~14 ns a call); any view's bytes are as readable.
    let status = unsafe { sys::napi_get_buffer_info(env, argv[1], &raw mut data, &raw mut len) };
    if !ok(status) {
        return Err(invalid("the body must be a Uint8Array"));
    }
    let body: &[u8] = if len == 0 || data.is_null() {
        &[]
    } else {
        // SAFETY: N-API reports `len` bytes at `data` (already offset to the
        // view's start) in the array's backing store, which stays where it
        // is and alive while this callback runs: the caller holds the array,
        // and no JavaScript (nor a garbage collection that could detach or
        // free it) runs before the slice's last use, the verification below.
        unsafe { core::slice::from_raw_parts(data.cast::<u8>(), len) }
    };

    let reg = registry_read();
    let webhook: &NativeWebhook = reg
        .slots
        .get(id as usize)
        .and_then(Option::as_ref)
        .ok_or_else(|| invalid("this webhook was freed"))?;
    let entries = if event {
        webhook.lookups.len()
    } else {
        webhook.signature_lookups
    };
    // One value per entry, then `now` if the caller gives it.
    let values = FIXED_ARGS..FIXED_ARGS + entries;
    let now = match argc - FIXED_ARGS {
        n if n == entries => None,
        n if n == entries + 1 => {
            let mut now = f64::NAN;
            // SAFETY: live handle; N-API checks the type.
            if !ok(unsafe { sys::napi_get_value_double(env, argv[argc - 1], &raw mut now) }) {
                return Err(invalid("now must be a number of Unix seconds"));
            }
            Some(whole(now, "now").map_err(|e| Thrown {
                code: "invalid_argument",
                message: e.reason.clone(),
            })?)
        }
        _ => return Err(invalid("one value per header entry, then now if given")),
    };

    SCRATCH.with(|cell| {
        let mut guard = cell
            .try_borrow_mut()
            .map_err(|_| invalid("a verification is already running on this thread"))?;
        let Scratch { units, bytes } = &mut *guard;
        bytes.clear();
        let mut spans = [None; MAX_NAMES];
        for (span, &value) in spans.iter_mut().zip(&argv[values]) {
            // SAFETY: live handles of this callback.
            match unsafe { read_string(env, value, units, bytes) } {
                Ok(read) => *span = Some(read),
                // Not a string: `undefined` (an absent header) or a wrong type.
                // SAFETY: live handle.
                Err(err) if !unsafe { is_undefined(env, value) } => return Err(err),
                Err(_) => {}
            }
        }
        let headers = Values {
            lookups: &webhook.lookups,
            spans,
            bytes,
        };
        if event {
            webhook
                .inner
                .verify(body, &headers, now)
                .map(|e| Some(e.to_json_string_with_data_path()))
                .map_err(|e| from_core(&e))
        } else {
            webhook
                .inner
                .verify_signature(body, &headers, now)
                .map(|()| None)
                .map_err(|e| from_core(&e))
        }
    })
}

/// Throws `Error(message)` with `code`.
///
/// # Safety
/// `env` is the running callback's.
unsafe fn throw(env: sys::napi_env, code: &str, message: &str) {
    let mut code_value = ptr::null_mut();
    let mut message_value = ptr::null_mut();
    let mut error = ptr::null_mut();
    // SAFETY: the strings are passed with their lengths (no NUL needed); the
    // out-pointers are valid. If any step fails, an exception is pending or
    // nothing is thrown, and the call returns undefined.
    unsafe {
        if ok(sys::napi_create_string_utf8(
            env,
            code.as_ptr().cast::<c_char>(),
            code.len() as isize,
            &raw mut code_value,
        )) && ok(sys::napi_create_string_utf8(
            env,
            message.as_ptr().cast::<c_char>(),
            message.len() as isize,
            &raw mut message_value,
        )) && ok(sys::napi_create_error(
            env,
            code_value,
            message_value,
            &raw mut error,
        )) {
            sys::napi_throw(env, error);
        }
    }
}

/// The body of both callbacks: no panic crosses into Node.
///
/// # Safety
/// `env` and `info` are the handles N-API passed to the running callback.
unsafe fn callback(
    env: sys::napi_env,
    info: sys::napi_callback_info,
    event: bool,
) -> sys::napi_value {
    // SAFETY: forwarded from N-API.
    let outcome = catch_unwind(AssertUnwindSafe(|| unsafe { run(env, info, event) }));
    let thrown = match outcome {
        Ok(Ok(None)) => return ptr::null_mut(), // undefined
        Ok(Ok(Some(json))) => {
            let mut result = ptr::null_mut();
            // SAFETY: the JSON text with its length; a valid out-pointer.
            let status = unsafe {
                sys::napi_create_string_utf8(
                    env,
                    json.as_ptr().cast::<c_char>(),
                    json.len() as isize,
                    &raw mut result,
                )
            };
            if ok(status) {
                return result;
            }
            invalid("the event is too large for a JavaScript string")
        }
        Ok(Err(thrown)) => thrown,
        Err(panic) => Thrown {
            code: "internal_error",
            message: format!(
                "hookseal panicked (a bug, please report it): {}",
                panic
                    .downcast_ref::<&str>()
                    .copied()
                    .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
                    .unwrap_or("no message")
            ),
        },
    };
    // SAFETY: this callback's env.
    unsafe { throw(env, thrown.code, &thrown.message) };
    ptr::null_mut()
}

unsafe extern "C" fn verify_signature_args(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    // SAFETY: called by N-API with its handles.
    unsafe { callback(env, info, false) }
}

unsafe extern "C" fn verify_args(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    // SAFETY: called by N-API with its handles.
    unsafe { callback(env, info, true) }
}

/// Adds `verifySignatureArgs` and `verifyArgs` to the module's exports.
///
/// # Safety
/// `env` and `exports` are the handles of the module's initialisation.
pub(crate) unsafe fn register(env: sys::napi_env, exports: sys::napi_value) -> napi::Result<()> {
    let functions: [(&core::ffi::CStr, sys::napi_callback); 2] = [
        (c"verifySignatureArgs", Some(verify_signature_args)),
        (c"verifyArgs", Some(verify_args)),
    ];
    for (name, cb) in functions {
        let mut function = ptr::null_mut();
        // SAFETY: a NUL-terminated name, a callback of the right type, valid out-pointer.
        let status = unsafe {
            sys::napi_create_function(
                env,
                name.as_ptr(),
                name.to_bytes().len() as isize,
                cb,
                ptr::null_mut(),
                &raw mut function,
            )
        };
        // SAFETY: live handles and a NUL-terminated name.
        if !ok(status)
            || !ok(unsafe { sys::napi_set_named_property(env, exports, name.as_ptr(), function) })
        {
            return Err(napi::Error::from_reason(format!(
                "could not export {}",
                name.to_string_lossy()
            )));
        }
    }
    Ok(())
}
