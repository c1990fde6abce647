#!/usr/bin/env python3
"""Summarise a valgrind --leak-check=full log, split into hookseal's own loss
records and the rest (the host: PHP, its extensions, the C runtime).

    valgrind_summary.py LOG [--fail-on-ours]

A loss record is "ours" when any frame of its allocation stack is in
libhookseal (a `hookseal_` export, a Rust symbol of the hookseal crates, or the
shared object itself). Exit 1 with --fail-on-ours if any definitely or
indirectly lost record is ours, or if valgrind reported invalid reads/writes
in our frames.
"""
import re
import sys

OURS = re.compile(r"libhookseal|hookseal_|hookseal::|hookseal_ffi|hookseal_core|/core/src/|bindings-ffi/")
HEAD = re.compile(r"==\d+== ([\d,]+) (?:\(([\d,]+) direct, ([\d,]+) indirect\) )?bytes in ([\d,]+) blocks are (definitely|indirectly|possibly) lost")
ERR = re.compile(r"==\d+== (Invalid (read|write|free)|Conditional jump|Use of uninitialised|Mismatched free)")


def num(s):
    return int(s.replace(",", "")) if s else 0


def main(argv):
    path = argv[0]
    fail = "--fail-on-ours" in argv
    lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    totals = {}
    ours = {}
    our_errors = 0
    other_errors = 0
    i = 0
    while i < len(lines):
        m = HEAD.search(lines[i])
        e = ERR.search(lines[i])
        if m or e:
            j = i + 1
            stack = []
            while j < len(lines) and re.search(r"==\d+==\s+(at|by) ", lines[j]):
                stack.append(lines[j])
                j += 1
            mine = any(OURS.search(f) for f in stack)
            if m:
                kind = m.group(5)
                size = num(m.group(1))
                blocks = num(m.group(4))
                t = totals.setdefault(kind, [0, 0])
                t[0] += size
                t[1] += blocks
                if mine:
                    o = ours.setdefault(kind, [0, 0])
                    o[0] += size
                    o[1] += blocks
                    if kind in ("definitely", "indirectly"):
                        print("\n".join([lines[i]] + stack[:12]))
            else:
                if mine:
                    our_errors += 1
                    print("\n".join([lines[i]] + stack[:12]))
                else:
                    other_errors += 1
            i = j
        else:
            i += 1
    summary = [l for l in lines if re.search(r"(definitely|indirectly|possibly) lost:|still reachable:|ERROR SUMMARY", l)]
    print("valgrind's own summary (whole process):")
    for l in summary:
        print("  " + l.split("== ", 1)[-1])
    for kind in ("definitely", "indirectly", "possibly"):
        a = totals.get(kind, [0, 0])
        b = ours.get(kind, [0, 0])
        print(f"{kind} lost: whole process {a[0]} bytes in {a[1]} blocks (loss records listed); "
              f"with a hookseal frame {b[0]} bytes in {b[1]} blocks")
    print(f"memory errors: with a hookseal frame {our_errors}, elsewhere {other_errors}")
    bad = any(ours.get(k, [0, 0])[0] for k in ("definitely", "indirectly")) or our_errors
    if fail and bad:
        print("FAIL: hookseal frames leak or misuse memory")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
