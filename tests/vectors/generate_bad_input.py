#!/usr/bin/env python3
"""Bad-input catalog for hookseal: tests/vectors/bad_input.json.

Hostile and malformed deliveries that every binding must refuse (or accept)
with the same code: oversized headers, CR/LF/NUL in header values, duplicate
headers, thousands of signatures in one header, huge timestamps, Unicode
look-alike prefixes, white space around values, empty secrets and secrets with
white space, bodies that are not JSON, deep nesting, gigantic numbers and
duplicate JSON keys.

The oracle is NOT hookseal: Python's standard library only (hmac, hashlib,
base64, json) for the signatures, and the rules of docs/SEMANTICS.md for the
expected codes; each case's `source` names the rule it follows.

    python3 tests/vectors/generate_bad_input.py           # rewrite the file
    python3 tests/vectors/generate_bad_input.py --check   # exit 1 if it would change

Deterministic: fixed secrets, timestamps and bodies.
"""

import base64
import hashlib
import hmac
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "bad_input.json"

NOW = 1700000000
I64_MAX = 2**63 - 1
GH = "gh-bad-input-secret"           # github / dash / shopify / slack
ST = "whsec_bad_input_stripe"        # stripe: the string's bytes
STD_RAW = b"standard-webhooks-bad-input-key!"
STD = "whsec_" + base64.b64encode(STD_RAW).decode()
BODY = '{"id":"evt_1","type":"invoice.paid","data":{"object":{"amount":4200}}}'
MSG_ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"

SEM = "docs/SEMANTICS.md"
GEN = "(generate_bad_input.py)"


# --------------------------------------------------------------------------
# primitives (the oracle)
# --------------------------------------------------------------------------

def mac(key, msg):
    key = key.encode() if isinstance(key, str) else key
    msg = msg.encode() if isinstance(msg, str) else msg
    return hmac.new(key, msg, hashlib.sha256).digest()


def hx(key, msg):
    return mac(key, msg).hex()


def b64(raw):
    return base64.b64encode(raw).decode()


def github_sig(body, key=GH):
    return "sha256=" + hx(key, body)


def stripe_v1(ts, body, key=ST):
    return hx(key, f"{ts}.".encode() + (body.encode() if isinstance(body, str) else body))


def slack_sig(ts, body, key=GH):
    return "v0=" + hx(key, f"v0:{ts}:{body}")


def std_sig(msg_id, ts, body, key=STD_RAW):
    return "v1," + b64(mac(key, f"{msg_id}.{ts}.{body}"))


def wrong_hex(i):
    return hashlib.sha256(f"wrong-{i}".encode()).hexdigest()


def wrong_b64(i):
    return b64(hashlib.sha256(f"wrong-{i}".encode()).digest())


# --------------------------------------------------------------------------
# cases
# --------------------------------------------------------------------------

CASES = []


def case(cid, rule, scheme, headers, *, body=BODY, secrets=None, now=NOW, error=None,
         mode=None, options=None, body_hex=None, body_repeat=None, event=None):
    c = {"id": f"bad/{cid}", "source": f"oracle: python stdlib hmac/hashlib/base64 + {SEM} {rule} {GEN}",
         "scheme": scheme}
    if secrets is None:
        secrets = {"stripe": [ST], "standard": [STD]}.get(scheme, [GH]) if isinstance(scheme, str) else [GH]
    c["secrets"] = secrets
    if options:
        c["options"] = options
    c["headers"] = [list(h) for h in headers]
    if body_hex is not None:
        c["body_hex"] = body_hex
    elif body_repeat is not None:
        c["body_repeat"] = body_repeat
    else:
        c["body"] = body
    c["now"] = now
    if mode:
        c["mode"] = mode
    c["expect"] = {"error": error} if error else {"ok": True}
    if event:
        c["event"] = event
    assert c["id"] not in {x["id"] for x in CASES}, c["id"]
    CASES.append(c)


def gh(value, name="X-Hub-Signature-256"):
    return [(name, value)]


def std_headers(sig, msg_id=MSG_ID, ts=NOW):
    return [("webhook-id", msg_id), ("webhook-timestamp", str(ts)), ("webhook-signature", sig)]


GOOD_GH = github_sig(BODY)
GOOD_V1 = stripe_v1(NOW, BODY)
GOOD_STD = std_sig(MSG_ID, NOW, BODY)
GOOD_SHOPIFY = b64(mac(GH, BODY))


