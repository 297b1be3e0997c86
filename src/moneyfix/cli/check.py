"""``moneyfix check`` and ``moneyfix fix``: one command definition, two defaults.

``fix`` is ``check --fix``: the same options, the same report, the fixes applied.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from moneyfix.cli.common import (
    Problems,
    emit,
    overrides_from_cli,
    rates_dir_option,
    read_stdin,
    use_color,
)

_FORMATS = "full|concise|json|json-lines|github|gitlab|sarif|junit|html"


def _command(fix_default: bool) -> Any:
    def command(
        paths: list[str] = typer.Argument(..., help="Files or directories; - reads stdin."),
        fix: bool = typer.Option(fix_default, "--fix/--no-fix", help="Apply safe fixes."),
        unsafe_fixes: bool = typer.Option(
            False, "--unsafe-fixes", help="Also apply unsafe fixes (recomputed conversions)."
        ),
        diff: bool = typer.Option(
            False, "--diff", help="Show the fixes as a diff instead of writing them."
        ),
        date: str | None = typer.Option(None, "--date", help="The articles' date (YYYY-MM-DD)."),
        select: str | None = typer.Option(None, "--select", help="Rule codes to apply."),
        ignore: str | None = typer.Option(None, "--ignore", help="Rule codes to skip."),
        tolerance: str | None = typer.Option(
            None, "--tolerance", help="Relative rate tolerance, e.g. 0.02 or 2%."
        ),
        output_format: str | None = typer.Option(
            None, "--output-format", help=f"Report format: {_FORMATS}."
        ),
        output: Path | None = typer.Option(None, "-o", "--output", help="Write the report here."),
        fail_on: str | None = typer.Option(
            None, "--fail-on", help="Exit 1 on findings at this level or worse."
        ),
        exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even with findings."),
        stdin_filename: str | None = typer.Option(
            None, "--stdin-filename", help="Name (and format) of the text read from stdin."
        ),
        config: Path | None = typer.Option(None, "--config", help="A moneyfix.toml to use."),
        lang: str | None = typer.Option(None, "--lang", help="en, ru, kk or auto."),
        text_field: str | None = typer.Option(None, "--text-field", help="JSONL text field."),
        date_field: str | None = typer.Option(None, "--date-field", help="JSONL date field."),
        max_staleness: int | None = typer.Option(
            None, "--max-staleness", help="Oldest usable rate, in days."
        ),
        rates_dir: Path | None = rates_dir_option(),
    ) -> None:
        """Check conversions against official rates; exit 1 on problems."""
        from moneyfix.check import at_or_above
        from moneyfix.config import ConfigError
        from moneyfix.inputs import InputError, iter_inputs
        from moneyfix.model import FileReport
        from moneyfix.rates.table import load_table
        from moneyfix.report import render_findings
        from moneyfix.report.html import check_metadata
        from moneyfix.runner import FileResult, Job, run_config, run_file

        problems = Problems()
        overrides = overrides_from_cli(
            problems,
            date=date,
            select=select,
            ignore=ignore,
            tolerance=tolerance,
            output_format=output_format,
            fail_on=fail_on,
            lang=lang,
            text_field=text_field,
            date_field=date_field,
            max_staleness=max_staleness,
            unsafe_fixes=unsafe_fixes or None,
        )
        if overrides is None:
            raise typer.Exit(2)
        job = Job(overrides, config, fix=fix or diff, write=fix and not diff)
        try:
            settings = run_config(job)
        except ConfigError as exc:
            problems.add(str(exc))
            problems.report()
            raise typer.Exit(2) from None
        table = load_table(rates_dir)
        results = []
        for item in iter_inputs(paths):
            if isinstance(item, InputError):
                results.append(FileResult(item.path, error=str(item)))
            elif str(item) == "-":
                name = stdin_filename or "-"
                results.append(run_file(Path(name), job, table, read_stdin(), name))
            else:
                results.append(run_file(item, job, table))
        reports = []
        for result in results:
            if result.error:
                problems.add(result.error)
            reports.extend(result.reports or [FileReport(path=result.name, error=result.error)])
        stdin_fixed = [r for r in results if r.stdin and r.fixed is not None and fix]
        if diff:
            sys.stdout.write("".join(result.diff for result in results))
        elif stdin_fixed:
            # Fixing stdin (an editor integration): the fixed text goes to stdout, the
            # report to stderr.
            sys.stdout.write("".join(r.fixed or "" for r in stdin_fixed))
            rendered = render_findings(reports, "concise")
            sys.stderr.write(rendered)
        else:
            fmt = settings.output_format
            meta = check_metadata(paths, overrides) if fmt == "html" else None
            rendered = render_findings(
                reports, fmt, color=use_color(fmt, output), table=table, meta=meta
            )
            emit(rendered, output, problems)
        fixed = [r.fixed for r in reports if r.fixed]
        if fixed and not diff and settings.output_format != "full":
            typer.echo(f"Fixed {sum(fixed)} problem(s) in {len(fixed)} document(s).", err=True)
        problems.report()
        if problems:
            raise typer.Exit(2)
        remaining = [f for report in reports for f in report.findings]
        if at_or_above(remaining, settings.fail_on) and not exit_zero:
            raise typer.Exit(1)

    return command


def register(app: typer.Typer) -> None:
    app.command("check")(_command(False))
    app.command("fix", help="Apply the fixes of `check` (same options).")(_command(True))
