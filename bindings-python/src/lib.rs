//! `hookseal._hookseal`: the native half of the Python package `hookseal`.
//!
//! Thin by design: arguments are converted, the core (`hookseal`) decides
//! everything, and its errors become `hookseal.WebhookVerificationError` /
//! `hookseal.InvalidArgumentError`. The pure-Python package (`python/hookseal`)
//! re-exports these names, adds framework helpers and the drop-in modules.

mod convert;
mod errors;
mod event;
mod fastcall;
mod headers;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use hookseal::{Options, Scheme};

use crate::headers::{HeaderKeys, PyHeaders};

/// Bodies at least this large are hashed with the GIL released, so threaded
/// servers keep serving; below it, releasing costs more than it gives.
const DETACH_THRESHOLD: usize = 64 * 1024;

/// Verifies and signs webhooks for one scheme and one or more secrets.
///
/// Build it once, at start-up, and reuse it: each secret's keyed HMAC state is
/// derived here, so a verification hashes only the message. Instances are
/// immutable and safe to share between threads.
///
/// ``scheme`` is a scheme id (``"stripe"``, ``"github"``, ``"standard"`` or
/// ``"svix"``, ``"slack"``, ``"shopify"``, ``"costkatana"``, ``"unicraft"``,
/// ``"dash"``, ``"smartaihub"``) or a dict describing a custom HMAC-SHA256
/// scheme (``signature_header``, ``prefix``, ``encoding``, ``id_header``,
/// ``timestamp_header``, ``template``). ``secret`` is a str or bytes, or a list
/// of them during a rotation (any one may match; ``sign`` uses the first).
///
/// ``tolerance`` is the allowed clock difference in seconds (``0`` switches the
/// timestamp check off), ``strict`` refuses event types missing from the
/// provider's catalog, ``max_payload_bytes`` refuses larger bodies (``0``: no limit).
/// ``replay_guard=True`` remembers accepted deliveries (10 000, for twice the
/// tolerance and at least 10 minutes) and refuses a second one with code
/// ``duplicate_event``; one ``Webhook`` guards every thread that shares it
/// (the memory is per process).
///
/// Raises ``WebhookVerificationError`` with code ``invalid_secret`` for an
/// empty or undecodable secret, and ``InvalidArgumentError`` (a ``TypeError``)
/// for arguments of the wrong type or a bad custom-scheme description.
#[pyclass(frozen, module = "hookseal._hookseal", name = "Webhook")]
struct Webhook {
    inner: hookseal::Webhook,
    keys: HeaderKeys,
}