def oversized():
    r = "Order of checks 3 / Signatures (exact length)"
    case("oversized/github-16k-hex", r, "github", gh("sha256=" + "a" * 16384), error="invalid_header")
    case("oversized/shopify-16k-base64", r, "shopify", [("X-Shopify-Hmac-Sha256", "A" * 16384)], error="invalid_header")
    case("oversized/github-good-then-16k-spaces", "Order of checks 2 (OWS trimmed)", "github",
         gh(GOOD_GH + " " * 16384))
    case("oversized/github-16k-spaces-only", "Order of checks 2 (empty after trimming)", "github",
         gh(" \t" * 8192), error="missing_header")
    items = ",".join(f"x{i}=1" for i in range(8000))
    case("oversized/stripe-8000-unknown-items-then-v1", "Signatures (unknown versions ignored)", "stripe",
         [("Stripe-Signature", f"t={NOW},{items},v1={GOOD_V1}")])
    long_id = "msg_" + "x" * 16384
    case("oversized/standard-16k-id-signed", "Signing / Standard Webhooks ({id}.{ts}.{body})", "standard",
         std_headers(std_sig(long_id, NOW, BODY), msg_id=long_id))
    zeros = "0" * 16384 + str(NOW)
    case("oversized/slack-16k-leading-zeros-signed-as-sent", "Timestamps (leading zeros allowed; signed as sent)",
         "slack", [("X-Slack-Request-Timestamp", zeros), ("X-Slack-Signature", slack_sig(zeros, BODY))])
    case("oversized/body-over-limit-before-headers", "Order of checks 1 (size first)", "github", [],
         body_repeat={"unit": "a", "count": 1025}, options={"max_payload_bytes": 1024}, error="payload_too_large")
    at_limit = "a" * 1024
    case("oversized/body-at-limit", "Order of checks 1 / Payload size", "github", gh(github_sig(at_limit)),
         body_repeat={"unit": "a", "count": 1024}, options={"max_payload_bytes": 1024})


def control_chars():
    r = "Order of checks 2 (only spaces and tabs are trimmed)"
    case("ctl/github-trailing-crlf", r, "github", gh(GOOD_GH + "\r\n"), error="invalid_header")
    case("ctl/github-leading-crlf", r, "github", gh("\r\n" + GOOD_GH), error="invalid_header")
    case("ctl/github-injected-header", r, "github", gh(GOOD_GH + "\r\nX-Injected: 1"), error="invalid_header")
    case("ctl/github-trailing-lf", r, "github", gh(GOOD_GH + "\n"), error="invalid_header")
    case("ctl/github-trailing-nul", r, "github", gh(GOOD_GH + "\u0000"), error="invalid_header")
    case("ctl/github-nul-inside-hex", r, "github", gh(GOOD_GH[:20] + "\u0000" + GOOD_GH[21:]), error="invalid_header")
    case("ctl/github-leading-nul", r, "github", gh("\u0000" + GOOD_GH), error="invalid_header")
    case("ctl/github-nul-then-good-text", r, "github", gh("sha256=\u0000" + GOOD_GH[7:]), error="invalid_header")
    case("ctl/slack-timestamp-trailing-crlf", "Timestamps (digits only)", "slack",
         [("X-Slack-Request-Timestamp", f"{NOW}\r\n"), ("X-Slack-Signature", slack_sig(NOW, BODY))],
         error="invalid_header")
    case("ctl/slack-timestamp-trailing-nul", "Timestamps (digits only)", "slack",
         [("X-Slack-Request-Timestamp", f"{NOW}\u0000"), ("X-Slack-Signature", slack_sig(NOW, BODY))],
         error="invalid_header")
    case("ctl/stripe-v1-trailing-crlf", "Signatures (no v1 decodes)", "stripe",
         [("Stripe-Signature", f"t={NOW},v1={GOOD_V1}\r\n")], error="invalid_header")
    case("ctl/stripe-t-trailing-crlf", "Timestamps (digits only)", "stripe",
         [("Stripe-Signature", f"t={NOW}\r\n,v1={GOOD_V1}")], error="invalid_header")
    case("ctl/stripe-nul-item", "Signatures (an item without =)", "stripe",
         [("Stripe-Signature", f"t={NOW},\u0000,v1={GOOD_V1}")], error="invalid_header")
    case("ctl/standard-signature-trailing-crlf", "Signatures (no v1 decodes)", "standard",
         std_headers(GOOD_STD + "\r\n"), error="invalid_header")
    case("ctl/standard-newline-separated", "Signatures (space-separated list)", "standard",
         std_headers(f"v1,{wrong_b64(1)}\n{GOOD_STD}"), error="invalid_header")
    case("ctl/shopify-trailing-lf", r, "shopify", [("X-Shopify-Hmac-Sha256", GOOD_SHOPIFY + "\n")],
         error="invalid_header")
    case("ctl/costkatana-timestamp-nul", "Timestamps (digits only)", "costkatana",
         [("X-CostKatana-Signature", "sha256=" + hx(GH, f"{NOW}.{BODY}")),
          ("X-CostKatana-Timestamp", f"{NOW}\u0000")], error="invalid_header")
    crlf_id = "msg_1\r\n"
    case("ctl/standard-id-with-crlf-signed-as-sent", "Signing (the id's bytes as sent)", "standard",
         std_headers(std_sig(crlf_id, NOW, BODY), msg_id=crlf_id))
    case("ctl/standard-id-with-crlf-not-trimmed", r, "standard",
         std_headers(std_sig("msg_1", NOW, BODY), msg_id=crlf_id), error="signature_mismatch")
    nul_id = "msg_\u0000tail"
    case("ctl/standard-id-with-nul-signed-as-sent", "Signing (the id's bytes as sent; no C-string truncation)",
         "standard", std_headers(std_sig(nul_id, NOW, BODY), msg_id=nul_id))
    case("ctl/standard-id-with-nul-truncated-is-wrong", "Signing (the id's bytes as sent; no C-string truncation)",
         "standard", std_headers(std_sig("msg_", NOW, BODY), msg_id=nul_id), error="signature_mismatch")
    nul_body = bytes.fromhex("7b7d00ff0d0a00")
    case("ctl/github-body-with-nul-bytes", "Raw body only (bytes)", "github",
         gh("sha256=" + hx(GH, nul_body)), body_hex=nul_body.hex())


