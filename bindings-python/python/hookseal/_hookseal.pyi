"""The native module (Rust, pyo3). Import ``hookseal`` instead."""

from datetime import datetime
from typing import Dict, Final, List, Optional, Union, final

from hookseal._types import Headers, Payload, Scheme, Secret
from hookseal.events import WebhookEvent

__all__ = ["DEFAULT_MAX_PAYLOAD_BYTES", "DEFAULT_TOLERANCE", "SCHEMES", "Webhook", "__version__", "http_status"]

__version__: Final[str]
DEFAULT_TOLERANCE: Final[int]
DEFAULT_MAX_PAYLOAD_BYTES: Final[int]
SCHEMES: Final[List[str]]

_Time = Union[int, float, datetime]

def http_status(code: str) -> int:
    """The HTTP status a receiver answers a refusal with (the core's table)."""

@final
class Webhook:
    """Verifies and signs webhooks for one scheme and one or more secrets."""

    def __new__(
        cls,
        scheme: Scheme,
        secret: Secret,
        *,
        tolerance: int = 300,
        strict: bool = False,
        max_payload_bytes: int = 10485760,
        replay_guard: bool = False,
    ) -> Webhook: ...
    def verify(self, payload: Payload, headers: Headers, *, now: Optional[_Time] = None) -> WebhookEvent:
        """Verifies the delivery and returns its parsed, validated event."""
    def verify_signature(self, payload: Payload, headers: Headers, *, now: Optional[_Time] = None) -> None:
        """Verifies the delivery's signature (and timestamp) only."""
    def sign(
        self, payload: Payload, *, timestamp: Optional[_Time] = None, id: Optional[str] = None
    ) -> Dict[str, str]:
        """The headers the provider would send with ``payload``."""
    @property
    def scheme(self) -> str:
        """The scheme's id (``"custom"`` for a custom scheme)."""
    @property
    def tolerance(self) -> int:
        """The timestamp tolerance in seconds (``0``: not checked)."""
    @property
    def strict(self) -> bool:
        """Whether event types missing from the provider's catalog are refused."""
    @property
    def max_payload_bytes(self) -> int:
        """The largest body accepted, in bytes (``0``: no limit)."""
