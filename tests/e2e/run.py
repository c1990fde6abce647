#!/usr/bin/env python3
"""End-to-end: every example receiver on loopback, every seed provider's
events sent by the `hookseal` CLI — valid and each kind of bad delivery — and
what each receiver answered and what its handler saw.

Receivers describe themselves in examples/*/receiver.json:
  {"name", "cmd": [...], "cwd", "path", "env": {...}, "needs": [make targets]}
({root} and {port} are substituted). A receiver reads HOOKSEAL_SCHEME,
HOOKSEAL_SECRET and PORT, answers 200 to a valid delivery and prints one line
`HOOKSEAL_EVENT {"provider","type","id"}` for it, and refuses bad ones with
the status of docs/SEMANTICS.md "HTTP answers" and {"error": code}.

  python3 tests/e2e/run.py [--only NAME,...] [--table-only]
Exits 1 when any cell differs from the expectation. Every process started is
stopped on exit, failure or Ctrl-C (each runs in its own process group).
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "target" / "release" / "hookseal"

# One secret per provider; `standard` needs a whsec_ (base64) secret.
PROVIDERS = {
    "costkatana": ("ck_e2e_secret", "cost.alert", True),
    "unicraft": ("uc_e2e_secret", "request.completed", False),
    "dash": ("dash_e2e_secret", "budget:warning", False),
    "smartaihub": ("hub_e2e_secret", "credit.low", False),
}

# case -> (extra CLI flags, expected status, expected code, applies to untimed schemes)
CASES = {
    "valid": ([], 200, None, True),
    "tampered": (["--tamper"], 401, "signature_mismatch", True),
    "wrong secret": (["--wrong-secret"], 401, "signature_mismatch", True),
    "stale": (["--age", "3600"], 401, "timestamp_too_old", False),
    "future": (["--age", "-3600"], 401, "timestamp_too_new", False),
    "replayed": (["--repeat", "2"], 409, "duplicate_event", True),
    "no signature": (None, 400, "missing_header", True),
    "re-serialized": (["--reserialize"], 401, "signature_mismatch", True),
}
SIGNATURE_HEADER = {
    "costkatana": "X-CostKatana-Signature",
    "unicraft": "X-UniCraft-Signature",
    "dash": "X-Dash-Signature",
    "smartaihub": "X-Webhook-Signature",
}

PROCS = []


def stop_all(*_):
    for p in PROCS:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.time() + 5
    for p in PROCS:
        try:
            p.wait(max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    PROCS.clear()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Receiver:
    def __init__(self, spec, scheme, secret):
        self.spec, self.scheme = spec, scheme
        self.port = free_port()
        sub = lambda s: s.replace("{root}", str(ROOT)).replace("{port}", str(self.port))
        env = dict(os.environ)
        env.update({k: sub(v) for k, v in spec.get("env", {}).items()})
        env.update(HOOKSEAL_SCHEME=scheme, HOOKSEAL_SECRET=secret, PORT=str(self.port))
        self.lines, self.output = [], []
        self.proc = subprocess.Popen(
            [sub(c) for c in spec["cmd"]], cwd=sub(spec.get("cwd", "{root}")), env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True, text=True, errors="replace")
        PROCS.append(self.proc)
        threading.Thread(target=self._read, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.port}{spec.get('path', '/webhooks')}"

    def _read(self):
        for line in self.proc.stdout:
            self.output.append(line)
            if line.startswith("HOOKSEAL_EVENT "):
                self.lines.append(json.loads(line[len("HOOKSEAL_EVENT "):]))

    def wait_ready(self, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.spec['name']} exited: {''.join(self.output[-20:])}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.spec['name']} did not listen on {self.port} within {timeout}s: {''.join(self.output[-20:])}")

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def send(url, scheme, secret, event, flags):
    args = [str(CLI), "send", url, "--scheme", scheme, "--secret", secret, "--event", event, "--json", *flags]
    out = subprocess.run(args, capture_output=True, text=True, timeout=60)
    if out.returncode == 2:
        raise RuntimeError(out.stderr)
    return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]


def run_receiver(spec, results):
    for scheme, (secret, event, timed) in PROVIDERS.items():
        rx = Receiver(spec, scheme, secret)
        try:
            rx.wait_ready(spec.get("ready_timeout", 60))
            for case, (flags, want_status, want_code, untimed_too) in CASES.items():
                if not timed and not untimed_too:
                    results.append((spec["name"], scheme, case, "n/a", True))
                    continue
                if flags is None:
                    flags = ["--drop-header", SIGNATURE_HEADER[scheme]]
                seen_before = len(rx.lines)
                answers = send(rx.url, scheme, secret, event, flags)
                last = answers[-1]
                body = last.get("body") if isinstance(last.get("body"), dict) else {}
                # FastAPI wraps HTTPException details: {"detail": {"error": ...}}.
                code = body.get("error") or (body.get("detail") or {}).get("error")
                time.sleep(0.05)
                seen = rx.lines[seen_before:]
                if case == "replayed":
                    ok = [a["status"] for a in answers] == [200, 409] and code == want_code and len(seen) == 1
                elif want_status == 200:
                    ok = last["status"] == 200 and len(seen) == 1 and seen[0].get("type") == event \
                        and seen[0].get("provider") == scheme
                else:
                    ok = last["status"] == want_status and code == want_code and not seen
                cell = f"{last['status']}" + (f" {code}" if code else "")
                if not ok:
                    cell += f" (expected {want_status} {want_code or ''}; handler saw {seen})"
                results.append((spec["name"], scheme, case, cell, ok))
        except Exception as e:  # a receiver that fails to start fails all its cells
            results.append((spec["name"], scheme, "start", f"error: {e}", False))
        finally:
            rx.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", help="comma-separated receiver names")
    ap.add_argument("--skip-needs", action="store_true", help="do not run the receivers' make targets")
    args = ap.parse_args()
    signal.signal(signal.SIGINT, lambda *a: (stop_all(), sys.exit(130)))
    signal.signal(signal.SIGTERM, lambda *a: (stop_all(), sys.exit(143)))
    specs = [json.loads(p.read_text()) for p in sorted(ROOT.glob("examples/*/receiver.json"))]
    if args.only:
        wanted = set(args.only.split(","))
        specs = [s for s in specs if s["name"] in wanted]
    needs = sorted({n for s in specs for n in s.get("needs", [])} | {"build-cli"})
    if not args.skip_needs:
        subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", *needs], check=True)
    results = []
    try:
        for spec in specs:
            run_receiver(spec, results)
    finally:
        stop_all()
    cases = list(CASES)
    print(f"\n| receiver | provider | {' | '.join(cases)} |")
    print("|---|---|" + "---|" * len(cases))
    rows = {}
    for name, scheme, case, cell, ok in results:
        rows.setdefault((name, scheme), {})[case] = cell if ok else f"**FAIL {cell}**"
    for (name, scheme), cells in rows.items():
        if "start" in cells:
            print(f"| {name} | {scheme} | {cells['start']} |")
            continue
        print(f"| {name} | {scheme} | " + " | ".join(cells.get(c, "") for c in cases) + " |")
    failed = [r for r in results if not r[4]]
    checked = [r for r in results if r[3] != "n/a"]
    print(f"\n{len(checked) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