def duplicates():
    r = "headers: the FIRST value of a repeated name is used (core/src/headers.rs)"
    wrong = "sha256=" + wrong_hex(1)
    case("dup/github-good-then-wrong", r, "github", gh(GOOD_GH) + gh(wrong))
    case("dup/github-wrong-then-good", r, "github", gh(wrong) + gh(GOOD_GH), error="signature_mismatch")
    case("dup/github-malformed-then-good", r, "github", gh("sha256=zz") + gh(GOOD_GH), error="invalid_header")
    case("dup/github-empty-then-good", r + "; empty counts as absent", "github", gh("") + gh(GOOD_GH),
         error="missing_header")
    case("dup/github-names-differ-in-case", r + "; names case-insensitive", "github",
         gh(wrong, "x-hub-signature-256") + gh(GOOD_GH, "X-HUB-SIGNATURE-256"), error="signature_mismatch")
    old = NOW - 1000
    case("dup/slack-timestamp-signed-then-stale", r, "slack",
         [("X-Slack-Request-Timestamp", str(NOW)), ("X-Slack-Request-Timestamp", str(old)),
          ("X-Slack-Signature", slack_sig(NOW, BODY))])
    case("dup/slack-timestamp-stale-then-signed", r, "slack",
         [("X-Slack-Request-Timestamp", str(old)), ("X-Slack-Request-Timestamp", str(NOW)),
          ("X-Slack-Signature", slack_sig(NOW, BODY))], error="timestamp_too_old")
    case("dup/stripe-good-then-other", r, "stripe",
         [("Stripe-Signature", f"t={NOW},v1={GOOD_V1}"), ("Stripe-Signature", f"t=1,v1={wrong_hex(2)}")])
    case("dup/stripe-other-then-good", r, "stripe",
         [("Stripe-Signature", f"t={NOW - 10},v1={wrong_hex(2)}"), ("Stripe-Signature", f"t={NOW},v1={GOOD_V1}")],
         error="signature_mismatch")
    case("dup/standard-empty-webhook-signature-uses-svix", "Signatures (empty webhook-* header counts as absent)",
         "standard", [("webhook-id", MSG_ID), ("webhook-timestamp", str(NOW)), ("webhook-signature", ""),
                      ("svix-signature", GOOD_STD)])
    case("dup/standard-webhook-id-before-svix-id", "Per scheme (webhook- name first, then svix-)", "standard",
         [("svix-id", "msg_other"), ("webhook-id", MSG_ID), ("webhook-timestamp", str(NOW)),
          ("webhook-signature", GOOD_STD)])
    case("dup/standard-svix-id-signed-but-webhook-id-wins", "Per scheme (webhook- name first, then svix-)",
         "standard", [("webhook-id", "msg_other"), ("svix-id", MSG_ID), ("webhook-timestamp", str(NOW)),
                      ("webhook-signature", GOOD_STD)], error="signature_mismatch")
    case("dup/standard-empty-first-webhook-signature", r + "; empty counts as absent, no svix twin", "standard",
         std_headers("") + [("webhook-signature", GOOD_STD)], error="missing_header")
    case("dup/standard-wrong-then-good-signature-header", r, "standard",
         std_headers(f"v1,{wrong_b64(3)}") + [("webhook-signature", GOOD_STD)], error="signature_mismatch")


