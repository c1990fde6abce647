//! The core's `Headers` trait over the Python header containers users have:
//! a dict, any Mapping (Werkzeug `EnvironHeaders`, Starlette `Headers`,
//! Django's `request.headers`), or a list of `(name, value)` pairs (ASGI's raw
//! `scope["headers"]`).

use core::cell::{Cell, OnceCell, RefCell};

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use crate::errors::invalid_argument;

/// How many distinct lookups one verification may make (Standard Webhooks
/// makes at most six: three names, each with its `svix-` alias).
const SLOTS: usize = 8;

/// The spellings under which a header name is tried in a case-sensitive dict
/// before falling back to a case-insensitive scan: the provider's own
/// spelling, the lower-case name and the Title-Case form.
pub(crate) struct HeaderKeys {
    entries: Vec<(String, Vec<Py<PyString>>)>,
}

impl HeaderKeys {
    /// Keys for the given provider spellings (e.g. `X-Hub-Signature-256`).
    pub(crate) fn new<'a>(py: Python<'_>, spellings: impl IntoIterator<Item = &'a str>) -> Self {
        let mut entries: Vec<(String, Vec<Py<PyString>>)> = Vec::new();
        for spelled in spellings {
            let lower = spelled.to_ascii_lowercase();
            if entries.iter().any(|(l, _)| *l == lower) {
                continue;
            }
            // The provider's spelling first: dicts are usually copied from its docs.
            let mut forms: Vec<String> = vec![spelled.to_string()];
            for form in [lower.clone(), title_case(&lower)] {
                if !forms.contains(&form) {
                    forms.push(form);
                }
            }
            let keys = forms
                .iter()
                .map(|f| PyString::intern(py, f).unbind())
                .collect();
            entries.push((lower, keys));
        }
        HeaderKeys { entries }
    }

    fn for_name(&self, name: &str) -> Option<&[Py<PyString>]> {
        self.entries
            .iter()
            .find(|(l, _)| l == name)
            .map(|(_, k)| k.as_slice())
    }
}

/// `x-hub-signature-256` → `X-Hub-Signature-256`.
fn title_case(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut start = true;
    for c in lower.chars() {
        out.push(if start { c.to_ascii_uppercase() } else { c });
        start = c == '-';
    }
    out
}

enum Source<'a, 'py> {
    /// An exact `dict`: looked up without calling Python code.
    Dict(&'a Bound<'py, PyDict>),
    /// A list or tuple of `(name, value)` pairs.
    Pairs(&'a Bound<'py, PyAny>),
    /// Any other mapping: `.get(name)`, then a scan of `.items()`.
    Mapping(&'a Bound<'py, PyAny>),
}

