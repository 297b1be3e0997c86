"""Running ``moneyfix`` in-process and writing small articles for it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from moneyfix.cli.app import app

MISSING_MAGNITUDE = "The fund will grow to 100 billion tenge (US$235.59) next year.\n"
"""MF001 (error, safe fix) on 2020-11-24."""
FIXED = "The fund will grow to 100 billion tenge (US$235.59 million) next year.\n"
CORRECT = "The bridge will cost 63 billion tenge (US$148.42 million).\n"
"""Clean on 2020-11-24; MF006 (info) when undated."""
RATE_MISMATCH = "A monthly bus pass will cost 1,604 tenge ($5).\n"
"""MF003 (warning, unsafe fix) on 2020-11-24."""
IMPLAUSIBLE = "Two banks agreed on a merger worth 5 billion tenge ($90 million).\n"
"""MF007 (error, no fix)."""
DATE = "--date=2020-11-24"


def moneyfix(*args: str, stdin: bytes | str | None = None) -> Result:
    """``moneyfix ARGS`` in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)


def article(directory: Path, name: str, text: str) -> Path:
    """A UTF-8 file with ``text`` written byte for byte (no newline translation)."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def error_lines(result: Result) -> list[str]:
    """The one-line errors of a run (stderr), without the summary lines."""
    return [line for line in result.stderr.splitlines() if line.startswith("moneyfix: ")]
