"""Webhook's Python API: argument types, header shapes, errors, signing, threads."""

from __future__ import annotations

import base64
import os
import pickle
import threading
import time
from collections import OrderedDict
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping

import pytest

import hookseal
from hookseal import InvalidArgumentError, Webhook, WebhookVerificationError

SECRET = "s3cr3t-webhook-key"
BODY = b'{"id":"evt_1","type":"invoice.paid","created":1700000000,"data":{"object":{"id":"in_1"}}}'


def test_package_surface() -> None:
    assert set(hookseal.__all__) <= set(dir(hookseal))
    assert hookseal.Webhook is hookseal._hookseal.Webhook
    assert hookseal.__version__ == "0.1.0"
    assert "stripe" in hookseal.SCHEMES and hookseal.DEFAULT_TOLERANCE == 300
    assert hookseal.Webhook.__doc__ and "scheme" in hookseal.Webhook.__doc__


def test_runs_against_installed_package() -> None:
    if os.environ.get("HOOKSEAL_EXPECT_INSTALLED"):
        assert "site-packages" in hookseal.__file__, hookseal.__file__


@pytest.mark.parametrize("payload", [BODY, bytearray(BODY), memoryview(BODY), BODY.decode()])
def test_payload_types(payload: Any) -> None:
    wh = Webhook("stripe", SECRET)
    headers = wh.sign(BODY)
    wh.verify_signature(payload, headers)
    assert wh.verify(payload, headers)["payload"]["id"] == "evt_1"


def test_memoryview_slice_and_non_utf8() -> None:
    wh = Webhook("github", SECRET)
    raw = b"\xff\xfe\x00binary"
    wh.verify_signature(memoryview(b"xx" + raw)[2:], wh.sign(raw))


@pytest.mark.parametrize("parsed", [{"id": 1}, [1, 2], OrderedDict(a=1)])
def test_parsed_payload_is_refused_with_advice(parsed: Any) -> None:
    wh = Webhook("github", SECRET)
    with pytest.raises(TypeError) as info:
        wh.verify(parsed, wh.sign(BODY))
    assert info.value.code == "invalid_argument"  # type: ignore[attr-defined]
    assert "request.get_data()" in str(info.value) and "await request.body()" in str(info.value)


@pytest.mark.parametrize("bad", [None, 12, 1.5, object()])
def test_wrong_payload_types(bad: Any) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        Webhook("github", SECRET).verify_signature(bad, {})
    assert isinstance(info.value, TypeError) and info.value.code == "invalid_argument"


class CaseInsensitive(Mapping[str, str]):
    """A Mapping that, like Werkzeug's and Starlette's, matches names case-insensitively."""

    def __init__(self, d: Mapping[str, str]) -> None:
        self._d = {k.lower(): v for k, v in d.items()}

    def __getitem__(self, k: str) -> str:
        return self._d[k.lower()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)


def header_shapes(headers: dict[str, str]) -> list[Any]:
    from starlette.datastructures import Headers as StarletteHeaders
    from werkzeug.datastructures import EnvironHeaders, Headers as WerkzeugHeaders

    environ = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()}
    return [
        headers,
        {k.lower(): v for k, v in headers.items()},
        {k.upper(): v for k, v in headers.items()},
        {k.lower(): v.encode() for k, v in headers.items()},
        {k: [v, "second"] for k, v in headers.items()},
        list(headers.items()),
        tuple((k.encode(), v.encode()) for k, v in headers.items()),
        MappingProxyType({k.swapcase(): v for k, v in headers.items()}),
        CaseInsensitive(headers),
        WerkzeugHeaders(headers),
        EnvironHeaders(environ),
        StarletteHeaders(headers={k.lower(): v for k, v in headers.items()}),
    ]


@pytest.mark.parametrize("scheme", ["github", "stripe", "slack", "standard", "costkatana", "shopify"])
def test_header_shapes(scheme: str) -> None:
    secret = "whsec_" + base64.b64encode(b"k" * 24).decode() if scheme == "standard" else SECRET
    wh = Webhook(scheme, secret)
    headers = wh.sign(BODY, timestamp=int(time.time()), id="msg_1")
    for shape in header_shapes(headers):
        wh.verify_signature(BODY, shape)
        with pytest.raises(WebhookVerificationError) as info:
            wh.verify_signature(BODY + b" ", shape)
        assert info.value.code == "signature_mismatch", type(shape)


