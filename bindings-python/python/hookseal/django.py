"""Django: a view decorator that verifies the delivery and hands the view its event.

    from hookseal import Webhook
    from hookseal.django import verify_webhook

    shopify = Webhook("shopify", settings.SHOPIFY_WEBHOOK_SECRET)

    @verify_webhook(shopify)
    def on_shopify(request, event):
        ...
        return JsonResponse({"ok": True})

The view is exempt from CSRF (a sender cannot have the token). The raw body
is ``request.body``, the headers ``request.headers``. Refusals are answered
with JSON ``{"error": code, "message": ...}``: 401 bad signature or timestamp,
400 malformed input, 413 too large (from ``Content-Length`` before reading),
403 outside ``allow_ips``, 405 for methods other than POST. The event is also
in ``request.webhook_event``.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Iterable, Optional, TypeVar, Union

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from hookseal._errors import WebhookVerificationError
from hookseal._hookseal import Webhook
from hookseal._http import IP_NOT_ALLOWED, IPAllowList, allow_list, error_body, make_webhook, refusal
from hookseal._types import Scheme, Secret

__all__ = ["IPAllowList", "verify_webhook"]

F = TypeVar("F", bound=Callable[..., HttpResponse])


def verify_webhook(
    webhook: Union[Webhook, Scheme],
    secret: Optional[Secret] = None,
    *,
    signature_only: bool = False,
    allow_ips: Union[IPAllowList, Iterable[str], None] = None,
    methods: Iterable[str] = ("POST",),
) -> Callable[[F], F]:
    """Decorates a Django view: verifies the request, then calls
    ``view(request, event, *args, **kwargs)`` (without ``event`` when
    ``signature_only``). ``webhook`` is a ``Webhook`` or a scheme with ``secret``."""
    wh = make_webhook(webhook, secret)
    allowed = allow_list(allow_ips)
    accepted = {m.upper() for m in methods}

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in accepted:
                response = JsonResponse(error_body("method_not_allowed", "webhooks are POSTed"), status=405)
                response["Allow"] = ", ".join(sorted(accepted))
                return response
            if allowed is not None and request.META.get("REMOTE_ADDR") not in allowed:
                return JsonResponse(error_body(*IP_NOT_ALLOWED), status=403)
            limit = wh.max_payload_bytes
            length = request.META.get("CONTENT_LENGTH") or ""
            if limit and length.isdigit() and int(length) > limit:
                exc = WebhookVerificationError(
                    "payload_too_large", f"the body is {length} bytes, over the limit of {limit} bytes"
                )
                status, body = refusal(exc)
                return JsonResponse(body, status=status)
            try:
                raw = request.body
            except RequestDataTooBig as exc:
                return JsonResponse(error_body("payload_too_large", str(exc)), status=413)
            try:
                if signature_only:
                    wh.verify_signature(raw, request.headers)
                    return view(request, *args, **kwargs)
                event = wh.verify(raw, request.headers)
            except WebhookVerificationError as exc:
                status, body = refusal(exc)
                return JsonResponse(body, status=status)
            request.webhook_event = event
            return view(request, event, *args, **kwargs)

        exempt: F = csrf_exempt(wrapper)
        return exempt

    return decorate
