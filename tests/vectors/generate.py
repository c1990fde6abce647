#!/usr/bin/env python3
"""Conformance-vector oracle for hookseal.

Writes tests/vectors/<scheme>.json (verification cases) and sign.json (sign
cases) from an oracle that is NOT hookseal: Python's hmac/hashlib/base64 and
the `cryptography` package (Ed25519, for Standard Webhooks `v1a`).  Published
provider examples are recomputed here and asserted before anything is written.

    python3 tests/vectors/generate.py           # rewrite the files
    python3 tests/vectors/generate.py --check   # exit 1 if a file would change

The contract is docs/SEMANTICS.md and tests/vectors/README.md.  Everything is
deterministic: fixed secrets, timestamps, bodies and Ed25519 seeds.
"""

import base64
import hashlib
import hmac
import json
import re
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

HERE = Path(__file__).resolve().parent

ORACLE = "oracle: python hmac (generate.py)"
ORACLE_ED = "oracle: python cryptography Ed25519 (generate.py)"
SEM = "oracle: docs/SEMANTICS.md rule (generate.py)"

NOW = 1700000000
TOL = 300
ANCIENT = 1000000000
I64_MAX = 2**63 - 1
BAD_TIMESTAMPS = [
    ("letters-suffix", "1700000000abc"),
    ("exponent", "1.7e9"),
    ("negative", "-5"),
    ("plus-sign", "+1700000000"),
    ("overflow", "99999999999999999999999"),
    ("i64-max-plus-1", str(I64_MAX + 1)),
    ("fraction", "1700000000.5"),
    ("inner-space", "1700 000000"),
    ("hex", "0x6553f100"),
]

BODY = ('{"id":"evt_0001","type":"test.event","created":1700000000,'
        '"data":{"object":{"id":"obj_42","amount":4200,"currency":"eur"}}}')
BODY_TAMPERED = BODY.replace("4200", "4201")
BODY_UTF8 = '{"id":"evt_0002","type":"test.unicode","data":{"name":"Zoë ✓ 東京 🚀"}}'
BODY_NON_UTF8_HEX = "ff00fe80c328a0a1f09f2800e9"  # invalid UTF-8 throughout
BODY_CRLF = 'line one\r\nline two\r\n'
MIB_UNIT = "0123456789abcdef"
MIB_REPEAT = {"unit": MIB_UNIT, "count": 65536}           # exactly 1 MiB
MIB_TAMPERED = {"unit": "0123456789abcdeF", "count": 65536}


# --------------------------------------------------------------------------
# primitives
# --------------------------------------------------------------------------

def mac(key: bytes, msg: bytes) -> bytes:
    return hmac.new(key, msg, hashlib.sha256).digest()


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def body_bytes(spec: dict) -> bytes:
    if "body" in spec:
        return spec["body"].encode("utf-8")
    if "body_hex" in spec:
        return bytes.fromhex(spec["body_hex"])
    rep = spec["body_repeat"]
    return (rep["unit"] * rep["count"]).encode("utf-8")


def B(text: str) -> dict:
    return {"body": text}


def BH(hexstr: str) -> dict:
    return {"body_hex": hexstr}


def BR(rep: dict) -> dict:
    return {"body_repeat": dict(rep)}


def ed_seed(label: str) -> bytes:
    return hashlib.sha256(b"hookseal test ed25519 seed: " + label.encode()).digest()


def ed_key(seed: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)


