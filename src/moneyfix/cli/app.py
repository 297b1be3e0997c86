"""The ``moneyfix`` command: assembles the sub-commands and handles ``--version``.

Start-up is part of the product (pre-commit runs it on every commit), so ``main`` builds
only the sub-command being run; ``--help`` and anything unknown get them all. Command
modules import their heavy dependencies inside the command functions.
"""

from __future__ import annotations

import errno
import os
import sys
import warnings
from importlib import import_module
from typing import TYPE_CHECKING, Any, TextIO

from moneyfix import __version__

if TYPE_CHECKING:
    import typer

# Command -> the module that registers it, in the order --help lists them.
_COMMANDS = {
    "check": "check",
    "fix": "check",
    "scan": "scan",
    "rule": "rule",
    "rates": "rates",
    "convert": "convert",
}


def _show_version(value: bool) -> None:
    import typer

    if value:
        typer.echo(f"moneyfix {__version__}")
        raise typer.Exit()


def build(command: str | None = None, *, bare: bool = False) -> typer.Typer:
    """The CLI with every command, with just ``command`` (a group all the same), or, when
    ``bare``, with none (enough for ``--version``)."""
    import typer

    app = typer.Typer(
        name="moneyfix",
        help="Find money amounts in news text, check conversions against official rates, fix them.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )

    @app.callback()
    def _root(
        version: bool = typer.Option(
            False,
            "-V",
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Print the version.",
        ),
    ) -> None:
        """moneyfix: money amounts and their conversions in news text."""
        warnings.showwarning = _one_line_warning

    if bare:
        wanted = []
    elif command in _COMMANDS:
        wanted = [_COMMANDS[command]]
    else:
        wanted = list(_COMMANDS.values())
    for module in dict.fromkeys(wanted):
        import_module(f"moneyfix.cli.{module}").register(app)
    if command in _COMMANDS:  # typer makes every command registered: only the one run
        app.registered_commands = [c for c in app.registered_commands if c.name in (None, command)]
    return app


def __getattr__(name: str) -> Any:
    """``app``: the full CLI (tests and ``typer.testing`` use it), built on first use."""
    if name == "app":
        full = build()
        globals()["app"] = full
        return full
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _one_line_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """A warning (a skipped bad row of the user's rates) as one line, not Python's two."""
    sys.stderr.write(f"moneyfix: warning: {message}\n")


_OUTPUT_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}
"""Errors of a write that cannot go on. Files are written with their own one-line errors;
what reaches ``main`` is standard output (``> file`` on a full disk)."""


def main() -> None:
    if sys.stdout is None or sys.stderr is None:  # started with fd 1 or 2 closed
        if sys.stderr is not None:
            sys.stderr.write("moneyfix: standard output is closed; nothing to write to\n")
        raise SystemExit(2)
    try:
        try:
            _main(sys.argv[1:])
        finally:
            sys.stdout.flush()  # here, not at exit, where a failure is a traceback
    except OSError as exc:
        if exc.errno not in _OUTPUT_FULL:
            raise
        # Python flushes stdout again at exit: what is left in its buffer goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.stderr.write(f"moneyfix: standard output: cannot write ({exc.strerror})\n")
        raise SystemExit(2) from None


def _main(args: list[str]) -> None:
    if args == ["--version"]:
        # The one answer that needs no command-line parser: importing typer would
        # cost most of the run (about 200 million instructions against 40 for Python).
        sys.stdout.write(f"moneyfix {__version__}\n")
        raise SystemExit(0)
    from moneyfix import code_cache

    command = next((arg for arg in args if not arg.startswith("-")), None)
    # The dataclasses of the modules a command imports cost a fifth of its start-up.
    code_cache.install(command if command in _COMMANDS else "other")
    bare = command is None and bool({"--version", "-V"} & set(args)) and "--help" not in args
    build(command, bare=bare)()
