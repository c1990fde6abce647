//! Python arguments → core types. Every wrong type is an `InvalidArgumentError`
//! (a `TypeError` with `code == "invalid_argument"`) whose message says what to pass.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyMemoryView, PyString, PyTuple};

use hookseal::{CustomScheme, Scheme, SignatureEncoding};

use crate::errors::invalid_argument;
use crate::headers::type_name;

/// The keys a custom-scheme dict may have (docs/SEMANTICS.md, "Custom schemes").
const CUSTOM_KEYS: [&str; 6] = [
    "signature_header",
    "prefix",
    "encoding",
    "id_header",
    "timestamp_header",
    "template",
];

/// A scheme id (`"stripe"`, …) or a custom-scheme description (a dict or any Mapping).
pub(crate) fn scheme(obj: &Bound<'_, PyAny>) -> PyResult<Scheme> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        let id = s.to_cow()?;
        return Scheme::from_id(&id).ok_or_else(|| {
            invalid_argument(
                py,
                format!(
                    "unknown scheme {id:?}; use one of costkatana, unicraft, dash, smartaihub, standard (or svix), stripe, github, slack, shopify, or a dict describing a custom scheme"
                ),
            )
        });
    }
    let items: Vec<(String, Option<String>)> = if let Ok(d) = obj.cast::<PyDict>() {
        d.iter()
            .map(|(k, v)| custom_item(&k, &v))
            .collect::<PyResult<_>>()?
    } else if obj.hasattr(pyo3::intern!(py, "items"))?
        && !obj.is_instance_of::<PyList>()
        && !obj.is_instance_of::<PyTuple>()
    {
        obj.call_method0(pyo3::intern!(py, "items"))?
            .try_iter()?
            .map(|item| {
                let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
                custom_item(&k, &v)
            })
            .collect::<PyResult<_>>()?
    } else {
        return Err(invalid_argument(
            py,
            format!("scheme must be a scheme id such as \"stripe\" or a dict describing a custom scheme, not {}", type_name(obj)),
        ));
    };
    let get = |key: &str| {
        items
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.clone())
    };
    if let Some((unknown, _)) = items
        .iter()
        .find(|(k, _)| !CUSTOM_KEYS.contains(&k.as_str()))
    {
        return Err(invalid_argument(
            py,
            format!(
                "custom scheme: unknown key {unknown:?}; the keys are {}",
                CUSTOM_KEYS.join(", ")
            ),
        ));
    }
    let Some(header) = get("signature_header") else {
        return Err(invalid_argument(
            py,
            "custom scheme: signature_header is required",
        ));
    };
    let mut custom = CustomScheme::new(header);
    if let Some(prefix) = get("prefix") {
        custom = custom.prefix(prefix);
    }
    match get("encoding").as_deref() {
        None | Some("hex") => {}
        Some("base64") => custom = custom.encoding(SignatureEncoding::Base64),
        Some(other) => {
            return Err(invalid_argument(
                py,
                format!("custom scheme: encoding must be \"hex\" or \"base64\", not {other:?}"),
            ))
        }
    }
    if let Some(h) = get("id_header") {
        custom = custom.id_header(h);
    }
    if let Some(h) = get("timestamp_header") {
        custom = custom.timestamp_header(h);
    }
    if let Some(t) = get("template") {
        custom = custom.template(t);
    }
    Ok(Scheme::Custom(custom))
}

fn custom_item(k: &Bound<'_, PyAny>, v: &Bound<'_, PyAny>) -> PyResult<(String, Option<String>)> {
    let py = k.py();
    let key: String = k
        .extract()
        .map_err(|_| invalid_argument(py, "custom scheme: keys must be strings"))?;
    if v.is_none() {
        return Ok((key, None));
    }
    let value: String = v.extract().map_err(|_| {
        invalid_argument(
            py,
            format!(
                "custom scheme: {key} must be a string, not {}",
                type_name(v)
            ),
        )
    })?;
    Ok((key, Some(value)))
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
        return Ok(Some(PyBackedBytes::from(s.encode_utf8()?)));
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

/// The raw request body. A parsed object is refused with a message that says
/// how to get the raw body in each framework.
pub(crate) fn payload(obj: &Bound<'_, PyAny>) -> PyResult<PyBackedBytes> {
    if let Some(b) = bytes_like(obj)? {
        return Ok(b);
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
