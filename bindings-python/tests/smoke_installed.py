"""Runs every conformance vector with nothing but the installed `hookseal`
(no pytest): used by test_packaging.py inside fresh virtual environments.

    python smoke_installed.py /path/to/tests/vectors
"""

import json
import sys
from pathlib import Path

import hookseal
from hookseal import Webhook, WebhookVerificationError


def body_of(case):
    if "body" in case:
        return case["body"].encode("utf-8")
    if "body_hex" in case:
        return bytes.fromhex(case["body_hex"])
    rep = case["body_repeat"]
    return (rep["unit"] * rep["count"]).encode("utf-8")


def run(case):
    options = case.get("options") or {}
    body = body_of(case)
    if case.get("op") == "sign":
        # Refused signings (ids that cannot be sent, custom schemes that could
        # not verify their own deliveries) expect an error code.
        try:
            wh = Webhook(case["scheme"], case["secrets"], **options)
            signed = wh.sign(body, timestamp=case.get("timestamp"), id=case.get("msg_id"))
        except (WebhookVerificationError, TypeError) as exc:
            expected_error = (case.get("expect") or {}).get("error")
            return expected_error is not None and expected_error == getattr(exc, "code", None)
        got = [list(p) for p in signed.items()]
        return "expect_headers" in case and got == [list(p) for p in case["expect_headers"]]
    try:
        wh = Webhook(case["scheme"], case["secrets"], **options)
        headers = [tuple(p) for p in case["headers"]]
        if case.get("mode") == "event":
            event = wh.verify(body, headers, now=case.get("now"))
            if any(event[k] != v for k, v in (case.get("event") or {}).items()):
                return False
        else:
            wh.verify_signature(body, headers, now=case.get("now"))
    except (WebhookVerificationError, TypeError) as exc:
        return case["expect"].get("error") == getattr(exc, "code", None)
    return case["expect"].get("ok") is True


def main():
    vectors = Path(sys.argv[1])
    total = failed = 0
    for path in sorted(vectors.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            total += 1
            if not run(case):
                failed += 1
                print("FAILED", case["id"])
    print(f"hookseal {hookseal.__version__} from {hookseal.__file__}")
    print(f"vectors: {total - failed} passed, {failed} failed")
    sys.exit(1 if failed or total == 0 else 0)


if __name__ == "__main__":
    main()