def many_signatures():
    r = "Signatures (any one valid signature is enough; undecodable ones skipped)"
    big = 3000
    wrong = ",".join(f"v1={wrong_hex(i)}" for i in range(big))
    case(f"many/stripe-{big}-wrong-then-good", r, "stripe", [("Stripe-Signature", f"t={NOW},{wrong},v1={GOOD_V1}")])
    n = 1000
    wrong = ",".join(f"v1={wrong_hex(i)}" for i in range(n))
    case(f"many/stripe-{n}-wrong", r, "stripe", [("Stripe-Signature", f"t={NOW},{wrong}")],
         error="signature_mismatch")
    v0 = ",".join(f"v0={wrong_hex(i)}" for i in range(n))
    case(f"many/stripe-{n}-v0-only", "Signatures (nothing but unknown versions)", "stripe",
         [("Stripe-Signature", f"t={NOW},{v0}")], error="unsupported_signature")
    short = ",".join(f"v1={wrong_hex(i)[:63]}" for i in range(n))
    case(f"many/stripe-{n}-undecodable-then-good", r, "stripe",
         [("Stripe-Signature", f"t={NOW},{short},v1={GOOD_V1}")])
    case(f"many/stripe-{n}-undecodable-only", "Signatures (no signature decodes)", "stripe",
         [("Stripe-Signature", f"t={NOW},{short}")], error="invalid_header")
    sw = " ".join(f"v1,{wrong_b64(i)}" for i in range(n))
    case(f"many/standard-{n}-wrong-then-good", r, "standard", std_headers(f"{sw} {GOOD_STD}"))
    case(f"many/standard-{n}-wrong", r, "standard", std_headers(sw), error="signature_mismatch")
    v2 = " ".join(f"v2,{wrong_b64(i)}" for i in range(n))
    case(f"many/standard-{n}-unknown-versions", "Signatures (nothing but unknown versions)", "standard",
         std_headers(v2), error="unsupported_signature")
    ck = ",".join(f"v1={wrong_hex(i)}" for i in range(n))
    case(f"many/costkatana-{n}-wrong-then-good", r, "costkatana",
         [("X-CostKatana-Signature", f"t={NOW},{ck},v1={hx(GH, f'{NOW}.{BODY}')}")])
    case("many/stripe-two-t-items", "Signatures (a repeated t=)", "stripe",
         [("Stripe-Signature", f"t={NOW},t={NOW},v1={GOOD_V1}")], error="invalid_header")


def timestamps():
    r = "Timestamps (plain decimal, at most 2^63-1) / Order of checks 4"
    case("ts/slack-i64-max-signed", r, "slack",
         [("X-Slack-Request-Timestamp", str(I64_MAX)), ("X-Slack-Signature", slack_sig(I64_MAX, BODY))],
         error="timestamp_too_new")
    case("ts/stripe-i64-max-signed-future-accepted", r + "; Stripe checks only the past", "stripe",
         [("Stripe-Signature", f"t={I64_MAX},v1={stripe_v1(I64_MAX, BODY)}")])
    case("ts/stripe-i64-max-plus-one", r, "stripe",
         [("Stripe-Signature", f"t={I64_MAX + 1},v1={stripe_v1(I64_MAX + 1, BODY)}")], error="invalid_header")
    case("ts/standard-2-pow-64", r, "standard",
         [("webhook-id", MSG_ID), ("webhook-timestamp", str(2**64)),
          ("webhook-signature", std_sig(MSG_ID, 2**64, BODY))], error="invalid_header")
    case("ts/slack-100-digits", r, "slack",
         [("X-Slack-Request-Timestamp", "9" * 100), ("X-Slack-Signature", slack_sig("9" * 100, BODY))],
         error="invalid_header")
    case("ts/stripe-zero-is-too-old", r, "stripe", [("Stripe-Signature", f"t=0,v1={stripe_v1(0, BODY)}")],
         error="timestamp_too_old")
    case("ts/stripe-zero-tolerance-off", "Timestamps (tolerance 0 switches the check off)", "stripe",
         [("Stripe-Signature", f"t=0,v1={stripe_v1(0, BODY)}")], options={"tolerance": 0})
    lz = "000" + str(NOW)
    case("ts/stripe-leading-zeros-signed-as-sent", "Signatures (the timestamp is signed as the text sent)",
         "stripe", [("Stripe-Signature", f"t={lz},v1={stripe_v1(lz, BODY)}")])
    case("ts/stripe-leading-zeros-signed-without", "Signatures (the timestamp is signed as the text sent)",
         "stripe", [("Stripe-Signature", f"t={lz},v1={GOOD_V1}")], error="signature_mismatch")
    for name, text in [("underscores", "1_700_000_000"), ("fullwidth-digits", "１７００００００００"),
                       ("arabic-indic-digits", "١٧٠٠٠٠٠٠٠٠"), ("inner-tab", "1700\t000000"),
                       ("empty-t", "")]:
        if name == "empty-t":
            case("ts/stripe-empty-t", r, "stripe", [("Stripe-Signature", f"t=,v1={GOOD_V1}")],
                 error="invalid_header")
            continue
        case(f"ts/standard-{name}", r, "standard",
             [("webhook-id", MSG_ID), ("webhook-timestamp", text),
              ("webhook-signature", std_sig(MSG_ID, text, BODY))], error="invalid_header")
    case("ts/slack-exactly-tolerance-old", "Order of checks 4 (exactly now - tolerance passes)", "slack",
         [("X-Slack-Request-Timestamp", str(NOW - 300)), ("X-Slack-Signature", slack_sig(NOW - 300, BODY))])
    case("ts/slack-one-past-tolerance", "Order of checks 4", "slack",
         [("X-Slack-Request-Timestamp", str(NOW - 301)), ("X-Slack-Signature", slack_sig(NOW - 301, BODY))],
         error="timestamp_too_old")