def ed_pub(seed: bytes) -> bytes:
    return ed_key(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def hmac_secret(label: str) -> str:
    """A deterministic printable secret for the raw-bytes schemes."""
    return "hs_" + hashlib.sha256(label.encode()).hexdigest()[:32]


def whsec(label: str, nbytes: int = 32) -> str:
    raw = hashlib.sha256(b"hookseal whsec: " + label.encode()).digest()
    raw = (raw * 2)[:nbytes]
    return "whsec_" + b64(raw)


# Ed25519 keys from fixed seeds.
ED1 = ed_seed("one")
ED2 = ed_seed("two")
WHPK1 = "whpk_" + b64(ed_pub(ED1))
WHPK2 = "whpk_" + b64(ed_pub(ED2))
WHSK1 = "whsk_" + b64(ED1)                      # 32-byte seed form
WHSK1_LONG = "whsk_" + b64(ED1 + ed_pub(ED1))   # 64-byte seed||public form


def self_check_ed25519():
    # RFC 8032 section 7.1, TEST 1: proves the Ed25519 oracle is the real thing.
    sk = ed_key(bytes.fromhex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
    pub = sk.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    assert pub == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", pub
    sig = sk.sign(b"").hex()
    assert sig == ("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                   "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"), sig


# --------------------------------------------------------------------------
# the oracle signer (independent of hookseal)
# --------------------------------------------------------------------------

def std_key(secret: str):
    """Standard Webhooks secret -> ('hmac', key) | ('edpub', pub) | ('edsk', seed)."""
    if secret.startswith("whpk_"):
        return "edpub", base64.b64decode(secret[5:])
    if secret.startswith("whsk_"):
        return "edsk", base64.b64decode(secret[5:])[:32]
    s = secret[6:] if secret.startswith("whsec_") else secret
    s = s + "=" * (-len(s) % 4)
    return "hmac", base64.b64decode(s, validate=True)


def std_v1(secret: str, msg_id: str, ts: str, body: bytes) -> str:
    kind, key = std_key(secret)
    assert kind == "hmac"
    return "v1," + b64(mac(key, f"{msg_id}.{ts}.".encode() + body))


def std_v1a(seed: bytes, msg_id: str, ts: str, body: bytes) -> str:
    return "v1a," + b64(ed_key(seed).sign(f"{msg_id}.{ts}.".encode() + body))


def hexsig(secret: str, msg: bytes) -> str:
    return mac(secret.encode("utf-8"), msg).hex()


def signed_content(scheme, body: bytes, ts, msg_id) -> bytes:
    if isinstance(scheme, dict):
        tpl = scheme.get("template", "{body}")
        pre, post = tpl.split("{body}")
        def fill(t):
            t = t.replace("{id}", msg_id if msg_id is not None else "\0")
            return t.replace("{timestamp}", ts if ts is not None else "\0")
        return fill(pre).encode() + body + fill(post).encode()
    return {
        "costkatana": lambda: f"{ts}.".encode() + body,
        "unicraft": lambda: body,
        "dash": lambda: body,
        "smartaihub": lambda: body,
        "standard": lambda: f"{msg_id}.{ts}.".encode() + body,
        "stripe": lambda: f"{ts}.".encode() + body,
        "github": lambda: body,
        "slack": lambda: f"v0:{ts}:".encode() + body,
        "shopify": lambda: body,
    }[scheme]()


def oracle_sign(scheme, secret: str, body: bytes, ts=None, msg_id=None):
    """The header pairs a provider sends, in SEMANTICS.md's order."""
    if ts is not None:
        ts = str(ts)
    msg = signed_content(scheme, body, ts, msg_id)
    if isinstance(scheme, dict):
        raw = mac(secret.encode("utf-8"), msg)
        enc = b64(raw) if scheme.get("encoding", "hex") == "base64" else raw.hex()
        out = [[scheme["signature_header"], scheme.get("prefix", "") + enc]]
        if "id_header" in scheme:
            out.append([scheme["id_header"], msg_id])
        if "timestamp_header" in scheme:
            out.append([scheme["timestamp_header"], ts])
        return out
    if scheme == "costkatana":
        return [["X-CostKatana-Signature", f"t={ts},v1={hexsig(secret, msg)}"],
                ["X-CostKatana-Timestamp", ts]]
    if scheme == "unicraft":
        return [["X-UniCraft-Signature", hexsig(secret, msg)]]
    if scheme == "dash":
        return [["X-Dash-Signature", "sha256=" + hexsig(secret, msg)]]
    if scheme == "smartaihub":
        return [["X-Webhook-Signature", "sha256=" + hexsig(secret, msg)]]
    if scheme == "standard":
        kind, key = std_key(secret)
        if kind == "edsk":
            sig = std_v1a(key, msg_id, ts, body)
        else:
            sig = std_v1(secret, msg_id, ts, body)
        return [["webhook-id", msg_id], ["webhook-timestamp", ts], ["webhook-signature", sig]]
    if scheme == "stripe":
        return [["Stripe-Signature", f"t={ts},v1={hexsig(secret, msg)}"]]
    if scheme == "github":
        return [["X-Hub-Signature-256", "sha256=" + hexsig(secret, msg)]]
    if scheme == "slack":
        return [["X-Slack-Request-Timestamp", ts], ["X-Slack-Signature", "v0=" + hexsig(secret, msg)]]
    if scheme == "shopify":
        return [["X-Shopify-Hmac-Sha256", b64(mac(secret.encode("utf-8"), msg))]]
    raise KeyError(scheme)


# --------------------------------------------------------------------------
# case construction
# --------------------------------------------------------------------------

KEY_ORDER = ["id", "source", "op", "scheme", "secrets", "options", "headers",
             "body", "body_hex", "body_repeat", "now", "timestamp", "msg_id",
             "mode", "expect", "expect_headers", "event"]


def ordered(d: dict) -> dict:
    assert set(d) <= set(KEY_ORDER), set(d) - set(KEY_ORDER)
    return {k: d[k] for k in KEY_ORDER if k in d}


def vcase(cid, scheme, secrets, headers, body, now, expect, source=ORACLE, options=None):
    d = {"id": cid, "source": source, "scheme": scheme, "secrets": list(secrets)}
    if options:
        d["options"] = dict(options)
    d["headers"] = [[n, v] for n, v in headers]
    d.update(body)
    d["now"] = now
    d["expect"] = {"ok": True} if expect == "ok" else {"error": expect}
    return ordered(d)


def replace(headers, name, value):
    out, hit = [], False
    for n, v in headers:
        if n.lower() == name.lower():
            out.append([n, value])
            hit = True
        else:
            out.append([n, v])
    assert hit, name
    return out


def drop(headers, name):
    out = [[n, v] for n, v in headers if n.lower() != name.lower()]
    assert len(out) == len(headers) - 1, name
    return out


def rename(headers, name, new):
    return [[new if n.lower() == name.lower() else n, v] for n, v in headers]


def get(headers, name):
    for n, v in headers:
        if n.lower() == name.lower():
            return v
    raise KeyError(name)


def alt_case(name: str) -> str:
    out, up = [], False
    for ch in name:
        if ch.isalpha():
            out.append(ch.upper() if up else ch.lower())
            up = not up
        else:
            out.append(ch)
    return "".join(out)


class Spec:
    """How one scheme (or one form of it) is exercised by the common cases."""

    def __init__(self, prefix, scheme, secret, other, *, timestamped, future_ok=False,
                 msg_id=None, sign=None, required=(), sig_header=None, ts_header=None):
        self.prefix = prefix          # case-id prefix, e.g. "costkatana/t-form"
        self.scheme = scheme
        self.secret = secret          # the matching secret
        self.other = other            # a well-formed, non-matching secret
        self.timestamped = timestamped
        self.future_ok = future_ok
        self.msg_id = msg_id
        self._sign = sign or (lambda sec, body, ts, mid: oracle_sign(scheme, sec, body, ts, mid))
        self.required = list(required)  # header names a verifier needs
        self.sig_header = sig_header
        self.ts_header = ts_header    # separate timestamp header, if any

    def headers(self, body=None, ts=NOW, secret=None, msg_id=None):
        body = body_bytes(B(BODY)) if body is None else body
        return self._sign(secret or self.secret, body,
                          str(ts) if self.timestamped else None,
                          msg_id or self.msg_id)

    def now(self, now=NOW):
        return now if self.timestamped else None

    def case(self, name, headers, expect, body=None, secrets=None, now=None,
             source=ORACLE, options=None):
        return vcase(f"{self.prefix}/{name}", self.scheme,
                     [self.secret] if secrets is None else secrets,
                     headers, B(BODY) if body is None else body,
                     self.now() if now is None else now, expect, source, options)


def common_cases(sp: Spec, *, constr_secrets=True, body_variety=True):
    c = []
    H = sp.headers()
    c.append(sp.case("valid", H, "ok"))
    c.append(sp.case("tampered-body", H, "signature_mismatch", body=B(BODY_TAMPERED)))
    c.append(sp.case("wrong-secret", H, "signature_mismatch", secrets=[sp.other]))
    c.append(sp.case("signed-with-other-secret", sp.headers(secret=sp.other), "signature_mismatch"))
    c.append(sp.case("rotation-second-matches", H, "ok", secrets=[sp.other, sp.secret]))
    c.append(sp.case("rotation-first-matches", H, "ok", secrets=[sp.secret, sp.other]))
    third = whsec("third-" + sp.prefix) if sp.scheme == "standard" else sp.secret + "-3"
    c.append(sp.case("rotation-none-matches", sp.headers(secret=sp.other), "signature_mismatch",
                     secrets=[sp.secret, third]))

    # header names in odd case, whitespace around values
    odd = [[alt_case(n), v] for n, v in H]
    c.append(sp.case("header-names-alternating-case", odd, "ok"))
    c.append(sp.case("header-names-upper-case", [[n.upper(), v] for n, v in H], "ok"))
    c.append(sp.case("header-names-lower-case", [[n.lower(), v] for n, v in H], "ok"))
    c.append(sp.case("header-values-surrounding-spaces", [[n, "  " + v + "  "] for n, v in H], "ok"))
    c.append(sp.case("header-values-surrounding-tabs", [[n, "\t" + v + " \t"] for n, v in H], "ok"))
    c.append(sp.case("unrelated-headers-ignored",
                     [["Content-Type", "application/json"]] + H + [["User-Agent", "hookseal-vectors"]], "ok"))

    # missing / empty headers
    for name in sp.required:
        slug = name.lower()
        c.append(sp.case(f"missing-{slug}", drop(H, name), "missing_header"))
        c.append(sp.case(f"empty-{slug}", replace(H, name, ""), "missing_header"))
        c.append(sp.case(f"blank-{slug}", replace(H, name, " \t "), "missing_header"))
    c.append(sp.case("no-headers", [], "missing_header"))

    # bodies
    if body_variety:
        nb = body_bytes(BH(BODY_NON_UTF8_HEX))
        c.append(sp.case("non-utf8-body", sp.headers(body=nb), "ok", body=BH(BODY_NON_UTF8_HEX)))
        c.append(sp.case("non-utf8-body-tampered", sp.headers(body=nb), "signature_mismatch",
                         body=BH(BODY_NON_UTF8_HEX[:-2] + "ea")))
        c.append(sp.case("utf8-multibyte-body", sp.headers(body=BODY_UTF8.encode()), "ok", body=B(BODY_UTF8)))
        c.append(sp.case("empty-body", sp.headers(body=b""), "ok", body=B("")))
        c.append(sp.case("empty-body-signature-of-other-body", H, "signature_mismatch", body=B("")))
        c.append(sp.case("crlf-body", sp.headers(body=BODY_CRLF.encode()), "ok", body=B(BODY_CRLF)))
        mib = body_bytes(BR(MIB_REPEAT))
        assert len(mib) == 1 << 20
        c.append(sp.case("1mib-body", sp.headers(body=mib), "ok", body=BR(MIB_REPEAT)))
        c.append(sp.case("1mib-body-tampered", sp.headers(body=mib), "signature_mismatch",
                         body=BR(MIB_TAMPERED)))

    # payload size (checked before anything else)
    small = "0123456789abcdef"  # 16 bytes
    hs = sp.headers(body=small.encode())
    c.append(sp.case("payload-at-max", hs, "ok", body=B(small), options={"max_payload_bytes": 16}))
    c.append(sp.case("payload-over-max", sp.headers(body=(small + "!").encode()), "payload_too_large",
                     body=B(small + "!"), options={"max_payload_bytes": 16}))
    c.append(sp.case("payload-over-max-before-missing-header", [], "payload_too_large",
                     body=B(small + "!"), options={"max_payload_bytes": 16}))
    c.append(sp.case("payload-max-0-means-no-limit", sp.headers(body=(small + "!").encode()), "ok",
                     body=B(small + "!"), options={"max_payload_bytes": 0}))

    # secrets
    if constr_secrets:
        c.append(sp.case("secret-empty", H, "invalid_secret", secrets=[""]))
        c.append(sp.case("secret-empty-among-valid", H, "invalid_secret", secrets=[sp.secret, ""]))
        c.append(sp.case("eight-secrets-last-matches", H, "ok",
                         secrets=[sp.other] * 7 + [sp.secret]))
        c.append(sp.case("nine-secrets", H, "invalid_secret", secrets=[sp.other] * 8 + [sp.secret]))
    return c


def malformed_cases(sp: Spec, values):
    """values: list of (slug, signature header value) -> each invalid_header."""
    header = sp.sig_header
    H = sp.headers()
    return [sp.case(f"malformed-{slug}", replace(H, header, v), "invalid_header") for slug, v in values]


def hex_malformed(prefix: str, good_hex: str, wrong_case_prefix=None, wrong_prefix=None):
    p = prefix
    vals = [
        ("bad-hex", p + "zz" + good_hex[2:]),
        ("odd-length-hex", p + good_hex[:63]),
        ("short-hex-31-bytes", p + good_hex[:62]),
        ("long-hex-33-bytes", p + good_hex + "00"),
        ("prefix-only-empty-signature", p) if p else ("non-hex-word", "signature"),
        ("trailing-comma", p + good_hex + ","),
        ("trailing-junk", p + good_hex + "=="),
        ("0x-prefix", p + "0x" + good_hex),
        ("inner-space", p + good_hex[:32] + " " + good_hex[32:]),
        ("base64-instead-of-hex", p + b64(bytes.fromhex(good_hex))),
    ]
    if p:
        vals += [
            ("missing-prefix", good_hex),
            ("wrong-case-prefix", (wrong_case_prefix or p.upper()) + good_hex),
            ("doubled-separator", p + "=" + good_hex),
            ("prefix-twice", p + p + good_hex),
        ]
        if wrong_prefix:
            vals.append(("wrong-prefix", wrong_prefix))
    else:
        vals.append(("with-sha256-prefix", "sha256=" + good_hex))
    return vals


def timestamp_cases(sp: Spec):
    """Tolerance and timestamp-text cases for a timestamped scheme."""
    c = []
    tol_new = "ok" if sp.future_ok else "timestamp_too_new"
    c.append(sp.case("ts-exactly-now-minus-tolerance", sp.headers(ts=NOW - TOL), "ok"))
    c.append(sp.case("ts-exactly-now-plus-tolerance", sp.headers(ts=NOW + TOL), "ok"))
    c.append(sp.case("ts-one-second-too-old", sp.headers(ts=NOW - TOL - 1), "timestamp_too_old"))
    c.append(sp.case("ts-one-second-too-new", sp.headers(ts=NOW + TOL + 1), tol_new))
    c.append(sp.case("ts-far-future", sp.headers(ts=NOW + 86400), tol_new))
    c.append(sp.case("ts-i64-max", sp.headers(ts=I64_MAX), tol_new))
    c.append(sp.case("ts-zero", sp.headers(ts=0), "timestamp_too_old"))
    c.append(sp.case("tolerance-0-ancient-ts", sp.headers(ts=ANCIENT), "ok", options={"tolerance": 0}))
    c.append(sp.case("tolerance-0-far-future-ts", sp.headers(ts=NOW + 10**7), "ok", options={"tolerance": 0}))
    c.append(sp.case("tolerance-0-ancient-ts-tampered", sp.headers(ts=ANCIENT), "signature_mismatch",
                     body=B(BODY_TAMPERED), options={"tolerance": 0}))
    c.append(sp.case("tolerance-60-edge", sp.headers(ts=NOW - 60), "ok", options={"tolerance": 60}))
    c.append(sp.case("tolerance-60-one-past", sp.headers(ts=NOW - 61), "timestamp_too_old",
                     options={"tolerance": 60}))
    c.append(sp.case("tolerance-60-future-one-past", sp.headers(ts=NOW + 61), tol_new,
                     options={"tolerance": 60}))
    c.append(sp.case("ts-too-old-and-wrong-signature", sp.headers(ts=NOW - 1000, secret=sp.other),
                     "timestamp_too_old", source=SEM + ": tolerance is checked before any hashing"))
    if not sp.future_ok:
        c.append(sp.case("ts-too-new-and-wrong-signature", sp.headers(ts=NOW + 1000, secret=sp.other),
                         "timestamp_too_new", source=SEM + ": tolerance is checked before any hashing"))
    # non-numeric timestamps: the signature is computed over the exact text, so
    # only the parse decides.
    for slug, text in BAD_TIMESTAMPS:
        c.append(sp.case(f"ts-invalid-{slug}", sp._sign(sp.secret, body_bytes(B(BODY)), text, sp.msg_id),
                         "invalid_header"))
    c.append(sp.case("ts-empty",
                     sp._sign(sp.secret, body_bytes(B(BODY)), "", sp.msg_id),
                     "missing_header" if sp.ts_header else "invalid_header"))
    return c


# --------------------------------------------------------------------------
# per-scheme files
# --------------------------------------------------------------------------

def simple_hex_scheme(scheme, header, prefix, secret, other, wrong_prefix=None):
    sp = Spec(scheme, scheme, secret, other, timestamped=False, required=[header], sig_header=header)
    cases = common_cases(sp)
    good = get(sp.headers(), header)[len(prefix):]
    cases += malformed_cases(sp, hex_malformed(prefix, good, wrong_prefix=wrong_prefix))
    H = sp.headers()
    cases.append(sp.case("uppercase-hex", replace(H, header, prefix + good.upper()), "ok"))
    cases.append(sp.case("mixed-case-hex", replace(H, header, prefix + good[:32].upper() + good[32:]), "ok"))
    cases.append(sp.case("all-zero-signature", replace(H, header, prefix + "0" * 64), "signature_mismatch"))
    cases.append(sp.case("one-bit-flipped", replace(
        H, header, prefix + good[:-1] + format(int(good[-1], 16) ^ 1, "x")), "signature_mismatch"))
    cases.append(sp.case("secret-unicode", sp.headers(secret="sécret-ü-東京"), "ok", secrets=["sécret-ü-東京"]))
    cases.append(sp.case("secret-with-spaces-used-as-is", sp.headers(secret=" padded secret "), "ok",
                         secrets=[" padded secret "]))
    cases.append(sp.case("secret-not-trimmed", sp.headers(secret="padded secret"), "signature_mismatch",
                         secrets=[" padded secret "]))
    cases.append(sp.case("secret-looks-like-whsec-used-as-bytes",
                         sp.headers(secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "ok",
                         secrets=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]))
    return cases


def file_costkatana():
    S, O = hmac_secret("costkatana"), hmac_secret("costkatana-other")
    sig_h, ts_h = "X-CostKatana-Signature", "X-CostKatana-Timestamp"

    def sha_form(sec, body, ts, mid):
        return [[sig_h, "sha256=" + hexsig(sec, f"{ts}.".encode() + body)], [ts_h, ts]]

    def t_form(sec, body, ts, mid):
        return [[sig_h, f"t={ts},v1={hexsig(sec, f'{ts}.'.encode() + body)}"]]

    a = Spec("costkatana/sha256-form", "costkatana", S, O, timestamped=True, sign=sha_form,
             required=[sig_h, ts_h], sig_header=sig_h, ts_header=ts_h)
    b = Spec("costkatana/t-form", "costkatana", S, O, timestamped=True, sign=t_form,
             required=[sig_h], sig_header=sig_h)
    cases = common_cases(a) + timestamp_cases(a)
    cases += common_cases(b, constr_secrets=False, body_variety=False) + timestamp_cases(b)

    good = get(a.headers(), sig_h)[7:]
    cases += malformed_cases(a, hex_malformed("sha256=", good))
    Ha = a.headers()
    cases.append(a.case("uppercase-hex", replace(Ha, sig_h, "sha256=" + good.upper()), "ok"))
    cases.append(a.case("timestamp-header-differs-from-signed", replace(Ha, ts_h, str(NOW - 1)),
                        "signature_mismatch"))

    # t= form specifics
    Hb = b.headers()
    ts = str(NOW)
    v = hexsig(S, f"{ts}.".encode() + BODY.encode())
    w = hexsig(O, f"{ts}.".encode() + BODY.encode())
    cases.append(b.case("as-signed-with-timestamp-header", oracle_sign("costkatana", S, BODY.encode(), NOW), "ok"))
    cases.append(b.case("timestamp-header-ignored-garbage", Hb + [[ts_h, "not-a-number"]], "ok",
                        source=SEM + ": in the t= form the timestamp header is ignored"))
    cases.append(b.case("timestamp-header-ignored-stale", Hb + [[ts_h, str(ANCIENT)]], "ok",
                        source=SEM + ": in the t= form the timestamp header is ignored"))
    cases.append(b.case("two-v1-second-valid", [[sig_h, f"t={ts},v1={w},v1={v}"]], "ok"))
    cases.append(b.case("two-v1-first-valid", [[sig_h, f"t={ts},v1={v},v1={w}"]], "ok"))
    cases.append(b.case("two-v1-none-valid", [[sig_h, f"t={ts},v1={w},v1={w[::-1]}"]], "signature_mismatch"))
    cases.append(b.case("bad-v1-skipped-valid-v1", [[sig_h, f"t={ts},v1=zz{v[2:]},v1={v}"]], "ok"))
    cases.append(b.case("short-v1-skipped-valid-v1", [[sig_h, f"t={ts},v1={v[:40]},v1={v}"]], "ok"))
    cases.append(b.case("uppercase-hex", [[sig_h, f"t={ts},v1={v.upper()}"]], "ok"))
    tmal = [
        ("only-v1-bad-hex", f"t={ts},v1=zz{v[2:]}"),
        ("only-v1-odd-length", f"t={ts},v1={v[:63]}"),
        ("only-v1-empty", f"t={ts},v1="),
        ("missing-t", f"v1={v}"),
        ("uppercase-t", f"T={ts},v1={v}"),
        ("repeated-t", f"t={ts},t={ts},v1={v}"),
        ("no-signature", f"t={ts}"),
        ("doubled-separator", f"t={ts},,v1={v}"),
        ("trailing-separator", f"t={ts},v1={v},"),
        ("leading-separator", f",t={ts},v1={v}"),
        ("item-without-equals", f"t={ts},junk,v1={v}"),
        ("semicolon-separator", f"t={ts};v1={v}"),
        ("t-empty", f"t=,v1={v}"),
    ]
    cases += [b.case(f"malformed-{s}", [[sig_h, val]], "invalid_header") for s, val in tmal]
    cases.append(b.case("too-old-and-malformed-signature", [[sig_h, f"t={NOW - 1000},v1=zz{v[2:]}"]],
                        "invalid_header", source=SEM + ": well-formedness is checked before the timestamp"))
    cases.append(a.case("too-old-and-malformed-signature",
                        [[sig_h, "sha256=zz" + v[2:]], [ts_h, str(NOW - 1000)]], "invalid_header",
                        source=SEM + ": well-formedness is checked before the timestamp"))
    cases.append(a.case("missing-timestamp-and-malformed-signature", [[sig_h, "sha256=zz" + v[2:]]],
                        "missing_header", source=SEM + ": presence is checked before well-formedness"))
    return "Cost Katana: `sha256=<hex>` + X-CostKatana-Timestamp form and `t=<ts>,v1=<hex>[,v1=…]` form, " \
           "signed `{ts}.{body}`, ±tolerance.", cases


def file_unicraft():
    S, O = hmac_secret("unicraft"), hmac_secret("unicraft-other")
    return "UniCraft: X-UniCraft-Signature: <hex> over the body, no timestamp.", \
        simple_hex_scheme("unicraft", "X-UniCraft-Signature", "", S, O)


def file_dash():
    S, O = hmac_secret("dash"), hmac_secret("dash-other")
    return "Dash: X-Dash-Signature: sha256=<hex> over the body, no timestamp.", \
        simple_hex_scheme("dash", "X-Dash-Signature", "sha256=", S, O,
                          wrong_prefix="sha1=" + hashlib.sha1(b"x").hexdigest())


def file_smartaihub():
    S, O = hmac_secret("smartaihub"), hmac_secret("smartaihub-other")
    return "Smart AI Hub: X-Webhook-Signature: sha256=<hex> over the body, no timestamp.", \
        simple_hex_scheme("smartaihub", "X-Webhook-Signature", "sha256=", S, O,
                          wrong_prefix="sha512=" + hashlib.sha512(b"x").hexdigest())


GITHUB_DOC = "GitHub Docs, 'Validating webhook deliveries' > 'Testing the webhook payload validation' " \
             "(https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries)"
OCTOKIT = "octokit/webhooks-methods.js test/verify.test.ts and test/sign.test.ts " \
          "(https://github.com/octokit/webhooks-methods.js)"
OCTO_PAYLOAD = '{\n  "foo": "bar"\n}\n'
OCTO_SIG = "sha256=e3eccac34c43c7dc1cbb905488b1b81347fcc700a7b025697a9d07862256023f"
OCTO_SIGN_PAYLOAD = '{"foo":"bar"}'
OCTO_SIGN_SIG = "sha256=4864d2759938a15468b5df9ade20bf161da9b4f737ea61794142f3484236bda3"
OCTO_SPECIAL = '{\n  "foo": "Foo\\n\\u001B[34mbar: ♥♥♥♥♥♥♥♥\\nthis-is-lost\\u001B[0m\\u001B[2K"\n}\n'
OCTO_SPECIAL_SIG = "sha256=9dacf9003316b09be07df56d86a2d0d6872e42a1e6c72c3bad9ff915a7c5603e"
OCTO_ESCAPED = '{\n  "foo": "\\\\u001b"\n}\n'
OCTO_ESCAPED_SIG = "sha256=87316067e2011fae39998b18c46a14d83b3e7c3ffdd88fb2ee5afb7d11288e60"


def file_github():
    S, O = hmac_secret("github"), hmac_secret("github-other")
    h = "X-Hub-Signature-256"
    cases = simple_hex_scheme("github", h, "sha256=", S, O,
                              wrong_prefix="sha1=" + hashlib.sha1(b"x").hexdigest())
    sp = Spec("github", "github", S, O, timestamped=False)
    H = sp.headers()
    cases.append(sp.case("header-name-x-hub-SIGNATURE-256", rename(H, h, "x-hub-SIGNATURE-256"), "ok"))
    cases.append(sp.case("sha1-header-only", [["X-Hub-Signature", "sha1=" + hmac.new(
        S.encode(), BODY.encode(), hashlib.sha1).hexdigest()]], "missing_header"))
    cases.append(sp.case("sha1-and-sha256-headers", [["X-Hub-Signature", "sha1=" + hmac.new(
        S.encode(), BODY.encode(), hashlib.sha1).hexdigest()]] + H, "ok"))
    # published examples
    doc_secret, doc_body = "It's a Secret to Everybody", "Hello, World!"
    doc_sig = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    cases.append(vcase("github/published-docs-example", "github", [doc_secret], [[h, doc_sig]],
                       B(doc_body), None, "ok", GITHUB_DOC))
    cases.append(vcase("github/published-docs-example-wrong-secret", "github", ["It's a secret to everybody"],
                       [[h, doc_sig]], B(doc_body), None, "signature_mismatch", GITHUB_DOC + "; secret altered"))
    cases.append(vcase("github/published-docs-example-tampered", "github", [doc_secret], [[h, doc_sig]],
                       B("Hello, World?"), None, "signature_mismatch", GITHUB_DOC + "; body altered"))
    cases.append(vcase("github/octokit-verify", "github", ["mysecret"], [[h, OCTO_SIG]],
                       B(OCTO_PAYLOAD), None, "ok", OCTOKIT))
    cases.append(vcase("github/octokit-verify-special-characters", "github", ["development"],
                       [[h, OCTO_SPECIAL_SIG]], B(OCTO_SPECIAL), None, "ok", OCTOKIT + " (issue #71 case)"))
    cases.append(vcase("github/octokit-verify-escaped-sequence", "github", ["development"],
                       [[h, OCTO_ESCAPED_SIG]], B(OCTO_ESCAPED), None, "ok", OCTOKIT + " (issue #71 case)"))
    cases.append(vcase("github/octokit-verify-with-fallback", "github", ["foo", "mysecret"], [[h, OCTO_SIG]],
                       B(OCTO_PAYLOAD), None, "ok", OCTOKIT + " (verifyWithFallback)"))
    cases.append(vcase("github/octokit-incorrect-signature-x-hex", "github", ["mysecret"],
                       [[h, "sha256=xxxccac34c43c7dc1cbb905488b1b81347fcc700a7b025697a9d07862256023f"]],
                       B(OCTO_PAYLOAD), None, "invalid_header",
                       OCTOKIT + " input; expected code per docs/SEMANTICS.md (bad hex)"))
    cases.append(vcase("github/octokit-incorrect-signature-foo", "github", ["mysecret"], [[h, "foo"]],
                       B(OCTO_PAYLOAD), None, "invalid_header",
                       OCTOKIT + " input; expected code per docs/SEMANTICS.md (missing prefix)"))
    cases.append(vcase("github/octokit-incorrect-secret", "github", ["foo"], [[h, OCTO_SIG]],
                       B(OCTO_PAYLOAD), None, "signature_mismatch", OCTOKIT))
    return "GitHub: X-Hub-Signature-256: sha256=<hex> over the body, no timestamp; includes GitHub's " \
           "documented example and Octokit webhooks-methods vectors.", cases


SLACK_DOC = "Slack API docs, 'Verifying requests from Slack' " \
            "(https://api.slack.com/authentication/verifying-requests-from-slack)"
SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
SLACK_TS = 1531420618
SLACK_BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
              "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
              "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIG"
              "lgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
SLACK_SIG = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def file_slack():
    S, O = hmac_secret("slack"), hmac_secret("slack-other")
    sig_h, ts_h = "X-Slack-Signature", "X-Slack-Request-Timestamp"
    sp = Spec("slack", "slack", S, O, timestamped=True, required=[sig_h, ts_h], sig_header=sig_h, ts_header=ts_h)
    cases = common_cases(sp) + timestamp_cases(sp)
    good = get(sp.headers(), sig_h)[3:]
    cases += malformed_cases(sp, hex_malformed("v0=", good, wrong_prefix="v1=" + good))
    H = sp.headers()
    cases.append(sp.case("uppercase-hex", replace(H, sig_h, "v0=" + good.upper()), "ok"))
    cases.append(sp.case("timestamp-header-differs-from-signed", replace(H, ts_h, str(NOW + 1)),
                         "signature_mismatch"))
    cases.append(sp.case("too-old-and-malformed-signature",
                         replace(sp.headers(ts=NOW - 1000), sig_h, "v0=zz" + good[2:]), "invalid_header",
                         source=SEM + ": well-formedness is checked before the timestamp"))
    cases.append(sp.case("missing-timestamp-and-malformed-signature",
                         drop(replace(H, sig_h, "v0=zz"), ts_h), "missing_header",
                         source=SEM + ": presence is checked before well-formedness"))
    pub = [[ts_h, str(SLACK_TS)], [sig_h, SLACK_SIG]]
    cases.append(vcase("slack/published-docs-example", "slack", [SLACK_SECRET], pub, B(SLACK_BODY),
                       SLACK_TS, "ok", SLACK_DOC))
    cases.append(vcase("slack/published-docs-example-at-tolerance-edge", "slack", [SLACK_SECRET], pub,
                       B(SLACK_BODY), SLACK_TS + TOL, "ok", SLACK_DOC + "; clock moved to the edge"))
    cases.append(vcase("slack/published-docs-example-stale", "slack", [SLACK_SECRET], pub, B(SLACK_BODY),
                       SLACK_TS + TOL + 1, "timestamp_too_old", SLACK_DOC + "; clock moved past the tolerance"))
    cases.append(vcase("slack/published-docs-example-tampered", "slack", [SLACK_SECRET], pub,
                       B(SLACK_BODY.replace("foobar", "foobaz")), SLACK_TS, "signature_mismatch",
                       SLACK_DOC + "; body altered"))
    return "Slack: X-Slack-Signature: v0=<hex> over `v0:{ts}:{body}`, X-Slack-Request-Timestamp, ±tolerance; " \
           "includes Slack's documented example.", cases


def file_shopify():
    S, O = hmac_secret("shopify"), hmac_secret("shopify-other")
    h = "X-Shopify-Hmac-Sha256"
    sp = Spec("shopify", "shopify", S, O, timestamped=False, required=[h], sig_header=h)
    cases = common_cases(sp)
    # pick a body whose signature contains both '+' and '/' (for alphabet cases)
    n = 0
    while True:
        body = f'{{"id":{n},"topic":"orders/create"}}'
        sig = b64(mac(S.encode(), body.encode()))
        if "+" in sig and "/" in sig:
            break
        n += 1
    Hp = [[h, sig]]
    raw = mac(S.encode(), BODY.encode())
    good = b64(raw)
    mal = [
        ("bad-base64", "!!" + good[2:]),
        ("wrong-length-31-bytes", b64(raw[:31])),
        ("wrong-length-33-bytes", b64(raw + b"\0")),
        ("hex-instead-of-base64", raw.hex()),
        ("with-sha256-prefix", "sha256=" + good),
        ("two-signatures-comma", good + "," + good),
        ("inner-space", good[:20] + " " + good[20:]),
        ("truncated", good[:30]),
        ("single-char", "A"),
        ("non-canonical-trailing-bits", non_canonical_b64(good)),
    ]
    cases += malformed_cases(sp, mal)
    cases.append(sp.case("unpadded-base64", [[h, good.rstrip("=")]], "ok"))
    cases.append(sp.case("all-zero-signature", [[h, b64(bytes(32))]], "signature_mismatch"))
    cases.append(sp.case("alphabet-standard", Hp, "ok", body=B(body)))
    cases.append(sp.case("malformed-url-safe-alphabet", [[h, sig.replace("+", "-").replace("/", "_")]],
                         "invalid_header", body=B(body)))
    return "Shopify: X-Shopify-Hmac-Sha256: <base64> over the body, no timestamp.", cases


STRIPE_SECRET = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"   # base64-looking on purpose


def file_stripe():
    S, O = STRIPE_SECRET, "whsec_" + "c3RyaXBlLW90aGVyLXNlY3JldC1rZXk="
    h = "Stripe-Signature"
    sp = Spec("stripe", "stripe", S, O, timestamped=True, future_ok=True, required=[h], sig_header=h)
    cases = common_cases(sp) + timestamp_cases(sp)
    ts = str(NOW)
    msg = f"{ts}.".encode() + BODY.encode()
    v = hexsig(S, msg)
    w = hexsig(O, msg)
    v0 = hexsig("sk_test_v0_secret", msg)
    mk = lambda val: [[h, val]]
    cases += [
        sp.case("v0-only", mk(f"t={ts},v0={v0}"), "unsupported_signature"),
        sp.case("v0-only-matching-hmac", mk(f"t={ts},v0={v}"), "unsupported_signature",
                source=SEM + ": v0 is never accepted, even when its value would match"),
        sp.case("v0-and-valid-v1", mk(f"t={ts},v1={v},v0={v0}"), "ok"),
        sp.case("v0-first-and-valid-v1", mk(f"t={ts},v0={v0},v1={v}"), "ok"),
        sp.case("v0-and-wrong-v1", mk(f"t={ts},v1={w},v0={v0}"), "signature_mismatch"),
        sp.case("v0-only-too-old", mk(f"t={NOW - 1000},v0={v0}"), "timestamp_too_old",
                source=SEM + ": the timestamp (step 4) is checked before signature versions (step 5)"),
        sp.case("two-v1-second-valid", mk(f"t={ts},v1={w},v1={v}"), "ok"),
        sp.case("two-v1-first-valid", mk(f"t={ts},v1={v},v1={w}"), "ok"),
        sp.case("three-v1-none-valid", mk(f"t={ts},v1={w},v1={w[::-1]},v1={'0' * 64}"), "signature_mismatch"),
        sp.case("unknown-v2-ignored", mk(f"t={ts},v1={v},v2={w}"), "ok"),
        sp.case("unknown-v2-valid-value-ignored", mk(f"t={ts},v2={v},v1={w}"), "signature_mismatch",
                source=SEM + ": unknown versions are ignored"),
        sp.case("wrong-case-V1-ignored", mk(f"t={ts},V1={v},v1={w}"), "signature_mismatch",
                source=SEM + ": prefixes are case-sensitive, unknown versions ignored"),
        sp.case("bad-v1-skipped-valid-v1", mk(f"t={ts},v1=zz{v[2:]},v1={v}"), "ok"),
        sp.case("empty-v1-skipped-valid-v1", mk(f"t={ts},v1=,v1={v}"), "ok"),
        sp.case("short-v1-skipped-valid-v1", mk(f"t={ts},v1={v[:62]},v1={v}"), "ok"),
        sp.case("uppercase-hex", mk(f"t={ts},v1={v.upper()}"), "ok"),
        sp.case("secret-whsec-used-as-raw-bytes", mk(f"t={ts},v1={v}"), "ok",
                source=ORACLE + "; Stripe keys the HMAC with the secret string's bytes"),
        sp.case("secret-whsec-not-base64-decoded", mk(
            f"t={ts},v1={mac(base64.b64decode(S[6:]), msg).hex()}"), "signature_mismatch",
            source=ORACLE + "; a signature keyed with the base64-decoded secret must not verify"),
        sp.case("secret-whsec-non-base64-is-fine", mk(
            f"t={ts},v1={hexsig('whsec_not base64 at all!', msg)}"), "ok", secrets=["whsec_not base64 at all!"]),
    ]
    smal = [
        ("only-v1-bad-hex", f"t={ts},v1=zz{v[2:]}"),
        ("only-v1-odd-length", f"t={ts},v1={v[:63]}"),
        ("only-v1-short", f"t={ts},v1={v[:62]}"),
        ("only-v1-long", f"t={ts},v1={v}00"),
        ("only-v1-empty", f"t={ts},v1="),
        ("only-v1-base64", f"t={ts},v1={b64(bytes.fromhex(v))}"),
        ("missing-t", f"v1={v}"),
        ("uppercase-t", f"T={ts},v1={v}"),
        ("repeated-t", f"t={ts},t={ts},v1={v}"),
        ("no-signature", f"t={ts}"),
        ("doubled-separator", f"t={ts},,v1={v}"),
        ("trailing-separator", f"t={ts},v1={v},"),
        ("leading-separator", f",t={ts},v1={v}"),
        ("item-without-equals", f"t={ts},junk,v1={v}"),
        ("semicolon-separator", f"t={ts};v1={v}"),
        ("t-empty", f"t=,v1={v}"),
        ("bare-hex", v),
        ("sha256-prefix", "sha256=" + v),
    ]
    cases += [sp.case(f"malformed-{s}", mk(val), "invalid_header") for s, val in smal]
    cases.append(sp.case("too-old-and-malformed-signature", mk(f"t={NOW - 1000},v1=zz{v[2:]}"),
                         "invalid_header", source=SEM + ": well-formedness is checked before the timestamp"))
    return "Stripe: Stripe-Signature: t=<ts>,v1=<hex>[,v1=…] over `{t}.{body}`; past-only tolerance; v0 never " \
           "accepted; whsec_ secrets used as raw bytes.", cases


STD_DOC = "Standard Webhooks reference libraries' test vector: standard-webhooks/standard-webhooks " \
          "libraries/python/tests/test_webhooks.py test_sign_function (same vector in the svix libraries' tests)"
STD_SECRET_PUB = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
STD_ID_PUB = "msg_p5jXN8AQM9LWM0D4loKWxJek"
STD_TS_PUB = 1614265330
STD_BODY_PUB = '{"test": 2432232314}'
STD_SIG_PUB = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def file_standard():
    S = whsec("standard-main", 32)      # 32 bytes -> 44 chars with one '='
    O = whsec("standard-other", 24)
    MID = "msg_2Zk8hookseal0001"
    hid, hts, hsig = "webhook-id", "webhook-timestamp", "webhook-signature"
    sp = Spec("standard", "standard", S, O, timestamped=True, msg_id=MID,
              required=[hid, hts, hsig], sig_header=hsig, ts_header=hts)
    cases = common_cases(sp) + timestamp_cases(sp)
    ts = str(NOW)
    body = BODY.encode()
    H = sp.headers()
    v1 = get(H, hsig)
    w1 = std_v1(O, MID, ts, body)
    sig = v1[3:]
    raw = base64.b64decode(sig)
    a1 = std_v1a(ED1, MID, ts, body)
    a2 = std_v1a(ED2, MID, ts, body)
    hdrs = lambda val, mid=MID, t=ts: [[hid, mid], [hts, t], [hsig, val]]
    svix = lambda val: [["svix-id", MID], ["svix-timestamp", ts], ["svix-signature", val]]

    # header names
    cases += [
        sp.case("svix-header-names", svix(v1), "ok"),
        sp.case("svix-header-names-odd-case", [["Svix-Id", MID], ["SVIX-TIMESTAMP", ts], ["sViX-sIgNaTuRe", v1]], "ok"),
        sp.case("svix-header-names-tampered", svix(v1), "signature_mismatch", body=B(BODY_TAMPERED)),
        sp.case("mixed-webhook-and-svix-names", [[hid, MID], ["svix-timestamp", ts], [hsig, v1]], "ok"),
        sp.case("webhook-names-win-over-svix", hdrs(v1) + [["svix-id", "msg_other"], ["svix-timestamp", "garbage"],
                                                          ["svix-signature", "v1,garbage"]], "ok",
                source=SEM + ": webhook-* is looked up first"),
        sp.case("webhook-names-win-over-svix-reverse-order", [["svix-id", "msg_other"], ["svix-timestamp", "1"],
                                                              ["svix-signature", w1]] + hdrs(v1), "ok",
                source=SEM + ": webhook-* is looked up first"),
        sp.case("svix-missing-id", [["svix-timestamp", ts], ["svix-signature", v1]], "missing_header"),
        sp.case("id-is-signed", hdrs(v1, mid="msg_different"), "signature_mismatch"),
        sp.case("id-whitespace-trimmed", hdrs(v1, mid="  " + MID + "\t"), "ok",
                source=SEM + ": header values are trimmed before use"),
    ]
    # secrets
    bare = S[6:]
    cases += [
        sp.case("secret-without-whsec-prefix", H, "ok", secrets=[bare]),
        sp.case("secret-unpadded-base64", H, "ok", secrets=[S.rstrip("=")]),
        sp.case("secret-bare-unpadded-base64", H, "ok", secrets=[bare.rstrip("=")]),
        sp.case("secret-whsec-non-base64", H, "invalid_secret", secrets=["whsec_!!!not*base64!!!"]),
        sp.case("secret-bare-non-base64", H, "invalid_secret", secrets=["not base64 at all!"]),
        sp.case("secret-invalid-among-valid", H, "invalid_secret", secrets=[S, "whsec_%%%"]),
        sp.case("secret-whpk-wrong-length", H, "invalid_secret", secrets=["whpk_" + b64(bytes(range(16)))]),
        sp.case("secret-whpk-non-base64", H, "invalid_secret", secrets=["whpk_***"]),
        sp.case("secret-whsk-non-base64", H, "invalid_secret", secrets=["whsk_***"]),
    ]
    # Found by the fuzz targets `verify` and `secrets`: secrets of more than 512
    # decoded bytes were refused. HMAC takes keys of any length (RFC 2104).
    for n in (65, 700, 5000):
        long_secret = "whsec_" + b64(bytes((i * 7 + 3) % 256 for i in range(n)))
        cases.append(sp.case(f"secret-{n}-bytes", sp.headers(secret=long_secret), "ok", secrets=[long_secret],
                             source=ORACLE + "; fuzz finding: long secrets"))
    # Fuzz finding: "=" that ends the first 512 characters is padding inside the text.
    cases.append(sp.case("secret-padding-inside-long-base64", H, "invalid_secret",
                         secrets=["whsec_" + "A" * 508 + "AA==AAAA"],
                         source=ORACLE + "; fuzz finding: padding inside a long secret"))
    # v1 entries
    cases += [
        sp.case("multiple-v1-second-valid", hdrs(f"{w1} {v1}"), "ok"),
        sp.case("multiple-v1-first-valid", hdrs(f"{v1} {w1}"), "ok"),
        sp.case("multiple-v1-none-valid", hdrs(f"{w1} v1,{b64(bytes(32))}"), "signature_mismatch"),
        sp.case("library-multi-sig-shape", hdrs(
            f"v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
            f"{v1} v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="), "ok",
            source="shape of standard-webhooks libraries/python/tests/test_webhooks.py "
                   "test_multi_sig_payload_is_valid; valid signature from " + ORACLE),
        sp.case("short-v1-skipped-valid-v1", hdrs(f"v1,bm9wZQ== {v1}"), "ok"),
        sp.case("empty-v1-skipped-valid-v1", hdrs(f"v1, {v1}"), "ok"),
        sp.case("unknown-v2-ignored", hdrs(f"v2,{sig} {w1}"), "signature_mismatch",
                source=SEM + ": unknown versions are ignored"),
        sp.case("wrong-case-V1-ignored", hdrs(f"V1,{sig} {w1}"), "signature_mismatch",
                source=SEM + ": prefixes are case-sensitive, unknown versions ignored"),
        sp.case("signature-unpadded-base64", hdrs("v1," + sig.rstrip("=")), "ok"),
        sp.case("all-zero-signature", hdrs("v1," + b64(bytes(32))), "signature_mismatch"),
    ]
    smal = [
        ("v1-comma-empty", "v1,"),
        ("v1-truncated-base64", "v1," + sig[:30]),
        ("v1-truncated-base64-20", "v1," + sig[:20]),
        ("v1-bad-base64", "v1,!!!!" + sig[4:]),
        ("v1-wrong-length-31-bytes", "v1," + b64(raw[:31])),
        ("v1-wrong-length-64-bytes", "v1," + b64(raw + raw)),
        ("v1-hex-instead-of-base64", "v1," + raw.hex()),
        ("entry-without-comma", "v1" + sig),
        ("equals-instead-of-comma", "v1=" + sig),
        ("missing-prefix", sig),
        ("v1a-wrong-length-32-bytes", "v1a," + b64(raw)),
        ("v1-non-canonical-trailing-bits", "v1," + non_canonical_b64(sig)),
        ("v1a-partial-padding", a1.rstrip("=") + "="),
        ("v1a-non-canonical-trailing-bits", "v1a," + non_canonical_b64(a1[4:])),
    ]
    cases += malformed_cases(sp, smal)
    # v1a / Ed25519
    cases += [
        sp.case("v1a-valid-whpk", hdrs(a1), "ok", secrets=[WHPK1], source=ORACLE_ED),
        sp.case("v1a-tampered-body", hdrs(a1), "signature_mismatch", secrets=[WHPK1], body=B(BODY_TAMPERED),
                source=ORACLE_ED),
        sp.case("v1a-other-key", hdrs(a2), "signature_mismatch", secrets=[WHPK1], source=ORACLE_ED),
        sp.case("v1a-rotation-second-key", hdrs(a1), "ok", secrets=[WHPK2, WHPK1], source=ORACLE_ED),
        sp.case("v1a-valid-whsk-seed", hdrs(a1), "ok", secrets=[WHSK1], source=ORACLE_ED),
        sp.case("v1a-valid-whsk-seed-and-public", hdrs(a1), "ok", secrets=[WHSK1_LONG], source=ORACLE_ED),
        sp.case("v1a-only-with-whsec-only", hdrs(a1), "unsupported_signature", secrets=[S], source=SEM),
        sp.case("v1-only-with-whpk-only", hdrs(v1), "unsupported_signature", secrets=[WHPK1], source=SEM),
        sp.case("v1a-and-v1-with-whsec-only", hdrs(f"{a1} {v1}"), "ok", secrets=[S]),
        sp.case("v1a-and-wrong-v1-with-whsec-only", hdrs(f"{a1} {w1}"), "signature_mismatch", secrets=[S],
                source=SEM + ": v1 can be checked, so the result is a mismatch, not unsupported"),
        sp.case("v1a-and-v1-with-whpk-only", hdrs(f"{w1} {a1}"), "ok", secrets=[WHPK1], source=ORACLE_ED),
        sp.case("wrong-v1-and-v1a-with-both-keys", hdrs(f"{w1} {a1}"), "ok", secrets=[S, WHPK1],
                source=ORACLE_ED),
        sp.case("v1-and-wrong-v1a-with-both-keys", hdrs(f"{v1} {a2}"), "ok", secrets=[WHPK1, S]),
        sp.case("v1a-unpadded-base64", hdrs(a1.rstrip("=")), "ok", secrets=[WHPK1], source=ORACLE_ED),
        sp.case("v1a-too-old", hdrs(std_v1a(ED1, MID, str(NOW - TOL - 1), body), t=str(NOW - TOL - 1)),
                "timestamp_too_old", secrets=[WHPK1], source=ORACLE_ED),
        sp.case("v1a-signature-of-other-id", hdrs(std_v1a(ED1, "msg_other", ts, body)), "signature_mismatch",
                secrets=[WHPK1], source=ORACLE_ED),
        sp.case("v1a-non-utf8-body", hdrs(std_v1a(ED1, MID, ts, bytes.fromhex(BODY_NON_UTF8_HEX))), "ok",
                secrets=[WHPK1], body=BH(BODY_NON_UTF8_HEX), source=ORACLE_ED),
        sp.case("v1a-1mib-body", hdrs(std_v1a(ED1, MID, ts, body_bytes(BR(MIB_REPEAT)))), "ok",
                secrets=[WHPK1], body=BR(MIB_REPEAT), source=ORACLE_ED),
        sp.case("too-old-and-malformed-signature", hdrs("v1,", t=str(NOW - 1000)), "invalid_header",
                source=SEM + ": well-formedness is checked before the timestamp"),
        sp.case("missing-id-and-malformed-signature", hdrs("v1,")[1:], "missing_header",
                source=SEM + ": presence is checked before well-formedness"),
    ]
    # published vector
    pub = [[hid, STD_ID_PUB], [hts, str(STD_TS_PUB)], [hsig, STD_SIG_PUB]]
    cases += [
        vcase("standard/published-vector", "standard", [STD_SECRET_PUB], pub, B(STD_BODY_PUB), STD_TS_PUB,
              "ok", STD_DOC),
        vcase("standard/published-vector-svix-names", "standard", [STD_SECRET_PUB],
              [["svix-id", STD_ID_PUB], ["svix-timestamp", str(STD_TS_PUB)], ["svix-signature", STD_SIG_PUB]],
              B(STD_BODY_PUB), STD_TS_PUB, "ok", STD_DOC + "; svix-* header names"),
        vcase("standard/published-vector-secret-without-prefix", "standard", [STD_SECRET_PUB[6:]], pub,
              B(STD_BODY_PUB), STD_TS_PUB, "ok",
              STD_DOC + "; bare secret as in test_signature_verification_with_and_without_prefix"),
        vcase("standard/published-vector-altered-signature", "standard", [STD_SECRET_PUB],
              [[hid, STD_ID_PUB], [hts, str(STD_TS_PUB)],
               [hsig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="]], B(STD_BODY_PUB), STD_TS_PUB,
              "signature_mismatch", "standard-webhooks libraries/python/tests/test_webhooks.py "
                                    "test_invalid_signature_raises_error (signature altered)"),
        vcase("standard/published-vector-stale", "standard", [STD_SECRET_PUB], pub, B(STD_BODY_PUB),
              STD_TS_PUB + TOL + 1, "timestamp_too_old", STD_DOC + "; clock moved past the tolerance"),
        vcase("standard/published-vector-url-safe-alphabet", "standard", [STD_SECRET_PUB],
              [[hid, STD_ID_PUB], [hts, str(STD_TS_PUB)],
               [hsig, STD_SIG_PUB.replace("+", "-").replace("/", "_")]], B(STD_BODY_PUB), STD_TS_PUB,
              "invalid_header", STD_DOC + "; re-encoded with the URL-safe alphabet, which is not accepted"),
    ]
    return "Standard Webhooks / Svix: webhook-id/-timestamp/-signature (or svix-*), `v1,<b64>` HMAC and " \
           "`v1a,<b64>` Ed25519 over `{id}.{ts}.{body}`, ±tolerance; includes the libraries' published " \
           "test vector.", cases


CUSTOM_A = {"signature_header": "X-Acme-Signature", "prefix": "sha256=", "encoding": "hex",
            "timestamp_header": "X-Acme-Timestamp", "template": "{timestamp}.{body}"}
CUSTOM_B = {"signature_header": "X-Relay-Signature", "encoding": "base64", "id_header": "X-Relay-Id",
            "timestamp_header": "X-Relay-Time", "template": "{id}:{timestamp}:{body}"}
CUSTOM_C = {"signature_header": "X-Lit-Sig", "prefix": "v9=", "timestamp_header": "X-Lit-Ts",
            "template": "lit|{timestamp}|{body}|end"}
CUSTOM_D = {"signature_header": "X-Plain-Signature"}
CUSTOM_E = {"signature_header": "X-Idem-Sig", "encoding": "base64", "prefix": "hmac ",
            "id_header": "X-Idem-Key", "template": "{body}\n{id}"}


def file_custom():
    cases = []
    specs = [
        ("custom/hex-prefix-ts", CUSTOM_A, None),
        ("custom/base64-id-ts", CUSTOM_B, "dlv_7f3a9c"),
        ("custom/literal-template", CUSTOM_C, None),
        ("custom/minimal", CUSTOM_D, None),
        ("custom/base64-prefix-id-no-ts", CUSTOM_E, "idem-0001"),
    ]
    for prefix, desc, mid in specs:
        S, O = hmac_secret(prefix), hmac_secret(prefix + "-other")
        has_ts = "timestamp_header" in desc
        req = [desc["signature_header"]] + [desc[k] for k in ("id_header", "timestamp_header") if k in desc]
        sp = Spec(prefix, desc, S, O, timestamped=has_ts, msg_id=mid, required=req,
                  sig_header=desc["signature_header"], ts_header=desc.get("timestamp_header"))
        cases += common_cases(sp, body_variety=(desc is CUSTOM_A or desc is CUSTOM_B))
        if has_ts:
            cases += timestamp_cases(sp)
        H = sp.headers()
        sh = desc["signature_header"]
        p = desc.get("prefix", "")
        val = get(H, sh)[len(p):]
        if desc.get("encoding", "hex") == "hex":
            cases += malformed_cases(sp, hex_malformed(p, val) if p else hex_malformed("", val))
            cases.append(sp.case("uppercase-hex", replace(H, sh, p + val.upper()), "ok"))
        else:
            raw = base64.b64decode(val)
            mal = [("bad-base64", p + "!!" + val[2:]), ("wrong-length-31-bytes", p + b64(raw[:31])),
                   ("hex-instead-of-base64", p + raw.hex()), ("truncated", p + val[:30])]
            if p:
                mal += [("missing-prefix", val), ("wrong-case-prefix", p.upper() + val)]
            cases += malformed_cases(sp, mal)
            cases.append(sp.case("unpadded-base64", replace(H, sh, p + val.rstrip("=")), "ok"))
        cases.append(sp.case("header-name-lower-case-in-delivery", [[n.lower(), v] for n, v in H], "ok"))
        if mid:
            ih = desc["id_header"]
            cases.append(sp.case("id-is-signed", replace(H, ih, mid + "x"), "signature_mismatch"))
        if has_ts:
            cases.append(sp.case("timestamp-is-signed", replace(H, desc["timestamp_header"], str(NOW - 1)),
                                 "signature_mismatch"))

    # the template's literal text is signed exactly
    S = hmac_secret("custom/literal-template")
    ts = str(NOW)
    wrong_tpl = mac(S.encode(), f"lit|{ts}|".encode() + BODY.encode() + b"|END").hex()
    cases.append(vcase("custom/literal-template/literal-text-is-signed", CUSTOM_C, [S],
                       [["X-Lit-Sig", "v9=" + wrong_tpl], ["X-Lit-Ts", ts]], B(BODY), NOW, "signature_mismatch"))
    bare = mac(S.encode(), BODY.encode()).hex()
    cases.append(vcase("custom/literal-template/body-only-signature-fails", CUSTOM_C, [S],
                       [["X-Lit-Sig", "v9=" + bare], ["X-Lit-Ts", ts]], B(BODY), NOW, "signature_mismatch"))
    # explicit default fields equal the minimal description
    SD = hmac_secret("custom/minimal")
    full = {"signature_header": "X-Plain-Signature", "encoding": "hex", "template": "{body}"}
    cases.append(vcase("custom/minimal/explicit-defaults", full, [SD],
                       [["X-Plain-Signature", mac(SD.encode(), BODY.encode()).hex()]], B(BODY), None, "ok"))
    # a provider-shaped custom description reproduces a published example
    gh = {"signature_header": "X-Hub-Signature-256", "prefix": "sha256="}
    cases.append(vcase("custom/github-shaped-published-example", gh, ["It's a Secret to Everybody"],
                       [["X-Hub-Signature-256",
                         "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"]],
                       B("Hello, World!"), None, "ok", GITHUB_DOC + " (through a custom description)"))
    sl = {"signature_header": "X-Slack-Signature", "prefix": "v0=", "timestamp_header": "X-Slack-Request-Timestamp",
          "template": "v0:{timestamp}:{body}"}
    cases.append(vcase("custom/slack-shaped-published-example", sl, [SLACK_SECRET],
                       [["X-Slack-Request-Timestamp", str(SLACK_TS)], ["X-Slack-Signature", SLACK_SIG]],
                       B(SLACK_BODY), SLACK_TS, "ok", SLACK_DOC + " (through a custom description)"))
    # bad descriptions -> invalid_argument at construction
    bad = [
        ("template-without-body", {"signature_header": "X-Sig", "timestamp_header": "X-Ts",
                                   "template": "{timestamp}."}),
        ("template-body-twice", {"signature_header": "X-Sig", "template": "{body}.{body}"}),
        ("template-empty", {"signature_header": "X-Sig", "template": ""}),
        ("template-id-without-id-header", {"signature_header": "X-Sig", "template": "{id}.{body}"}),
        ("template-timestamp-without-timestamp-header", {"signature_header": "X-Sig",
                                                         "template": "{timestamp}.{body}"}),
        ("missing-signature-header", {"prefix": "sha256=", "template": "{body}"}),
    ]
    for slug, desc in bad:
        cases.append(vcase(f"custom/bad-description-{slug}", desc, [hmac_secret("bad")],
                           [["X-Sig", "0" * 64], ["X-Ts", str(NOW)]], B(BODY),
                           NOW, "invalid_argument", SEM + ": custom-scheme description rules"))
    return "Custom schemes: user-described header, prefix, hex/base64, id/timestamp headers and template " \
           "(fields as in docs/SEMANTICS.md); bad descriptions are invalid_argument.", cases


# --------------------------------------------------------------------------
# sign cases
# --------------------------------------------------------------------------

def scase(cid, scheme, secrets, body, timestamp, msg_id, expect_headers, source=ORACLE):
    d = {"id": cid, "source": source, "op": "sign", "scheme": scheme, "secrets": list(secrets)}
    d.update(body)
    d["timestamp"] = timestamp
    d["msg_id"] = msg_id
    d["expect_headers"] = [[n, v] for n, v in expect_headers]
    return ordered(d)


def file_sign():
    cases = []
    MID = "msg_2Zk8hookseal0001"
    stdS = whsec("standard-main", 32)
    builtin = [
        ("costkatana", hmac_secret("costkatana"), hmac_secret("costkatana-other"), True, None),
        ("unicraft", hmac_secret("unicraft"), hmac_secret("unicraft-other"), False, None),
        ("dash", hmac_secret("dash"), hmac_secret("dash-other"), False, None),
        ("smartaihub", hmac_secret("smartaihub"), hmac_secret("smartaihub-other"), False, None),
        ("standard", stdS, whsec("standard-other", 24), True, MID),
        ("stripe", STRIPE_SECRET, "whsec_c3RyaXBlLW90aGVyLXNlY3JldC1rZXk=", True, None),
        ("github", hmac_secret("github"), hmac_secret("github-other"), False, None),
        ("slack", hmac_secret("slack"), hmac_secret("slack-other"), True, None),
        ("shopify", hmac_secret("shopify"), hmac_secret("shopify-other"), False, None),
    ]
    for sch, S, O, has_ts, mid in builtin:
        ts = NOW if has_ts else None
        for slug, body in [("basic", B(BODY)), ("non-utf8-body", BH(BODY_NON_UTF8_HEX)),
                           ("empty-body", B(""))]:
            hdrs = oracle_sign(sch, S, body_bytes(body), ts, mid)
            cases.append(scase(f"sign/{sch}/{slug}", sch, [S], body, ts, mid, hdrs))
        cases.append(scase(f"sign/{sch}/rotation-signs-with-first", sch, [O, S], B(BODY), ts, mid,
                           oracle_sign(sch, O, BODY.encode(), ts, mid),
                           ORACLE + "; SEMANTICS.md: sign uses the first secret"))
        if has_ts:
            cases.append(scase(f"sign/{sch}/other-timestamp", sch, [S], B(BODY), ANCIENT, mid,
                               oracle_sign(sch, S, BODY.encode(), ANCIENT, mid)))
    cases.append(scase("sign/standard/secret-without-prefix", "standard", [stdS[6:]], B(BODY), NOW, MID,
                       oracle_sign("standard", stdS, BODY.encode(), NOW, MID)))
    cases.append(scase("sign/standard/whsk-seed-v1a", "standard", [WHSK1], B(BODY), NOW, MID,
                       oracle_sign("standard", WHSK1, BODY.encode(), NOW, MID), ORACLE_ED))
    cases.append(scase("sign/standard/whsk-seed-and-public-v1a", "standard", [WHSK1_LONG], B(BODY), NOW, MID,
                       oracle_sign("standard", WHSK1_LONG, BODY.encode(), NOW, MID), ORACLE_ED))
    assert oracle_sign("standard", WHSK1, BODY.encode(), NOW, MID) == \
        oracle_sign("standard", WHSK1_LONG, BODY.encode(), NOW, MID)
    # published examples
    cases.append(scase("sign/standard/published-vector", "standard", [STD_SECRET_PUB], B(STD_BODY_PUB),
                       STD_TS_PUB, STD_ID_PUB,
                       [["webhook-id", STD_ID_PUB], ["webhook-timestamp", str(STD_TS_PUB)],
                        ["webhook-signature", STD_SIG_PUB]], STD_DOC))
    cases.append(scase("sign/github/published-docs-example", "github", ["It's a Secret to Everybody"],
                       B("Hello, World!"), None, None,
                       [["X-Hub-Signature-256",
                         "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"]], GITHUB_DOC))
    cases.append(scase("sign/github/octokit-sign", "github", ["mysecret"], B(OCTO_SIGN_PAYLOAD), None, None,
                       [["X-Hub-Signature-256", OCTO_SIGN_SIG]], OCTOKIT))
    cases.append(scase("sign/slack/published-docs-example", "slack", [SLACK_SECRET], B(SLACK_BODY), SLACK_TS,
                       None, [["X-Slack-Request-Timestamp", str(SLACK_TS)], ["X-Slack-Signature", SLACK_SIG]],
                       SLACK_DOC))
    # custom
    for slug, desc, mid in [("hex-prefix-ts", CUSTOM_A, None), ("base64-id-ts", CUSTOM_B, "dlv_7f3a9c"),
                            ("literal-template", CUSTOM_C, None), ("minimal", CUSTOM_D, None),
                            ("base64-prefix-id-no-ts", CUSTOM_E, "idem-0001")]:
        S = hmac_secret("custom/" + slug)
        ts = NOW if "timestamp_header" in desc else None
        cases.append(scase(f"sign/custom/{slug}", desc, [S], B(BODY), ts, mid,
                           oracle_sign(desc, S, BODY.encode(), ts, mid),
                           ORACLE + "; header order per SEMANTICS.md: signature, then id, then timestamp"))
        cases.append(scase(f"sign/custom/{slug}/non-utf8-body", desc, [S], BH(BODY_NON_UTF8_HEX), ts, mid,
                           oracle_sign(desc, S, bytes.fromhex(BODY_NON_UTF8_HEX), ts, mid),
                           ORACLE + "; header order per SEMANTICS.md: signature, then id, then timestamp"))
    return "Sign cases (op: sign): the exact [name, value] pairs sign() returns, in SEMANTICS.md's order, " \
           "signed with the first secret.", cases


# --------------------------------------------------------------------------
# published examples: recompute and assert before writing anything
# --------------------------------------------------------------------------

def assert_published():
    got = std_v1(STD_SECRET_PUB, STD_ID_PUB, str(STD_TS_PUB), STD_BODY_PUB.encode())
    assert got == STD_SIG_PUB, f"Standard Webhooks vector disagrees: {got} != {STD_SIG_PUB}"
    got = "sha256=" + hexsig("It's a Secret to Everybody", b"Hello, World!")
    assert got == "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", \
        f"GitHub docs example disagrees: {got}"
    got = "v0=" + hexsig(SLACK_SECRET, f"v0:{SLACK_TS}:{SLACK_BODY}".encode())
    assert got == SLACK_SIG, f"Slack docs example disagrees: {got}"
    for secret, payload, want in [("mysecret", OCTO_SIGN_PAYLOAD, OCTO_SIGN_SIG),
                                  ("mysecret", OCTO_PAYLOAD, OCTO_SIG),
                                  ("development", OCTO_SPECIAL, OCTO_SPECIAL_SIG),
                                  ("development", OCTO_ESCAPED, OCTO_ESCAPED_SIG)]:
        got = "sha256=" + hexsig(secret, payload.encode())
        assert got == want, f"Octokit vector disagrees: {got} != {want}"
    self_check_ed25519()


# --------------------------------------------------------------------------
# an independent reading of docs/SEMANTICS.md, used only to cross-check the
# expectation written into every verification case (catches a "malformed"
# value that in fact decodes, a "tampered" body that still matches, …)
# --------------------------------------------------------------------------

class Fail(Exception):
    pass


HEX64 = re.compile(r"^[0-9A-Fa-f]{64}$")
B64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")
DIGITS = re.compile(r"^[0-9]+$")


def ref_hex(s):
    return bytes.fromhex(s) if HEX64.match(s) else None


def ref_b64(s, n):
    if not s or not B64.match(s):
        return None
    core = s.rstrip("=")
    if "=" in s and len(s) % 4:
        return None
    if len(core) % 4 == 1:
        return None
    raw = base64.b64decode(core + "=" * (-len(core) % 4))
    # One encoding per signature: unused low bits of the last digit are zero.
    if base64.b64encode(raw).decode().rstrip("=") != core:
        return None
    return raw if len(raw) == n else None


def non_canonical_b64(sig):
    """The same bytes with a non-zero unused low bit in the last digit."""
    core = sig.rstrip("=")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet[alphabet.index(core[-1]) | 1]
    out = core[:-1] + last + sig[len(core):]
    assert base64.b64decode(out) == base64.b64decode(sig) and out != sig
    return out


def ref_ts(text):
    if not DIGITS.match(text) or int(text) > I64_MAX:
        raise Fail("invalid_header")
    return int(text)


def ref_secrets(scheme, secrets):
    if len(secrets) == 0 or len(secrets) > 8:
        raise Fail("invalid_secret")
    keys = []
    for s in secrets:
        if s == "":
            raise Fail("invalid_secret")
        if scheme != "standard":
            keys.append(("hmac", s.encode("utf-8")))
            continue
        if s.startswith("whpk_"):
            raw = ref_b64(s[5:], 32)
            if raw is None:
                raise Fail("invalid_secret")
            keys.append(("ed", raw))
        elif s.startswith("whsk_"):
            raw = ref_b64(s[5:], 32) or ref_b64(s[5:], 64)
            if raw is None:
                raise Fail("invalid_secret")
            keys.append(("ed", ed_pub(raw[:32])))
        else:
            body = s[6:] if s.startswith("whsec_") else s
            core = body.rstrip("=")
            if not body or not B64.match(body) or len(core) % 4 == 1:
                raise Fail("invalid_secret")
            keys.append(("hmac", base64.b64decode(core + "=" * (-len(core) % 4))))
    return keys


def ref_desc(d):
    if not isinstance(d.get("signature_header"), str) or not d["signature_header"]:
        raise Fail("invalid_argument")
    if d.get("encoding", "hex") not in ("hex", "base64"):
        raise Fail("invalid_argument")
    t = d.get("template", "{body}")
    if t.count("{body}") != 1:
        raise Fail("invalid_argument")
    if "{id}" in t and "id_header" not in d:
        raise Fail("invalid_argument")
    if "{timestamp}" in t and "timestamp_header" not in d:
        raise Fail("invalid_argument")


def ref_kv_list(value):
    """Stripe / Cost Katana t= form -> (ts_text, [(version, value)])."""
    items = value.split(",")
    ts, sigs = [], []
    for it in items:
        if it == "" or "=" not in it:
            raise Fail("invalid_header")
        k, v = it.split("=", 1)
        if k == "t":
            ts.append(v)
        else:
            sigs.append((k, v))
    if len(ts) != 1:
        raise Fail("invalid_header")
    return ts[0], sigs


def ref_verify(c):
    scheme, opts = c["scheme"], c.get("options", {})
    if isinstance(scheme, dict):
        ref_desc(scheme)
    keys = ref_secrets(scheme, c["secrets"])
    body = body_bytes(c)
    limit = opts.get("max_payload_bytes", 10485760)
    if limit and len(body) > limit:
        raise Fail("payload_too_large")
    tol = opts.get("tolerance", 300)
    now = c["now"]

    def look(*names):
        for name in names:
            for n, v in c["headers"]:
                if n.lower() == name.lower():
                    return v.strip(" \t") or None
        return None

    def need(*names):
        v = look(*names)
        if v is None:
            raise Fail("missing_header")
        return v

    def check_ts(ts, past_only=False):
        if tol > 0:
            if ts < now - tol:
                raise Fail("timestamp_too_old")
            if ts > now + tol and not past_only:
                raise Fail("timestamp_too_new")

    def hmac_any(cands, msg):
        hk = [k for kind, k in keys if kind == "hmac"]
        if not any(hmac.compare_digest(mac(k, msg), s) for k in hk for s in cands):
            raise Fail("signature_mismatch")

    def single_hex(value, prefix):
        if not value.startswith(prefix):
            raise Fail("invalid_header")
        raw = ref_hex(value[len(prefix):])
        if raw is None:
            raise Fail("invalid_header")
        return raw

    if scheme in ("unicraft", "dash", "smartaihub", "github"):
        name, prefix = {"unicraft": ("X-UniCraft-Signature", ""), "dash": ("X-Dash-Signature", "sha256="),
                        "smartaihub": ("X-Webhook-Signature", "sha256="),
                        "github": ("X-Hub-Signature-256", "sha256=")}[scheme]
        hmac_any([single_hex(need(name), prefix)], body)
        return
    if scheme == "shopify":
        raw = ref_b64(need("X-Shopify-Hmac-Sha256"), 32)
        if raw is None:
            raise Fail("invalid_header")
        hmac_any([raw], body)
        return
    if scheme == "slack":
        sig, tstext = need("X-Slack-Signature"), need("X-Slack-Request-Timestamp")
        raw = single_hex(sig, "v0=")
        ts = ref_ts(tstext)
        check_ts(ts)
        hmac_any([raw], f"v0:{tstext}:".encode() + body)
        return
    if scheme in ("stripe", "costkatana"):
        name = "Stripe-Signature" if scheme == "stripe" else "X-CostKatana-Signature"
        sig = need(name)
        if scheme == "costkatana" and not (sig.startswith("t=") or "v1=" in sig):
            tstext = need("X-CostKatana-Timestamp")
            raw = single_hex(sig, "sha256=")
            ts = ref_ts(tstext)
            check_ts(ts)
            hmac_any([raw], f"{tstext}.".encode() + body)
            return
        tstext, items = ref_kv_list(sig)
        versions = ("v1", "v0") if scheme == "stripe" else ("v1",)
        dec = [(k, ref_hex(v)) for k, v in items if k in versions]
        dec = [(k, r) for k, r in dec if r is not None]
        if not dec:
            raise Fail("invalid_header")
        ts = ref_ts(tstext)
        check_ts(ts, past_only=(scheme == "stripe"))
        v1 = [r for k, r in dec if k == "v1"]
        if not v1:
            raise Fail("unsupported_signature")
        hmac_any(v1, f"{tstext}.".encode() + body)
        return
    if scheme == "standard":
        mid = need("webhook-id", "svix-id")
        tstext = need("webhook-timestamp", "svix-timestamp")
        sig = need("webhook-signature", "svix-signature")
        v1, v1a = [], []
        for entry in sig.split(" "):
            assert entry != "", "vector depends on empty entries (ambiguous): " + c["id"]
            if "," not in entry:
                raise Fail("invalid_header")
            ver, val = entry.split(",", 1)
            if ver == "v1":
                r = ref_b64(val, 32)
                if r is not None:
                    v1.append(r)
            elif ver == "v1a":
                r = ref_b64(val, 64)
                if r is not None:
                    v1a.append(r)
        if not v1 and not v1a:
            raise Fail("invalid_header")
        ts = ref_ts(tstext)
        check_ts(ts)
        msg = f"{mid}.{tstext}.".encode() + body
        has_h = any(k == "hmac" for k, _ in keys)
        edk = [k for kind, k in keys if kind == "ed"]
        if not ((v1 and has_h) or (v1a and edk)):
            raise Fail("unsupported_signature")
        if has_h and any(hmac.compare_digest(mac(k, msg), s) for kind, k in keys if kind == "hmac" for s in v1):
            return
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        from cryptography.exceptions import InvalidSignature
        for pk in edk:
            for s in v1a:
                try:
                    Ed25519PublicKey.from_public_bytes(pk).verify(s, msg)
                    return
                except InvalidSignature:
                    pass
        raise Fail("signature_mismatch")
    if isinstance(scheme, dict):
        sig = need(scheme["signature_header"])
        mid = need(scheme["id_header"]) if "id_header" in scheme else None
        tstext = need(scheme["timestamp_header"]) if "timestamp_header" in scheme else None
        p = scheme.get("prefix", "")
        if not sig.startswith(p):
            raise Fail("invalid_header")
        val = sig[len(p):]
        raw = ref_b64(val, 32) if scheme.get("encoding", "hex") == "base64" else ref_hex(val)
        if raw is None:
            raise Fail("invalid_header")
        if tstext is not None:
            check_ts(ref_ts(tstext))
        hmac_any([raw], signed_content(scheme, body, tstext, mid))
        return
    raise AssertionError(scheme)


def self_check(files):
    ids = set()
    for doc in files.values():
        for c in doc["cases"]:
            assert c["id"] not in ids, f"duplicate id {c['id']}"
            ids.add(c["id"])
            assert sum(k in c for k in ("body", "body_hex", "body_repeat")) == 1, c["id"]
            if c.get("op") == "sign":
                continue
            sch = c["scheme"]
            timestamped = sch in ("costkatana", "standard", "stripe", "slack") or (
                isinstance(sch, dict) and "timestamp_header" in sch)
            if timestamped:
                assert isinstance(c["now"], int), c["id"]
            elif c["expect"].get("error") != "invalid_argument":
                assert c["now"] is None, c["id"]
            try:
                ref_verify(c)
                got = {"ok": True}
            except Fail as e:
                got = {"error": e.args[0]}
            if got != c["expect"]:
                raise SystemExit(f"generate.py: case {c['id']} expects {c['expect']} but the reference "
                                 f"reading of SEMANTICS.md gives {got}")


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def build():
    assert_published()
    makers = [("costkatana", file_costkatana), ("unicraft", file_unicraft), ("dash", file_dash),
              ("smartaihub", file_smartaihub), ("standard", file_standard), ("stripe", file_stripe),
              ("github", file_github), ("slack", file_slack), ("shopify", file_shopify),
              ("custom", file_custom), ("sign", file_sign)]
    files = {}
    for name, fn in makers:
        desc, cases = fn()
        files[name] = {"description": desc, "cases": cases}
    self_check(files)
    return {f"{name}.json": json.dumps(doc, indent=1, ensure_ascii=False) + "\n" for name, doc in files.items()}


def main(argv):
    check = "--check" in argv[1:]
    out = build()
    if check:
        bad = []
        for fname, text in out.items():
            p = HERE / fname
            if not p.exists() or p.read_text(encoding="utf-8") != text:
                bad.append(fname)
        if bad:
            print("tests/vectors: out of date (run python3 tests/vectors/generate.py): " + ", ".join(bad),
                  file=sys.stderr)
            return 1
        print(f"tests/vectors: {len(out)} files up to date")
        return 0
    for fname, text in out.items():
        (HERE / fname).write_text(text, encoding="utf-8")
    total = sum(len(json.loads(t)["cases"]) for t in out.values())
    print(f"tests/vectors: wrote {len(out)} files, {total} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
