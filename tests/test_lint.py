"""The code is lint-clean, formatted and type-checks: part of the suite, so CI's one
command (`pip install '.[test]' && pytest`) gates on ruff and mypy as well."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TREES = ["src", "tests", "bench"]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize(
    "command",
    [("ruff", "check", *TREES), ("ruff", "format", "--check", *TREES), ("mypy",)],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_clean(command: tuple[str, ...]) -> None:
    if shutil.which(command[0]) is None and _run(command[0], "--version").returncode != 0:
        pytest.fail(f"{command[0]} is not installed: pip install '.[test]'")
    result = _run(*command)
    assert result.returncode == 0, result.stdout + result.stderr
