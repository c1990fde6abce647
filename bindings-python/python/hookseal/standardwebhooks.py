"""A drop-in for the ``standardwebhooks`` package: change only the import.

    from hookseal.standardwebhooks import Webhook, WebhookVerificationError

    wh = Webhook(os.environ["WEBHOOK_SECRET"])          # "whsec_…" or base64; bytes = the raw key
    payload = wh.verify(body, headers)                  # the parsed JSON
    signature = wh.sign(msg_id, datetime.now(timezone.utc), body)   # "v1,<base64>"

Same names, arguments, return values, exception classes and messages as
``standardwebhooks`` 1.x, verified by hookseal's core. Differences, all of
them stricter or wider in the safe direction:

* ``svix-id`` / ``svix-timestamp`` / ``svix-signature`` headers are accepted
  as well as the ``webhook-*`` ones (Svix-era senders keep working).
* The timestamp must be plain decimal Unix seconds (``1.7e9`` or ``"  12"``
  are refused with "Invalid Signature Headers").
* A malformed signature header raises ``WebhookVerificationError`` (a
  ``ValueError``) instead of a bare ``ValueError`` / ``binascii.Error``.
* ``WebhookVerificationError`` also carries hookseal's ``code``.
"""

from __future__ import annotations

import base64
import json
import typing as t
from datetime import datetime, timezone
from math import floor

from hookseal import _errors
from hookseal._hookseal import Webhook as _Webhook

__all__ = ["EmptyWebhookSecretError", "Webhook", "WebhookVerificationError"]

_MESSAGES = {
    "missing_header": "Missing required headers",
    "invalid_header": "Invalid Signature Headers",
    "timestamp_too_old": "Message timestamp too old",
    "timestamp_too_new": "Message timestamp too new",
    "signature_mismatch": "No matching signature found",
    "unsupported_signature": "No matching signature found",
}


class WebhookVerificationError(_errors.WebhookVerificationError):
    """Raised by ``verify``; the message is ``standardwebhooks``' own."""

    def __init__(self, message: str = "", code: str = "signature_mismatch") -> None:
        super().__init__(code, message)

    def __reduce__(self) -> t.Tuple[t.Any, t.Tuple[str, str]]:
        return (type(self), (str(self), self.code))


class EmptyWebhookSecretError(Exception):
    """Raised by ``Webhook()`` for an empty secret."""


class Webhook:
    """Standard Webhooks verifier and signer with ``standardwebhooks``' API."""

    _SECRET_PREFIX: str = "whsec_"
    _whsecret: bytes

    def __init__(self, whsecret: t.Union[str, bytes]):
        # Decoded exactly as standardwebhooks does, so every secret it accepts works.
        if isinstance(whsecret, str):
            if whsecret.startswith(self._SECRET_PREFIX):
                whsecret = whsecret[len(self._SECRET_PREFIX) :]
            whsecret = base64.b64decode(whsecret + "==")

        if not whsecret:
            raise EmptyWebhookSecretError("webhook secret may not be empty")

        if isinstance(whsecret, bytes):
            self._whsecret = whsecret
        else:
            raise RuntimeError("Invalid webhook secret")
        # The core takes Standard Webhooks keys as whsec_ + base64 of the raw key.
        self._webhook = _Webhook(
            "standard", "whsec_" + base64.b64encode(whsecret).decode("ascii"), max_payload_bytes=0
        )

    def verify(
        self,
        data: t.Union[bytes, str],
        headers: t.Dict[str, str],
        *,
        json_parse: bool = True,
    ) -> t.Any:
        """
        Verify the given webhook headers against the body bytes (data).

        Args:
            json_parse (bool): Whether to deserialize the data to (default: True)

        Returns:
            After successful verification: if json_parse is True, returns the
            JSON-parsed input data; if it json_parse False, returns None.

        Raises:
            WebhookVerificationError if one of the required headers is missing,
            invalid, too old or too new; or no matching signature is found.
        """
        try:
            self._webhook.verify_signature(data, headers)
        except _errors.WebhookVerificationError as exc:
            raise WebhookVerificationError(_MESSAGES.get(exc.code, str(exc)), exc.code) from None
        if json_parse:
            return json.loads(data)
        return None

    def sign(self, msg_id: str, timestamp: datetime, data: str) -> str:
        """The ``v1,<base64>`` signature of ``data`` for ``msg_id`` at ``timestamp``."""
        timestamp_str = str(floor(timestamp.replace(tzinfo=timezone.utc).timestamp()))
        headers = self._webhook.sign(data, timestamp=int(timestamp_str), id=msg_id)
        return headers["webhook-signature"]
