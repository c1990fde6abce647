"""Loads a Flask receiver under gunicorn from loopback with a mix of valid and
forged deliveries for a fixed time, and checks every answer.

    make load-python          (or: python loadtest/run.py --seconds 20)

Exit status 1 if any answer was wrong or any request failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, List, Tuple

import requests

from hookseal import Webhook

HERE = Path(__file__).resolve().parent
SECRET = "load-test-secret"

Delivery = Tuple[str, bytes, Dict[str, str], int, str]  # url path, body, headers, status, code


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_kinds() -> Dict[str, Callable[[random.Random], Delivery]]:
    gh = Webhook("github", SECRET)
    st = Webhook("stripe", SECRET)
    forger = Webhook("github", "not-the-secret")

    def body(rng: random.Random, kind: str) -> bytes:
        n = rng.choice([200, 1500, 20_000])
        return json.dumps({"id": f"evt_{rng.getrandbits(40):x}", "type": kind, "created": int(time.time()),
                           "data": {"object": {"id": "obj", "pad": "x" * n}}}).encode()

    def github_valid(rng: random.Random) -> Delivery:
        b = body(rng, "push")
        return "/webhooks/github", b, {**gh.sign(b), "X-GitHub-Event": "push", "X-GitHub-Delivery": "d-1"}, 200, ""

    def stripe_valid(rng: random.Random) -> Delivery:
        b = body(rng, "invoice.paid")
        return "/webhooks/stripe", b, st.sign(b), 200, ""

    def wrong_secret(rng: random.Random) -> Delivery:
        b = body(rng, "push")
        return "/webhooks/github", b, {**forger.sign(b), "X-GitHub-Event": "push"}, 401, "signature_mismatch"

    def tampered_body(rng: random.Random) -> Delivery:
        b = body(rng, "invoice.paid")
        h = st.sign(b)
        return "/webhooks/stripe", b.replace(b"invoice.paid", b"invoice.void"), h, 401, "signature_mismatch"

    def replayed(rng: random.Random) -> Delivery:
        b = body(rng, "invoice.paid")
        return "/webhooks/stripe", b, st.sign(b, timestamp=int(time.time()) - 3600), 401, "timestamp_too_old"

    def truncated_signature(rng: random.Random) -> Delivery:
        b = body(rng, "push")
        sig = gh.sign(b)["X-Hub-Signature-256"][:-8]
        return "/webhooks/github", b, {"X-Hub-Signature-256": sig, "X-GitHub-Event": "push"}, 400, "invalid_header"

    def unsigned(rng: random.Random) -> Delivery:
        return "/webhooks/stripe", body(rng, "invoice.paid"), {}, 400, "missing_header"

    return {
        "valid github": github_valid,
        "valid stripe": stripe_valid,
        "forged: wrong secret": wrong_secret,
        "forged: tampered body": tampered_body,
        "forged: replayed (old timestamp)": replayed,
        "forged: truncated signature": truncated_signature,
        "forged: unsigned": unsigned,
    }


WEIGHTS = {"valid github": 3, "valid stripe": 3, "forged: wrong secret": 1, "forged: tampered body": 1,
           "forged: replayed (old timestamp)": 1, "forged: truncated signature": 1, "forged: unsigned": 1}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--max-requests", type=int, default=2_000_000, help="a bound on the whole run")
    parser.add_argument("--server", choices=["gunicorn", "waitress"], default="gunicorn")
    args = parser.parse_args()

    port = free_port()
    env = {**os.environ, "HOOKSEAL_LOAD_SECRET": SECRET}
    bin_dir = Path(sys.executable).parent
    if args.server == "gunicorn":
        cmd = [str(bin_dir / "gunicorn"), "--workers", "2", "--worker-class", "gthread", "--threads", "4",
               "--bind", f"127.0.0.1:{port}", "--chdir", str(HERE), "--log-level", "warning", "app:app"]
    else:
        cmd = [str(bin_dir / "waitress-serve"), "--listen", f"127.0.0.1:{port}", "--threads", "8", "app:app"]
    server = subprocess.Popen(cmd, env=env, cwd=HERE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 15
        while True:
            try:
                requests.get(base + "/", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.1)

        kinds = make_kinds()
        names = list(WEIGHTS)
        weights = [WEIGHTS[n] for n in names]
        counts: Counter[str] = Counter()
        wrong: Counter[str] = Counter()
        failures: List[str] = []
        latencies: List[float] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds
        sent = 0

        def client(seed: int) -> None:
            nonlocal sent
            rng = random.Random(seed)
            session = requests.Session()
            local: Counter[str] = Counter()
            local_wrong: Counter[str] = Counter()
            local_lat: List[float] = []
            while time.monotonic() < stop_at:
                with lock:
                    if sent >= args.max_requests:
                        break
                    sent += 1
                name = rng.choices(names, weights)[0]
                path, body, headers, status, code = kinds[name](rng)
                t0 = time.perf_counter()
                try:
                    r = session.post(base + path, data=body, headers={**headers, "Content-Type": "application/json"},
                                     timeout=10)
                    ok = r.status_code == status and (r.json().get("error", "") == code)
                except Exception as exc:  # a transport error is a failure of the run
                    with lock:
                        failures.append(f"{name}: {exc!r}")
                    continue
                local_lat.append(time.perf_counter() - t0)
                local[name] += 1
                if not ok:
                    local_wrong[name] += 1
                    with lock:
                        if len(failures) < 20:
                            failures.append(f"{name}: got {r.status_code} {r.text[:200]}, expected {status} {code}")
            with lock:
                counts.update(local)
                wrong.update(local_wrong)
                latencies.extend(local_lat)

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()

    total = sum(counts.values())
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else 0.0
    print(f"Flask + hookseal under {args.server} (2 workers × 4 threads), {args.clients} loopback clients, {elapsed:.1f} s")
    print(f"{'delivery':36s} {'sent':>8s} {'wrong':>6s}")
    for name in names:
        print(f"{name:36s} {counts[name]:8d} {wrong[name]:6d}")
    print(f"{'total':36s} {total:8d} {sum(wrong.values()):6d}")
    print(f"throughput {total / elapsed:,.0f} req/s, latency p50 {pct(0.5):.2f} ms, p99 {pct(0.99):.2f} ms, "
          f"transport errors {len([f for f in failures if 'got' not in f])}")
    for f in failures[:20]:
        print("  ", f)
    valid = counts["valid github"] + counts["valid stripe"]
    bad = sum(wrong.values()) + len(failures)
    print("load test:", "passed" if bad == 0 and valid > 0 else "FAILED")
    return 0 if bad == 0 and valid > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