/// A Python header container seen through the core's `Headers` trait.
///
/// Values are converted to bytes on demand and kept alive in `slots` for as
/// long as the core borrows them. A Python error raised during a lookup (a
/// value of the wrong type, a failing `__getitem__`) cannot cross the trait,
/// so it is kept in `error` and raised after the core returns.
pub(crate) struct PyHeaders<'a, 'py> {
    source: Source<'a, 'py>,
    keys: &'a HeaderKeys,
    slots: [OnceCell<Value<'py>>; SLOTS],
    used: Cell<usize>,
    /// The `str` values of the exact-dict fast path (`fast_get`), kept alive
    /// while the core borrows their UTF-8 bytes.
    held: [OnceCell<Bound<'py, PyAny>>; SLOTS],
    held_used: Cell<usize>,
    error: RefCell<Option<PyErr>>,
    #[allow(clippy::type_complexity)]
    items: OnceCell<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>>,
}

impl<'a, 'py> PyHeaders<'a, 'py> {
    pub(crate) fn new(obj: &'a Bound<'py, PyAny>, keys: &'a HeaderKeys) -> PyResult<Self> {
        let source = if let Ok(dict) = obj.cast_exact::<PyDict>() {
            Source::Dict(dict)
        } else if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
            Source::Pairs(obj)
        } else if obj.hasattr(pyo3::intern!(obj.py(), "get"))? {
            Source::Mapping(obj)
        } else {
            return Err(invalid_argument(
                obj.py(),
                format!(
                    "headers must be a dict, a Mapping (e.g. request.headers) or a list of (name, value) pairs, not {}",
                    type_name(obj)
                ),
            ));
        };
        Ok(PyHeaders {
            source,
            keys,
            slots: Default::default(),
            used: Cell::new(0),
            held: Default::default(),
            held_used: Cell::new(0),
            error: RefCell::new(None),
            items: OnceCell::new(),
        })
    }

    /// The first Python error a lookup raised, if any.
    pub(crate) fn take_error(&self) -> Option<PyErr> {
        self.error.borrow_mut().take()
    }

    fn lookup(&self, name: &str) -> PyResult<Option<Value<'py>>> {
        let py_keys = self.keys.for_name(name);
        // Once the names have been listed (a header was absent), reading the
        // list is cheaper than asking the container again.
        let listed = self.items.get().is_some();
        match &self.source {
            _ if listed => {}
            Source::Dict(dict) => {
                if let Some(keys) = py_keys {
                    for key in keys {
                        if let Some(v) = dict_str_value(dict, key.bind(dict.py())) {
                            return Ok(Some(v));
                        }
                        if let Some(v) = dict.get_item(key.bind(dict.py()))? {
                            return value_bytes(&v);
                        }
                    }
                } else if let Some(v) = dict.get_item(name)? {
                    return value_bytes(&v);
                }
            }
            Source::Pairs(_) => {}
            Source::Mapping(map) => {
                let py = map.py();
                let get = pyo3::intern!(py, "get");
                // One call in the provider's spelling: the mappings frameworks
                // hand over (Werkzeug, Starlette, Django) ignore case.
                let first = match py_keys.and_then(<[_]>::first) {
                    Some(key) => map.call_method1(get, (key.bind(py),))?,
                    None => map.call_method1(get, (name,))?,
                };
                if !first.is_none() {
                    return value_bytes(&first);
                }
                if !map.hasattr(pyo3::intern!(py, "items"))? {
                    // No way to list the names: try the other spellings.
                    for key in py_keys.unwrap_or_default().iter().skip(1) {
                        let v = map.call_method1(get, (key.bind(py),))?;
                        if !v.is_none() {
                            return value_bytes(&v);
                        }
                    }
                    return Ok(None);
                }
            }
        }
        // Absent under the usual spellings (or a list of pairs): one pass over
        // every (name, value), listed once per verification and then reused,
        // compared case-insensitively.
        for (k, v) in self.items()? {
            if key_matches(k, name)? {
                return value_bytes(v);
            }
        }
        Ok(None)
    }

    /// Every `(name, value)` of the container, listed on first use.
    #[allow(clippy::type_complexity)]
    fn items(&self) -> PyResult<&[(Bound<'py, PyAny>, Bound<'py, PyAny>)]> {
        if let Some(items) = self.items.get() {
            return Ok(items);
        }
        let iter = match &self.source {
            Source::Dict(dict) => dict.items().into_any().try_iter()?,
            Source::Pairs(seq) => seq.try_iter()?,
            Source::Mapping(map) => map
                .call_method0(pyo3::intern!(map.py(), "items"))?
                .try_iter()?,
        };
        let mut pairs = Vec::new();
        for item in iter {
            let item = item?;
            pairs.push(item.extract().map_err(|_| {
                invalid_argument(
                    item.py(),
                    "headers given as a sequence must hold (name, value) pairs",
                )
            })?);
        }
        Ok(self.items.get_or_init(|| pairs))
    }
}

fn key_matches(key: &Bound<'_, PyAny>, name: &str) -> PyResult<bool> {
    if let Ok(s) = key.cast::<PyString>() {
        Ok(str_value(s)?
            .as_bytes()
            .eq_ignore_ascii_case(name.as_bytes()))
    } else if let Ok(b) = key.cast::<PyBytes>() {
        Ok(b.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
    } else {
        Ok(false)
    }
}

/// A header value the core can borrow: the Python object, kept alive, and
/// its bytes (a `str`'s UTF-8 form, read in place where CPython allows it).
pub(crate) enum Value<'py> {
    /// `str` (UTF-8, cached inside the object by CPython) or `bytes`: no copy.
    Borrowed(Bound<'py, PyAny>, *const u8, usize),
    /// Anything converted on the way (`bytearray`, `str` on Windows' 3.9 ABI).
    Owned(PyBackedBytes),
}

impl Value<'_> {
    #[allow(unsafe_code)]
    fn as_bytes(&self) -> &[u8] {
        match self {
            // SAFETY: the pointer and length come from `str_utf8` / `PyBytes_AsString`
            // for the object held next to them, which is immutable and alive as long as `self`.
            Value::Borrowed(_, ptr, len) => unsafe { core::slice::from_raw_parts(*ptr, *len) },
            Value::Owned(b) => b,
        }
    }

    pub(crate) fn into_backed(self) -> PyResult<PyBackedBytes> {
        match self {
            Value::Borrowed(obj, ..) => match obj.cast_into::<PyBytes>() {
                Ok(b) => Ok(PyBackedBytes::from(b)),
                Err(e) => {
                    let s = e.into_inner().cast_into::<PyString>()?;
                    let py = s.py();
                    Ok(PyBackedBytes::from(
                        s.encode_utf8()
                            .map_err(|e| crate::errors::not_utf8(py, e))?,
                    ))
                }
            },
            Value::Owned(b) => Ok(b),
        }
    }
}

