"""``moneyfix convert``: check and fix whole archives, each file at its own date.

Exit codes: 0 when every input was converted (findings that no fix removes do not
count), 2 when any input failed or was refused or an option is wrong, 130 on Ctrl-C
(after the summary of what was done).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from moneyfix.cli.common import Problems, overrides_from_cli, rates_dir_option

if TYPE_CHECKING:
    from moneyfix.convert.reports import ReportWriter
    from moneyfix.convert.worker import Options
    from moneyfix.rates.table import RateTable

_HELP = """Check and fix every file (directories, .zip and .tar[.gz|.bz2|.xz] archives,
.md, .html, .txt, .jsonl), each at its own date, in parallel.

Outputs mirror the input tree under --out (an archive gives an archive of the same kind);
files with nothing to fix are copied byte for byte. A rerun skips outputs that are
already up to date. Exit 0 when everything was converted, 2 when any input failed.
"""


def register(app: typer.Typer) -> None:
    app.command("convert", help=_HELP)(convert)


def convert(
    paths: list[str] = typer.Argument(..., help="Files, directories or archives."),
    out: str | None = typer.Option(None, "--out", help="Write the outputs under this directory."),
    in_place: bool = typer.Option(False, "--in-place", help="Rewrite the inputs themselves."),
    to: str | None = typer.Option(None, "--to", help="Currency of added conversions (USD)."),
    add_missing: bool = typer.Option(
        False, "--add-missing", help="Insert a conversion after tenge amounts without one."
    ),
    unsafe_fixes: bool = typer.Option(
        False, "--unsafe-fixes", help="Also apply unsafe fixes (recomputed conversions)."
    ),
    jobs: int | None = typer.Option(
        None, "-j", "--jobs", help="Worker processes (default: the number of cores)."
    ),
    report: Path | None = typer.Option(
        None, "--report", help="Write a report: FILE.json, FILE.csv or FILE.html."
    ),
    date_from: str | None = typer.Option(
        None,
        "--date-from",
        help="Where dates come from, in order: frontmatter (=meta, field), filename, dateline.",
    ),
    date: str | None = typer.Option(None, "--date", help="One date for every article."),
    include: list[str] = typer.Option([], "--include", help="Only files matching this glob."),
    exclude: list[str] = typer.Option([], "--exclude", help="Skip files matching this glob."),
    text_field: str | None = typer.Option(None, "--text-field", help="JSONL text field."),
    date_field: str | None = typer.Option(None, "--date-field", help="JSONL date field."),
    id_field: str | None = typer.Option(None, "--id-field", help="JSONL id field (for reports)."),
    config: Path | None = typer.Option(None, "--config", help="A moneyfix.toml to use."),
    chunk_size: int = typer.Option(
        16, "--chunk-size", help="Files per chunk of work.", hidden=True
    ),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No summary table."),
    engine: str = typer.Option(
        "local", "--engine", help="local (processes on this machine) or spark (a Spark job)."
    ),
    master: str | None = typer.Option(
        None, "--master", help="Spark master URL for --engine spark (default: local[*])."
    ),
    rates_dir: Path | None = rates_dir_option(),
) -> None:
    """Check and fix every file, each at its own date, in parallel."""
    from moneyfix.convert.progress import Progress, print_summary
    from moneyfix.convert.reports import report_kind, run_metadata
    from moneyfix.convert.run import Run, Settings
    from moneyfix.convert.worker import DATE_SOURCES, Options, table_for

    problems = Problems()
    if (out is None) == (not in_place):
        problems.add("give exactly one of --out DIR and --in-place")
    if jobs is not None and jobs < 1:
        problems.add("option --jobs: expected a whole number >= 1")
    if chunk_size < 1:
        problems.add("option --chunk-size: expected a whole number >= 1")
    sources: tuple[str, ...] = ()
    if date_from:
        sources = tuple(s.strip().lower() for s in date_from.split(",") if s.strip())
        unknown = [s for s in sources if s not in DATE_SOURCES]
        if unknown or not sources:
            problems.add(
                f"option --date-from: unknown source {', '.join(unknown) or date_from!r} "
                f"(expected {', '.join(DATE_SOURCES)})"
            )
    kind = report_kind(report) if report is not None else None
    if report is not None and kind is None:
        problems.add(f"option --report: {report}: expected a .json, .csv or .html file name")
    if engine not in ("local", "spark"):
        problems.add(f"option --engine: unknown engine {engine!r} (expected local or spark)")
    if engine == "spark" and in_place:
        problems.add("option --engine spark writes under --out, not --in-place")
    if master is not None and engine != "spark":
        problems.add("option --master: only with --engine spark")
    out_dir = Path(out) if out is not None and "://" not in out else None
    if out is not None and out_dir is None and engine != "spark":
        problems.add(f"option --out: {out} is a URI: only --engine spark writes there")
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        problems.add(f"option --out: {out} exists and is not a directory")
    if problems:
        problems.report()
        raise typer.Exit(2)
    overrides = overrides_from_cli(
        problems, to=to, text_field=text_field, date_field=date_field, id_field=id_field, date=date
    )
    if overrides is None:
        raise typer.Exit(2)
    from moneyfix.config import ConfigError
    from moneyfix.convert.worker import config_for_dir

    options = Options(
        overrides=tuple(sorted(overrides.items())),
        explicit_config=str(config) if config else None,
        add_missing=add_missing,
        unsafe_fixes=unsafe_fixes,
        date_from=sources,
        id_field=overrides.get("id_field"),
        passages=kind == "html",
        rates_dir=str(rates_dir) if rates_dir else None,
    )
    try:
        # a broken --config fails once, up front; the run's walking comes from it
        run_config = config_for_dir(os.getcwd(), options)
    except ConfigError as exc:
        problems.add(str(exc))
        problems.report()
        raise typer.Exit(2) from None
    if engine == "spark":
        assert out is not None
        _convert_on_spark(paths, out, options, master, report, kind, quiet)
        return
    settings = Settings(
        options=options,
        out=out_dir,
        in_place=in_place,
        jobs=jobs or os.cpu_count() or 1,
        chunk=chunk_size,
        include=tuple(include) or run_config.include,
        exclude=(*exclude, *run_config.excluded),
    )
    progress = Progress()
    writer = _open_report(report, kind, problems)

    def say(line: str) -> None:
        progress.log(f"moneyfix: {line}")

    run = Run(settings, progress, writer, say)
    counters = run.execute(paths)
    if writer is not None:
        summary = counters.as_dict()
        summary["errors"] = run.errors
        meta = run_metadata(paths, options, settings.jobs)
        if not _close_report(writer, summary, meta, table_for(options.rates_dir), say):
            run.errors += 1
    if not quiet:
        print_summary(counters, run.errors)
    if counters.interrupted:
        raise typer.Exit(130)
    if run.errors or counters.failed:
        raise typer.Exit(2)


def _convert_on_spark(
    paths: list[str],
    out: str,
    options: Options,
    master: str | None,
    report: Path | None,
    kind: str | None,
    quiet: bool,
) -> None:
    """``--engine spark``: the same conversion as a Spark job (JSONL and Parquet inputs)."""
    from moneyfix.convert.parquet import MissingExtra
    from moneyfix.convert.progress import print_summary
    from moneyfix.convert.reports import run_metadata
    from moneyfix.convert.worker import config_for_dir, table_for
    from moneyfix.spark.job import convert_with_spark

    problems = Problems()

    def say(line: str) -> None:
        typer.echo(f"moneyfix: {line}", err=True)

    writer = _open_report(report, kind, problems)
    try:
        run = convert_with_spark(
            paths,
            out,
            options,
            config_for_dir(os.getcwd(), options),
            master,
            writer.add if writer is not None else None,
            say,
        )
    except MissingExtra as exc:
        if writer is not None:
            writer.abort()
        problems.add(str(exc))
        problems.report()
        raise typer.Exit(2) from None
    if writer is not None:
        summary = run.counters.as_dict()
        summary["errors"] = len(run.errors)
        summary["engine"] = "spark"
        meta = [*run_metadata(paths, options, 0), ("engine", f"spark {master or ''}".strip())]
        meta = [m for m in meta if m[0] != "workers"]
        if not _close_report(writer, summary, meta, table_for(options.rates_dir), say):
            run.errors.append(f"{report}: cannot write the report")
    if not quiet:
        print_summary(run.counters, len(run.errors))
    if run.errors or run.counters.failed:
        raise typer.Exit(2)


def _open_report(report: Path | None, kind: str | None, problems: Problems) -> ReportWriter | None:
    """The ``--report`` writer (its temporary file made beside it), or exit 2 with one line
    when even that cannot be written."""
    from moneyfix.convert.reports import ReportWriter

    if report is None or kind is None:
        return None
    try:
        return ReportWriter(report, kind)
    except OSError as exc:
        problems.add(f"{report}: cannot write the report ({exc.strerror or exc})")
        problems.report()
        raise typer.Exit(2) from None


def _close_report(
    writer: ReportWriter,
    summary: dict[str, Any],
    meta: list[tuple[str, str]],
    table: RateTable,
    say: Callable[[str], None],
) -> bool:
    """Commit the report; a write that fails (a full disk) drops it, temporary file and
    all, with one line naming it: ``False``, and the outputs already written stay."""
    try:
        writer.close(summary, meta, table)
    except OSError as exc:
        writer.abort()
        say(f"{writer.path}: cannot write the report ({exc.strerror or exc})")
        return False
    return True
