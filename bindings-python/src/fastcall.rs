//! `verify` and `verify_signature` with CPython's fast calling convention.
//!
//! pyo3 defines methods with `METH_VARARGS` when it builds for the 3.9 stable
//! ABI (`METH_FASTCALL` entered the stable ABI in 3.10), so every call packs
//! its arguments into a new tuple (and a dict for `now=`): ~50 ns of the
//! ~0.3 µs a 1 KiB verification spends outside the core. Every CPython from
//! 3.7 on accepts `METH_FASTCALL | METH_KEYWORDS` method definitions, so the two
//! hot methods are installed again with it, over pyo3's definitions, keeping
//! their names, docstrings and text signatures (read from pyo3's methods).
//! Arguments are parsed here the way pyo3 parses them; the work is done by
//! the same functions the pyo3 methods call.
#![allow(unsafe_code)]

use std::ffi::CString;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple, PyType};

use crate::Webhook;

/// `PyCFunctionFastWithKeywords`, which pyo3's 3.9-ABI bindings leave out.
type FastWithKeywords = unsafe extern "C" fn(
    *mut ffi::PyObject,
    *const *mut ffi::PyObject,
    ffi::Py_ssize_t,
    *mut ffi::PyObject,
) -> *mut ffi::PyObject;

const METH_FASTCALL: core::ffi::c_int = 0x0080;

/// The three arguments of `verify` / `verify_signature`: `(payload, headers, *, now=None)`.
struct Args<'py> {
    payload: Bound<'py, PyAny>,
    headers: Bound<'py, PyAny>,
    now: Option<Bound<'py, PyAny>>,
}

/// Parses `(payload, headers, *, now=None)` from a vectorcall argument array.
///
/// # Safety
/// `args` holds `nargs` positional arguments followed by one value per name
/// in `kwnames` (a tuple of str, or NULL), as CPython passes them.
unsafe fn parse<'py>(
    py: Python<'py>,
    method: &str,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> PyResult<Args<'py>> {
    let npos = usize::try_from(nargs).unwrap_or(0);
    if npos > 2 {
        return Err(PyTypeError::new_err(format!(
            "{method}() takes 2 positional arguments but {npos} were given"
        )));
    }
    let arg = |i: usize| unsafe { Bound::from_borrowed_ptr(py, *args.add(i)) };
    let mut slots: [Option<Bound<'py, PyAny>>; 3] = [None, None, None];
    for (i, slot) in slots.iter_mut().enumerate().take(npos) {
        *slot = Some(arg(i));
    }
    if !kwnames.is_null() {
        let names = unsafe { Bound::from_borrowed_ptr(py, kwnames) }.cast_into::<PyTuple>()?;
        for (j, name) in names.iter().enumerate() {
            let name = name.cast_into::<PyString>()?;
            let i = match &*name.to_cow()? {
                "payload" => 0,
                "headers" => 1,
                "now" => 2,
                other => {
                    return Err(PyTypeError::new_err(format!(
                        "{method}() got an unexpected keyword argument '{other}'"
                    )))
                }
            };
            if slots[i].is_some() {
                return Err(PyTypeError::new_err(format!(
                    "{method}() got multiple values for argument '{name}'"
                )));
            }
            slots[i] = Some(arg(npos + j));
        }
    }
    let [payload, headers, now] = slots;
    let missing = |what: &str| {
        PyTypeError::new_err(format!(
            "{method}() missing 1 required positional argument: '{what}'"
        ))
    };
    Ok(Args {
        payload: payload.ok_or_else(|| missing("payload"))?,
        headers: headers.ok_or_else(|| missing("headers"))?,
        now,
    })
}

/// Runs `body` as a CPython method body: errors and panics become Python exceptions.
///
/// # Safety
/// Called by CPython, with the GIL held, from a method of `Webhook`.
unsafe fn method(
    slf: *mut ffi::PyObject,
    body: impl for<'py> FnOnce(Python<'py>, &Webhook) -> PyResult<Bound<'py, PyAny>>,
) -> *mut ffi::PyObject {
    let py = unsafe { Python::assume_attached() };
    let result = catch_unwind(AssertUnwindSafe(|| {
        let slf = unsafe { Bound::from_borrowed_ptr(py, slf) }.cast_into::<Webhook>()?;
        body(py, slf.get())
    }));
    match result {
        Ok(Ok(obj)) => obj.into_ptr(),
        Ok(Err(e)) => {
            e.restore(py);
            core::ptr::null_mut()
        }
        Err(_) => {
            pyo3::panic::PanicException::new_err("hookseal panicked (a bug: please report it)")
                .restore(py);
            core::ptr::null_mut()
        }
    }
}

unsafe extern "C" fn verify_signature(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    unsafe {
        method(slf, |py, wh| {
            let a = parse(py, "verify_signature", args, nargs, kwnames)?;
            wh.verify_signature(py, &a.payload, &a.headers, a.now.as_ref())?;
            Ok(py.None().into_bound(py))
        })
    }
}

unsafe extern "C" fn verify(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    unsafe {
        method(slf, |py, wh| {
            let a = parse(py, "verify", args, nargs, kwnames)?;
            Ok(wh
                .verify(py, &a.payload, &a.headers, a.now.as_ref())?
                .into_any())
        })
    }
}

/// Replaces pyo3's `verify` and `verify_signature` on `cls` by fast-call ones
/// with the same name, docstring and text signature.
pub(crate) fn install(cls: &Bound<'_, PyType>) -> PyResult<()> {
    let methods: [(&str, FastWithKeywords); 2] =
        [("verify", verify), ("verify_signature", verify_signature)];
    for (name, function) in methods {
        let pyo3_method = cls.getattr(name)?;
        let text_signature: String = pyo3_method.getattr("__text_signature__")?.extract()?;
        let doc: String = pyo3_method.getattr("__doc__")?.extract()?;
        let to_c = |s: String| {
            CString::new(s).map_err(|_| PyRuntimeError::new_err("NUL in a method's name or doc"))
        };
        // "name(...)\n--\n\n" is how CPython finds the text signature inside ml_doc.
        let ml_doc = to_c(format!("{name}{text_signature}\n--\n\n{doc}"))?;
        let ml_name = to_c(name.to_string())?;
        // The definition must outlive the type: leaked once per interpreter start.
        let def: &'static mut ffi::PyMethodDef = Box::leak(Box::new(ffi::PyMethodDef {
            ml_name: ml_name.into_raw(),
            ml_meth: ffi::PyMethodDefPointer {
                // SAFETY: same size and ABI; CPython calls it as a fast-call function
                // because of METH_FASTCALL in ml_flags.
                PyCFunctionWithKeywords: unsafe {
                    core::mem::transmute::<FastWithKeywords, ffi::PyCFunctionWithKeywords>(function)
                },
            },
            ml_flags: METH_FASTCALL | ffi::METH_KEYWORDS,
            ml_doc: ml_doc.into_raw(),
        }));
        // SAFETY: `cls` is a live type object and `def` lives forever.
        let descr = unsafe {
            Bound::from_owned_ptr_or_err(cls.py(), ffi::PyDescr_NewMethod(cls.as_type_ptr(), def))?
        };
        cls.setattr(name, descr)?;
    }
    Ok(())
}
