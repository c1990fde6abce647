"""The framework helpers against real servers on loopback (Flask under
Werkzeug's server, FastAPI under uvicorn) and Django's test client."""

from __future__ import annotations

import json
import socket
import threading
import time
from typing import Any, Dict, Iterator, Tuple

import pytest
import requests
from fastapi import Depends
from starlette.requests import Request
from starlette.responses import Response

from hookseal import Webhook, WebhookEvent

SECRET = "s3cr3t-webhook-key"
BODY = b'{"id":"evt_1","type":"invoice.paid","created":1700000000,"data":{"object":{"id":"in_1"}}}'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_listening(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def deliveries(wh: Webhook) -> Dict[str, Tuple[bytes, Dict[str, str], int, str]]:
    """name → (body, headers, expected status, expected error code or "")."""
    good = wh.sign(BODY)
    now = int(time.time())
    return {
        "valid": (BODY, good, 200, ""),
        "forged": (BODY.replace(b"in_1", b"in_2"), good, 401, "signature_mismatch"),
        "stale": (BODY, wh.sign(BODY, timestamp=now - 3600), 401, "timestamp_too_old"),
        "missing": (BODY, {}, 400, "missing_header"),
        "malformed": (BODY, {"Stripe-Signature": "t=abc,v1=00"}, 400, "invalid_header"),
        "not json": (b"hello", wh.sign(b"hello"), 400, "invalid_payload"),
        "too large": (b"x" * 5000, wh.sign(b"x" * 5000), 413, "payload_too_large"),
    }


def check(url: str, wh: Webhook, detail: bool = False) -> None:
    for name, (body, headers, status, code) in deliveries(wh).items():
        r = requests.post(url, data=body, headers={**headers, "Content-Type": "application/json"}, timeout=10)
        assert r.status_code == status, (name, r.status_code, r.text)
        doc = r.json()
        if status == 200:
            assert doc == {"type": "invoice.paid", "id": "evt_1"}, name
        else:
            err = doc["detail"] if detail else doc
            assert err["error"] == code and err["message"], (name, doc)


@pytest.fixture(scope="module")
def stripe_webhook() -> Webhook:
    return Webhook("stripe", SECRET, max_payload_bytes=4096)


@pytest.fixture(scope="module")
def flask_server(stripe_webhook: Webhook) -> Iterator[str]:
    from flask import Flask
    from werkzeug.serving import make_server

    from hookseal.flask import register_error_handler, verify_webhook

    app = Flask("hookseal-test")
    register_error_handler(app)

    @app.post("/stripe")
    @verify_webhook(stripe_webhook)
    def stripe_view(event: Dict[str, Any]) -> Any:
        return {"type": event["type"], "id": event["id"]}

    @app.post("/tenant/<name>/stripe")
    @verify_webhook(stripe_webhook)
    def tenant_view(event: Dict[str, Any], name: str) -> Any:
        return {"tenant": name, "type": event["type"]}

    @app.post("/raw")
    @verify_webhook("github", SECRET, signature_only=True)
    def raw_view() -> Any:
        return {"ok": True}

    @app.post("/private")
    @verify_webhook(stripe_webhook, allow_ips=["10.0.0.0/8"])
    def private_view(event: Dict[str, Any]) -> Any:
        return {"ok": True}

    @app.post("/manual")
    def manual_view() -> Any:
        from flask import request

        event = stripe_webhook.verify(request.get_data(), request.headers)
        return {"type": event["type"], "id": event["id"]}

    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    wait_listening(port)
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(5)


def test_flask(flask_server: str, stripe_webhook: Webhook) -> None:
    check(flask_server + "/stripe", stripe_webhook)
    check(flask_server + "/manual", stripe_webhook)
    r = requests.post(flask_server + "/tenant/acme/stripe", data=BODY, headers=stripe_webhook.sign(BODY), timeout=10)
    assert r.json() == {"tenant": "acme", "type": "invoice.paid"}
    gh = Webhook("github", SECRET)
    assert requests.post(flask_server + "/raw", data=b"\xff not json", headers=gh.sign(b"\xff not json"), timeout=10).json() == {"ok": True}
    r = requests.post(flask_server + "/private", data=BODY, headers=stripe_webhook.sign(BODY), timeout=10)
    assert r.status_code == 403 and r.json()["error"] == "ip_not_allowed"


@pytest.fixture(scope="module")
def fastapi_server(stripe_webhook: Webhook) -> Iterator[str]:
    import uvicorn
    from fastapi import FastAPI
    from starlette.responses import JSONResponse

    from hookseal.fastapi import WebhookDependency, webhook_endpoint

    app = FastAPI()
    stripe_events = WebhookDependency(stripe_webhook)

    @app.post("/stripe")
    async def stripe_route(request: Request, event: WebhookEvent = Depends(stripe_events)) -> Dict[str, Any]:
        assert await request.body() == BODY  # the body is still readable after the dependency
        return {"type": event["type"], "id": event["id"]}

    @app.post("/private")
    async def private_route(event: WebhookEvent = Depends(WebhookDependency(stripe_webhook, allow_ips=["192.0.2.0/24"]))) -> Dict[str, Any]:
        return {"ok": True}

    @webhook_endpoint(stripe_webhook)
    async def plain(request: Request, event: WebhookEvent) -> Response:
        return JSONResponse({"type": event["type"], "id": event["id"]})

    app.add_route("/plain", plain, methods=["POST"])

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_listening(port)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def test_fastapi(fastapi_server: str, stripe_webhook: Webhook) -> None:
    check(fastapi_server + "/stripe", stripe_webhook, detail=True)
    check(fastapi_server + "/plain", stripe_webhook)
    r = requests.post(fastapi_server + "/private", data=BODY, headers=stripe_webhook.sign(BODY), timeout=10)
    assert r.status_code == 403 and r.json()["detail"]["error"] == "ip_not_allowed"


def test_fastapi_large_body_in_thread(fastapi_server: str) -> None:
    big = json.dumps({"id": "evt_big", "type": "x", "created": 1, "data": {"object": {"pad": "y" * 600_000}}}).encode()
    wh = Webhook("stripe", SECRET, max_payload_bytes=4096)
    r = requests.post(fastapi_server + "/stripe", data=big, headers=wh.sign(big), timeout=10)
    assert r.status_code == 413  # refused from Content-Length before reading


def test_django() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, SECRET_KEY="test",
            MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
        )
        django.setup()
    from django.test import Client

    wh = Webhook("stripe", SECRET, max_payload_bytes=4096)
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="127.0.0.1")
    for name, (body, headers, status, code) in deliveries(wh).items():
        extra = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()}
        r = client.post("/stripe", data=body, content_type="application/json", **extra)
        assert r.status_code == status, (name, r.status_code, r.content)
        doc = json.loads(r.content)
        if status == 200:
            assert doc == {"type": "invoice.paid", "id": "evt_1"}
        else:
            assert doc["error"] == code, (name, doc)
    assert client.get("/stripe").status_code == 405
    extra = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in wh.sign(BODY).items()}
    r = client.post("/private", data=BODY, content_type="application/json", **extra)
    assert r.status_code == 403


def _django_urls() -> Any:
    from django.http import HttpRequest, JsonResponse
    from django.urls import path

    from hookseal.django import verify_webhook

    wh = Webhook("stripe", SECRET, max_payload_bytes=4096)

    @verify_webhook(wh)
    def stripe_view(request: HttpRequest, event: Dict[str, Any]) -> JsonResponse:
        assert request.webhook_event is event  # type: ignore[attr-defined]
        return JsonResponse({"type": event["type"], "id": event["id"]})

    @verify_webhook(wh, allow_ips=["10.1.2.3"])
    def private_view(request: HttpRequest, event: Dict[str, Any]) -> JsonResponse:
        return JsonResponse({"ok": True})

    return [path("stripe", stripe_view), path("private", private_view)]


def __getattr__(name: str) -> Any:
    # Django imports ROOT_URLCONF lazily, after settings are configured.
    if name == "urlpatterns":
        return _django_urls()
    raise AttributeError(name)