#[cfg(not(windows))]
#[allow(unsafe_code)]
unsafe extern "C" {
    // Public C API since 3.3 and in the stable ABI from 3.10; every CPython the
    // abi3 wheel loads into exports it on Linux and macOS. Windows' python3.dll
    // of 3.9 does not, so Windows encodes instead.
    fn PyUnicode_AsUTF8AndSize(
        unicode: *mut pyo3::ffi::PyObject,
        size: *mut pyo3::ffi::Py_ssize_t,
    ) -> *const core::ffi::c_char;
}

/// The UTF-8 bytes of a `str` without copying them where CPython keeps them.
#[allow(unsafe_code)]
fn str_value<'py>(s: &Bound<'py, PyString>) -> PyResult<Value<'py>> {
    #[cfg(not(windows))]
    {
        let mut size: pyo3::ffi::Py_ssize_t = 0;
        // SAFETY: `s` is a live str; the result stays valid while `s` lives.
        let ptr = unsafe { PyUnicode_AsUTF8AndSize(s.as_ptr(), &raw mut size) };
        if ptr.is_null() {
            return Err(crate::errors::not_utf8(s.py(), PyErr::fetch(s.py())));
        }
        #[allow(clippy::cast_sign_loss)]
        Ok(Value::Borrowed(
            s.clone().into_any(),
            ptr.cast::<u8>(),
            size as usize,
        ))
    }
    #[cfg(windows)]
    {
        Ok(Value::Owned(PyBackedBytes::from(
            s.encode_utf8()
                .map_err(|e| crate::errors::not_utf8(s.py(), e))?,
        )))
    }
}

/// The common case, without pyo3's general conversions: an exact `dict`
/// holding an exact `str` under `key`. `None` sends the caller down the
/// general path (absent key, another value type, any error).
#[cfg(not(windows))]
#[allow(unsafe_code)]
fn dict_str_value<'py>(
    dict: &Bound<'py, PyDict>,
    key: &Bound<'py, PyString>,
) -> Option<Value<'py>> {
    use pyo3::ffi;
    // SAFETY: live objects, GIL held; the borrowed result is turned into an
    // owned reference before anything else runs.
    unsafe {
        let v = ffi::PyDict_GetItemWithError(dict.as_ptr(), key.as_ptr());
        if v.is_null() || ffi::Py_TYPE(v) != &raw mut ffi::PyUnicode_Type {
            return None;
        }
        let v = Bound::from_borrowed_ptr(dict.py(), v);
        let mut size: ffi::Py_ssize_t = 0;
        let ptr = PyUnicode_AsUTF8AndSize(v.as_ptr(), &raw mut size);
        if ptr.is_null() {
            ffi::PyErr_Clear();
            return None;
        }
        #[allow(clippy::cast_sign_loss)]
        Some(Value::Borrowed(v, ptr.cast::<u8>(), size as usize))
    }
}

#[cfg(windows)]
fn dict_str_value<'py>(_: &Bound<'py, PyDict>, _: &Bound<'py, PyString>) -> Option<Value<'py>> {
    None
}

/// [`dict_str_value`] as its parts: the value object and its UTF-8 bytes.
#[cfg(not(windows))]
fn dict_str_raw<'py>(
    dict: &Bound<'py, PyDict>,
    key: &Bound<'py, PyString>,
) -> Option<(Bound<'py, PyAny>, *const u8, usize)> {
    match dict_str_value(dict, key)? {
        Value::Borrowed(obj, ptr, len) => Some((obj, ptr, len)),
        Value::Owned(_) => None,
    }
}

#[cfg(windows)]
fn dict_str_raw<'py>(
    _: &Bound<'py, PyDict>,
    _: &Bound<'py, PyString>,
) -> Option<(Bound<'py, PyAny>, *const u8, usize)> {
    None
}