def test_django_headers() -> None:
    from django.http.request import HttpHeaders

    wh = Webhook("github", SECRET)
    meta = {"HTTP_X_HUB_SIGNATURE_256": wh.sign(BODY)["X-Hub-Signature-256"]}
    wh.verify_signature(BODY, HttpHeaders(meta))


def test_svix_header_names() -> None:
    wh = Webhook("svix", "whsec_" + base64.b64encode(b"k" * 24).decode())
    h = wh.sign(BODY, id="msg_2")
    svix = {k.replace("webhook-", "svix-"): v for k, v in h.items()}
    wh.verify_signature(BODY, svix)


@pytest.mark.parametrize("convert", [str, lambda v: v.encode(), lambda v: bytearray(v.encode()), lambda v: [v]])
def test_header_value_types(convert: Any) -> None:
    # str values are read in place as UTF-8 (non-ASCII included), bytes as they are.
    # hookseal's sign refuses non-ASCII ids, so the standardwebhooks package signs.
    import standardwebhooks

    secret = "whsec_" + base64.b64encode(b"k" * 24).decode()
    wh = Webhook("standard", secret)
    now = datetime.now(timezone.utc)
    for body in (BODY, BODY * 5000):  # below and above the GIL-release threshold
        h = {
            "webhook-id": "msg_é✓",
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": standardwebhooks.Webhook(secret).sign("msg_é✓", now, body.decode()),
        }
        shaped = {k: convert(v) for k, v in h.items()}
        wh.verify_signature(body, shaped)
        with pytest.raises(WebhookVerificationError) as info:
            wh.verify_signature(body, {**shaped, "webhook-id": convert("msg_e✓")})
        assert info.value.code == "signature_mismatch"


class Counting(CaseInsensitive):
    """Counts the calls hookseal makes into a case-insensitive Mapping."""

    def __init__(self, d: Mapping[str, str]) -> None:
        super().__init__(d)
        self.gets = 0
        self.items_calls = 0

    def get(self, k: str, default: Any = None) -> Any:
        self.gets += 1
        return super().get(k, default)

    def items(self) -> Any:
        self.items_calls += 1
        return super().items()


def test_mapping_lookups_are_few() -> None:
    # Svix-era names through a framework's Mapping: one get for the first absent
    # name, one listing of the names, then every lookup reads that list.
    wh = Webhook("standard", "whsec_" + base64.b64encode(b"k" * 24).decode())
    h = wh.sign(BODY, id="msg_3")
    svix = Counting({"Content-Type": "application/json", **{k.replace("webhook-", "svix-"): v for k, v in h.items()}})
    wh.verify_signature(BODY, svix)
    assert (svix.gets, svix.items_calls) == (1, 1)
    plain = Counting(h)
    wh.verify_signature(BODY, plain)
    assert (plain.gets, plain.items_calls) == (3, 0)


class GetOnly:
    """Has `get` (case-sensitive) and nothing else: the other spellings are tried."""

    def __init__(self, d: Mapping[str, str]) -> None:
        self._d = dict(d)

    def get(self, k: str, default: Any = None) -> Any:
        return self._d.get(k, default)


def test_get_only_mapping() -> None:
    wh = Webhook("github", SECRET)
    h = wh.sign(BODY)
    wh.verify_signature(BODY, GetOnly({k.lower(): v for k, v in h.items()}))  # type: ignore[arg-type]
    with pytest.raises(WebhookVerificationError) as info:
        wh.verify_signature(BODY, GetOnly({k.upper(): v for k, v in h.items()}))  # type: ignore[arg-type]
    assert info.value.code == "missing_header"


@pytest.mark.parametrize("bad", [42, None, object(), [("a",)], "x-hub: 1"])
def test_wrong_header_types(bad: Any) -> None:
    with pytest.raises(InvalidArgumentError):
        Webhook("github", SECRET).verify_signature(BODY, bad)


def test_bad_header_value_type() -> None:
    with pytest.raises(InvalidArgumentError):
        Webhook("github", SECRET).verify_signature(BODY, {"X-Hub-Signature-256": 5})


