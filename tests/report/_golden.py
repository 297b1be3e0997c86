"""Exact comparison with files under ``golden/``; ``UPDATE_GOLDEN=1`` rewrites them."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(actual)
        return
    assert path.exists(), f"{path} missing: run with UPDATE_GOLDEN=1 to create it"
    with path.open(encoding="utf-8", newline="") as f:
        expected = f.read()
    assert actual == expected, f"{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites)"
