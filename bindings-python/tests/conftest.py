"""Shared fixtures: the repository's conformance vectors and small helpers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"


def load_vector_files() -> Dict[str, List[Dict[str, Any]]]:
    files: Dict[str, List[Dict[str, Any]]] = {}
    for path in sorted(VECTORS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        files[path.name] = doc["cases"]
    return files


def case_body(case: Dict[str, Any]) -> bytes:
    if "body" in case:
        return case["body"].encode("utf-8")
    if "body_hex" in case:
        return bytes.fromhex(case["body_hex"])
    if "body_repeat" in case:
        rep = case["body_repeat"]
        return (rep["unit"] * rep["count"]).encode("utf-8")
    raise AssertionError(f"{case['id']}: no body")


@pytest.fixture(scope="session")
def vector_files() -> Dict[str, List[Dict[str, Any]]]:
    return load_vector_files()
