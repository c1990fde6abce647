//! Turns core errors and bad arguments into the Python classes of `hookseal._errors`.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

static VERIFICATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INVALID_ARGUMENT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `hookseal.WebhookVerificationError(code, message)`.
pub(crate) fn verification_error(py: Python<'_>, code: &str, message: &str) -> PyErr {
    match VERIFICATION_ERROR.import(py, "hookseal._errors", "WebhookVerificationError") {
        Ok(cls) => match cls.call1((code, message)) {
            Ok(exc) => PyErr::from_value(exc),
            Err(e) => e,
        },
        Err(e) => e,
    }
}

/// `hookseal.InvalidArgumentError(message)`: a `TypeError` with `code == "invalid_argument"`.
pub(crate) fn invalid_argument(py: Python<'_>, message: impl AsRef<str>) -> PyErr {
    match INVALID_ARGUMENT_ERROR.import(py, "hookseal._errors", "InvalidArgumentError") {
        Ok(cls) => match cls.call1((message.as_ref(),)) {
            Ok(exc) => PyErr::from_value(exc),
            Err(e) => e,
        },
        Err(e) => e,
    }
}

/// The Python exception for a core error.
pub(crate) fn from_core(py: Python<'_>, err: &hookseal::Error) -> PyErr {
    let message = err.to_string();
    if err.kind() == hookseal::ErrorCode::InvalidArgument {
        invalid_argument(py, message)
    } else {
        verification_error(py, err.code(), &message)
    }
}

/// A `str` with no UTF-8 form (a lone surrogate such as `"\ud800"`): CPython's
/// `UnicodeEncodeError` becomes `InvalidArgumentError`, as in the other
/// bindings. Any other error passes through unchanged.
pub(crate) fn not_utf8(py: Python<'_>, err: PyErr) -> PyErr {
    if err.is_instance_of::<pyo3::exceptions::PyUnicodeEncodeError>(py) {
        invalid_argument(
            py,
            "text with a lone surrogate has no UTF-8 form; pass valid Unicode text or bytes",
        )
    } else {
        err
    }
}
