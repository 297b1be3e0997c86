"""``moneyfix check`` and ``moneyfix fix``: one command definition, two defaults.

``fix`` is ``check --fix``: the same options, the same report, the fixes applied. The
options follow ruff's where the two tools do the same thing (repeated ``--select``,
``--extend-select``, ``--per-file-ignores``, ``--statistics``, ``--show-fixes``, ``-q``,
``--exit-non-zero-on-fix``).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import typer

from moneyfix.choices import CHECK_FORMATS, LANGS
from moneyfix.cli.common import (
    Problems,
    emit,
    overrides_from_cli,
    rates_dir_option,
    read_stdin,
    report_output,
    run_settings,
    use_color,
)

if TYPE_CHECKING:
    from collections.abc import Generator, Iterable, Iterator

    from moneyfix.config import Config
    from moneyfix.jobs import Job
    from moneyfix.rates.table import RateTable
    from moneyfix.report._common import Tally
    from moneyfix.runner import FileResult

_CODES = "(repeatable, or comma-separated)"


def _command(fix_default: bool) -> Any:
    def command(
        paths: list[str] | None = typer.Argument(
            None, help="Files or directories (default: .); - reads stdin."
        ),
        fix: bool | None = typer.Option(
            True if fix_default else None, "--fix/--no-fix", help="Apply safe fixes."
        ),
        unsafe_fixes: bool = typer.Option(
            False, "--unsafe-fixes", help="Also apply unsafe fixes (recomputed conversions)."
        ),
        diff: bool = typer.Option(
            False,
            "--diff",
            help="Show the fixes as a diff instead of writing them; exit 1 if there is one.",
        ),
        date: str | None = typer.Option(None, "--date", help="The articles' date (YYYY-MM-DD)."),
        select: list[str] = typer.Option([], "--select", help=f"Rule codes to apply {_CODES}."),
        extend_select: list[str] = typer.Option(
            [], "--extend-select", help=f"Rule codes to apply on top of the selection {_CODES}."
        ),
        ignore: list[str] = typer.Option([], "--ignore", help=f"Rule codes to skip {_CODES}."),
        per_file_ignores: list[str] = typer.Option(
            [], "--per-file-ignores", help="GLOB:CODES, codes to skip in matching files."
        ),
        exclude: list[str] = typer.Option([], "--exclude", help="Skip files matching this glob."),
        extend_exclude: list[str] = typer.Option(
            [], "--extend-exclude", help="Skip these globs too (on top of the config's)."
        ),
        respect_gitignore: bool | None = typer.Option(
            None, "--respect-gitignore/--no-respect-gitignore", help="Honour .gitignore files."
        ),
        tolerance: str | None = typer.Option(
            None, "--tolerance", help="Relative rate tolerance, e.g. 0.02 or 2%."
        ),
        output_format: str | None = typer.Option(
            None, "--output-format", help=f"Report format: {'|'.join(CHECK_FORMATS)}."
        ),
        output: Path | None = typer.Option(None, "-o", "--output", help="Write the report here."),
        fail_on: str | None = typer.Option(
            None, "--fail-on", help="Exit 1 on findings at this level or worse."
        ),
        exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even with findings."),
        exit_non_zero_on_fix: bool = typer.Option(
            False, "--exit-non-zero-on-fix", help="Exit 1 when a fix was applied."
        ),
        statistics: bool = typer.Option(
            False, "--statistics", help="Count the findings per rule instead of listing them."
        ),
        show_fixes: bool = typer.Option(
            False, "--show-fixes", help="List the fixes applied (or, without --fix, available)."
        ),
        quiet: bool = typer.Option(False, "-q", "--quiet", help="Findings only, no summary."),
        add_ignore: bool = typer.Option(
            False, "--add-ignore", help="Write a suppression comment for every current finding."
        ),
        stdin_filename: str | None = typer.Option(
            None, "--stdin-filename", help="Name (and format) of the text read from stdin."
        ),
        config: Path | None = typer.Option(None, "--config", help="A moneyfix.toml to use."),
        lang: str | None = typer.Option(None, "--lang", help=f"Language: {', '.join(LANGS)}."),
        text_field: str | None = typer.Option(
            None, "--text-field", help="JSONL text field (a dotted path: article.body)."
        ),
        date_field: str | None = typer.Option(None, "--date-field", help="JSONL date field."),
        encoding: str | None = typer.Option(
            None, "--encoding", help="Encoding of files that are not UTF-8 (default: detect)."
        ),
        max_staleness: int | None = typer.Option(
            None, "--max-staleness", help="Oldest usable rate, in days."
        ),
        rates_dir: Path | None = rates_dir_option(),
        jobs: int | None = typer.Option(
            None,
            "-j",
            "--jobs",
            help="Worker processes (default: one per core for 2 MB of files or more; capped"
            " by the files and the cores).",
        ),
    ) -> None:
        """Check conversions against official rates; exit 1 on problems."""
        from moneyfix.jobs import Job
        from moneyfix.rates.table import load_table

        problems = Problems()
        overrides = overrides_from_cli(
            problems,
            date=date,
            select=select or None,
            extend_select=extend_select or None,
            ignore=ignore or None,
            per_file_ignores=per_file_ignores or None,
            exclude=exclude or None,
            extend_exclude=extend_exclude or None,
            respect_gitignore=respect_gitignore,
            tolerance=tolerance,
            output_format=output_format,
            fail_on=fail_on,
            lang=lang,
            text_field=text_field,
            date_field=date_field,
            encoding=encoding,
            max_staleness=max_staleness,
            unsafe_fixes=unsafe_fixes or None,
            fix=fix,
            exit_zero=exit_zero or None,
        )
        if overrides is None:
            raise typer.Exit(2)
        if jobs is not None and jobs < 1:
            problems.add("option --jobs: expected a whole number >= 1")
            problems.report()
            raise typer.Exit(2)
        paths = paths or ["."]
        settings = run_settings(Job(overrides, config), paths, problems)
        if add_ignore and (diff or settings.fix):
            problems.add("option --add-ignore: not with --fix or --diff")
            problems.report()
            raise typer.Exit(2)
        mode = "add-ignore" if add_ignore else "fix" if settings.fix or diff else "check"
        job = Job(
            overrides,
            config,
            mode=mode,
            write=not diff and mode != "check",
            details=settings.output_format == "html" and not statistics,
        )
        table = load_table(rates_dir)
        streamed = mode == "check" and not show_fixes  # nothing needs the findings after
        runs = _run(paths, job, settings, table, stdin_filename, (jobs, rates_dir), streamed)
        checked = _noted(runs, problems)
        meta = (paths, overrides)
        out = _Output(settings, output, quiet, problems)
        if streamed:
            with contextlib.closing(runs):  # a report that cannot be written stops the run
                fmt = settings.output_format
                tally = out.report(checked, fmt, statistics, table=table, run=meta)
            problems.report()
            raise typer.Exit(_exit_code(tally, settings, problems))
        from moneyfix.report._common import totals

        results = list(checked)
        tally = totals([report for result in results for report in result.reports])
        stdin_fixed = [r for r in results if r.stdin and r.fixed is not None and mode == "fix"]
        if diff:
            out.diff(results)
        elif stdin_fixed:
            # Fixing stdin (an editor integration): the fixed text goes to stdout, the
            # report to stderr.
            sys.stdout.write("".join(r.fixed or "" for r in stdin_fixed))
            out.report(results, "concise", stream=sys.stderr)
        else:
            out.report(results, settings.output_format, statistics, table=table, run=meta)
        if show_fixes:
            out.fixes(results, applied=mode == "fix" and not diff)
        out.fixed_note(results, mode, diff)
        problems.report()
        pending = diff and any(r.diff for r in results)
        raise typer.Exit(_exit_code(tally, settings, problems, pending, exit_non_zero_on_fix))

    return command


def _run(
    paths: list[str],
    job: Job,
    settings: Config,
    table: RateTable,
    stdin_filename: str | None,
    workers: tuple[int | None, Path | None] = (1, None),
    stream: bool = False,
) -> Generator[FileResult, None, None]:
    """Every input through the runner, in order, as each is checked; an unusable path is a
    result with its error. ``workers``: how many processes check the files, and the rates
    they read; ``stream``: a big file's reports come as its chunks are checked."""
    from moneyfix.inputs import InputError, iter_inputs
    from moneyfix.runner import FileResult, error_report, run_file, run_files

    found = list(
        iter_inputs(
            paths, settings.include, settings.excluded, gitignore=settings.respect_gitignore
        )
    )
    files = [item for item in found if isinstance(item, Path) and str(item) != "-"]
    with contextlib.closing(run_files(files, job, table, *workers, stream=stream)) as checked:
        for item in found:
            if isinstance(item, InputError):
                result = FileResult(item.path, error=str(item))
                result.reports = [error_report(item.path, str(item))]
            elif str(item) == "-":
                name = stdin_filename or "-"
                result = run_file(Path(name), job, table, read_stdin(), name)
            else:
                result = next(checked)
            yield result


