"""What every command shares: option validation, one-line errors, output, colour."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import typer

if TYPE_CHECKING:
    from moneyfix.config import Config
    from moneyfix.jobs import Job


class Problems:
    """One-line errors of a run (exit code 2), printed to stderr at the end."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def report(self) -> None:
        for line in self.lines:
            typer.echo(f"moneyfix: {line}", err=True)

    def __bool__(self) -> bool:
        return bool(self.lines)


def overrides_from_cli(problems: Problems, **given: Any) -> dict[str, Any] | None:
    """The options given on the command line, validated like config keys; None if invalid."""
    from moneyfix.config import ConfigError, config_from_mapping

    values = {k: v for k, v in given.items() if v is not None}
    try:
        parsed = config_from_mapping(values, Path("command line"))
    except ConfigError as exc:
        problems.add(str(exc).replace("command line: ", "option --").replace("_", "-"))
        problems.report()
        return None
    return {key: getattr(parsed, key) for key in values}


def run_settings(job: Job, paths: list[str], problems: Problems) -> Config:
    """The run's settings (the config of the first path, with the command line), or exit 2
    with the config's one-line error."""
    from moneyfix.config import ConfigError
    from moneyfix.jobs import run_config

    try:
        return run_config(job, paths)
    except ConfigError as exc:
        problems.add(str(exc))
        problems.report()
        raise typer.Exit(2) from None


def rates_dir_option() -> Any:
    return typer.Option(
        None,
        "--rates-dir",
        envvar="MONEYFIX_RATES_DIR",
        help="Use the rates in this directory instead of the bundled table and cache.",
        callback=_pinned_rates,
    )


def _pinned_rates(value: Path | None) -> Path | None:
    """A pinned rates directory that is missing or empty would check nothing: refused."""
    if value is None:
        return None
    from moneyfix.rates.files import list_currencies

    if not value.is_dir():
        problem = "rates directory does not exist"
    elif not list_currencies(value):
        problem = "rates directory holds no rates (no CUR.csv file)"
    else:
        return value
    typer.echo(f"moneyfix: {value}: {problem}", err=True)
    raise typer.Exit(2)


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()


def use_color(fmt: str, output: Path | None) -> bool:
    """Colour only for people: the full format, on a terminal, without NO_COLOR."""
    return fmt == "full" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def emit(text: str, output: Path | None, problems: Problems) -> None:
    """The report to stdout, or atomically to ``-o FILE``."""
    with report_output(output, problems) as out:
        out.write(text)


@contextlib.contextmanager
def report_output(output: Path | None, problems: Problems) -> Iterator[TextIO]:
    """Stdout, or ``-o FILE`` written as the report comes and put in place atomically at
    the end (``fixes.output_file``: an unchanged report is not rewritten). A write that
    fails (a full disk) ends the writing with one line naming ``output``; standard
    output's failure is ``main``'s to report."""
    if output is None:
        yield sys.stdout
        return
    from moneyfix.fixes import WriteError, output_file

    try:
        with output_file(output) as fh:
            # Written through to ``fh``: nothing of the text is left to flush after a
            # failure, when ``fh`` is closed.
            text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
            yield text
            text.detach()  # ``fh`` is output_file's to close
    except WriteError as exc:  # names the file and the reason already
        problems.add(str(exc))
