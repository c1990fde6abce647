#!/usr/bin/env python3
"""Event-mode conformance vectors (`"mode": "event"`), from an oracle that is not hookseal.

Reads the declarative catalogs in core/catalogs/*.json and writes
tests/vectors/events_<provider>.json for the four seed providers plus
events_other.json (standard, stripe, github, slack, shopify).

Everything here is Python's standard library (hmac, hashlib, base64, json,
datetime, re): signatures are computed with `hmac`, expected timestamps with
`datetime`, and every expected answer is re-derived by the small, independent
catalog reader at the bottom of this file before a case is written.

    python3 tests/vectors/generate_events.py           # (re)write the files
    python3 tests/vectors/generate_events.py --check   # exit 1 if a committed file differs
"""

import argparse
import base64
import copy
import datetime
import hashlib
import hmac
import json
import urllib.parse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CATALOG_DIR = os.path.join(ROOT, "core", "catalogs")
ORACLE = "oracle: python hmac/hashlib/datetime (tests/vectors/generate_events.py)"

SEED_PROVIDERS = ["costkatana", "unicraft", "dash", "smartaihub"]
OTHER_PROVIDERS = ["standard", "stripe", "github", "slack", "shopify"]

# Fixed secrets, exactly as a user would pass them.
SECRETS = {
    "costkatana": "ck_whsec_3f9a1c7e5b2d4f60",
    "unicraft": "unicraft-webhook-secret-7d41",
    "dash": "dash-webhook-secret-a19c",
    "smartaihub": "smartaihub_webhook_secret_52e8",
    "standard": "whsec_" + base64.b64encode(b"hookseal-event-vectors-standard!").decode(),
    "stripe": "whsec_hookseal_event_vectors_stripe",
    "github": "github-hook-secret-e7",
    "slack": "8f742231b10e8888abcd99yyyzzz85a5",
    "shopify": "shpss_hookseal_event_vectors",
}
WRONG_SECRET = "not-the-configured-secret"

# The verifier's clock for schemes without a timestamp (2025-01-15T10:30:00Z).
FIXED_NOW = 1736937000


# --------------------------------------------------------------------------- helpers

def compact(obj, ascii_only=True):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=ascii_only)


def load_catalog(provider):
    with open(os.path.join(CATALOG_DIR, provider + ".json"), encoding="utf-8") as f:
        return json.load(f)


RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$"
)


def rfc3339_to_unix(text):
    """Unix seconds of an RFC 3339 date-time (fraction truncated), or None if it is not one."""
    if not isinstance(text, str):
        return None
    m = RFC3339.match(text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(m.group(i)) for i in range(1, 7))
    if m.group(8):
        offset = datetime.timedelta(0)
    else:
        oh, om = int(m.group(10)), int(m.group(11))
        if oh > 23 or om > 59:
            return None
        offset = datetime.timedelta(hours=oh, minutes=om)
        if m.group(9) == "-":
            offset = -offset
    try:
        moment = datetime.datetime(year, month, day, hour, minute, second,
                                   tzinfo=datetime.timezone(offset))
    except ValueError:
        return None
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    return (moment - epoch) // datetime.timedelta(seconds=1)


def get_path(obj, path):
    for key in path:
        if not isinstance(obj, dict) or key not in obj:
            return None, False
        obj = obj[key]
    return obj, True


def set_path(obj, path, value):
    for key in path[:-1]:
        obj = obj[key]
    obj[path[-1]] = value


def del_path(obj, path):
    for key in path[:-1]:
        obj = obj[key]
    del obj[path[-1]]


def dotted(path):
    return ".".join(str(p) for p in path)


def norm_spec(spec):
    if isinstance(spec, str):
        spec = {"type": spec.rstrip("?"), "optional": spec.endswith("?")}
    if "enum" in spec:
        return {"type": "enum", "enum": spec["enum"], "optional": spec.get("optional", False)}
    out = {"type": spec["type"], "optional": spec.get("optional", False)}
    if spec["type"] == "object":
        out["fields"] = spec.get("fields", {})
    if spec["type"] == "array":
        out["items"] = spec.get("items", "any")
    return out


def header_lookup(headers, name):
    names = [name.lower()]
    if names[0].startswith("webhook-"):  # Standard Webhooks: webhook-* first, then svix-*
        names.append("svix-" + names[0][len("webhook-"):])
    for wanted in names:
        for key, value in headers:
            if key.lower() == wanted:
                return value
    return None


# --------------------------------------------------------------------------- signing

def hmac_sha256(secret_bytes, message):
    return hmac.new(secret_bytes, message, hashlib.sha256).digest()


