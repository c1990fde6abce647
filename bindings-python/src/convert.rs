//! Python arguments → core types. Every wrong type is an `InvalidArgumentError`
//! (a `TypeError` with `code == "invalid_argument"`) whose message says what to pass.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyMemoryView, PyString, PyTuple};

use hookseal::Scheme;

use crate::errors::{from_core, invalid_argument};
use crate::headers::type_name;

/// A scheme id (`"stripe"`, …) or a custom-scheme description (a dict or any
/// Mapping with the keys of docs/SEMANTICS.md); the core parses both.
pub(crate) fn scheme(obj: &Bound<'_, PyAny>) -> PyResult<Scheme> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .to_cow()
            .map_err(|e| crate::errors::not_utf8(py, e))?
            .parse::<Scheme>()
            .map_err(|e| from_core(py, &e));
    }
    let is_mapping = obj.is_instance_of::<PyDict>()
        || (obj.hasattr(pyo3::intern!(py, "keys"))?
            && !obj.is_instance_of::<PyList>()
            && !obj.is_instance_of::<PyTuple>());
    if !is_mapping {
        return Err(invalid_argument(
            py,
            format!("scheme must be a scheme id such as \"stripe\" or a dict describing a custom scheme, not {}", type_name(obj)),
        ));
    }
    let dict = py.get_type::<PyDict>().call1((obj,))?;
    let json: String = py
        .import("json")?
        .call_method1("dumps", (dict,))
        .and_then(|j| j.extract())
        .map_err(|_| {
            invalid_argument(
                py,
                "custom scheme: every value must be a string (or a dict of strings for event)",
            )
        })?;
    Scheme::from_description_json(&json).map_err(|e| from_core(py, &e))
}

/// One secret or a list/tuple of them; each `str` (its UTF-8 bytes) or bytes-like.
pub(crate) fn secrets(obj: &Bound<'_, PyAny>) -> PyResult<Vec<PyBackedBytes>> {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        obj.try_iter()?.map(|s| secret(&s?)).collect()
    } else {
        Ok(vec![secret(obj)?])
    }
}

fn secret(obj: &Bound<'_, PyAny>) -> PyResult<PyBackedBytes> {
    bytes_like(obj)?.ok_or_else(|| {
        invalid_argument(
            obj.py(),
            format!(
                "secret must be a str or bytes, or a list of them (for rotation), not {}",
                type_name(obj)
            ),
        )
    })
}

/// `str` (UTF-8), `bytes` (borrowed, no copy), `bytearray` or `memoryview` (copied).
fn bytes_like(obj: &Bound<'_, PyAny>) -> PyResult<Option<PyBackedBytes>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Some(PyBackedBytes::from(b.clone())));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Some(PyBackedBytes::from(
            s.encode_utf8()
                .map_err(|e| crate::errors::not_utf8(obj.py(), e))?,
        )));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Some(PyBackedBytes::from(b.clone())));
    }
    if obj.is_instance_of::<PyMemoryView>() {
        // The buffer protocol is not in the 3.9 stable ABI: copy through bytes().
        let b = obj
            .call_method0(pyo3::intern!(obj.py(), "tobytes"))?
            .cast_into::<PyBytes>()?;
        return Ok(Some(PyBackedBytes::from(b)));
    }
    Ok(None)
}

/// A request body: `bytes` borrowed from the caller's object, anything else
/// converted once.
pub(crate) enum Body<'a> {
    Borrowed(&'a [u8]),
    Owned(PyBackedBytes),
}

impl core::ops::Deref for Body<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Body::Borrowed(b) => b,
            Body::Owned(b) => b,
        }
    }
}

/// The raw request body. A parsed object is refused with a message that says
/// how to get the raw body in each framework.
pub(crate) fn payload<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Body<'a>> {
    // The common case first, without taking a reference: bytes are immutable
    // and `obj` outlives the borrow.
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Body::Borrowed(b.as_bytes()));
    }
    if let Some(b) = bytes_like(obj)? {
        return Ok(Body::Owned(b));
    }
    let py = obj.py();
    let parsed = obj.is_instance_of::<PyDict>()
        || obj.is_instance_of::<PyList>()
        || obj.hasattr(pyo3::intern!(py, "keys")).unwrap_or(false);
    let message = if parsed {
        format!(
            "payload is a parsed {}; pass the raw request body exactly as received: \
             request.get_data() in Flask, await request.body() in FastAPI/Starlette, \
             request.body in Django (not request.json / request.get_json() / json.loads(...))",
            type_name(obj)
        )
    } else {
        format!(
            "payload must be the raw body as bytes, bytearray, memoryview or str, not {}",
            type_name(obj)
        )
    };
    Err(invalid_argument(py, message))
}

/// `now` / `timestamp`: Unix seconds as an int (or float, truncated), or a
/// timezone-aware `datetime`; `None` = the current time.
pub(crate) fn unix_seconds(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<u64>> {
    let Some(obj) = obj else { return Ok(None) };
    if obj.is_none() {
        return Ok(None);
    }
    let py = obj.py();
    let bad = || {
        invalid_argument(
            py,
            format!(
                "{what} must be Unix seconds (a non-negative int) or a datetime, not {}",
                type_name(obj)
            ),
        )
    };
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(bad());
    }
    if let Ok(v) = obj.extract::<u64>() {
        return Ok(Some(v));
    }
    let seconds: f64 = if obj.is_instance_of::<pyo3::types::PyFloat>() {
        obj.extract()?
    } else if obj.hasattr(pyo3::intern!(py, "timestamp"))?
        && obj.hasattr(pyo3::intern!(py, "tzinfo"))?
    {
        obj.call_method0(pyo3::intern!(py, "timestamp"))?
            .extract()?
    } else {
        return Err(bad());
    };
    if (0.0..1.8e19).contains(&seconds) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(Some(seconds.floor() as u64))
    } else {
        Err(invalid_argument(
            py,
            format!("{what} must be non-negative Unix seconds"),
        ))
    }
}

/// A non-negative integer option.
pub(crate) fn non_negative(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<u64> {
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(invalid_argument(
            obj.py(),
            format!("{what} must be a non-negative int, not bool"),
        ));
    }
    obj.extract::<u64>().map_err(|_| {
        if obj.is_instance_of::<pyo3::types::PyInt>() {
            invalid_argument(
                obj.py(),
                format!("{what} must be a non-negative int, got {obj}"),
            )
        } else {
            invalid_argument(
                obj.py(),
                format!("{what} must be a non-negative int, not {}", type_name(obj)),
            )
        }
    })
}
