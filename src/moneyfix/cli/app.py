"""The ``moneyfix`` command: assembles the sub-commands and handles ``--version``.

Command modules import their heavy dependencies inside the command functions so that
start-up stays fast.
"""

from __future__ import annotations

import typer

from moneyfix import __version__
from moneyfix.cli import check, convert, rates, rule, scan

app = typer.Typer(
    name="moneyfix",
    help="Find money amounts in news text, check conversions against official rates, fix them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"moneyfix {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """moneyfix: money amounts and their conversions in news text."""


check.register(app)
scan.register(app)
rule.register(app)
app.add_typer(rates.app, name="rates")
convert.register(app)


def main() -> None:
    app()