def sign(provider, body, secret=None, ts=None, msg_id=None, form=None, extra=()):
    """Headers a provider would send for `body` (bytes), in its spelling."""
    secret = SECRETS[provider] if secret is None else secret
    key = secret.encode()
    headers = [["Content-Type", "application/json"]]
    if provider == "costkatana":
        sig = hmac_sha256(key, str(ts).encode() + b"." + body).hex()
        if form == "sha256":  # seed 000: sha256=<hex> plus the timestamp header
            headers += [["X-CostKatana-Timestamp", str(ts)], ["X-CostKatana-Signature", "sha256=" + sig]]
        else:  # seed 001: t=<ts>,v1=<hex>
            headers += [["X-CostKatana-Signature", "t=%d,v1=%s" % (ts, sig)],
                        ["X-CostKatana-Timestamp", str(ts)]]
    elif provider == "unicraft":
        headers.append(["X-UniCraft-Signature", hmac_sha256(key, body).hex()])
    elif provider == "dash":
        headers.append(["X-Dash-Signature", "sha256=" + hmac_sha256(key, body).hex()])
    elif provider == "smartaihub":
        headers.append(["X-Webhook-Signature", "sha256=" + hmac_sha256(key, body).hex()])
    elif provider == "standard":
        raw = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
        sig = base64.b64encode(hmac_sha256(raw, ("%s.%d." % (msg_id, ts)).encode() + body)).decode()
        prefix = "svix" if form == "svix" else "webhook"
        headers += [[prefix + "-id", msg_id], [prefix + "-timestamp", str(ts)],
                    [prefix + "-signature", "v1," + sig]]
    elif provider == "stripe":
        sig = hmac_sha256(key, str(ts).encode() + b"." + body).hex()
        headers.append(["Stripe-Signature", "t=%d,v1=%s" % (ts, sig)])
    elif provider == "github":
        headers += list(extra)
        headers.append(["X-Hub-Signature-256", "sha256=" + hmac_sha256(key, body).hex()])
    elif provider == "slack":
        sig = hmac_sha256(key, b"v0:%d:" % ts + body).hex()
        headers += [["X-Slack-Request-Timestamp", str(ts)], ["X-Slack-Signature", "v0=" + sig]]
    elif provider == "shopify":
        headers += list(extra)
        headers.append(["X-Shopify-Hmac-Sha256", base64.b64encode(hmac_sha256(key, body)).decode()])
    else:
        raise ValueError(provider)
    return headers


# --------------------------------------------------------------------------- independent catalog reader