def test_error_codes_and_classes() -> None:
    wh = Webhook("stripe", SECRET)
    now = 1_700_000_000
    h = wh.sign(BODY, timestamp=now)
    cases = {
        "missing_header": ({}, now),
        "invalid_header": ({"Stripe-Signature": "garbage"}, now),
        "timestamp_too_old": (h, now + 301),
        "signature_mismatch": ({"Stripe-Signature": h["Stripe-Signature"].replace("v1=", "v1=0")[:-1]}, now),
        "unsupported_signature": ({"Stripe-Signature": f"t={now},v0=" + "0" * 64}, now),
    }
    for code, (headers, at) in cases.items():
        with pytest.raises(WebhookVerificationError) as info:
            wh.verify_signature(BODY, headers, now=at)
        exc = info.value
        assert exc.code == code and isinstance(exc, ValueError) and str(exc)
        assert pickle.loads(pickle.dumps(exc)).code == code
        assert repr(exc).startswith("WebhookVerificationError(")
    wh.verify_signature(BODY, h, now=now + 300)
    wh.verify_signature(BODY, h, now=datetime.fromtimestamp(now, timezone.utc))
    wh.verify_signature(BODY, h, now=float(now) + 0.9)


def test_invalid_payload_and_strict() -> None:
    wh = Webhook("dash", SECRET, strict=True)
    body = b'{"id":"5f0c7a1e-9b2d-4c3e-8f4a-6b7c8d9e0f01","type":"nope","timestamp":"2025-01-15T10:07:00Z","data":{}}'
    with pytest.raises(WebhookVerificationError) as info:
        wh.verify(body, wh.sign(body))
    assert info.value.code == "unknown_event_type"
    with pytest.raises(WebhookVerificationError) as info:
        wh.verify(b"not json", wh.sign(b"not json"))
    assert info.value.code == "invalid_payload"
    Webhook("dash", SECRET).verify_signature(b"not json", wh.sign(b"not json"))


def test_options_and_repr() -> None:
    wh = Webhook("slack", [SECRET, b"old"], tolerance=0, strict=True, max_payload_bytes=10)
    assert (wh.scheme, wh.tolerance, wh.strict, wh.max_payload_bytes) == ("slack", 0, True, 10)
    assert SECRET not in repr(wh) and "slack" in repr(wh)
    with pytest.raises(WebhookVerificationError) as info:
        wh.verify_signature(b"x" * 11, {})
    assert info.value.code == "payload_too_large"
    h = wh.sign(b"hi", timestamp=1)  # tolerance 0: any age passes
    wh.verify_signature(b"hi", h)


@pytest.mark.parametrize(
    "kwargs",
    [{"tolerance": -1}, {"tolerance": "300"}, {"strict": "yes"}, {"max_payload_bytes": -5}, {"tolerance": True}],
)
def test_bad_options(kwargs: Any) -> None:
    with pytest.raises(InvalidArgumentError):
        Webhook("github", SECRET, **kwargs)


@pytest.mark.parametrize("secret", [42, None, [SECRET, 1], {"a": 1}])
def test_bad_secret_types(secret: Any) -> None:
    with pytest.raises(TypeError) as info:
        Webhook("github", secret)
    assert info.value.code == "invalid_argument"  # type: ignore[attr-defined]


@pytest.mark.parametrize("secret", ["", [], ["a"] * 9, "whsec_!!!"])
def test_invalid_secrets(secret: Any) -> None:
    with pytest.raises(WebhookVerificationError) as info:
        Webhook("standard", secret)
    assert info.value.code == "invalid_secret"


def test_rotation() -> None:
    old, new = Webhook("github", "old"), Webhook("github", "new")
    both = Webhook("github", ["new", "old"])
    both.verify_signature(BODY, old.sign(BODY))
    both.verify_signature(BODY, new.sign(BODY))
    assert both.sign(BODY) == new.sign(BODY)


def test_schemes() -> None:
    with pytest.raises(InvalidArgumentError) as info:
        Webhook("paypal", SECRET)
    assert "stripe" in str(info.value)
    for bad in (42, ["github"], None):
        with pytest.raises(InvalidArgumentError):
            Webhook(bad, SECRET)
    custom = {"signature_header": "X-Acme-Signature", "prefix": "sha256=", "timestamp_header": "X-Acme-Timestamp",
              "template": "{timestamp}.{body}"}
    wh = Webhook(custom, SECRET)
    assert wh.scheme == "custom"
    h = wh.sign(BODY, timestamp=1_700_000_000)
    assert set(h) == {"X-Acme-Timestamp", "X-Acme-Signature"}
    wh.verify_signature(BODY, h, now=1_700_000_000)
    Webhook(MappingProxyType(custom), SECRET).verify_signature(BODY, h, now=1_700_000_000)
    for bad_custom in ({"prefix": "x"}, {"signature_header": "X-S", "encodng": "hex"},
                       {"signature_header": "X-S", "template": "{id}.{body}"}, {"signature_header": 5}):
        with pytest.raises(InvalidArgumentError):
            Webhook(bad_custom, SECRET)


