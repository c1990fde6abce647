#!/usr/bin/env python3
"""What takes room in a .wasm file: section sizes, and the largest functions
and data segments grouped by crate (from the name section, so run it on the
unstripped output of cargo, before wasm-bindgen and wasm-opt)."""
import re
import sys
from collections import Counter


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def crate_of(n):
    if n.startswith("_ZN"):
        m = re.match(r"_ZN(\d+)", n)
        k = int(m.group(1)); s = n[m.end():m.end()+k]
        if s.startswith("_$LT$"):
            m2 = re.search(r"_\$LT\$(?:\$RF\$)?(?:mut\$u20\$)?([a-z_0-9]+)\.\.", s)
            return m2.group(1) if m2 else s[:20]
        return s
    if n.startswith("_R"):
        m = re.search(r"C[s][0-9a-zA-Z]*_\d+([a-z_][a-z0-9_]*)", n) or re.search(r"C\d+([a-z_][a-z0-9_]*)", n)
        return m.group(1) if m else n[:20]
    return "(other) " + n[:20]


def main(path, top=25):
    b = open(path, "rb").read()
    i = 8
    sections, bodies, names, n_imported = {}, [], {}, 0
    data_total = 0
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        end = j + size
        if sid == 0:
            nlen, k = leb(b, j)
            name = b[k : k + nlen].decode()
            sections["custom:" + name] = size
            if name == "name":
                k += nlen
                while k < end:
                    sub = b[k]
                    ssize, k2 = leb(b, k + 1)
                    if sub == 1:
                        cnt, m = leb(b, k2)
                        for _ in range(cnt):
                            idx, m = leb(b, m)
                            ln, m = leb(b, m)
                            names[idx] = b[m : m + ln].decode("utf-8", "replace")
                            m += ln
                    k = k2 + ssize
        else:
            sections[sid] = size
            if sid == 2:
                cnt, k = leb(b, j)
                for _ in range(cnt):
                    for _ in range(2):
                        ln, k = leb(b, k)
                        k += ln
                    kind = b[k]
                    k += 1
                    if kind == 0:
                        n_imported += 1
                        _, k = leb(b, k)
                    elif kind == 1:
                        k += 1
                        fl, k = leb(b, k)
                        _, k = leb(b, k)
                        if fl & 1:
                            _, k = leb(b, k)
                    elif kind == 2:
                        fl, k = leb(b, k)
                        _, k = leb(b, k)
                        if fl & 1:
                            _, k = leb(b, k)
                    else:
                        k += 2
            if sid == 10:
                cnt, k = leb(b, j)
                for n in range(cnt):
                    sz, k = leb(b, k)
                    bodies.append((n_imported + n, sz))
                    k += sz
            if sid == 11:
                data_total = size
        i = end
    print("sections:", {str(k): v for k, v in sections.items()})
    by_crate = Counter()
    for idx, sz in bodies:
        n = names.get(idx, "?")
        crate = crate_of(n)
        by_crate[crate] += sz
    print("code by crate:", by_crate.most_common(15))
    print("data section:", data_total)
    for idx, sz in sorted(bodies, key=lambda x: -x[1])[:top]:
        print(sz, names.get(idx, "?")[:140])


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25)