def check_value(value, spec, path):
    """First validation error as (path, expected) or None. Extra fields are allowed."""
    spec = norm_spec(spec)
    if value is None:
        return None if spec["optional"] else (dotted(path), "required")
    kind = spec["type"]
    is_int = isinstance(value, int) and not isinstance(value, bool)
    ok = {
        "string": isinstance(value, str),
        "number": is_int or isinstance(value, float),
        "integer": is_int,
        "boolean": isinstance(value, bool),
        "object": isinstance(value, dict),
        "array": isinstance(value, list),
        "any": True,
        "uuid": isinstance(value, str) and re.fullmatch(
            r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", value) is not None,
        "datetime": rfc3339_to_unix(value) is not None,
        "unix": is_int and value >= 0,
        "enum": isinstance(value, str) and value in spec.get("enum", []),
    }[kind]
    if not ok:
        return (dotted(path), kind)
    if kind == "object":
        return check_fields(value, spec["fields"], path)
    if kind == "array":
        for i, item in enumerate(value):
            err = check_value(item, spec["items"], path + ["[%d]" % i])
            if err:
                return err
    return None


def check_fields(obj, fields, path):
    for name, spec in fields.items():
        value, _ = get_path(obj, [name])
        err = check_value(value, spec, path + [name])
        if err:
            return err
    return None


def resolve(source, body, headers):
    if source is None:
        return None
    if "header" in source:
        return header_lookup(headers, source["header"])
    value, _ = get_path(body, source["field"].split("."))
    return value


def oracle_verify(cat, body_bytes, headers, strict):
    """What a correct verifier returns once the signature has matched."""
    try:
        body = json.loads(body_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        # GitHub (and Slack) deliver application/x-www-form-urlencoded bodies whose
        # `payload` field is the JSON (GitHub docs, "Webhook events and payloads").
        form = None
        if cat["provider"] in ("github", "slack"):
            try:
                form = urllib.parse.parse_qs(body_bytes.decode("utf-8"), strict_parsing=True)
            except (UnicodeDecodeError, ValueError):
                form = None
        if form and "payload" in form:
            try:
                body = json.loads(form["payload"][0])
            except ValueError:
                return {"error": "invalid_payload"}, None
        elif form and cat["provider"] == "slack" and "command" in form:
            # A slash command: the form itself is the event, typed slash_command
            # (Slack docs, "Implementing slash commands").
            body = {k: v[0] for k, v in form.items()}
            body.setdefault("type", "slash_command")
        else:
            return {"error": "invalid_payload"}, None
    if not isinstance(body, dict):
        return {"error": "invalid_payload"}, None
    env = cat["envelope"]
    err = check_fields(body, env["fields"], [])
    if err:
        return {"error": "invalid_payload", "message_contains": err[0]}, None
    etype = resolve(env["type"], body, headers)
    if not isinstance(etype, str):
        return {"error": "invalid_payload"}, None
    known = etype in cat["events"]
    if not cat["open"] and not known and strict:
        return {"error": "unknown_event_type"}, None
    if known:
        data_src = env["data"]
        data, present = get_path(body, data_src["field"].split("."))
        if present and data is not None:
            err = check_fields(data, cat["events"][etype]["data"], data_src["field"].split("."))
        elif data_src.get("fallback_root"):
            err = check_fields(body, cat["events"][etype]["data"], [])
        else:
            err = None
        if err:
            return {"error": "invalid_payload", "message_contains": err[0]}, None
    ts_src = env["timestamp"]
    ts = resolve(ts_src, body, headers)
    if ts is not None:
        ts = rfc3339_to_unix(ts) if ts_src["format"] == "rfc3339" else int(ts)
    event = {
        "provider": cat["provider"],
        "id": resolve(env["id"], body, headers),
        "type": etype,
        "timestamp": ts,
        "in_catalog": known,
    }
    return {"ok": True}, event


# --------------------------------------------------------------------------- cases

class Builder:
    def __init__(self, provider, cat):
        self.provider = provider
        self.cat = cat
        self.cases = []

    def add(self, cid, source, body, expect, *, ts=None, form=None, msg_id=None, extra=(),
            options=None, secret=None, event=None, raw=None, now=None, signed=None):
        """`body` is a JSON value (serialized compactly) unless `raw` (bytes) is given.
        `signed`: sign these bytes instead of the body (a body altered after signing)."""
        body_bytes = raw if raw is not None else compact(body).encode()
        if self.provider in ("costkatana", "standard", "stripe", "slack"):
            ts = FIXED_NOW if ts is None else ts
            now = ts if now is None else now
        else:
            now = FIXED_NOW if now is None else now
        headers = sign(self.provider, body_bytes if signed is None else signed, secret=secret, ts=ts, msg_id=msg_id, form=form,
                       extra=extra)
        case = {"id": "event/%s/%s" % (self.provider, cid), "source": source,
                "scheme": self.provider, "secrets": [SECRETS[self.provider]]}
        if options:
            case["options"] = options
        case["headers"] = headers
        try:
            case["body"] = body_bytes.decode("utf-8")
        except UnicodeDecodeError:
            case["body_hex"] = body_bytes.hex()
        case["now"] = now
        case["mode"] = "event"
        # Cross-check the hand-written expectation against the independent reader.
        if (secret is None or secret == SECRETS[self.provider]) and signed is None:
            got, got_event = oracle_verify(self.cat, body_bytes, headers, bool(options and options.get("strict")))
            want_code = expect.get("error")
            assert got.get("error") == want_code, (case["id"], got, expect)
            if "message_contains" in expect:
                assert expect["message_contains"] in got.get("message_contains", ""), (case["id"], got, expect)
            if expect.get("ok"):
                if event is None:
                    event = got_event
                assert event == got_event, (case["id"], event, got_event)
        case["expect"] = expect
        if expect.get("ok"):
            case["event"] = event
        self.cases.append(case)


def wrong_values(spec, envelope=False):
    """JSON values of the wrong type (or format) for a FIELD spec."""
    kind = norm_spec(spec)["type"]
    values = {
        "string": [12345],
        "number": ["12.5"],
        "integer": ["12"],
        "boolean": ["true"],
        "object": [[]],
        "array": [{"0": "x"}],
        "uuid": ["not-a-uuid"],
        "datetime": ["yesterday"],
        "unix": ["1736937000"],
        "enum": ["bogus"],
        "any": [],
    }[kind]
    if envelope:
        values = {
            "object": ["not an object", []],
            "uuid": ["not-a-uuid", "5f0c7a1e9b2d4c3e8f4a6b7c8d9e0f01", "5f0c7a1e-9b2d-4c3e-8f4a-6b7c8d9e0f0",
                     "5f0c7a1e-9b2d-4c3e-8f4a-6b7c8d9e0f0g", 12345],
            "datetime": ["yesterday", "2025-01-15T10:30:00", "2025-01-15", "2025-13-01T10:30:00Z",
                         "2025-01-15T25:30:00Z", "1736937000", 1736937000],
            "enum": ["bogus", "HIGH", 3],
            "string": [12345, True],
            "unix": ["1736937000", 1736937000.5],
        }.get(kind, values)
    return values


def label(value):
    """A short, path-safe name for a bad value in a case id."""
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, str):
        return re.sub(r"[^A-Za-z0-9:.+-]+", "-", value) if value else "empty"
    return ("boolean-" if isinstance(value, bool) else "number-") + compact(value)


def field_mutations(body, fields, base, envelope=False):
    """(label, mutated body, path to name) for each required field removed and each typed field broken."""
    out = []
    for name, raw_spec in fields.items():
        spec = norm_spec(raw_spec)
        path = base + [name]
        where = dotted(path)
        value, present = get_path(body, path)
        parent, parent_present = get_path(body, base) if base else (body, True)
        if not spec["optional"] and present:
            mutated = copy.deepcopy(body)
            del_path(mutated, path)
            out.append(("missing/" + where, mutated, where))
        if isinstance(parent, dict) and parent_present:
            for bad in wrong_values(raw_spec, envelope):
                mutated = copy.deepcopy(body)
                set_path(mutated, path, bad)
                suffix = "" if len(wrong_values(raw_spec, envelope)) == 1 else "=" + label(bad)
                out.append(("wrong-type/" + where + suffix, mutated, where))
        if present and spec["type"] == "object" and isinstance(value, dict):
            out += field_mutations(body, spec["fields"], path, envelope)
        if present and spec["type"] == "array" and isinstance(value, list) and value:
            items = norm_spec(spec["items"])
            # Item paths are spelled differently by implementations (x[0] / x.0):
            # expect only the array's own path in the message.
            for bad in wrong_values(spec["items"]):
                mutated = copy.deepcopy(body)
                mutated_list, _ = get_path(mutated, path)
                mutated_list[0] = bad
                out.append(("wrong-type/" + where + "[0]", mutated, where))
            if items["type"] == "object" and isinstance(value[0], dict):
                for lab, mutated_item_body, _ in field_mutations(value[0], items["fields"], []):
                    mutated = copy.deepcopy(body)
                    mutated_list, _ = get_path(mutated, path)
                    mutated_list[0] = mutated_item_body
                    out.append((lab.replace("/", "/" + where + "[0].", 1), mutated, where))
    return out


def data_base(cat, example):
    field = cat["envelope"]["data"]["field"].split(".")
    _, present = get_path(example, field)
    if present:
        return field
    assert cat["envelope"]["data"].get("fallback_root"), "example without data"
    return []


def seed_ref(source):
    return source.split(",")[0]


def set_type(cat, body, new_type):
    body = copy.deepcopy(body)
    set_path(body, cat["envelope"]["type"]["field"].split("."), new_type)
    return body


def event_cases(b, sign_kw):
    """Per catalog event: one valid case from its example, invalid cases from its data spec."""
    cat = b.cat
    for etype, ev in cat["events"].items():
        example = ev["example"]
        kw = sign_kw(example)
        src = "catalog example core/catalogs/%s.json events[%s] (%s); %s" % (
            b.provider, etype, seed_ref(ev["source"]), ORACLE)
        b.add(etype + "/valid", src, example, {"ok": True}, **kw)
        muts = field_mutations(example, ev["data"], data_base(cat, example))
        assert muts, "no invalid case for " + etype
        for lab, body, where in muts:
            b.add("%s/%s" % (etype, lab),
                  "catalog example of %s with %s broken (%s); %s" % (etype, where, seed_ref(ev["source"]), ORACLE),
                  body, {"error": "invalid_payload", "message_contains": where}, **sign_kw(body))


def envelope_cases(b, base_type, sign_kw, unknown_type, case_variant_type):
    cat = b.cat
    base = cat["events"][base_type]["example"]
    src = "catalog envelope core/catalogs/%s.json, base example %s; %s" % (b.provider, base_type, ORACLE)
    for lab, body, where in field_mutations(base, cat["envelope"]["fields"], [], envelope=True):
        b.add("envelope/" + lab, src, body, {"error": "invalid_payload", "message_contains": where},
              **sign_kw(body))
    type_field = cat["envelope"]["type"]["field"]
    body = set_type(cat, base, None)
    b.add("envelope/null/" + type_field, src, body,
          {"error": "invalid_payload", "message_contains": type_field}, **sign_kw(body))

    # Accepted variants of a valid delivery.
    body = copy.deepcopy(base)
    body["x_hookseal_extra"] = {"nested": [1, 2, 3]}
    b.add("envelope/extra-field-allowed", src + "; extra fields are always allowed", body, {"ok": True},
          **sign_kw(body))
    for name, raw_spec in cat["envelope"]["fields"].items():
        spec = norm_spec(raw_spec)
        if spec["optional"] and name in base and name != cat["envelope"]["data"]["field"]:
            body = copy.deepcopy(base)
            body[name] = None
            b.add("envelope/optional-null/" + name, src + "; optional field null", body, {"ok": True},
                  **sign_kw(body))
            body = copy.deepcopy(base)
            del body[name]
            b.add("envelope/optional-absent/" + name, src + "; optional field absent", body, {"ok": True},
                  **sign_kw(body))
    ts_src = cat["envelope"]["timestamp"]
    if ts_src and "field" in ts_src and ts_src["format"] == "rfc3339":
        path = ts_src["field"].split(".")
        for lab, text in [("offset", "2025-01-15T12:30:00+02:00"), ("negative-offset", "2025-01-15T05:30:00-05:00"),
                          ("fraction", "2025-01-15T10:30:00.999999Z"), ("millis", "2025-01-15T10:30:00.500Z")]:
            body = copy.deepcopy(base)
            set_path(body, path, text)
            b.add("envelope/timestamp-%s" % lab,
                  src + "; RFC 3339 variant, Unix seconds from python datetime (fraction truncated)",
                  body, {"ok": True}, **sign_kw(body))

    # Raw-body variants: the signature is over the exact bytes.
    kw = sign_kw(base)
    b.add("envelope/trailing-newline", src + "; JSON followed by a newline", None, {"ok": True},
          raw=compact(base).encode() + b"\n", **kw)
    b.add("envelope/pretty-printed", src + "; indented JSON body", None, {"ok": True},
          raw=json.dumps(base, indent=2).encode(), **kw)
    body = copy.deepcopy(base)
    b.add("envelope/utf8-text", src + "; non-ASCII UTF-8 in an extra field", None, {"ok": True},
          raw=compact(dict(body, note="Coût dépassé — 🚨"), ascii_only=False).encode(), **kw)

    # Not an event at all, but correctly signed.
    for lab, raw in [("not-json", b"event=cost.alert&id=1"), ("empty-body", b""),
                     ("truncated-json", compact(base).encode()[:-1]), ("json-array", b"[]"),
                     ("json-string", b'"hello"'), ("json-null", b"null"),
                     ("not-utf8", compact(base).encode().replace(b'":"', b'":"\xff', 1))]:
        b.add("envelope/" + lab, "correctly signed body that is not a JSON object; " + ORACLE,
              None, {"error": "invalid_payload"}, raw=raw, **kw)
    b.add("envelope/not-json-bad-signature",
          "the signature is checked before the body is parsed; " + ORACLE,
          None, {"error": "signature_mismatch"}, raw=b"event=cost.alert&id=1", secret=WRONG_SECRET, **kw)
    body = copy.deepcopy(base)
    body["x_tampered"] = True
    b.add("envelope/tampered-body",
          "body changed after signing (signature of the base example); " + ORACLE,
          None, {"error": "signature_mismatch"}, raw=compact(body).encode(), signed=compact(base).encode(),
          **sign_kw(base))

    # Unknown and known types, lenient and strict.
    unknown = set_type(cat, base, unknown_type)
    b.add("unknown-type/lenient", "type not in the catalog, strict off: accepted; " + ORACLE,
          unknown, {"ok": True}, **sign_kw(unknown))
    b.add("unknown-type/strict", "type not in the catalog, strict on; " + ORACLE,
          unknown, {"error": "unknown_event_type"}, options={"strict": True}, **sign_kw(unknown))
    variant = set_type(cat, base, case_variant_type)
    b.add("unknown-type/case-differs-strict", "event types are compared exactly (case-sensitive); " + ORACLE,
          variant, {"error": "unknown_event_type"}, options={"strict": True}, **sign_kw(variant))
    b.add("known-type/strict", "catalog type with strict on: accepted; " + ORACLE,
          base, {"ok": True}, options={"strict": True}, **sign_kw(base))
    body = set_type(cat, base, unknown_type)
    data_field = cat["envelope"]["data"]["field"]
    body[data_field] = {"anything": ["goes"]}
    b.add("unknown-type/data-not-validated",
          "unknown type (lenient): only the envelope is validated, not event data; " + ORACLE,
          body, {"ok": True}, **sign_kw(body))


# --------------------------------------------------------------------------- providers

def costkatana_cases():
    cat = load_catalog("costkatana")
    b = Builder("costkatana", cat)

    def sign_kw(body):
        # Deliveries in seed 000's layout (no `data`) carry seed 000's header form
        # (sha256= + X-CostKatana-Timestamp); seed 001's layout carries t=,v1=.
        at = body.get("occurred_at") if isinstance(body, dict) else None
        ts = rfc3339_to_unix(at) if isinstance(at, str) else None
        ts = (ts if ts is not None else FIXED_NOW) + 2
        form = "t" if isinstance(body, dict) and "data" in body else "sha256"
        return {"ts": ts, "form": form}

    event_cases(b, sign_kw)
    envelope_cases(b, "cost.alert", sign_kw, "cost.forecast_updated", "Cost.Alert")

    seed001 = {"event_id": "evt_abc123", "event_type": "cost.alert", "occurred_at": "2024-01-15T10:30:00Z",
               "severity": "high", "title": "Daily Cost Threshold Exceeded",
               "description": "Current: $125.50, Threshold: $100.00",
               "data": {"cost": {"amount": 125.50, "threshold": 100.00}}}
    src = "seed 001, 2. Receive Webhooks (payload example, fields under data); " + ORACLE
    b.add("seed-001-example", src, seed001, {"ok": True}, **sign_kw(seed001))
    b.add("seed-001-example/sha256-form", src + "; seed 000 header form", seed001, {"ok": True},
          ts=rfc3339_to_unix(seed001["occurred_at"]) + 2, form="sha256")
    for lab, body, where in field_mutations(seed001, cat["events"]["cost.alert"]["data"], ["data"]):
        b.add("seed-001-example/" + lab, src + "; %s broken" % where, body,
              {"error": "invalid_payload", "message_contains": where}, **sign_kw(body))
    moved = copy.deepcopy(seed001)
    moved["cost"] = moved["data"].pop("cost")
    b.add("fallback-only-without-data/missing/data.cost",
          "fallback_root applies only when `data` is absent: with `data` present, top-level cost is not looked at; "
          + ORACLE, moved, {"error": "invalid_payload", "message_contains": "data.cost"}, **sign_kw(moved))
    test_payload = {"event_id": "test_123", "event_type": "cost.alert", "occurred_at": "2025-01-15T10:30:00.000Z",
                    "severity": "medium", "title": "Test Alert", "description": "This is a test",
                    "cost": {"amount": 100, "currency": "USD"}}
    b.add("seed-000-test-payload", "seed 000, Testing Webhooks > Test Payload (no metrics); " + ORACLE,
          test_payload, {"ok": True}, **sign_kw(test_payload))
    opt = {"event_id": "evt_ck_0108", "event_type": "optimization.suggested",
           "occurred_at": "2025-01-15T14:00:00Z", "severity": "medium", "title": "Optimization available",
           "description": "Save $35/month with prompt caching",
           "data": {"optimization": {"potentialSavings": 35}, "recommendation": "Enable prompt caching"}}
    src = "seed 001, Real-World Use Cases 4 (data.optimization.potentialSavings, data.recommendation); " + ORACLE
    b.add("optimization.suggested/seed-001-layout", src, opt, {"ok": True}, **sign_kw(opt))
    for lab, body, where in field_mutations(opt, cat["events"]["optimization.suggested"]["data"], ["data"]):
        b.add("optimization.suggested/seed-001-layout/" + lab, src, body,
              {"error": "invalid_payload", "message_contains": where}, **sign_kw(body))
    low = dict(cat["events"]["usage.pattern_changed"]["example"], severity="low")
    b.add("envelope/severity-low", "`low` completes the documented medium/high/critical scale (catalog note); "
          + ORACLE, low, {"ok": True}, **sign_kw(low))
    return b


def unicraft_cases():
    cat = load_catalog("unicraft")
    b = Builder("unicraft", cat)
    event_cases(b, lambda body: {})
    envelope_cases(b, "request.completed", lambda body: {}, "custom.deployment_finished", "Request.Completed")
    return b


def dash_cases():
    cat = load_catalog("dash")
    b = Builder("dash", cat)
    event_cases(b, lambda body: {})
    envelope_cases(b, "agent:complete", lambda body: {}, "agent:paused", "Agent:Complete")
    seed_test = {"id": "test-event-1736937000000", "type": "agent:complete",
                 "timestamp": "2025-01-15T10:30:00.000Z",
                 "data": {"agentId": "test-agent-123", "task": "Test task", "durationMs": 5000, "cost": 0.05}}
    b.add("seed-test-event/non-uuid-id",
          "seed 003, Send Test Events: its id 'test-event-' + Date.now() is not the UUID its zod schema requires; "
          + ORACLE, seed_test, {"error": "invalid_payload", "message_contains": "id"})
    fixed = dict(seed_test, id="0b8f3a6c-2d4e-4f1a-9b7c-5e6d7f8a9b0c")
    b.add("seed-test-event/uuid-id", "seed 003, Send Test Events with a UUID id; no webhookId/instanceId; " + ORACLE,
          fixed, {"ok": True})
    upper = dict(fixed, id=fixed["id"].upper())
    b.add("envelope/uuid-uppercase", "UUIDs are hex in 8-4-4-4-12 form, either case; " + ORACLE, upper, {"ok": True})
    return b


def smartaihub_cases():
    cat = load_catalog("smartaihub")
    b = Builder("smartaihub", cat)
    event_cases(b, lambda body: {})
    envelope_cases(b, "credit.low", lambda body: {}, "user.deleted", "Credit.Low")
    test = {"id": "evt_test_0001", "eventType": "user.created", "userId": "user_123", "data": {"test": True},
            "metadata": {"service": "webhook-service", "timestamp": "2025-01-01T00:00:00.000Z"}}
    b.add("test-delivery/catalog-fields-missing",
          "seed 004, 3. Test Your Webhook sends data {test: true}; a delivery of it lacks user.created's fields; "
          + ORACLE, test, {"error": "invalid_payload", "message_contains": "data.userId"})
    return b


def other_cases():
    out = []

    cat = load_catalog("standard")
    b = Builder("standard", cat)
    spec_body = {"type": "contact.created", "timestamp": "2022-11-03T20:26:10.344522Z",
                 "data": {"id": "1f81eb52-5198-4599-803e-771906343485", "type": "contact"}}
    b.add("spec-example", "Standard Webhooks spec, payload example; timestamp from webhook-timestamp; " + ORACLE,
          spec_body, {"ok": True}, ts=1667507171, msg_id="msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
    clerk = {"data": {"id": "user_29w83sxmDNGwOuEthce5gg56FcC", "object": "user"}, "object": "event",
             "timestamp": 1654012591835, "type": "user.created"}
    b.add("clerk-style-ms-timestamp",
          "Clerk (Svix) sends body timestamp in Unix milliseconds; not validated, header timestamp used; " + ORACLE,
          clerk, {"ok": True}, ts=1654012592, msg_id="msg_29w83xUKjQCpaCJdTvmN5Cd2QH1")
    resend = {"type": "email.sent", "created_at": "2023-02-22T23:41:12.126Z",
              "data": {"email_id": "56761188-7520-42d8-8898-ff6fc54ce618", "to": ["delivered@resend.dev"]}}
    b.add("resend-style-no-timestamp", "Resend (Svix) sends created_at and no timestamp; " + ORACLE,
          resend, {"ok": True}, ts=1677109273, msg_id="msg_2MHzPIzvXyUYjLuYTdKDs8ruFfV")
    b.add("svix-headers", "svix-id/svix-timestamp/svix-signature header names; " + ORACLE,
          spec_body, {"ok": True}, ts=1667507171, msg_id="msg_svixnames0001", form="svix")
    b.add("any-type-strict", "open provider: strict changes nothing; " + ORACLE, spec_body, {"ok": True},
          ts=1667507171, msg_id="msg_strict0001", options={"strict": True})
    for lab, body, where in field_mutations(spec_body, cat["envelope"]["fields"], [], envelope=True):
        b.add("envelope/" + lab, "catalog envelope core/catalogs/standard.json; " + ORACLE, body,
              {"error": "invalid_payload", "message_contains": where}, ts=1667507171, msg_id="msg_bad0001")
    out += b.cases

    cat = load_catalog("stripe")
    b = Builder("stripe", cat)
    pi = {"id": "evt_3NG8Du2eZvKYlo2C0x3ZkbyR", "object": "event", "api_version": "2022-11-15",
          "created": 1686089970, "type": "payment_intent.succeeded", "livemode": False, "pending_webhooks": 1,
          "data": {"object": {"id": "pi_3NG8Du2eZvKYlo2C0mGJ1Dm9", "object": "payment_intent", "amount": 2000,
                              "currency": "usd", "status": "succeeded"}},
          "request": {"id": None, "idempotency_key": None}}
    b.add("payment_intent.succeeded", "Stripe event object (docs.stripe.com/api/events/object); timestamp is "
          "`created`, not the signature's t=; " + ORACLE, pi, {"ok": True}, ts=1686089975)
    cust = {"id": "evt_1NG8Du2eZvKYlo2CUI79vXWy", "object": "event", "api_version": "2022-11-15",
            "created": 1686089971, "type": "customer.created", "livemode": False, "pending_webhooks": 0,
            "data": {"object": {"id": "cus_O2hQJmJqg4YcEo", "object": "customer", "email": None}},
            "request": {"id": "req_R4sA2sO1xYz6Gc", "idempotency_key": "f3f5b2a4-0d0b-4f56-9c1e-0f8e4c1a2b3c"}}
    b.add("customer.created", "Stripe event object; " + ORACLE, cust, {"ok": True}, ts=1686089976)
    b.add("any-type-strict", "open provider: strict changes nothing; " + ORACLE, cust, {"ok": True},
          ts=1686089976, options={"strict": True})
    for lab, body, where in field_mutations(pi, cat["envelope"]["fields"], [], envelope=True):
        b.add("envelope/" + lab, "catalog envelope core/catalogs/stripe.json; " + ORACLE, body,
              {"error": "invalid_payload", "message_contains": where}, ts=1686089975)
    out += b.cases

    cat = load_catalog("github")
    b = Builder("github", cat)
    ping = {"zen": "Design for failure.", "hook_id": 109948940,
            "hook": {"type": "Repository", "id": 109948940, "active": True, "events": ["push"]},
            "repository": {"id": 1296269, "full_name": "octocat/Hello-World"}, "sender": {"login": "octocat"}}
    gh = lambda event, delivery: [["User-Agent", "GitHub-Hookshot/044aadd"], ["X-GitHub-Event", event],
                                  ["X-GitHub-Delivery", delivery], ["X-GitHub-Hook-ID", "109948940"]]
    b.add("ping", "GitHub delivery headers (docs.github.com webhooks); type/id from headers, no timestamp; "
          + ORACLE, ping, {"ok": True}, extra=gh("ping", "72d3162e-cc78-11e3-81ab-4c9367dc0958"))
    push = {"ref": "refs/heads/main", "before": "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
            "after": "0000000000000000000000000000000000000000",
            "repository": {"id": 1296269, "full_name": "octocat/Hello-World"}, "pusher": {"name": "octocat"},
            "commits": []}
    b.add("push", "GitHub push delivery; " + ORACLE, push, {"ok": True},
          extra=gh("push", "9a8b7c6d-cc78-11e3-81ab-4c9367dc0958"))
    b.add("form-encoded", "GitHub's application/x-www-form-urlencoded content type: the JSON is the form's "
          "`payload` field (GitHub docs, Webhook events and payloads); " + ORACLE, None, {"ok": True},
          event={"provider": "github", "id": "72d3162e-cc78-11e3-81ab-4c9367dc0959", "type": "ping",
                 "timestamp": None, "in_catalog": False},
          raw=b"payload=" + compact(ping).replace('"', "%22").encode(),
          extra=gh("ping", "72d3162e-cc78-11e3-81ab-4c9367dc0959"))
    out += b.cases

    cat = load_catalog("slack")
    b = Builder("slack", cat)
    callback = {"token": "XXYYZZ", "team_id": "T123ABC456", "api_app_id": "A123ABC456",
                "event": {"type": "app_mention", "user": "U123ABC456", "text": "<@U0LAN0Z89> is it everything?",
                          "ts": "1515449522.000016", "channel": "C123ABC456", "event_ts": "1515449522000016"},
                "type": "event_callback", "event_id": "Ev123ABC456", "event_time": 1515449522}
    b.add("event_callback", "Slack Events API callback; " + ORACLE, callback, {"ok": True}, ts=1515449530)
    challenge = {"token": "Jhj5dZrVaK7ZwHHjRyZWjbDl",
                 "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}
    b.add("url_verification", "Slack url_verification: no event_id/event_time/event; " + ORACLE,
          challenge, {"ok": True}, ts=1515449530)
    # Slack's documented slash-command request body ("Verifying requests from Slack").
    slash = (b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
             b"&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
             b"&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
             b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
    b.add("slash-command", "Slack slash command, form-encoded (Slack docs' example body); " + ORACLE, None,
          {"ok": True}, raw=slash, ts=1531420618,
          event={"provider": "slack", "id": None, "type": "slash_command", "timestamp": None, "in_catalog": False})
    out += b.cases

    cat = load_catalog("shopify")
    b = Builder("shopify", cat)
    order = {"id": 820982911946154508, "email": "jon@example.com", "total_price": "403.00", "currency": "USD"}
    b.add("orders/create", "Shopify delivery headers; topic/id from headers, no timestamp; " + ORACLE, order,
          {"ok": True}, extra=[["X-Shopify-Topic", "orders/create"],
                               ["X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"],
                               ["X-Shopify-Shop-Domain", "example.myshopify.com"]])
    out += b.cases
    return out


# --------------------------------------------------------------------------- files

DESCRIPTIONS = {
    "costkatana": "Event mode (verify) for Cost Katana: every catalog event type valid and invalid, both payload "
                  "layouts (seed 000 top-level metrics/cost, seed 001 data), envelope errors, strict/lenient types.",
    "unicraft": "Event mode (verify) for UniCraft: every catalog event type valid and invalid, envelope errors, "
                "strict/lenient types.",
    "dash": "Event mode (verify) for Dash: every catalog event type valid and invalid, envelope errors (UUID id, "
            "RFC 3339 timestamp), strict/lenient types.",
    "smartaihub": "Event mode (verify) for Smart AI Hub: every catalog event type valid and invalid, envelope errors "
                  "(metadata.timestamp), strict/lenient types.",
    "other": "Event mode (verify) for open providers (standard, stripe, github, slack, shopify): normalized "
             "id/type/timestamp from body or headers; a few envelope errors.",
}


def render(name, cases):
    doc = {"description": DESCRIPTIONS[name], "cases": cases}
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def build():
    files = {}
    builders = {"costkatana": costkatana_cases, "unicraft": unicraft_cases, "dash": dash_cases,
                "smartaihub": smartaihub_cases}
    seen = set()
    for provider in SEED_PROVIDERS:
        cases = builders[provider]().cases
        files["events_%s.json" % provider] = (provider, cases)
    files["events_other.json"] = ("other", other_cases())
    for _, cases in files.values():
        for case in cases:
            assert case["id"] not in seen, "duplicate case id " + case["id"]
            seen.add(case["id"])
    return {fname: render(name, cases) for fname, (name, cases) in files.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed file differs")
    args = parser.parse_args()
    stale = []
    for fname, text in build().items():
        path = os.path.join(HERE, fname)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    current = f.read()
            except FileNotFoundError:
                current = None
            if current != text:
                stale.append(fname)
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    if stale:
        print("stale event vectors (run tests/vectors/generate_events.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