def lookalikes():
    r = "Signatures (prefixes are case-sensitive ASCII; hex/base64 digits only)"
    h = GOOD_GH[7:]
    case("uni/github-cyrillic-dze-prefix", r, "github", gh("\u0455ha256=" + h), error="invalid_header")
    case("uni/github-fullwidth-equals", r, "github", gh("sha256\uff1d" + h), error="invalid_header")
    case("uni/github-uppercase-prefix", r, "github", gh("SHA256=" + h), error="invalid_header")
    case("uni/github-zero-width-space-prefix", r, "github", gh("\u200b" + GOOD_GH), error="invalid_header")
    case("uni/github-bom-prefix", r, "github", gh("\ufeff" + GOOD_GH), error="invalid_header")
    case("uni/github-cyrillic-a-in-hex", r, "github",
         gh("sha256=" + h.replace("a", "\u0430", 1) if "a" in h else "sha256=\u0430" + h[1:]),
         error="invalid_header")
    case("uni/github-fullwidth-hex-digit", r, "github", gh("sha256=\uff10" + h[1:]), error="invalid_header")
    case("uni/stripe-fullwidth-v1-key", "Signatures (unknown versions ignored; nothing else)", "stripe",
         [("Stripe-Signature", f"t={NOW},\uff561={GOOD_V1}")], error="unsupported_signature")
    case("uni/stripe-fullwidth-t-key", "Signatures (a missing t=)", "stripe",
         [("Stripe-Signature", f"\uff54={NOW},v1={GOOD_V1}")], error="invalid_header")
    case("uni/standard-fullwidth-v1", "Signatures (unknown versions ignored; nothing else)", "standard",
         std_headers("\uff561," + GOOD_STD[3:]), error="unsupported_signature")
    case("uni/standard-fullwidth-comma", "Signatures (an entry without ,)", "standard",
         std_headers("v1\uff0c" + GOOD_STD[3:]), error="invalid_header")
    case("uni/slack-fullwidth-v0", r, "slack",
         [("X-Slack-Request-Timestamp", str(NOW)), ("X-Slack-Signature", "\uff560=" + slack_sig(NOW, BODY)[3:])],
         error="invalid_header")
    # a body whose tag's base64 has + or /, so that the URL-safe spelling differs
    n = next(n for n in range(1, 200) if set(b64(mac(GH, "x" * n))) & set("+/"))
    case("uni/shopify-url-safe-alphabet", "Signatures (standard base64 alphabet)", "shopify",
         [("X-Shopify-Hmac-Sha256", base64.urlsafe_b64encode(mac(GH, "x" * n)).decode())],
         body="x" * n, error="invalid_header")


def whitespace():
    r = "Order of checks 2 (spaces and tabs around values are trimmed, nothing else)"
    case("ws/github-spaces-and-tabs-around", r, "github", gh(" \t" + GOOD_GH + "\t "))
    case("ws/github-space-after-prefix", r, "github", gh("sha256= " + GOOD_GH[7:]), error="invalid_header")
    case("ws/github-nbsp-after", r, "github", gh(GOOD_GH + "\u00a0"), error="invalid_header")
    case("ws/github-vertical-tab-after", r, "github", gh(GOOD_GH + "\u000b"), error="invalid_header")
    case("ws/github-form-feed-before", r, "github", gh("\u000c" + GOOD_GH), error="invalid_header")
    case("ws/stripe-spaces-around-items", "Signatures (spaces around comma-separated items are trimmed)",
         "stripe", [("Stripe-Signature", f" t={NOW} ,\tv1={GOOD_V1} ")])
    case("ws/stripe-space-before-equals", "Signatures (a missing t=)", "stripe",
         [("Stripe-Signature", f"t ={NOW},v1={GOOD_V1}")], error="invalid_header")
    case("ws/stripe-space-after-v1-equals", "Signatures (no v1 decodes)", "stripe",
         [("Stripe-Signature", f"t={NOW},v1= {GOOD_V1}")], error="invalid_header")
    case("ws/standard-runs-of-spaces", "Signatures (runs of spaces are one separator)", "standard",
         std_headers(f"   v1,{wrong_b64(4)}     {GOOD_STD}   "))
    case("ws/standard-tab-separated", "Signatures (only spaces separate entries)", "standard",
         std_headers(f"v1,{wrong_b64(4)}\t{GOOD_STD}"), error="invalid_header")
    case("ws/slack-timestamp-padded", r + "; the trimmed text is signed", "slack",
         [("X-Slack-Request-Timestamp", f"  {NOW}\t"), ("X-Slack-Signature", slack_sig(NOW, BODY))])
    case("ws/standard-id-padded-signed-trimmed", r, "standard", std_headers(GOOD_STD, msg_id=f" {MSG_ID}\t"))
    case("ws/standard-id-padded-signed-padded", r, "standard",
         std_headers(std_sig(f" {MSG_ID}\t", NOW, BODY), msg_id=f" {MSG_ID}\t"), error="signature_mismatch")
    case("ws/shopify-trailing-spaces", r, "shopify", [("X-Shopify-Hmac-Sha256", GOOD_SHOPIFY + "  ")])
    case("ws/standard-timestamp-only-spaces", r + "; empty after trimming", "standard",
         [("webhook-id", MSG_ID), ("webhook-timestamp", " \t "), ("webhook-signature", GOOD_STD)],
         error="missing_header")