def test_sign_defaults() -> None:
    wh = Webhook("standard", "whsec_" + base64.b64encode(b"k" * 24).decode())
    h = wh.sign(BODY)
    assert h["webhook-id"].startswith("msg_") and len(h["webhook-id"]) == 28
    assert abs(int(h["webhook-timestamp"]) - time.time()) < 5
    assert wh.sign(BODY)["webhook-id"] != h["webhook-id"]
    wh.verify(BODY, h)
    with pytest.raises(InvalidArgumentError):
        wh.sign(BODY, id=5)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        wh.sign(BODY, timestamp=-1)


def test_event_shape() -> None:
    wh = Webhook("stripe", SECRET)
    event = wh.verify(BODY, wh.sign(BODY))
    assert event == {
        "provider": "stripe", "id": "evt_1", "type": "invoice.paid", "timestamp": 1700000000,
        "data": {"object": {"id": "in_1"}},
        "payload": {"id": "evt_1", "type": "invoice.paid", "created": 1700000000, "data": {"object": {"id": "in_1"}}},
        "in_catalog": False,
    }
    assert event["data"] is event["payload"]["data"]
    assert list(event["payload"]) == ["id", "type", "created", "data"]  # document order


@pytest.mark.parametrize("method", ["verify_signature", "verify"])
def test_large_bodies_release_the_gil(method: str) -> None:
    """Another thread keeps running Python code while one verification hashes a
    large body: with the GIL held it could not run at all during the call."""
    wh = Webhook("stripe", SECRET, max_payload_bytes=0)
    body = b'{"id":"evt_1","type":"t","created":1,"data":{"object":{"pad":"' + b"x" * (24 << 20) + b'"}}}'
    headers = wh.sign(body)
    ticks = 0
    stop = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1

    t = threading.Thread(target=count)
    t.start()
    try:
        time.sleep(0.02)
        gained = []
        for _ in range(3):
            before = ticks
            getattr(wh, method)(body, headers)
            gained.append(ticks - before)
    finally:
        stop.set()
        t.join()
    assert max(gained) > 1000, gained


def test_small_bodies_keep_the_gil() -> None:
    """Below 64 KiB the GIL is kept (releasing it costs more than hashing)."""
    wh = Webhook("github", SECRET)
    body = b"x" * 1000
    wh.verify_signature(body, wh.sign(body))


def test_threads_share_one_webhook() -> None:
    wh = Webhook("github", SECRET)
    bodies = [os.urandom(n) for n in (10, 70_000, 300_000)]
    signed = [(b, wh.sign(b)) for b in bodies]
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(30):
                for b, h in signed:
                    wh.verify_signature(b, h)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_replay_guard() -> None:
    wh = Webhook("stripe", SECRET, replay_guard=True)
    h = wh.sign(BODY)
    wh.verify(BODY, h)
    with pytest.raises(WebhookVerificationError) as info:
        wh.verify(BODY, h)
    assert info.value.code == "duplicate_event"
    plain = Webhook("stripe", SECRET)
    plain.verify(BODY, h)
    plain.verify(BODY, h)
    with pytest.raises(InvalidArgumentError):
        Webhook("stripe", SECRET, replay_guard="yes")


def test_verify_arguments_by_keyword_and_bad_calls() -> None:
    # verify / verify_signature take the fast calling convention (src/fastcall.rs):
    # the same arguments, keywords, errors and signature as the other methods.
    import inspect

    wh: Any = Webhook("github", SECRET)  # Any: the calls below are wrong on purpose
    h = wh.sign(BODY)
    full = {**h, "X-GitHub-Event": "push"}
    for method in (Webhook.verify, Webhook.verify_signature):
        assert str(inspect.signature(method)) == "(self, /, payload, headers, *, now=None)"
        assert method.__doc__ and method.__doc__.startswith("Verifies the delivery")
    assert wh.verify_signature(payload=BODY, headers=h, now=None) is None
    assert wh.verify(BODY, headers=full, now=time.time())["type"] == "push"
    bad_calls: list[Callable[[], object]] = [
        lambda: wh.verify_signature(BODY),
        lambda: wh.verify_signature(BODY, h, None),
        lambda: wh.verify_signature(BODY, h, when=1),
        lambda: wh.verify_signature(BODY, h, payload=BODY),
        lambda: wh.verify(headers=full),
        lambda: Webhook.verify_signature(object(), BODY, h),  # type: ignore[arg-type]
    ]
    for call in bad_calls:
        with pytest.raises(TypeError):
            call()
