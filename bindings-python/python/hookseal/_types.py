"""Argument types shared by the native stub and the helpers."""

from __future__ import annotations

from typing import Any, Iterable, List, Literal, Mapping, Sequence, Tuple, TypedDict, Union

__all__ = ["CustomScheme", "ErrorCode", "Headers", "Payload", "Scheme", "Secret"]


class CustomScheme(TypedDict, total=False):
    """A provider that signs with HMAC-SHA256 but has no built-in scheme.

    Only ``signature_header`` is required. ``template`` is the signed content:
    ``{id}``, ``{timestamp}`` and ``{body}`` are replaced, other text is literal
    (default ``"{body}"``). With ``timestamp_header`` the timestamp is checked
    against the tolerance.
    """

    signature_header: str
    prefix: str
    encoding: Literal["hex", "base64"]
    id_header: str
    timestamp_header: str
    template: str


Scheme = Union[str, CustomScheme, Mapping[str, Any]]
"""A scheme id (``"stripe"``, ``"github"``, …) or a custom-scheme description."""

Secret = Union[str, bytes, bytearray, Sequence[Union[str, bytes, bytearray]]]
"""One secret, or several during a rotation (any may match; ``sign`` uses the first)."""

Payload = Union[bytes, bytearray, memoryview, str]
"""The raw request body, exactly as received."""

Headers = Union[
    Mapping[str, Any],
    Mapping[bytes, Any],
    Iterable[Tuple[str, str]],
    Iterable[Tuple[bytes, bytes]],
    List[Tuple[str, str]],
]
"""A dict, any Mapping (Werkzeug, Starlette, Django headers) or (name, value) pairs."""

ErrorCode = Literal[
    "missing_header",
    "invalid_header",
    "timestamp_too_old",
    "timestamp_too_new",
    "signature_mismatch",
    "unsupported_signature",
    "invalid_secret",
    "invalid_payload",
    "unknown_event_type",
    "payload_too_large",
    "duplicate_event",
    "invalid_argument",
]
"""The error codes every hookseal binding shares."""
