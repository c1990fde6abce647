//! A core `Event` as the Python dict `verify` returns, built natively (no JSON
//! text round trip): `{"provider", "id", "type", "timestamp", "data",
//! "payload", "in_catalog"}`, where `data` is the very object found inside `payload`.

use hookseal::JsonValue as Value;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

pub(crate) fn to_python<'py>(
    py: Python<'py>,
    event: &hookseal::Event,
) -> PyResult<Bound<'py, PyDict>> {
    let mut conv = Converter {
        py,
        target: event.data(),
        found: None,
        keys: Vec::new(),
    };
    let payload = conv.value(event.payload())?;
    let data_obj = conv.found;
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

/// JSON value → Python objects. Object keys are made once per conversion and
/// reused (arrays of records repeat the same few keys), as `json.loads` does.
struct Converter<'py, 'v> {
    py: Python<'py>,
    /// The envelope's data object, found by address while converting.
    target: Option<&'v Value>,
    found: Option<Bound<'py, PyAny>>,
    keys: Vec<(&'v str, Bound<'py, PyString>)>,
}

impl<'py, 'v> Converter<'py, 'v> {
    fn key(&mut self, k: &'v str) -> Bound<'py, PyString> {
        if let Some((_, s)) = self.keys.iter().find(|(c, _)| *c == k) {
            return s.clone();
        }
        let s = PyString::new(self.py, k);
        if self.keys.len() < 64 {
            self.keys.push((k, s.clone()));
        }
        s
    }

    fn value(&mut self, v: &'v Value) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
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
                let converted = items
                    .iter()
                    .map(|item| self.value(item))
                    .collect::<PyResult<Vec<_>>>()?;
                PyList::new(py, converted)?.into_any()
            }
            Value::Object(map) => {
                let dict = PyDict::new(py);
                for (k, item) in map {
                    let key = self.key(k);
                    dict.set_item(key, self.value(item)?)?;
                }
                dict.into_any()
            }
        };
        if self.target.is_some_and(|t| core::ptr::eq(t, v)) {
            self.found = Some(obj.clone());
        }
        Ok(obj)
    }
}