def secrets():
    r = "Secrets"
    case("secret/empty-string", r + " (an empty secret)", "github", gh(GOOD_GH), secrets=[""], error="invalid_secret")
    case("secret/no-secrets", r + " (no secret)", "github", gh(GOOD_GH), secrets=[], error="invalid_secret")
    case("secret/good-and-empty", r + " (an empty secret)", "github", gh(GOOD_GH), secrets=[GH, ""],
         error="invalid_secret")
    case("secret/nine-secrets", r + " (more than 8)", "github", gh(GOOD_GH),
         secrets=[f"s{i}" for i in range(8)] + [GH], error="invalid_secret")
    case("secret/eight-secrets-good-last", r + " (rotation: any may match)", "github", gh(GOOD_GH),
         secrets=[f"s{i}" for i in range(7)] + [GH])
    padded = " s3cret "
    case("secret/spaces-kept-signed-with-spaces", r + " (used exactly as given)", "github",
         gh(github_sig(BODY, padded)), secrets=[padded])
    case("secret/spaces-not-trimmed", r + " (used exactly as given)", "github",
         gh(github_sig(BODY, padded)), secrets=["s3cret"], error="signature_mismatch")
    case("secret/trailing-newline-not-trimmed", r + " (used exactly as given)", "github",
         gh(github_sig(BODY, "s3cret")), secrets=["s3cret\n"], error="signature_mismatch")
    case("secret/stripe-whsec-with-trailing-space-as-bytes", r + " (Stripe: the string's bytes)", "stripe",
         [("Stripe-Signature", f"t={NOW},v1={stripe_v1(NOW, BODY, ST + ' ')}")], secrets=[ST + " "])
    case("secret/nul-byte-secret", r + " (bytes as given)", "github", gh(github_sig(BODY, "\u0000")),
         secrets=["\u0000"])
    case("secret/non-ascii-secret-utf8", r + " (the string's UTF-8 bytes)", "github",
         gh(github_sig(BODY, "s\u00e9cr\u00e8t-\u6771\u4eac".encode())), secrets=["s\u00e9cr\u00e8t-\u6771\u4eac"])
    case("secret/standard-trailing-space", r + " (standard: does not decode)", "standard",
         std_headers(GOOD_STD), secrets=[STD + " "], error="invalid_secret")
    case("secret/standard-leading-space", r + " (standard: does not decode)", "standard",
         std_headers(GOOD_STD), secrets=[" " + STD], error="invalid_secret")
    case("secret/standard-newline-inside", r + " (standard: does not decode)", "standard",
         std_headers(GOOD_STD), secrets=[STD[:20] + "\n" + STD[20:]], error="invalid_secret")
    case("secret/standard-prefix-only", r + " (standard: empty key)", "standard", std_headers(GOOD_STD),
         secrets=["whsec_"], error="invalid_secret")
    case("secret/standard-uppercase-prefix", r + " (standard: WHSEC_ is not the prefix, not base64)", "standard",
         std_headers(GOOD_STD), secrets=["WHSEC_" + STD[6:]], error="invalid_secret")
    case("secret/standard-unpadded-base64", r + " (standard: base64 padding optional)", "standard",
         std_headers(GOOD_STD), secrets=[STD.rstrip("=")])
    case("secret/standard-bare-base64", r + " (standard: bare base64 accepted)", "standard",
         std_headers(GOOD_STD), secrets=[STD[6:]])
    # found by the `secrets` fuzz target: keys over 512 decoded bytes were
    # refused (core fixed in 1bd87a7); HMAC hashes keys longer than its block
    for size in (512, 513, 4096):
        key = (bytes(range(256)) * 16)[:size]
        case(f"secret/standard-{size}-byte-key", r + " (standard: any decoded length)", "standard",
             std_headers(std_sig(MSG_ID, NOW, BODY, key)), secrets=["whsec_" + b64(key)])
    case("secret/standard-whpk-31-bytes", r + " (standard: whpk_ must be 32 bytes)", "standard",
         std_headers(GOOD_STD), secrets=["whpk_" + b64(b"\x01" * 31)], error="invalid_secret")
    case("secret/standard-v1a-only-no-ed25519-key", r + " (unsupported_signature: v1a with no key)", "standard",
         std_headers("v1a," + b64(b"\x07" * 64)), error="unsupported_signature")


