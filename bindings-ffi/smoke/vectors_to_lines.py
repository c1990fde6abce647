#!/usr/bin/env python3
"""Turns tests/vectors/*.json into a line format the C smoke test reads without
a JSON parser. Every field is on its own line, binary-safe as hex:

    case <id>                    starts a case
    op signature|event|sign
    scheme <hex id>              or, for a custom scheme, one line per field:
    custom <field> <hex>|-       ('-' = not set; event.id/type/timestamp as event_*_field)
    description <hex>            the custom scheme's portable JSON description
    secret <hex>                 one per secret
    option tolerance|strict|max_payload_bytes <n>
    header <hex name> <hex value>
    body <hex>                   or: repeat <hex unit> <count>
    now <n>                      -1 = the system clock
    timestamp <n> / msgid <hex>|-        (sign cases)
    expect <code>                'ok' or PRODUCT.md's error code
    prefix <hex> / suffix <hex>  the event JSON must start / end with these
    sign_header <hex name> <hex value>   expected sign output, in order
    end

The event's top-level keys come first in a fixed order in the core's JSON
(provider, id, type, timestamp, data, payload, in_catalog), so the expected
provider/id/type/timestamp form an exact prefix and in_catalog an exact suffix.
"""
import glob
import json
import os
import sys

CUSTOM = ["signature_header", "prefix", "encoding", "id_header", "timestamp_header", "template"]


def h(s):
    return (s.encode() if isinstance(s, str) else s).hex() or "-empty-"


def compact(v):
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "vectors")
    files = sorted(glob.glob(os.path.join(root, "*.json")))
    out = sys.stdout
    count = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for c in doc["cases"]:
            count += 1
            w = lambda *parts: out.write(" ".join(str(p) for p in parts) + "\n")
            w("case", c["id"].replace(" ", "_"))
            sign = c.get("op") == "sign"
            w("op", "sign" if sign else c.get("mode", "signature"))
            if isinstance(c["scheme"], str):
                w("scheme", h(c["scheme"]))
            else:
                event = c["scheme"].get("event") or {}
                for k in CUSTOM:
                    v = c["scheme"].get(k)
                    w("custom", k, "-" if v is None else h(v))
                for k in ("id", "type", "timestamp"):
                    v = event.get(k)
                    w("custom", "event_%s_field" % k, "-" if v is None else h(v))
                w("description", h(json.dumps(c["scheme"])))
            for s in c["secrets"]:
                w("secret", h(s))
            for k, v in (c.get("options") or {}).items():
                w("option", k, int(v))
            for name, value in c.get("headers", []):
                w("header", h(name), h(value))
            if "body" in c:
                w("body", h(c["body"]))
            elif "body_hex" in c:
                w("body", c["body_hex"] or "-empty-")
            else:
                w("repeat", h(c["body_repeat"]["unit"]), c["body_repeat"]["count"])
            now = c.get("now")
            w("now", -1 if now is None else now)
            if sign:
                ts = c.get("timestamp")
                w("timestamp", -1 if ts is None else ts)
                w("msgid", "-" if c.get("msg_id") is None else h(c["msg_id"]))
                w("expect", c.get("expect", {}).get("error", "ok"))
                for name, value in c.get("expect_headers", []):
                    w("sign_header", h(name), h(value))
            else:
                w("expect", c["expect"].get("error", "ok"))
                ev = c.get("event") if "error" not in c["expect"] else None
                if ev and all(k in ev for k in ("provider", "id", "type", "timestamp")):
                    prefix = '{"provider":%s,"id":%s,"type":%s,"timestamp":%s,"data":' % tuple(
                        compact(ev[k]) for k in ("provider", "id", "type", "timestamp")
                    )
                    w("prefix", h(prefix))
                if ev and "in_catalog" in ev:
                    w("suffix", h(',"in_catalog":%s}' % compact(ev["in_catalog"])))
            w("end")
    out.write("cases %d\n" % count)


if __name__ == "__main__":
    main()
