"""Helpers for the rates tests (a unique module name: conftest is not importable safely)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def write_rates(directory: Path, currency: str, rows: list[tuple[str, str, str]]) -> Path:
    """Write a rate file from (date, rate, source) text triples."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{currency}.csv"
    lines = ["date,rate,source", *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
