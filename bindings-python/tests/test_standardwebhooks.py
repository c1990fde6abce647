"""hookseal.standardwebhooks against the real standardwebhooks package: same
answers, same exception classes and messages, for the same calls."""

from __future__ import annotations

import base64
import inspect
import json
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict

import pytest
import standardwebhooks as original

import hookseal
from hookseal import standardwebhooks as dropin

SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
BODY = '{"type":"user.created","data":{"id":"u_1","name":"Zoë"}}'


def test_same_public_api() -> None:
    assert set(original.__all__) <= set(dropin.__all__)
    for name in ("__init__", "verify", "sign"):
        a = inspect.signature(getattr(original.Webhook, name))
        b = inspect.signature(getattr(dropin.Webhook, name))
        assert list(a.parameters) == list(b.parameters), name
        assert [p.kind for p in a.parameters.values()] == [p.kind for p in b.parameters.values()], name
    assert issubclass(dropin.WebhookVerificationError, Exception)
    assert issubclass(dropin.WebhookVerificationError, hookseal.WebhookVerificationError)


def outcome(call: Callable[[], Any]) -> Any:
    try:
        return ("ok", call())
    except Exception as exc:  # the class name and message are part of the API
        return (type(exc).__name__, str(exc))


def header_variants(now: datetime) -> Dict[str, Any]:
    sig = original.Webhook(SECRET).sign("msg_1", now, BODY)
    ts = str(int(now.timestamp()))
    good = {"webhook-id": "msg_1", "webhook-timestamp": ts, "webhook-signature": sig}
    return {
        "good": good,
        "upper-case names": {k.upper(): v for k, v in good.items()},
        "several signatures": {**good, "webhook-signature": "v1,Zm9v " + sig},
        "v2 only": {**good, "webhook-signature": "v2," + sig[3:]},
        "wrong signature": {**good, "webhook-signature": "v1," + base64.b64encode(b"x" * 32).decode()},
        "wrong id": {**good, "webhook-id": "msg_2"},
        "no id": {k: v for k, v in good.items() if k != "webhook-id"},
        "no signature": {k: v for k, v in good.items() if k != "webhook-signature"},
        "empty timestamp": {**good, "webhook-timestamp": ""},
        "text timestamp": {**good, "webhook-timestamp": "yesterday"},
        "old": {**good, "webhook-timestamp": str(int(now.timestamp()) - 301)},
        "future": {**good, "webhook-timestamp": str(int(now.timestamp()) + 301)},
    }


@pytest.mark.parametrize("secret", [SECRET, SECRET[len("whsec_"):], b"raw-key-bytes", SECRET.rstrip("=")])
@pytest.mark.parametrize("json_parse", [True, False])
def test_same_answers(secret: Any, json_parse: bool) -> None:
    now = datetime.now(timezone.utc)
    if isinstance(secret, bytes):
        sig = original.Webhook(secret).sign("msg_1", now, BODY)
        variants = {"good": {"webhook-id": "msg_1", "webhook-timestamp": str(int(now.timestamp())), "webhook-signature": sig}}
    else:
        variants = header_variants(now)
    a, b = original.Webhook(secret), dropin.Webhook(secret)
    for name, headers in variants.items():
        for body in (BODY, BODY.encode()):
            want = outcome(lambda: a.verify(body, headers, json_parse=json_parse))
            got = outcome(lambda: b.verify(body, headers, json_parse=json_parse))
            assert got == want, (name, got, want)


def test_sign_is_identical() -> None:
    a, b = original.Webhook(SECRET), dropin.Webhook(SECRET)
    for ts in (datetime(2024, 1, 2, 3, 4, 5, 600000, tzinfo=timezone.utc), datetime(2024, 1, 2, 3, 4, 5),
               datetime.now(timezone(timedelta(hours=2)))):
        assert b.sign("msg_x", ts, BODY) == a.sign("msg_x", ts, BODY)


def test_secrets_like_the_original() -> None:
    for secret in ("", "whsec_"):
        assert outcome(lambda: dropin.Webhook(secret)) == outcome(lambda: original.Webhook(secret))
    assert type(outcome(lambda: dropin.Webhook(b""))[0]) is str
    with pytest.raises(dropin.EmptyWebhookSecretError):
        dropin.Webhook(b"")


def test_svix_headers_accepted_too() -> None:
    now = datetime.now(timezone.utc)
    headers = {k.replace("webhook-", "svix-"): v for k, v in header_variants(now)["good"].items()}
    assert dropin.Webhook(SECRET).verify(BODY, headers) == json.loads(BODY)
    with pytest.raises(dropin.WebhookVerificationError) as info:
        dropin.Webhook(SECRET).verify(BODY, {**headers, "svix-id": "other"})
    assert info.value.code == "signature_mismatch" and str(info.value) == "No matching signature found"


def test_round_trip_with_time() -> None:
    wh = dropin.Webhook(SECRET)
    now = datetime.now(timezone.utc)
    sig = wh.sign("msg_9", now, BODY)
    headers = {"webhook-id": "msg_9", "webhook-timestamp": str(int(time.time())), "webhook-signature": sig}
    assert original.Webhook(SECRET).verify(BODY, headers) == wh.verify(BODY, headers)
