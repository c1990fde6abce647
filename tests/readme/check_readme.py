#!/usr/bin/env python3
"""Runs every README snippet marked `<!-- readme-test: LANG -->` the way a user
would paste it, against the built packages of this checkout:

  node    a .mjs file in a fresh folder whose node_modules/hookseal is bindings-node
  python  the venv of bindings-python (the installed wheel)
  php     `php -d ffi.enable=1` with vendor/autoload.php loading bindings-php
  sh      bash, with target/release (the `hookseal` CLI) on PATH

A snippet passes when it exits 0 and prints, in order, every output its
comments promise: a line that prints (console.log / print / echo / a shell
command) and ends in `// text` or `# text` must produce a stdout line starting
with `text` (up to a trailing `…`). The Rust snippet is a doctest of the core.
"""
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARK = re.compile(r"<!-- readme-test: (\w+) -->\n```\w*\n(.*?)\n```", re.S)
PRINTS = {
    "node": re.compile(r"console\.log\(.*//\s*(.+)$"),
    "python": re.compile(r"print\(.*#\s*(.+)$"),
    "php": re.compile(r"echo .*//\s*(.+)$"),
    "sh": re.compile(r"^[^#].*?\s#\s+(.+)$"),
}


def run(lang, code, work):
    env = dict(os.environ)
    if lang == "node":
        (work / "node_modules").mkdir()
        (work / "node_modules" / "hookseal").symlink_to(ROOT / "bindings-node")
        (work / "snippet.mjs").write_text(code)
        cmd = ["node", "snippet.mjs"]
    elif lang == "python":
        (work / "snippet.py").write_text(code)
        cmd = [str(ROOT / "bindings-python" / ".venv" / "bin" / "python"), "snippet.py"]
    elif lang == "php":
        (work / "vendor").mkdir()
        (work / "vendor" / "autoload.php").write_text(f"<?php require {str(ROOT / 'bindings-php' / 'autoload.php')!r};\n")
        (work / "snippet.php").write_text(code)
        env["HOOKSEAL_LIB"] = str(ROOT / "target" / "release" / "libhookseal.so")
        cmd = ["php", "-d", "ffi.enable=1", "snippet.php"]
    elif lang == "sh":
        (work / "snippet.sh").write_text(code)
        env["PATH"] = f"{ROOT / 'target' / 'release'}:{env['PATH']}"
        cmd = ["bash", "-e", "-o", "pipefail", "snippet.sh"]
    else:
        raise SystemExit(f"unknown snippet language {lang}")
    return subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=120)


def main():
    readme = (ROOT / "README.md").read_text()
    snippets = MARK.findall(readme)
    failures = 0
    for n, (lang, code) in enumerate(snippets, 1):
        promised = [m.group(1).strip() for line in code.splitlines() if (m := PRINTS[lang].search(line))]
        with tempfile.TemporaryDirectory(prefix="hookseal-readme-") as tmp:
            out = run(lang, code, Path(tmp))
        lines = out.stdout.splitlines()
        problems = []
        if out.returncode != 0:
            problems.append(f"exit {out.returncode}: {out.stderr.strip()[-800:]}")
        at = 0
        for want in promised:
            prefix = want.split("…")[0].rstrip()
            found = next((i for i in range(at, len(lines)) if lines[i].startswith(prefix)), None)
            if found is None:
                problems.append(f"no output line starting with {prefix!r} (stdout: {lines})")
            else:
                at = found + 1
        status = "ok" if not problems else "FAILED"
        print(f"README snippet {n} ({lang}): {status}, {len(promised)} promised outputs checked")
        for p in problems:
            print("   ", p)
        failures += bool(problems)
    expected = {"node", "python", "php", "sh"}
    missing = expected - {lang for lang, _ in snippets}
    if missing:
        print(f"README has no tested snippet for {sorted(missing)}")
        failures += 1
    print(f"{len(snippets) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
