"""hookseal: verify and sign webhooks, with a Rust core.

    from hookseal import Webhook, WebhookVerificationError

    wh = Webhook("stripe", os.environ["STRIPE_WEBHOOK_SECRET"])   # once, at start-up

    try:
        event = wh.verify(request.get_data(), request.headers)    # the raw body, the headers
    except WebhookVerificationError as e:
        abort(401 if e.code in ("signature_mismatch", "timestamp_too_old") else 400)
    event["type"], event["data"]

Schemes: ``costkatana``, ``unicraft``, ``dash``, ``smartaihub``, ``standard``
(alias ``svix``), ``stripe``, ``github``, ``slack``, ``shopify``, or a dict
describing a custom HMAC-SHA256 scheme. Error codes (``exc.code``):
``missing_header``, ``invalid_header``, ``timestamp_too_old``,
``timestamp_too_new``, ``signature_mismatch``, ``unsupported_signature``,
``invalid_secret``, ``invalid_payload``, ``unknown_event_type``,
``payload_too_large``, ``duplicate_event``; wrong argument types raise
``InvalidArgumentError`` (a ``TypeError``, ``code == "invalid_argument"``).

Framework helpers: :mod:`hookseal.flask`, :mod:`hookseal.fastapi` (any
Starlette app), :mod:`hookseal.django`. Moving from the ``standardwebhooks``
package: import :mod:`hookseal.standardwebhooks` instead.
"""

from hookseal._errors import InvalidArgumentError, WebhookVerificationError
from hookseal._hookseal import (
    DEFAULT_MAX_PAYLOAD_BYTES,
    DEFAULT_TOLERANCE,
    SCHEMES,
    Webhook,
    __version__,
)
from hookseal._types import CustomScheme, ErrorCode, Headers, Payload, Scheme, Secret
from hookseal.events import WebhookEvent

__all__ = [
    "DEFAULT_MAX_PAYLOAD_BYTES",
    "DEFAULT_TOLERANCE",
    "SCHEMES",
    "CustomScheme",
    "ErrorCode",
    "Headers",
    "InvalidArgumentError",
    "Payload",
    "Scheme",
    "Secret",
    "Webhook",
    "WebhookEvent",
    "WebhookVerificationError",
    "__version__",
]