def bodies():
    r = "Order of checks / events: not JSON is invalid_payload"
    ev = "event"

    def dash(body, cid, error=None, event=None, options=None, body_hex=None):
        raw = bytes.fromhex(body_hex) if body_hex is not None else body.encode()
        case(cid, r, "dash", [("X-Dash-Signature", "sha256=" + hx(GH, raw))], body=body, body_hex=body_hex,
             mode=ev, error=error, event=event, options=options)

    dash("not json", "json/dash-plain-text", error="invalid_payload")
    dash("", "json/dash-empty-body", error="invalid_payload")
    dash(None, "json/dash-binary", error="invalid_payload", body_hex="fffe00c328")
    dash('{"id":', "json/dash-truncated", error="invalid_payload")
    dash("[]", "json/dash-top-level-array", error="invalid_payload")
    dash("null", "json/dash-top-level-null", error="invalid_payload")
    dash("\ufeff{}", "json/dash-utf8-bom", error="invalid_payload")
    dash("<xml/>", "json/dash-xml", error="invalid_payload")

    def env(data, typ="agent:complete", extra=""):
        return ('{"id":"5f0c7a1e-9b2d-4c3e-8f4a-6b7c8d9e0f02","type":"%s","timestamp":"2025-01-15T10:14:00.000Z",'
                '"data":%s%s}' % (typ, data, extra))

    good_data = '{"agentId":"a1","durationMs":5000,"cost":0.05,"result":%s}'
    dash(env(good_data % "1") + " x", "json/dash-trailing-garbage", error="invalid_payload")
    dash(env(good_data % "1") + "\n\t ", "json/dash-trailing-whitespace-ok",
         event={"provider": "dash", "type": "agent:complete"})
    deep = lambda n: "[" * n + "]" * n
    dash(env(good_data % deep(100)), "nest/dash-100-deep-array-ok", event={"type": "agent:complete"})
    dash(env(good_data % deep(200)), "nest/dash-200-deep-array", error="invalid_payload")
    deep_obj = lambda n: '{"a":' * n + "1" + "}" * n
    dash(env(good_data % deep_obj(300)), "nest/dash-300-deep-object", error="invalid_payload")
    case("nest/dash-100000-open-brackets", r, "dash",
         [("X-Dash-Signature", "sha256=" + hx(GH, "[" * 100000))], body_repeat={"unit": "[", "count": 100000},
         mode=ev, error="invalid_payload")
    big_int = "1" + "0" * 40
    dash(env(good_data.replace("5000", big_int) % "1"), "num/dash-40-digit-integer-as-number-ok",
         event={"type": "agent:complete"})
    dash(env(good_data.replace("0.05", "1e308") % "1"), "num/dash-1e308-ok", event={"type": "agent:complete"})
    dash(env(good_data.replace("0.05", "1e-400") % "1"), "num/dash-1e-400-underflow-ok",
         event={"type": "agent:complete"})
    dash(env(good_data.replace("5000", "-0") % "1"), "num/dash-negative-zero-ok", event={"type": "agent:complete"})
    # Numbers outside the range of an IEEE 754 double (|x| > ~1.8e308) are
    # refused (docs/SEMANTICS.md, JSON numbers; I-JSON, RFC 7493 2.2): JS would
    # read Infinity, Python inf or an exact big int, so two parsers would disagree.
    dash(env(good_data.replace("0.05", "1e400") % "1"), "num/dash-1e400-out-of-range", error="invalid_payload")
    dash(env(good_data.replace("0.05", "-1e400") % "1"), "num/dash-minus-1e400-out-of-range",
         error="invalid_payload")
    dash(env(good_data.replace("5000", "9" * 400) % "1"), "num/dash-400-digit-integer-out-of-range",
         error="invalid_payload")
    dash(env(good_data % ("1" + "0" * 308)), "num/dash-309-digit-integer-in-result-ok",
         event={"type": "agent:complete"})
    dash(env(good_data.replace("5000", '"5000"') % "1"), "num/dash-number-as-string", error="invalid_payload")
    dash(env(good_data % "1", extra=',"type":"agent:start"'), "dupkey/dash-type-last-wins-needs-start-fields",
         error="invalid_payload")
    start = '{"agentId":"a1","task":"t","model":"m"}'
    dash(env(start, typ="agent:complete", extra=',"type":"agent:start"'), "dupkey/dash-type-last-wins",
         event={"type": "agent:start"})
    dash(env(good_data % "1", extra=',"data":"not an object"'), "dupkey/dash-data-last-wins",
         error="invalid_payload")
    dash(env(good_data % "1", typ="agent:complete", extra=',"type":"agent:unheard-of"'),
         "dupkey/dash-strict-last-type-unknown", error="unknown_event_type", options={"strict": True})
    dash(env(start, extra=',"id":"not-a-uuid"'), "dupkey/dash-id-last-wins", error="invalid_payload")
    case("json/github-form-body-without-event-header", r + " (GitHub reads the type from X-GitHub-Event)",
         "github", gh(github_sig("a=b")), body="a=b", mode=ev, error="missing_header")
    case("json/stripe-not-json", r, "stripe", [("Stripe-Signature", f"t={NOW},v1={stripe_v1(NOW, 'ok')}")],
         body="ok", mode=ev, error="invalid_payload")


