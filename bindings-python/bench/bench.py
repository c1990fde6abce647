"""hookseal against what Python receivers use today, at 1 KiB, 64 KiB and 1 MiB.

    make bench-python        (or: python bench/bench.py --out bench/python.md)

Each row verifies one valid delivery per call, headers and body as a web
framework hands them over. Contenders run interleaved, round after round, and
each keeps its fastest round, so a busy machine slows every contender alike
(many short rounds: on a shared machine the fastest of 120 rounds of 4 ms is
steadier than the fastest of twelve 40 ms ones).
The ratio column is the contender's time over hookseal's time for the same work.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import platform
import sys
import time
import timeit
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Dict, List, Tuple

import standardwebhooks
import stripe
from svix.webhooks import Webhook as SvixWebhook

import hookseal
from hookseal import Webhook
from hookseal import standardwebhooks as dropin

SIZES = [("1 KiB", 1024), ("64 KiB", 64 * 1024), ("1 MiB", 1024 * 1024)]
SECRET = "s3cr3t-webhook-key-7f3a9c"
WHSEC = "whsec_" + base64.b64encode(b"whsec-raw-key-0123456789abcdef").decode()


def json_body(size: int) -> bytes:
    """A realistic JSON event of exactly `size` bytes: records, then padding."""
    items = []
    used = 260  # the envelope around the records
    i = 0
    while True:
        item = {"sku": f"sku_{i:05d}", "qty": i % 7, "price": 12.5 + i % 100, "ok": i % 2 == 0, "tags": ["a", "b"]}
        used += len(json.dumps(item, separators=(",", ":"))) + 1
        if used > size:
            break
        items.append(item)
        i += 1
    doc = {"id": "evt_1NqMTf2eZvKYlo2C", "type": "invoice.paid", "created": int(time.time()),
           "data": {"object": {"id": "in_1", "items": items, "note": ""}}}
    text = json.dumps(doc, separators=(",", ":"))
    doc["data"]["object"]["note"] = "x" * (size - len(text))
    body = json.dumps(doc, separators=(",", ":")).encode()
    assert len(body) == size, (len(body), size)
    return body


Case = Tuple[str, str, Callable[[], object]]  # (group, contender, call)


def contenders(body: bytes) -> List[Case]:
    now = datetime.now(timezone.utc)
    payload_str = body.decode()

    # GitHub-style HMAC-SHA256 hex over the body (the seeds' providers sign the same way).
    gh = Webhook("github", SECRET)
    gh_headers = gh.sign(body)

    def stdlib_seed_002() -> bool:
        # seed 002 (UniCraft, Flask): the payload as text, encoded per call; compare_digest.
        signature = gh_headers.get("X-Hub-Signature-256")
        expected = hmac.new(SECRET.encode("utf-8"), payload_str.encode("utf-8"), hashlib.sha256).hexdigest()
        return hmac.compare_digest(signature, "sha256=" + expected)

    def stdlib_seed_004() -> bool:
        # seed 004 (Smart AI Hub, Flask): the raw bytes; compare_digest instead of the seed's ==.
        signature = gh_headers.get("X-Hub-Signature-256")
        expected = hmac.new(SECRET.encode("utf-8"), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(f"sha256={expected}", signature)

    assert stdlib_seed_002() and stdlib_seed_004()

    # Standard Webhooks / Svix.
    std = Webhook("standard", WHSEC)
    sw = standardwebhooks.Webhook(WHSEC)
    sig = sw.sign("msg_1", now, payload_str)
    std_headers = {"webhook-id": "msg_1", "webhook-timestamp": str(int(now.timestamp())), "webhook-signature": sig}
    svix_headers = {k.replace("webhook-", "svix-"): v for k, v in std_headers.items()}
    sv = SvixWebhook(WHSEC)
    drop = dropin.Webhook(WHSEC)

    # Stripe.
    st = Webhook("stripe", SECRET)
    st_header = st.sign(body)["Stripe-Signature"]
    st_headers = {"Stripe-Signature": st_header}

    def stripe_sdk() -> object:
        return stripe.WebhookSignature.verify_header(body, st_header, SECRET, 300)

    return [
        ("HMAC hex over the body (seeds)", "hookseal verify_signature", lambda: gh.verify_signature(body, gh_headers)),
        ("HMAC hex over the body (seeds)", "stdlib hmac, seed 004 style", stdlib_seed_004),
        ("HMAC hex over the body (seeds)", "stdlib hmac, seed 002 style", stdlib_seed_002),
        ("Standard Webhooks, signature only", "hookseal verify_signature", lambda: std.verify_signature(body, std_headers)),
        ("Standard Webhooks, signature only", "standardwebhooks verify(json_parse=False)",
         lambda: sw.verify(body, std_headers, json_parse=False)),
        ("Standard Webhooks, signature only", "svix verify", lambda: sv.verify(body, svix_headers)),
        ("Standard Webhooks, parsed JSON", "hookseal verify (event)", lambda: std.verify(body, std_headers)),
        ("Standard Webhooks, parsed JSON", "hookseal.standardwebhooks verify", lambda: drop.verify(body, std_headers)),
        ("Standard Webhooks, parsed JSON", "standardwebhooks verify", lambda: sw.verify(body, std_headers)),
        ("Stripe, signature only", "hookseal verify_signature", lambda: st.verify_signature(body, st_headers)),
        ("Stripe, signature only", "stripe.WebhookSignature.verify_header", stripe_sdk),
    ]


def measure(cases: List[Case], rounds: int, round_seconds: float) -> Dict[Tuple[str, str], float]:
    loops: Dict[Tuple[str, str], int] = {}
    best: Dict[Tuple[str, str], float] = {}
    for group, name, call in cases:
        call()  # warm up
        n, _ = timeit.Timer(call).autorange()
        once = timeit.timeit(call, number=n) / n
        loops[(group, name)] = max(1, int(round_seconds / max(once, 1e-9)))
    for _ in range(rounds):
        for group, name, call in cases:
            n = loops[(group, name)]
            t = timeit.timeit(call, number=n) / n
            key = (group, name)
            best[key] = min(best.get(key, t), t)
    return best


NOTES = """## Where the time goes

