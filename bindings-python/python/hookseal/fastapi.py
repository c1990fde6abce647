"""FastAPI and Starlette: an async dependency that reads the raw body once,
verifies it and gives the route the event.

    from fastapi import Depends, FastAPI
    from hookseal import Webhook, WebhookEvent
    from hookseal.fastapi import WebhookDependency

    stripe_events = WebhookDependency(Webhook("stripe", os.environ["STRIPE_WEBHOOK_SECRET"]))

    @app.post("/webhooks/stripe")
    async def on_stripe(event: WebhookEvent = Depends(stripe_events)):
        ...

Refusals raise ``HTTPException`` with ``detail={"error": code, "message": ...}``
(FastAPI answers ``{"detail": {...}}``): 401 bad signature or timestamp, 400
malformed input, 413 too large (from ``Content-Length`` before reading), 403
outside ``allow_ips``. For plain Starlette routes, ``webhook_endpoint``
answers with ``{"error": code, "message": ...}`` directly.

Bodies of 256 KiB and more are verified in a worker thread, so the event loop
keeps serving while they are hashed (the GIL is released for them).
"""

from __future__ import annotations

import functools
from typing import Any, Awaitable, Callable, Iterable, Optional, Union

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from hookseal._errors import WebhookVerificationError
from hookseal._hookseal import Webhook
from hookseal._http import IP_NOT_ALLOWED, IPAllowList, allow_list, error_body, make_webhook, refusal
from hookseal._types import Scheme, Secret
from hookseal.events import WebhookEvent

try:  # FastAPI renders its own HTTPException's dict detail as JSON.
    from fastapi import HTTPException
except ImportError:  # pragma: no cover - Starlette alone
    from starlette.exceptions import HTTPException  # type: ignore[assignment]

__all__ = ["IPAllowList", "WebhookDependency", "verify_request", "webhook_endpoint"]

THREAD_THRESHOLD = 256 * 1024


async def verify_request(
    webhook: Webhook,
    request: Request,
    *,
    signature_only: bool = False,
    allow_ips: Optional[IPAllowList] = None,
) -> Optional[WebhookEvent]:
    """Verifies a Starlette request; raises ``WebhookVerificationError``
    (``code="ip_not_allowed"`` for an address outside ``allow_ips``)."""
    if allow_ips is not None:
        host = request.client.host if request.client else None
        if host not in allow_ips:
            raise WebhookVerificationError(*IP_NOT_ALLOWED)
    limit = webhook.max_payload_bytes
    length = request.headers.get("content-length")
    if limit and length is not None and length.isdigit() and int(length) > limit:
        raise WebhookVerificationError(
            "payload_too_large", f"the body is {length} bytes, over the limit of {limit} bytes"
        )
    body = await request.body()
    headers = request.headers
    if signature_only:
        if len(body) >= THREAD_THRESHOLD:
            await anyio.to_thread.run_sync(functools.partial(webhook.verify_signature, body, headers))
        else:
            webhook.verify_signature(body, headers)
        return None
    if len(body) >= THREAD_THRESHOLD:
        return await anyio.to_thread.run_sync(functools.partial(webhook.verify, body, headers))
    return webhook.verify(body, headers)


def _status(exc: WebhookVerificationError) -> int:
    return 403 if exc.code == IP_NOT_ALLOWED[0] else refusal(exc)[0]


class WebhookDependency:
    """A FastAPI dependency (``Depends(WebhookDependency(webhook))``) that
    returns the verified event, or raises ``HTTPException``."""

    def __init__(
        self,
        webhook: Union[Webhook, Scheme],
        secret: Optional[Secret] = None,
        *,
        signature_only: bool = False,
        allow_ips: Union[IPAllowList, Iterable[str], None] = None,
    ) -> None:
        self.webhook = make_webhook(webhook, secret)
        self.signature_only = signature_only
        self.allow_ips = allow_list(allow_ips)

    async def __call__(self, request: Request) -> Optional[WebhookEvent]:
        try:
            return await verify_request(
                self.webhook, request, signature_only=self.signature_only, allow_ips=self.allow_ips
            )
        except WebhookVerificationError as exc:
            raise HTTPException(status_code=_status(exc), detail=error_body(exc.code, str(exc))) from None


def webhook_endpoint(
    webhook: Union[Webhook, Scheme],
    secret: Optional[Secret] = None,
    *,
    signature_only: bool = False,
    allow_ips: Union[IPAllowList, Iterable[str], None] = None,
) -> Callable[[Callable[..., Awaitable[Response]]], Callable[[Request], Awaitable[Response]]]:
    """Decorates a plain Starlette endpoint ``async def f(request, event)``;
    refusals are answered with JSON ``{"error": code, "message": ...}``."""
    wh = make_webhook(webhook, secret)
    allowed = allow_list(allow_ips)

    def decorate(endpoint: Callable[..., Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        @functools.wraps(endpoint)
        async def wrapper(request: Request) -> Response:
            try:
                event = await verify_request(wh, request, signature_only=signature_only, allow_ips=allowed)
            except WebhookVerificationError as exc:
                return JSONResponse(error_body(exc.code, str(exc)), status_code=_status(exc))
            if signature_only:
                return await endpoint(request)
            return await endpoint(request, event)

        return wrapper

    return decorate