def order():
    r = "Order of checks"
    case("order/missing-before-malformed", r + " (2 before 3)", "slack", [("X-Slack-Signature", "v0=zz")],
         error="missing_header")
    case("order/stale-before-signature", r + " (4 before 5)", "slack",
         [("X-Slack-Request-Timestamp", str(NOW - 1000)), ("X-Slack-Signature", "v0=" + wrong_hex(5))],
         error="timestamp_too_old")
    case("order/stale-before-unsupported", r + " (4 before 5)", "stripe",
         [("Stripe-Signature", f"t={NOW - 1000},v0={wrong_hex(6)}")], error="timestamp_too_old")
    case("order/future-before-unsupported", r + " (4 before 5)", "standard",
         [("webhook-id", MSG_ID), ("webhook-timestamp", str(NOW + 1000)), ("webhook-signature", f"v2,{wrong_b64(7)}")],
         error="timestamp_too_new")
    case("order/too-large-before-stale", r + " (1 first)", "slack",
         [("X-Slack-Request-Timestamp", "1"), ("X-Slack-Signature", "v0=" + wrong_hex(8))],
         body="x" * 20, options={"max_payload_bytes": 10}, error="payload_too_large")


def signing():
    # A signer must never emit a header that cannot be sent or verified: ids are
    # visible ASCII only (docs/SEMANTICS.md, Signing). Timestamps over 2^63-1 are
    # refused too, but not every binding can pass one (C int64_t, a JS number,
    # a PHP int), so that rule is tested per binding and in the core.
    r = "Signing (ids: visible ASCII 0x21-0x7E only)"

    def sign_case(cid, scheme, msg_id, secrets=None, error="invalid_argument"):
        c = {"id": f"bad/{cid}", "source": f"oracle: {SEM} {r} {GEN}", "op": "sign", "scheme": scheme,
             "secrets": secrets or ([STD] if scheme == "standard" else [GH]), "body": BODY, "timestamp": NOW,
             "msg_id": msg_id, "expect": {"error": error}}
        assert c["id"] not in {x["id"] for x in CASES}, c["id"]
        CASES.append(c)

    for name, msg_id in [("leading-space", " msg_1"), ("trailing-tab", "msg_1\t"), ("inner-space", "msg 1"),
                         ("crlf", "msg_1\r\n"), ("crlf-injected-header", "msg_1\r\nX-Injected: 1"),
                         ("lf", "msg\n1"), ("nul", "msg_\u0000tail"), ("del", "msg_\u007f"),
                         ("non-ascii", "msg_\u00e9"), ("zero-width-space", "msg_\u200b1")]:
        sign_case(f"sign/standard-id-{name}", "standard", msg_id)
    custom_id = {"signature_header": "X-Sig", "id_header": "X-Id", "template": "{id}.{body}"}
    sign_case("sign/custom-id-crlf", custom_id, "evt_1\r\n")
    sign_case("sign/custom-id-trailing-space", custom_id, "evt_1 ")


def custom_descriptions():
    # A custom scheme that could not verify what it signs is refused when built
    # (docs/SEMANTICS.md, Custom schemes).
    r = "Custom schemes (prefix: printable ASCII, no leading space; distinct header names)"
    body_sig = [("X-Sig", "sha256=" + hx(GH, BODY))]
    for name, prefix in [("leading-space", " sha256="), ("leading-tab", "\tsha256="), ("trailing-crlf", "sha256=\r\n"),
                         ("inner-lf", "sha\n256="), ("nul", "sha256=\u0000"), ("tab-inside", "v1\t="),
                         ("cyrillic", "\u0455ha256=")]:
        case(f"custom/prefix-{name}", r, {"signature_header": "X-Sig", "prefix": prefix}, body_sig,
             error="invalid_argument")
    case("custom/prefix-trailing-space-ok", r, {"signature_header": "X-Sig", "prefix": "sha256= "},
         [("X-Sig", "sha256= " + hx(GH, BODY))])
    case("custom/id-header-is-signature-header", r,
         {"signature_header": "X-Sig", "id_header": "x-sig", "template": "{id}.{body}"}, body_sig,
         error="invalid_argument")
    case("custom/timestamp-header-is-signature-header", r,
         {"signature_header": "X-Sig", "timestamp_header": "X-SIG", "template": "{timestamp}.{body}"}, body_sig,
         error="invalid_argument")
    case("custom/id-header-is-timestamp-header", r,
         {"signature_header": "X-Sig", "id_header": "X-Meta", "timestamp_header": "x-meta",
          "template": "{id}.{timestamp}.{body}"}, body_sig, error="invalid_argument")


def build():
    CASES.clear()
    oversized()
    control_chars()
    duplicates()
    many_signatures()
    timestamps()
    lookalikes()
    whitespace()
    secrets()
    bodies()
    order()
    signing()
    custom_descriptions()
    return {
        "description": "Bad-input catalog (issue 9): hostile and malformed deliveries every binding must answer "
                       "with the same code. Generated by generate_bad_input.py from Python's standard library "
                       "and docs/SEMANTICS.md; never edit by hand.",
        "cases": CASES,
    }


def render(doc):
    return json.dumps(doc, indent=1, ensure_ascii=True) + "\n"


def main(argv):
    text = render(build())
    if "--check" in argv:
        current = OUT.read_text() if OUT.exists() else ""
        if current != text:
            print(f"{OUT.name} is stale: run python3 tests/vectors/generate_bad_input.py", file=sys.stderr)
            return 1
        print(f"{OUT.name}: {len(CASES)} cases, up to date")
        return 0
    OUT.write_text(text)
    print(f"wrote {OUT.name}: {len(CASES)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