#[pymethods]
impl Webhook {
    #[new]
    #[pyo3(
        signature = (scheme, secret, *, tolerance = None, strict = None, max_payload_bytes = None, replay_guard = None),
        text_signature = "(scheme, secret, *, tolerance=300, strict=False, max_payload_bytes=10485760, replay_guard=False)"
    )]
    fn new(
        py: Python<'_>,
        scheme: &Bound<'_, PyAny>,
        secret: &Bound<'_, PyAny>,
        tolerance: Option<&Bound<'_, PyAny>>,
        strict: Option<&Bound<'_, PyAny>>,
        max_payload_bytes: Option<&Bound<'_, PyAny>>,
        replay_guard: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let scheme = convert::scheme(scheme)?;
        let secrets = convert::secrets(secret)?;
        let strict = match strict {
            Some(s) => s.extract::<bool>().map_err(|_| {
                errors::invalid_argument(
                    py,
                    format!("strict must be a bool, not {}", headers::type_name(s)),
                )
            })?,
            None => false,
        };
        let tolerance = match tolerance {
            Some(t) => convert::non_negative(t, "tolerance")?,
            None => hookseal::DEFAULT_TOLERANCE,
        };
        let max_payload_bytes = match max_payload_bytes {
            Some(m) => usize::try_from(convert::non_negative(m, "max_payload_bytes")?)
                .map_err(|_| errors::invalid_argument(py, "max_payload_bytes is too large"))?,
            None => hookseal::DEFAULT_MAX_PAYLOAD_BYTES,
        };
        let replay_guard = match replay_guard {
            Some(r) => r.extract::<bool>().map_err(|_| {
                errors::invalid_argument(
                    py,
                    format!("replay_guard must be a bool, not {}", headers::type_name(r)),
                )
            })?,
            None => false,
        };
        let options = Options {
            tolerance,
            strict,
            max_payload_bytes,
        };
        let mut inner = hookseal::Webhook::with_options(scheme, &secrets, options)
            .map_err(|e| errors::from_core(py, &e))?;
        if replay_guard {
            inner = inner.with_default_replay_guard();
        }
        let keys = HeaderKeys::new(py, header_spellings(&inner).iter().map(String::as_str));
        Ok(Webhook { inner, keys })
    }

    /// Verifies the delivery and returns its event as a dict: ``provider``,
    /// ``id``, ``type``, ``timestamp`` (Unix seconds or None), ``data`` (the
    /// envelope's data object or None), ``payload`` (the whole parsed JSON) and
    /// ``in_catalog``.
    ///
    /// ``payload`` is the raw body exactly as received (bytes, bytearray,
    /// memoryview or str); ``headers`` a dict, any Mapping (``request.headers``)
    /// or a list of (name, value) pairs, matched case-insensitively. ``now``
    /// (Unix seconds or an aware datetime) replaces the clock.
    ///
    /// Raises ``WebhookVerificationError`` (``.code`` says why).
    #[pyo3(signature = (payload, headers, *, now = None))]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        payload: &Bound<'py, PyAny>,
        headers: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let body = convert::payload(payload)?;
        let now = convert::unix_seconds(now, "now")?;
        let result = if body.len() >= DETACH_THRESHOLD {
            let owned = headers::snapshot(headers)?;
            py.detach(|| self.inner.verify(&body, &owned, now))
        } else {
            let hs = PyHeaders::new(headers, &self.keys)?;
            let r = self.inner.verify(&body, &hs, now);
            if let Some(e) = hs.take_error() {
                return Err(e);
            }
            r
        };
        match result {
            Ok(ev) => event::to_python(py, &ev),
            Err(e) => Err(errors::from_core(py, &e)),
        }
    }

    /// Verifies the delivery's signature (and timestamp) and returns None: for
    /// non-JSON bodies, or when the body is parsed elsewhere. Same arguments
    /// and errors as ``verify``.
    #[pyo3(signature = (payload, headers, *, now = None))]
    fn verify_signature(
        &self,
        py: Python<'_>,
        payload: &Bound<'_, PyAny>,
        headers: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let body = convert::payload(payload)?;
        let now = convert::unix_seconds(now, "now")?;
        let result = if body.len() >= DETACH_THRESHOLD {
            let owned = headers::snapshot(headers)?;
            py.detach(|| self.inner.verify_signature(&body, &owned, now))
        } else {
            let hs = PyHeaders::new(headers, &self.keys)?;
            let r = self.inner.verify_signature(&body, &hs, now);
            if let Some(e) = hs.take_error() {
                return Err(e);
            }
            r
        };
        result.map_err(|e| errors::from_core(py, &e))
    }

    /// The headers the provider would send with ``payload``, signed with the
    /// first secret, as a dict in the provider's spelling and order.
    ///
    /// ``timestamp`` (Unix seconds or an aware datetime) defaults to now, ``id``
    /// (used by Standard Webhooks and custom schemes with an id header) to a
    /// random ``msg_…``.
    #[pyo3(signature = (payload, *, timestamp = None, id = None))]
    fn sign<'py>(
        &self,
        py: Python<'py>,
        payload: &Bound<'py, PyAny>,
        timestamp: Option<&Bound<'py, PyAny>>,
        id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let body = convert::payload(payload)?;
        let timestamp = match convert::unix_seconds(timestamp, "timestamp")? {
            Some(t) => t,
            None => now_seconds(),
        };
        let id: String = match id {
            Some(i) if !i.is_none() => i
                .cast::<PyString>()
                .map_err(|_| errors::invalid_argument(py, "id must be a str"))?
                .to_cow()
                .map_err(|e| errors::not_utf8(py, e))?
                .into_owned(),
            _ => random_id(py)?,
        };
        let pairs = if body.len() >= DETACH_THRESHOLD {
            py.detach(|| self.inner.sign(&body, Some(timestamp), Some(&id)))
        } else {
            self.inner.sign(&body, Some(timestamp), Some(&id))
        }
        .map_err(|e| errors::from_core(py, &e))?;
        let out = PyDict::new(py);
        for (k, v) in pairs {
            out.set_item(k, v)?;
        }
        Ok(out)
    }

    /// The scheme's id (``"custom"`` for a custom scheme).
    #[getter]
    fn scheme(&self) -> &'static str {
        self.inner.scheme().id()
    }

    /// The timestamp tolerance in seconds (``0``: not checked).
    #[getter]
    fn tolerance(&self) -> u64 {
        self.inner.options().tolerance
    }

    /// Whether event types missing from the provider's catalog are refused.
    #[getter]
    fn strict(&self) -> bool {
        self.inner.options().strict
    }

    /// The largest body accepted, in bytes (``0``: no limit).
    #[getter]
    fn max_payload_bytes(&self) -> usize {
        self.inner.options().max_payload_bytes
    }

    fn __repr__(&self) -> String {
        let o = self.inner.options();
        format!(
            "Webhook({:?}, <secret>, tolerance={}, strict={}, max_payload_bytes={})",
            self.inner.scheme().id(),
            o.tolerance,
            if o.strict { "True" } else { "False" },
            o.max_payload_bytes
        )
    }
}

