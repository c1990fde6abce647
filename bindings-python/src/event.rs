//! A core `Event` as the Python dict `verify` returns: `{"provider", "id",
//! "type", "timestamp", "data", "payload", "in_catalog"}`.
//!
//! The core has already parsed and validated the body; the Python objects of
//! `payload` come from CPython's own `json.loads` (its C scanner builds them
//! faster than a conversion from the core's tree, and keeps the document's key
//! order and exact big integers). `data` is the very object found inside
//! `payload`, located by its path in the core's tree.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString};
use serde_json::Value;

static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

/// The keys and indexes leading from `root` to `target` (found by address),
/// nearest levels first: envelopes keep their data object near the top.
fn path_to<'v>(root: &'v Value, target: &Value, path: &mut Vec<Step<'v>>) -> bool {
    if core::ptr::eq(root, target) {
        return true;
    }
    match root {
        Value::Object(map) => {
            if let Some((k, _)) = map.iter().find(|(_, v)| core::ptr::eq(*v, target)) {
                path.push(Step::Key(k));
                return true;
            }
            for (k, v) in map {
                path.push(Step::Key(k));
                if matches!(v, Value::Object(_) | Value::Array(_)) && path_to(v, target, path) {
                    return true;
                }
                path.pop();
            }
            false
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Step::Index(i));
                if matches!(v, Value::Object(_) | Value::Array(_)) && path_to(v, target, path) {
                    return true;
                }
                path.pop();
            }
            false
        }
        _ => false,
    }
}

/// Whether a `json.loads` result has the top-level shape of the core's tree.
fn same_top_level(obj: &Bound<'_, PyAny>, value: &Value) -> bool {
    match value {
        Value::Object(map) => obj.cast::<PyDict>().is_ok_and(|d| {
            d.len() == map.len() && map.keys().all(|k| d.contains(k).unwrap_or(false))
        }),
        Value::Array(items) => obj
            .cast::<pyo3::types::PyList>()
            .is_ok_and(|l| l.len() == items.len()),
        _ => false,
    }
}

/// The core's JSON tree as Python objects, object keys made once each.
struct Converter<'py, 'v> {
    py: Python<'py>,
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
        Ok(match v {
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
                pyo3::types::PyList::new(py, converted)?.into_any()
            }
            Value::Object(map) => {
                let dict = PyDict::new(py);
                for (k, item) in map {
                    let key = self.key(k);
                    dict.set_item(key, self.value(item)?)?;
                }
                dict.into_any()
            }
        })
    }
}

pub(crate) fn to_python<'py>(
    py: Python<'py>,
    event: &hookseal::Event,
    body: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let loads = JSON_LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr("loads")?.unbind())
    })?;
    // json.loads agrees with the core's tree whenever the body is plain JSON;
    // for the form-encoded bodies GitHub and Slack may send, the core's tree is
    // the one to use, converted object by object.
    let payload = match loads.bind(py).call1((body,)) {
        Ok(p) if same_top_level(&p, event.payload()) => p,
        _ => Converter {
            py,
            keys: Vec::new(),
        }
        .value(event.payload())?,
    };
    let data = match event.data() {
        None => None,
        Some(target) => {
            let mut path = Vec::new();
            if path_to(event.payload(), target, &mut path) {
                let mut obj = payload.clone();
                for step in path {
                    obj = match step {
                        Step::Key(k) => obj.get_item(k)?,
                        Step::Index(i) => obj.get_item(i)?,
                    };
                }
                Some(obj)
            } else {
                None
            }
        }
    };
    let out = PyDict::new(py);
    out.set_item(
        pyo3::intern!(py, "provider"),
        PyString::intern(py, event.provider()),
    )?;
    out.set_item(pyo3::intern!(py, "id"), event.id())?;
    out.set_item(pyo3::intern!(py, "type"), event.event_type())?;
    out.set_item(pyo3::intern!(py, "timestamp"), event.timestamp())?;
    out.set_item(pyo3::intern!(py, "data"), data)?;
    out.set_item(pyo3::intern!(py, "payload"), payload)?;
    out.set_item(pyo3::intern!(py, "in_catalog"), event.in_catalog())?;
    Ok(out)
}