def _noted(results: Iterator[FileResult], problems: Problems) -> Iterator[FileResult]:
    """``results``, each one's error noted once it has been used (a big file's reports,
    made as it is read, may end in one)."""
    for result in results:
        yield result
        if result.error:
            problems.add(result.error)


class _Output:
    """Where the report goes (stdout or ``-o``) and what besides it (summaries, notes)."""

    def __init__(self, settings: Config, output: Path | None, quiet: bool, problems: Problems):
        self.settings = settings
        self.output = output
        self.quiet = quiet
        self.problems = problems

    def report(
        self,
        results: Iterable[FileResult],
        fmt: str,
        statistics: bool = False,
        stream: TextIO | None = None,
        table: RateTable | None = None,
        run: tuple[list[str], dict[str, Any]] | None = None,
    ) -> Tally:
        """The report of ``results``, written as they come (``report.stream``);
        ``statistics``: the counts per rule instead; ``table`` and ``run`` (paths,
        options) feed the html page. The counts are returned."""
        from moneyfix.report.stream import FindingsWriter

        meta = None
        if fmt == "html" and run is not None:
            from moneyfix.report.html import check_metadata

            meta = check_metadata(*run)
        color = use_color(fmt, self.output) and stream is None
        with (
            contextlib.nullcontext(stream) if stream else report_output(self.output, self.problems)
        ) as out:
            writer = FindingsWriter(
                out,
                fmt,
                color=color,
                summary=not self.quiet,
                statistics=statistics,
                table=table,
                meta=meta,
            )
            for result in results:
                for report, part in result.report_parts():
                    writer.add(report, part)
            writer.close()
        return writer.tally

    def diff(self, results: list[FileResult]) -> None:
        text = "".join(result.diff for result in results)
        if self.output is not None or text:
            emit(text, self.output, self.problems)

    def fixes(self, results: list[FileResult], applied: bool) -> None:
        from moneyfix.report.fixes import render

        typer.echo(render(results, applied), nl=False, err=self._notes_to_stderr)

    def fixed_note(self, results: list[FileResult], mode: str, diff: bool) -> None:
        if self.quiet or diff:
            return
        if mode == "add-ignore":
            done = [r.suppressed for r in results if r.suppressed]
            typer.echo(f"Suppressed {sum(done)} finding(s) in {len(done)} file(s).", err=True)
            return
        fixed = [report.fixed for r in results for report in r.reports if report.fixed]
        if fixed and self._notes_to_stderr:
            typer.echo(f"Fixed {sum(fixed)} problem(s) in {len(fixed)} document(s).", err=True)

    @property
    def _notes_to_stderr(self) -> bool:
        """Notes never go into a machine-readable report or a ``-o`` file."""
        return self.settings.output_format != "full" or self.output is not None


def _exit_code(
    tally: Tally,
    settings: Config,
    problems: Problems,
    pending_diff: bool = False,
    exit_non_zero_on_fix: bool = False,
) -> int:
    """2 for a bad input; 1 for findings at ``--fail-on`` (or a pending or applied fix when
    asked); else 0."""
    if problems:
        return 2
    if settings.exit_zero:
        return 0
    if tally.at_or_above(settings.fail_on) or pending_diff:
        return 1
    if exit_non_zero_on_fix and tally.fixed:
        return 1
    return 0


def register(app: typer.Typer) -> None:
    app.command("check")(_command(False))
    app.command("fix", help="Apply the fixes of `check` (same options).")(_command(True))
