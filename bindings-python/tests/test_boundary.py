"""Issue 9, "no panic crosses a boundary": hostile arguments through the pyo3
binding. Every call returns what the contract says or raises one of hookseal's
errors with a PRODUCT.md code (never a PanicException, never success for a
refused input, never a crash of the interpreter)."""
from __future__ import annotations

import base64
from typing import Any, Callable

import pytest

from hookseal import InvalidArgumentError, Webhook, WebhookVerificationError
from hookseal._http import status_for

STD = "whsec_" + base64.b64encode(b"boundary-test-key-of-32-bytes!!!").decode()
NOW = 1700000000
CODES = {"missing_header", "invalid_header", "timestamp_too_old", "timestamp_too_new", "signature_mismatch",
         "unsupported_signature", "invalid_secret", "invalid_payload", "unknown_event_type", "payload_too_large",
         "duplicate_event", "invalid_argument"}


def outcome(fn: Callable[[], Any]) -> str:
    try:
        fn()
    except (WebhookVerificationError, InvalidArgumentError) as exc:
        assert exc.code in CODES, exc
        return str(exc.code)
    except TypeError as exc:  # argument types pyo3 refuses before hookseal runs
        return "type_error:" + str(exc)[:40]
    except UnicodeEncodeError:  # a lone surrogate: see test_lone_surrogates_*
        return "unicode_encode_error"
    return "ok"


SURROGATE = "\ud800"


@pytest.mark.parametrize("msg_id", [" msg_1", "msg_1\t", "msg 1", "msg_1\r\n", "a\r\nX-Evil: 1", "msg_\0", "msg_\x7f",
                                    "msg_é", "\U0001F600"])
def test_sign_refuses_ids(msg_id: str) -> None:
    wh = Webhook("standard", STD)
    assert outcome(lambda: wh.sign(b"{}", timestamp=NOW, id=msg_id)) == "invalid_argument"


@pytest.mark.parametrize("ts", [2**63, 2**64 - 1, 2**64, 2**200, -1, float("nan"), float("inf")])
def test_sign_refuses_timestamps(ts: Any) -> None:
    wh = Webhook("stripe", "s")
    got = outcome(lambda: wh.sign(b"{}", timestamp=ts))
    assert got != "ok", ts
    if isinstance(ts, int) and ts >= 0:
        assert got == "invalid_argument", got


def test_sign_at_the_largest_timestamp() -> None:
    wh = Webhook("stripe", "s", tolerance=0)
    headers = wh.sign(b"{}", timestamp=2**63 - 1)
    wh.verify_signature(b"{}", headers, now=NOW)


@pytest.mark.parametrize("scheme", [
    {"signature_header": "X-Sig", "prefix": " sha256="},
    {"signature_header": "X-Sig", "prefix": "sha256=\r\n"},
    {"signature_header": "X-Sig", "prefix": "a\0"},
    {"signature_header": "X-Sig", "id_header": "x-sig", "template": "{id}.{body}"},
    {"signature_header": "X-Sig", "id_header": "X-M", "timestamp_header": "x-m"},
    {"signature_header": "X-\ud800"},
    {"signature_header": ""},
])
def test_custom_descriptions_refused(scheme: Any) -> None:
    assert outcome(lambda: Webhook(scheme, "s")) == "invalid_argument"


def test_hostile_headers_bodies_and_clocks() -> None:
    wh = Webhook("stripe", "s")
    good = wh.sign(b"{}", timestamp=NOW)
    assert outcome(lambda: wh.verify_signature(b"{}", good, now=NOW)) == "ok"
    sig = good["Stripe-Signature"]
    for headers, want in [
        ({"stripe-signature": sig + "\0"}, "invalid_header"),
        ({"stripe-signature": "t=" + "9" * 65536 + ",v1=00"}, "invalid_header"),
        ({"stripe-signature": f"t={NOW}," + "v1=," * 100000}, "invalid_header"),
        ({"stripe-signature": "x" * (1 << 20)}, None),
        ({"stripe-signature": b"\xff\xfe"}, None),
        ({"stripe-signature": 42}, None),
        ({}, "missing_header"),
        ([("stripe-signature", sig + "x"), ("stripe-signature", sig)], None),
    ]:
        got = outcome(lambda: wh.verify_signature(b"{}", headers, now=NOW))
        assert got != "ok", headers
        if want:
            assert got == want, (got, str(headers)[:60])
    for now in (-1, 2**64, 2**200, float("nan"), float("inf")):
        assert outcome(lambda: wh.verify_signature(b"{}", good, now=now)) != "ok", now
    assert outcome(lambda: wh.verify_signature(b"", good, now=NOW)) == "signature_mismatch"
    big = b'{"a":1e400}'
    assert outcome(lambda: wh.verify(big, wh.sign(big, timestamp=NOW), now=NOW)) == "invalid_payload"


def test_secrets_and_options_at_their_limits() -> None:
    for secrets in ([], [""], ["s"] * 9, ["whsec_"], [b""]):
        assert outcome(lambda: Webhook("github" if secrets != ["whsec_"] else "standard", secrets)) != "ok", secrets
    for kwargs in ({"tolerance": -1}, {"tolerance": 2**64}, {"max_payload_bytes": -1}, {"max_payload_bytes": 2**70}):
        assert outcome(lambda: Webhook("github", "s", **kwargs)) != "ok", kwargs
    assert outcome(lambda: Webhook("github", "x" * (1 << 20))) == "ok"


def test_module_still_works() -> None:
    wh = Webhook("github", "s")
    wh.verify_signature(b"{}", wh.sign(b"{}"))
    assert status_for("invalid_argument") == 500


def _surrogate_calls() -> list[tuple[str, Callable[[], Any]]]:
    std = Webhook("standard", STD)
    wh = Webhook("stripe", "s")
    good = wh.sign(b"{}", timestamp=NOW)
    return [
        ("sign id", lambda: std.sign(b"{}", timestamp=NOW, id="msg_" + SURROGATE)),
        ("header value", lambda: wh.verify_signature(b"{}", {"stripe-signature": SURROGATE + good["Stripe-Signature"]},
                                                     now=NOW)),
        ("str body", lambda: wh.verify_signature(SURROGATE, good, now=NOW)),
        ("secret", lambda: Webhook("github", [SURROGATE])),
    ]


def test_lone_surrogates_are_invalid_argument() -> None:
    """Text with no UTF-8 form (a lone surrogate) in an id, a header value, a
    str body or a secret: InvalidArgumentError, as in Node, never CPython's
    UnicodeEncodeError passing through, never a success or a crash."""
    for what, call in _surrogate_calls():
        assert outcome(call) == "invalid_argument", what
