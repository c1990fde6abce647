#!/usr/bin/env python3
"""RSS of a Python process over N verifications (issue 9): mixed valid, forged
and malformed deliveries through the pyo3 binding, plus a new Webhook built,
used and dropped every 1 000 iterations. RSS (VmRSS) is sampled every N/10 (100 000)
after gc.collect(); the run fails if it grows by more than
HOOKSEAL_RSS_LIMIT_MB (default 4) after the first 2N/10 (200 000; warm-up).

    python rss_python.py [iterations]
"""
import gc
import json
import os
import sys
import time
from pathlib import Path

import hookseal

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
STEP = max(1, N // 10)  # 100 000 for a million
# The first 200 000 of a million; HOOKSEAL_RSS_WARMUP (iterations, rounded up
# to a sample) for short runs.
WARM = (min(N, -(-int(os.environ["HOOKSEAL_RSS_WARMUP"]) // STEP) * STEP)
        if os.environ.get("HOOKSEAL_RSS_WARMUP") else 2 * STEP)
LIMIT = float(os.environ.get("HOOKSEAL_RSS_LIMIT_MB", "4"))

vectors = Path(__file__).resolve().parents[2] / "tests" / "vectors" / "events_other.json"
c = next(x for x in json.loads(vectors.read_text())["cases"]
         if x.get("mode") == "event" and x["expect"].get("ok") and x["scheme"] == "stripe" and "body" in x)
body = c["body"].encode()
headers = {k.lower(): v for k, v in c["headers"]}
now = c["now"]
forged = bytearray(body)
forged[-2] ^= 1
forged = bytes(forged)
malformed = {k: "t=1,v1=zz" for k in headers}
huge = {"stripe-signature": f"t={now}," + "v1=00," * 700}
not_json_headers = dict(hookseal.Webhook(c["scheme"], c["secrets"]).sign(b"not json", timestamp=now).items())


def rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


counts = {}
want_ok = 0


def attempt(f):
    try:
        f()
        key = "ok"
    except hookseal.WebhookVerificationError as e:  # a code, never a crash
        key = e.code
    except TypeError as e:  # InvalidArgumentError
        key = getattr(e, "code", None)
        if key is None:
            raise
    counts[key] = counts.get(key, 0) + 1


wh = hookseal.Webhook(c["scheme"], c["secrets"])
series = []
t0 = time.time()
for i in range(1, N + 1):
    k = i % 8
    if k == 0:
        attempt(lambda: wh.verify(body, headers, now=now)); want_ok += 1
    elif k == 1:
        attempt(lambda: wh.verify_signature(body, headers, now=now)); want_ok += 1
    elif k == 2:
        attempt(lambda: wh.verify(forged, headers, now=now))
    elif k == 3:
        attempt(lambda: wh.verify_signature(body, malformed, now=now))
    elif k == 4:
        attempt(lambda: wh.verify(body, {}, now=now))
    elif k == 5:
        attempt(lambda: wh.verify(b"not json", not_json_headers, now=now))
    elif k == 6:
        attempt(lambda: wh.verify_signature(body, huge, now=now))
    elif i % 1000 == 7:
        wh = hookseal.Webhook(c["scheme"], c["secrets"])
        attempt(lambda: wh.sign(body, timestamp=now, id="msg_1")); want_ok += 1
    else:
        attempt(lambda: wh.verify_signature(forged, headers, now=now))
    if i % STEP == 0:
        gc.collect()
        series.append((i, rss()))

mb = lambda b: f"{b / 1048576:.1f}"
print(f"python {sys.version.split()[0]}: {N} iterations in {time.time() - t0:.1f} s; outcomes {counts}")
print(f"RSS (MB) every {STEP // 1000}k: " + " ".join(f"{i // 1000}k={mb(r)}" for i, r in series))
base = next(s for s in series if s[0] == min(WARM, N))
growth = max(r for i, r in series if i >= base[0]) - base[1]
print(f"growth after {base[0] // 1000}k: {mb(growth)} MB (limit {LIMIT:g} MB)")
if counts.get("ok") != want_ok:
    sys.exit(f"FAIL: {counts.get('ok')} successes, expected {want_ok}")
if growth > LIMIT * 1048576:
    sys.exit("FAIL: RSS grows")
print("PASS")