/// A header value as bytes: `str` (UTF-8), `bytes`, `bytearray`; a list or
/// tuple of values gives its first one; `None` is absent.
fn value_bytes<'py>(v: &Bound<'py, PyAny>) -> PyResult<Option<Value<'py>>> {
    if let Ok(s) = v.cast::<PyString>() {
        return str_value(s).map(Some);
    }
    if let Ok(b) = v.cast::<PyBytes>() {
        let bytes = b.as_bytes();
        return Ok(Some(Value::Borrowed(
            v.clone(),
            bytes.as_ptr(),
            bytes.len(),
        )));
    }
    if let Ok(b) = v.cast::<PyByteArray>() {
        return Ok(Some(Value::Owned(PyBackedBytes::from(b.clone()))));
    }
    if v.is_none() {
        return Ok(None);
    }
    if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        return match v.try_iter()?.next() {
            Some(first) => value_bytes(&first?),
            None => Ok(None),
        };
    }
    Err(invalid_argument(
        v.py(),
        format!("header values must be str or bytes, not {}", type_name(v)),
    ))
}

pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

impl PyHeaders<'_, '_> {
    /// The usual case, on a short path: an exact `dict` holding an exact `str`
    /// under one of the name's spellings. `None` when that does not apply
    /// (then `get` takes the general path, which also handles absence).
    /// Moving a `Value` through `slots` cost more than the look-up itself.
    #[allow(unsafe_code)]
    fn fast_get(&self, name: &str) -> Option<&[u8]> {
        let Source::Dict(dict) = &self.source else {
            return None;
        };
        if self.items.get().is_some() {
            return None;
        }
        // The first spelling only: anything else (absent, another type, a
        // later spelling) goes the general way, which keeps its order.
        let key = self.keys.for_name(name)?.first()?;
        let (obj, ptr, len) = dict_str_raw(dict, key.bind(dict.py()))?;
        let i = self.held_used.get();
        let slot = self.held.get(i)?;
        self.held_used.set(i + 1);
        let _ = slot.set(obj);
        // SAFETY: `ptr`/`len` are the UTF-8 form CPython keeps inside the
        // `str` now held in `slot`, which is immutable and lives as long as
        // `self` (slots are never cleared before `self` drops).
        Some(unsafe { core::slice::from_raw_parts(ptr, len) })
    }
}

impl hookseal::Headers for PyHeaders<'_, '_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        if self.error.borrow().is_some() {
            return None;
        }
        if let Some(v) = self.fast_get(name) {
            return Some(v);
        }
        let value = match self.lookup(name) {
            Ok(v) => v,
            Err(e) => {
                *self.error.borrow_mut() = Some(e);
                return None;
            }
        };
        let value = value?;
        let i = self.used.get();
        let slot = self.slots.get(i)?;
        self.used.set(i + 1);
        Some(slot.get_or_init(|| value).as_bytes())
    }
}

/// Every header as owned `(name, value)` pairs, for verifications that run
/// without the GIL (large bodies). Values that are neither text nor bytes are
/// left out. The core matches the names case-insensitively.
pub(crate) fn snapshot(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(String, PyBackedBytes)>> {
    let py = obj.py();
    let items = if let Ok(dict) = obj.cast_exact::<PyDict>() {
        dict.items().into_any().try_iter()?
    } else if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        obj.try_iter()?
    } else if obj.hasattr(pyo3::intern!(py, "items"))? {
        obj.call_method0(pyo3::intern!(py, "items"))?.try_iter()?
    } else {
        return Err(invalid_argument(
            py,
            format!(
                "headers must be a dict, a Mapping (e.g. request.headers) or a list of (name, value) pairs, not {}",
                type_name(obj)
            ),
        ));
    };
    let mut out = Vec::new();
    for item in items {
        let item = item?;
        let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract().map_err(|_| {
            invalid_argument(
                py,
                "headers given as a sequence must hold (name, value) pairs",
            )
        })?;
        let name = if let Ok(s) = k.cast::<PyString>() {
            s.to_cow()
                .map_err(|e| crate::errors::not_utf8(s.py(), e))?
                .into_owned()
        } else if let Ok(b) = k.cast::<PyBytes>() {
            String::from_utf8_lossy(b.as_bytes()).into_owned()
        } else {
            continue;
        };
        if let Ok(Some(value)) = value_bytes(&v) {
            out.push((name, value.into_backed()?));
        }
    }
    Ok(out)
}
