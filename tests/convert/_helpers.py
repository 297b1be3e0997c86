"""Shared helpers of the convert tests: the article generator, the CLI, archives."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from typer.testing import CliRunner

from moneyfix.cli.app import app
from moneyfix.rates.cache import bundled_rates_dir

ROOT = Path(__file__).resolve().parents[2]
RATES = str(bundled_rates_dir())


@cache
def generator() -> ModuleType:
    """``bench/make_archive.py``, which writes articles together with their fixed texts."""
    spec = importlib.util.spec_from_file_location(
        "_mf_make_archive", ROOT / "bench/make_archive.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run(*args: str) -> tuple[int, str, str]:
    """``moneyfix convert ARGS`` in this process: exit code, stdout, stderr."""
    result = CliRunner().invoke(app, ["convert", "--rates-dir", RATES, *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def tree(root: Path) -> dict[str, bytes]:
    """Every visible file under ``root`` (relative path -> bytes)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }
