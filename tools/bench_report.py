#!/usr/bin/env python3
"""Gathers every runtime's benchmark (written by `make bench`) into
bench/REPORT.md and draws bench/throughput.png: MB/s by body size for
hookseal and the peer a user of that runtime would otherwise pick.

Sources (each written by its runtime's bench target in the same `make bench`):
  bench/core.md                    cargo bench -p hookseal --bench verify
  bindings-node/bench/node.md      make bench-node
  bindings-python/bench/python.md  make bench-python
  bindings-php/bench/php.md        make bench-php
  bindings-wasm/bench/wasm.md      make bench-wasm
A missing source is reported as missing, never invented.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"1 KiB": 1024, "64 KiB": 64 * 1024, "1 MiB": 1024 * 1024}
SOURCES = [
    ("Rust core", ROOT / "bench" / "core.md"),
    ("Node (native)", ROOT / "bindings-node" / "bench" / "node.md"),
    ("WebAssembly", ROOT / "bindings-wasm" / "bench" / "wasm.md"),
    ("Python", ROOT / "bindings-python" / "bench" / "python.md"),
    ("PHP (FFI)", ROOT / "bindings-php" / "bench" / "php.md"),
]


def seconds(text):
    """'1.44 µs' / '4449 µs (236 MB/s)' / '12.4 ms' -> seconds."""
    m = re.match(r"\s*\**([\d.,]+)\s*(ns|µs|us|ms|s)\b", text)
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    return value * {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}[m.group(2)]


def rows(text):
    """Markdown table rows as lists of cells."""
    for line in text.splitlines():
        if line.startswith("|") and not set(line) <= set("|-: "):
            yield [c.strip() for c in line.strip().strip("|").split("|")]


def mbps(size, secs):
    return size / secs / 1e6 if secs else None


def series_core(text):
    out = {}
    for cells in rows(text):
        if len(cells) >= 5 and cells[2] in SIZES:
            scheme, op, size = cells[0], cells[1], cells[2]
            name = "bare SHA-256" if op == "sha256" else f"hookseal {scheme} {op}"
            if op == "sha256" or (scheme == "github" and op == "verify"):
                out.setdefault(name, {})[size] = float(cells[4])
    return out


def series_node(text):
    picks = {
        "hookseal verifySignature (Buffer body)": "hookseal verifySignature",
        "node:crypto createHmac + timingSafeEqual (seed 002)": "node:crypto by hand",
        "standardwebhooks verify, jsonParse: false": "standardwebhooks",
    }
    out = {}
    for cells in rows(text):
        if len(cells) >= 5 and cells[1] in picks and cells[0] in ("unicraft", "standard"):
            for i, size in enumerate(SIZES, start=2):
                try:
                    ops = float(cells[i].replace(",", ""))
                except ValueError:
                    continue
                out.setdefault(picks[cells[1]], {})[size] = ops * SIZES[size] / 1e6
    return out


def series_python(text):
    out, size = {}, None
    picks = {"hookseal verify_signature": "hookseal verify_signature", "stdlib hmac, seed 004 style": "stdlib hmac by hand"}
    for line in text.splitlines():
        m = re.match(r"## (1 KiB|64 KiB|1 MiB)", line)
        if m:
            size = m.group(1)
        cells = next(rows(line), None) if line.startswith("|") else None
        if size and cells and len(cells) >= 3 and cells[0].startswith("HMAC hex") and cells[1] in picks:
            out.setdefault(picks[cells[1]], {})[size] = mbps(SIZES[size], seconds(cells[2]))
    return out


def series_columns(text, columns):
    """Tables with one row per body size and named columns of times."""
    out, header = {}, None
    for cells in rows(text):
        if cells and cells[0] == "body":
            header = cells
            continue
        if header and cells and cells[0] in SIZES:
            for col, name in columns.items():
                if col in header:
                    secs = seconds(cells[header.index(col)])
                    if secs:
                        out.setdefault(name, {})[cells[0]] = mbps(SIZES[cells[0]], secs)
    return out


PARSERS = {
    "Rust core": series_core,
    "Node (native)": series_node,
    "Python": series_python,
    "PHP (FFI)": lambda t: series_columns(t, {"hookseal verifySignature": "hookseal verifySignature", "hash_hmac + hash_equals": "hash_hmac + hash_equals"}),
    "WebAssembly": lambda t: series_columns(t, {"hookseal wasm verifySignature": "hookseal wasm verifySignature", "standardwebhooks verify": "standardwebhooks", "WebCrypto subtle.verify": "WebCrypto"}),
}


def chart(all_series, path):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed: no chart (make bench installs it)"
    fig, axes = plt.subplots(1, len(all_series), figsize=(4.2 * len(all_series), 4), sharey=True)
    for ax, (runtime, series) in zip(axes, all_series.items()):
        for name, points in series.items():
            xs = [SIZES[s] for s in SIZES if points.get(s)]
            ys = [points[s] for s in SIZES if points.get(s)]
            style = "-o" if "hookseal" in name else "--s"
            ax.plot(xs, ys, style, label=name)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(list(SIZES.values()), list(SIZES))
        ax.set_title(runtime)
        ax.set_xlabel("body size")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    axes[0].set_ylabel("MB/s (higher is better)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return None


def main():
    parts = [
        "# hookseal benchmarks",
        "",
        "Written by `make bench` (tools/bench_report.py) from each runtime's own benchmark, all run in one go on",
        "this project's 2-core machine. Each section compares hookseal with the code a user of that runtime would",
        "otherwise write or install, measured in the same process and run; compare rows within a section.",
        "",
        "![throughput by body size](throughput.png)",
        "",
    ]
    all_series, missing = {}, []
    for runtime, path in SOURCES:
        if not path.exists():
            missing.append(f"{runtime} ({path.relative_to(ROOT)})")
            continue
        text = path.read_text()
        series = {k: v for k, v in PARSERS[runtime](text).items() if v}
        if series:
            all_series[runtime] = series
        body = re.sub(r"^# .*\n", "", text, count=1).strip()
        body = re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", body, flags=re.M)
        parts += [f"## {runtime}", "", f"From `{path.relative_to(ROOT)}`.", "", body, ""]
    if missing:
        parts += ["## Missing", "", "These benchmarks did not write their results: " + ", ".join(missing), ""]
    note = chart(all_series, ROOT / "bench" / "throughput.png") if all_series else "no data: no chart"
    if note:
        parts.insert(7, f"_{note}_\n")
    (ROOT / "bench").mkdir(exist_ok=True)
    (ROOT / "bench" / "REPORT.md").write_text("\n".join(parts) + "\n")
    print(f"bench/REPORT.md: {len(all_series)} runtimes charted; missing: {missing or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
