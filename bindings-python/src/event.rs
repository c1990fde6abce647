//! A core `Event` as the Python dict `verify` returns, built natively (no JSON
//! text round trip): `{"provider", "id", "type", "timestamp", "data",
//! "payload", "in_catalog"}`, where `data` is the very object found inside `payload`.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::Value;

pub(crate) fn to_python<'py>(
    py: Python<'py>,
    event: &hookseal::Event,
) -> PyResult<Bound<'py, PyDict>> {
    let data_ref = event.data();
    let mut data_obj: Option<Bound<'py, PyAny>> = None;
    let payload = value(py, event.payload(), data_ref, &mut data_obj)?;
    let out = PyDict::new(py);
    out.set_item(
        pyo3::intern!(py, "provider"),
        PyString::intern(py, event.provider()),
    )?;
    out.set_item(pyo3::intern!(py, "id"), event.id())?;
    out.set_item(pyo3::intern!(py, "type"), event.event_type())?;
    out.set_item(pyo3::intern!(py, "timestamp"), event.timestamp())?;
    out.set_item(pyo3::intern!(py, "data"), data_obj)?;
    out.set_item(pyo3::intern!(py, "payload"), payload)?;
    out.set_item(pyo3::intern!(py, "in_catalog"), event.in_catalog())?;
    Ok(out)
}

/// JSON value → Python object; remembers the object made for `target` (by address).
fn value<'py>(
    py: Python<'py>,
    v: &Value,
    target: Option<&Value>,
    found: &mut Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let obj = match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value(py, item, target, found)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(PyString::new(py, k), value(py, item, target, found)?)?;
            }
            dict.into_any()
        }
    };
    if target.is_some_and(|t| core::ptr::eq(t, v)) {
        *found = Some(obj.clone());
    }
    Ok(obj)
}
