"""Flask: a view decorator that verifies the delivery and hands the view its event.

    from hookseal import Webhook
    from hookseal.flask import verify_webhook

    github = Webhook("github", os.environ["GITHUB_WEBHOOK_SECRET"])

    @app.post("/webhooks/github")
    @verify_webhook(github)
    def on_github(event):
        ...                                  # event["type"], event["payload"]
        return {"ok": True}

The raw body comes from ``request.get_data()``. Refusals are answered with
JSON ``{"error": code, "message": ...}``: 401 for a bad signature or timestamp,
400 for malformed input, 413 for a body over ``max_payload_bytes`` (refused
from ``Content-Length`` before it is read), 403 for an address outside
``allow_ips``. The event is also in ``flask.g.webhook_event``.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Iterable, Optional, TypeVar, Union

from flask import Flask, Response, g, jsonify, request

from hookseal._errors import WebhookVerificationError
from hookseal._hookseal import Webhook
from hookseal._http import IP_NOT_ALLOWED, IPAllowList, allow_list, error_body, make_webhook, refusal
from hookseal._types import Scheme, Secret

__all__ = ["IPAllowList", "register_error_handler", "verify_webhook"]

F = TypeVar("F", bound=Callable[..., Any])


def _refuse(status: int, body: Any) -> Response:
    response = jsonify(body)
    response.status_code = status
    return response


def verify_webhook(
    webhook: Union[Webhook, Scheme],
    secret: Optional[Secret] = None,
    *,
    signature_only: bool = False,
    allow_ips: Union[IPAllowList, Iterable[str], None] = None,
) -> Callable[[F], F]:
    """Decorates a Flask view: verifies the request, then calls
    ``view(event, **url_args)`` (``view(**url_args)`` with ``signature_only``,
    for non-JSON bodies). ``webhook`` is a ``Webhook`` or a scheme with ``secret``.
    """
    wh = make_webhook(webhook, secret)
    allowed = allow_list(allow_ips)

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if allowed is not None and request.remote_addr not in allowed:
                return _refuse(403, error_body(*IP_NOT_ALLOWED))
            limit = wh.max_payload_bytes
            if limit and request.content_length is not None and request.content_length > limit:
                exc = WebhookVerificationError(
                    "payload_too_large",
                    f"the body is {request.content_length} bytes, over the limit of {limit} bytes",
                )
                return _refuse(*refusal(exc))
            body = request.get_data(cache=True)
            try:
                if signature_only:
                    wh.verify_signature(body, request.headers)
                    return view(*args, **kwargs)
                event = wh.verify(body, request.headers)
            except WebhookVerificationError as exc:
                return _refuse(*refusal(exc))
            g.webhook_event = event
            return view(event, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def register_error_handler(app: Flask) -> None:
    """Answers any ``WebhookVerificationError`` a view lets through with the
    same JSON refusal as ``verify_webhook``, for views that call
    ``Webhook.verify`` themselves."""

    def handle(exc: WebhookVerificationError) -> Response:
        return _refuse(*refusal(exc))

    app.register_error_handler(WebhookVerificationError, handle)
