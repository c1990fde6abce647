#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from tests/vectors/*.json (idempotent).

Writes each case's header values, bodies, secrets and header lists in the frame
the targets read (fuzz/src/lib.rs):

    [scheme byte][flags byte] part SEP part SEP ...      SEP = b"\\x00|"

    python3 fuzz/seed_corpus.py            # writes fuzz/corpus/
    python3 fuzz/seed_corpus.py --out DIR
"""

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEP = b"\x00|"
BUILT_IN = ["costkatana", "unicraft", "dash", "smartaihub", "standard",
            "stripe", "github", "slack", "shopify"]
NAMES = {  # scheme -> (signature, timestamp, id) header names, lower case
    "costkatana": ("x-costkatana-signature", "x-costkatana-timestamp", None),
    "unicraft": ("x-unicraft-signature", None, None),
    "dash": ("x-dash-signature", None, None),
    "smartaihub": ("x-webhook-signature", None, None),
    "standard": ("webhook-signature", "webhook-timestamp", "webhook-id"),
    "stripe": ("stripe-signature", None, None),
    "github": ("x-hub-signature-256", None, None),
    "slack": ("x-slack-signature", "x-slack-request-timestamp", None),
    "shopify": ("x-shopify-hmac-sha256", None, None),
}
MAX_INPUT = 16384


def body_of(case):
    if "body" in case:
        return case["body"].encode("utf-8")
    if "body_hex" in case:
        return bytes.fromhex(case["body_hex"])
    if "body_repeat" in case:
        r = case["body_repeat"]
        return (r["unit"] * min(r["count"], 64)).encode("utf-8")
    return b""


def frame(sel, flags, parts):
    return bytes([sel, flags]) + SEP.join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "fuzz" / "corpus"))
    args = ap.parse_args()
    out = Path(args.out)
    seeds = {t: set() for t in ["header_values", "verify", "custom_scheme", "event", "secrets"]}
    for f in sorted((ROOT / "tests" / "vectors").glob("*.json")):
        for case in json.loads(f.read_text())["cases"]:
            scheme = case.get("scheme")
            body = body_of(case)
            secrets = [s.encode("utf-8") for s in case.get("secrets", [])]
            headers = case.get("headers", [])
            hv = lambda name: next((v.encode("utf-8") for k, v in headers if k.lower() == name), b"")
            lines = [k.encode("utf-8") + b":" + v.encode("utf-8") for k, v in headers]
            now = str(case.get("now") or 1700000000).encode()
            if isinstance(scheme, str) and scheme in BUILT_IN:
                sel = BUILT_IN.index(scheme)
                sig, ts, mid = NAMES[scheme]
                seeds["header_values"].add(frame(sel, 0, [hv(sig), hv(ts) if ts else b"", hv(mid) if mid else b"", body]))
                if secrets:
                    seeds["verify"].add(frame(sel, 0, [secrets[0], now, body] + lines))
                seeds["secrets"].add(frame(sel, 0, secrets))
                if case.get("mode") == "event" or body[:1] in (b"{", b"["):
                    extra = [l for l in lines if not l.lower().startswith(sig.encode())]
                    seeds["event"].add(frame(sel, 0, [body] + extra))
            elif isinstance(scheme, dict):
                flags = (1 if scheme.get("encoding") == "base64" else 0) \
                    | (2 if scheme.get("id_header") else 0) \
                    | (4 if scheme.get("timestamp_header") else 0)
                g = lambda k: (scheme.get(k) or "").encode("utf-8")
                mid = hv((scheme.get("id_header") or "").lower()) if scheme.get("id_header") else b""
                secret = secrets[0] if secrets else b"s"
                seeds["custom_scheme"].add(frame(0, flags, [
                    g("signature_header"), g("prefix"), g("id_header"), g("timestamp_header"),
                    g("template") or b"{body}", secret, mid or b"msg_1", body] + lines))
                if case.get("mode") == "event":
                    seeds["event"].add(frame(9, 0, [body]))
    # a few hand-written shapes the vectors do not have
    seeds["secrets"].update({frame(4, 0, [b"whpk_" + b"A" * 43 + b"="]), frame(4, 0, [b"whsk_" + b"A" * 43 + b"="]),
                             frame(4, 0, [b""]), frame(5, 0, [b"s"] * 9)})
    total = 0
    for target, items in seeds.items():
        d = out / target
        d.mkdir(parents=True, exist_ok=True)
        for data in items:
            if len(data) > MAX_INPUT:
                continue
            p = d / hashlib.sha1(data).hexdigest()
            if not p.exists():
                p.write_bytes(data)
            total += 1
        print(f"seed_corpus: {target}: {len(items)} seeds", file=sys.stderr)
    print(f"seed_corpus: {total} seeds under {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
