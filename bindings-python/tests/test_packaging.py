"""Installs the package as users do, each time into a fresh virtual environment:
`pip install ./bindings-python` (builds from source with maturin and cargo),
and the wheel that `maturin build --release` made, with no Rust toolchain on PATH.
Both then run every conformance vector."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PKG = HERE.parent
REPO = PKG.parent
VECTORS = REPO / "tests" / "vectors"

pytestmark = pytest.mark.slow


def fresh_venv(where: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    return where / "bin" / "python"


def run(cmd: list[str], env: dict[str, str], timeout: float) -> str:
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def smoke(python: Path, env: dict[str, str]) -> None:
    out = run([str(python), str(HERE / "smoke_installed.py"), str(VECTORS)], env, 120)
    assert ", 0 failed" in out and "site-packages" in out, out


def test_pip_install_from_source(tmp_path: Path) -> None:
    python = fresh_venv(tmp_path / "src-venv")
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(PKG)], env, 600)
    smoke(python, env)


def test_wheel_without_rust(tmp_path: Path) -> None:
    wheel = os.environ.get("HOOKSEAL_WHEEL")
    if not wheel:
        out = tmp_path / "dist"
        maturin = shutil.which("maturin") or str(Path(sys.executable).parent / "maturin")
        run([maturin, "build", "--release", "--quiet", "--out", str(out), "-m", str(PKG / "Cargo.toml")], dict(os.environ), 600)
        wheel = str(next(out.glob("hookseal-*.whl")))
    python = fresh_venv(tmp_path / "wheel-venv")
    # Only the venv and the system's directories: no cargo, rustc or rustup.
    path = os.pathsep.join([str(python.parent), "/usr/local/sbin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"])
    env = {"PATH": path, "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    for tool in ("cargo", "rustc", "rustup", "maturin"):
        assert shutil.which(tool, path=path) is None, f"{tool} is on the PATH of the no-Rust venv"
    run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-index", wheel], env, 300)
    smoke(python, env)