At 1 KiB a Standard Webhooks `verify_signature` is almost all core: HMAC-SHA256
over `{id}.{timestamp}.{body}` (SHA-NI), the base64 signature, the timestamp
check. Measured in one process (2026-11-24, quick loops, another build
running): the core alone ≈ 0.89 µs (`cargo bench`: 18 SHA-256 blocks ≈ 0.74 µs
plus ≈ 0.15 µs of header parsing and decoding), the whole Python call ≈ 1.13 µs,
`standardwebhooks` `verify(json_parse=False)` ≈ 10.9 µs. The binding's share
(≈ 0.25 µs: the call and argument parsing, three dict look-ups ≈ 0.1 µs, the
header wrapper) is what keeps the ratio near 10×; it went from 9.2× to
10.1–10.2× on 2026-11-24 with the core's own HMAC and in-place signature
decoding, its coarse clock, and a short path for exact `str` values in exact
dicts (`PyHeaders::fast_get`). What the binding does per call:
`verify`/`verify_signature` take CPython's fast calling convention
(src/fastcall.rs), a `bytes` body is borrowed, header values are read in place
(a `str`'s cached UTF-8), only the names the scheme needs are looked up and a
name absent from a Mapping costs one `.get` plus one listing of the names per
call; the GIL is released from 64 KiB on.

`verify` (event) at 64 KiB and 1 MiB is slower than `standardwebhooks.verify`
because the core validates on a value tree of the whole body (its own JSON
parser since 2026-11-23, serde_json before), and building that tree costs about
as much as `json.loads` itself (measured with serde_json, 1 MiB: its Value
21 ms, `json.loads` 21 ms, a parse that builds nothing 1.7 ms).
The Python objects are then made from that tree (≈ 0.8–0.9× the cost of `json.loads`;
`json.loads` of the raw body instead, or of the core's JSON text, measured
slower at every size). Matching `standardwebhooks` there needs the core to
validate without materialising the whole document; at 1 KiB hookseal is
already faster.
"""


def fmt_time(seconds: float) -> str:
    us = seconds * 1e6
    return f"{us:,.2f} µs" if us < 1000 else f"{us / 1000:,.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None, help="write the markdown table here")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("HOOKSEAL_BENCH_ROUNDS", 120)))
    parser.add_argument("--round-seconds", type=float, default=0.004)
    args = parser.parse_args()

    load_before = os.getloadavg()
    lines = [
        "# hookseal (Python) benchmarks",
        "",
        f"hookseal {hookseal.__version__}, CPython {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. "
        f"standardwebhooks {standardwebhooks.__version__}, stripe {stripe.VERSION}.",
        "",
        "Time per verification of one valid delivery (fastest of "
        f"{args.rounds} interleaved rounds). *Ratio* = the row's time / hookseal's time in the same group.",
        "Regenerate with `make bench-python`.",
        "",
    ]
    verdicts: List[str] = []
    for label, size in SIZES:
        body = json_body(size)
        cases = contenders(body)
        best = measure(cases, args.rounds, args.round_seconds)
        lines += [f"## {label}", "", "| group | contender | time | ratio |", "|---|---|---:|---:|"]
        base: Dict[str, float] = {}
        for group, name, _ in cases:
            if name.startswith("hookseal") and group not in base:
                base[group] = best[(group, name)]
            t = best[(group, name)]
            ratio = t / base[group]
            lines.append(f"| {group} | {name} | {fmt_time(t)} | {ratio:.2f}× |")
        lines.append("")
        hs = best[("HMAC hex over the body (seeds)", "hookseal verify_signature")]
        stdlib = min(best[("HMAC hex over the body (seeds)", "stdlib hmac, seed 004 style")],
                     best[("HMAC hex over the body (seeds)", "stdlib hmac, seed 002 style")])
        sw_sig = best[("Standard Webhooks, signature only", "standardwebhooks verify(json_parse=False)")]
        hs_sig = best[("Standard Webhooks, signature only", "hookseal verify_signature")]
        sw_full = best[("Standard Webhooks, parsed JSON", "standardwebhooks verify")]
        hs_full = best[("Standard Webhooks, parsed JSON", "hookseal verify (event)")]
        if size == 1024:
            verdicts.append(f"- 1 KiB: hookseal is {stdlib / hs:.2f}× faster than the faster stdlib `hmac` row (target ≥ 2.5×)")
            verdicts.append(f"- 1 KiB: hookseal `verify_signature` is {sw_full / hs_sig:.1f}× faster than `standardwebhooks.verify()` "
                            f"(target ≥ 10×); like for like: {sw_sig / hs_sig:.1f}× without JSON parsing, "
                            f"{sw_full / hs_full:.1f}× with it")
        if size == 1024 * 1024:
            verdicts.append(f"- 1 MiB: hookseal is {stdlib / hs:.2f}× the speed of stdlib `hmac` (target ≥ 1×)")
    load_after = os.getloadavg()
    lines[2] += f" Load average {load_before[0]:.2f} before, {load_after[0]:.2f} after."
    lines += ["## Targets", ""] + verdicts + ["", NOTES]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
