"""Every case of tests/vectors/*.json, through the installed package.

Signature cases run twice: with the headers as the (name, value) pairs of the
file and, when no name repeats, as a dict. Nothing is skipped: the last test
checks that every case of every file ran.
"""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from conftest import case_body, load_vector_files

import hookseal
from hookseal import InvalidArgumentError, Webhook, WebhookVerificationError

FILES = load_vector_files()
CASES = [(name, case) for name, cases in FILES.items() for case in cases]
# The vector files held 1,795 cases when this binding landed; more are added over time.
MIN_CASES = 1500
RAN: List[str] = []


def build(case: Dict[str, Any]) -> Webhook:
    options = dict(case.get("options") or {})
    return Webhook(case["scheme"], case["secrets"], **options)


def expect_error(case: Dict[str, Any], exc: BaseException) -> None:
    expect = case["expect"]
    assert "error" in expect, f"{case['id']}: unexpected {exc!r}"
    code = getattr(exc, "code", None)
    assert code == expect["error"], f"{case['id']}: got {code} ({exc}), expected {expect['error']}"
    if code == "invalid_argument":
        assert isinstance(exc, TypeError)
    else:
        assert isinstance(exc, WebhookVerificationError) and isinstance(exc, ValueError)


def run_verify(case: Dict[str, Any], headers: Any) -> None:
    body = case_body(case)
    try:
        wh = build(case)
        if case.get("mode", "signature") == "event":
            event = wh.verify(body, headers, now=case.get("now"))
        else:
            event = None
            assert wh.verify_signature(body, headers, now=case.get("now")) is None
    except (WebhookVerificationError, InvalidArgumentError) as exc:
        expect_error(case, exc)
        return
    assert case["expect"].get("ok") is True, f"{case['id']}: accepted, expected {case['expect']}"
    if event is not None:
        assert set(event) == {"provider", "id", "type", "timestamp", "data", "payload", "in_catalog"}
        for key, want in (case.get("event") or {}).items():
            assert event[key] == want, f"{case['id']}: event[{key!r}] = {event[key]!r}, expected {want!r}"


def run_sign(case: Dict[str, Any]) -> None:
    wh = build(case)
    if "error" in (case.get("expect") or {}):
        try:
            wh.sign(case_body(case), timestamp=case.get("timestamp"), id=case.get("msg_id"))
        except (WebhookVerificationError, InvalidArgumentError) as exc:
            expect_error(case, exc)
            return
        raise AssertionError(f"{case['id']}: signed, expected {case['expect']['error']}")
    headers = wh.sign(case_body(case), timestamp=case.get("timestamp"), id=case.get("msg_id"))
    assert [list(p) for p in headers.items()] == [list(p) for p in case["expect_headers"]], case["id"]
    # What sign produced verifies (with the signing time as the clock).
    if case.get("op") == "sign" and case.get("timestamp") is not None:
        wh.verify_signature(case_body(case), headers, now=case["timestamp"])


@pytest.mark.parametrize("name,case", CASES, ids=[c["id"] for _, c in CASES])
def test_vector(name: str, case: Dict[str, Any]) -> None:
    if case.get("op") == "sign":
        run_sign(case)
    else:
        pairs = [tuple(p) for p in case["headers"]]
        run_verify(case, pairs)
        names = [n.lower() for n, _ in pairs]
        if len(set(names)) == len(names):
            run_verify(case, dict(pairs))
    RAN.append(case["id"])


def test_every_vector_ran() -> None:
    """Runs last (pytest keeps file order): no case was skipped or deselected."""
    total = sum(len(c) for c in FILES.values())
    assert total >= MIN_CASES, f"only {total} vector cases found in tests/vectors"
    assert len(RAN) == total, f"{total - len(RAN)} vector cases did not run"
    ids = [c["id"] for _, c in CASES]
    assert len(set(ids)) == len(ids), "vector ids must be unique"
    print(f"\n{len(RAN)} vector cases passed from {len(FILES)} files (hookseal {hookseal.__version__})")
