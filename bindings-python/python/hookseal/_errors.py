"""The exceptions hookseal raises (the native module raises these classes)."""

from __future__ import annotations

__all__ = ["WebhookVerificationError", "InvalidArgumentError"]


class WebhookVerificationError(ValueError):
    """A delivery was refused, or a ``Webhook`` could not be built from its secret.

    ``code`` is one of the error codes every hookseal binding shares
    (``"signature_mismatch"``, ``"missing_header"``, ``"timestamp_too_old"``, …);
    ``str(exc)`` is a message that says what to do.
    """

    code: str

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code

    def __reduce__(self) -> tuple[type[WebhookVerificationError], tuple[str, str]]:
        return (type(self), (self.code, str(self)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {str(self)!r})"


class InvalidArgumentError(TypeError, ValueError):
    """An argument hookseal cannot use: a parsed object instead of the raw body,
    a number as secret, an unknown scheme id, a bad custom-scheme description.

    It is a ``TypeError`` (and, for values of the right type that make no
    sense, also a ``ValueError``); ``code`` is always ``"invalid_argument"``.
    """

    code: str = "invalid_argument"

    def __init__(self, message: str) -> None:
        super().__init__(message)

    def __reduce__(self) -> tuple[type[InvalidArgumentError], tuple[str]]:
        return (type(self), (str(self),))