/// The header names this verifier looks up, in the provider's spelling: the
/// names `sign` writes (signed with a throwaway key of the same scheme), plus
/// Standard Webhooks' `svix-` aliases.
fn header_spellings(wh: &hookseal::Webhook) -> Vec<String> {
    let scheme = wh.scheme().clone();
    let throwaway: &[u8] = if *wh.scheme() == Scheme::Standard {
        b"whsec_eA=="
    } else {
        b"x"
    };
    let mut names: Vec<String> = hookseal::Webhook::new(scheme, &[throwaway])
        .and_then(|w| w.sign(b"", Some(0), Some("x")))
        .map(|pairs| pairs.into_iter().map(|(k, _)| k).collect())
        .unwrap_or_default();
    if *wh.scheme() == Scheme::Standard {
        names.extend(["svix-id", "svix-timestamp", "svix-signature"].map(String::from));
    }
    names
}

fn now_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `msg_` and 24 random hex digits (Python's `secrets`: the core has no random source).
fn random_id(py: Python<'_>) -> PyResult<String> {
    let token: String = py
        .import("secrets")?
        .call_method1("token_hex", (12,))?
        .extract()?;
    Ok(format!("msg_{token}"))
}

/// The HTTP status a receiver answers a refusal with (the core's table, the
/// same in every binding): 401 untrusted, 400 malformed, 409 replay, 413 too
/// large, 500 misconfigured; 400 for a code hookseal does not know.
#[pyfunction]
fn http_status(code: &str) -> u16 {
    hookseal::ErrorCode::from_code(code).map_or(400, hookseal::ErrorCode::http_status)
}

/// The native module. Import `hookseal` instead.
#[pymodule]
fn _hookseal(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Webhook>()?;
    fastcall::install(&m.py().get_type::<Webhook>())?;
    m.add_function(wrap_pyfunction!(http_status, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_TOLERANCE", hookseal::DEFAULT_TOLERANCE)?;
    m.add(
        "DEFAULT_MAX_PAYLOAD_BYTES",
        hookseal::DEFAULT_MAX_PAYLOAD_BYTES,
    )?;
    m.add(
        "SCHEMES",
        Scheme::BUILT_IN.iter().map(Scheme::id).collect::<Vec<_>>(),
    )?;
    Ok(())
}
