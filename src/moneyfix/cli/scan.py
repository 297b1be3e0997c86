"""``moneyfix scan``: every amount of every file, optionally valued in another currency."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from moneyfix.choices import LANGS
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
    from collections.abc import Iterable, Iterator

    from moneyfix.documents.chunks import Chunk
    from moneyfix.model import Document
    from moneyfix.rates.table import RateTable


def register(app: typer.Typer) -> None:
    @app.command()
    def scan(
        paths: list[str] | None = typer.Argument(
            None, help="Files or directories (default: .); - reads stdin."
        ),
        fmt: str = typer.Option(
            "table", "--format", help="table, json, jsonl, csv or parquet (with -o)."
        ),
        to: str | None = typer.Option(
            None, "--to", help="Also give each amount's value in this currency."
        ),
        date: str | None = typer.Option(None, "--date", help="The articles' date (YYYY-MM-DD)."),
        lang: str | None = typer.Option(None, "--lang", help=f"Language: {', '.join(LANGS)}."),
        output: Path | None = typer.Option(None, "-o", "--output", help="Write here."),
        stdin_filename: str | None = typer.Option(
            None, "--stdin-filename", help="Name (and format) of the text read from stdin."
        ),
        text_field: str | None = typer.Option(
            None, "--text-field", help="JSONL text field (a dotted path: article.body)."
        ),
        date_field: str | None = typer.Option(None, "--date-field", help="JSONL date field."),
        encoding: str | None = typer.Option(
            None, "--encoding", help="Encoding of files that are not UTF-8 (default: detect)."
        ),
        exclude: list[str] = typer.Option([], "--exclude", help="Skip files matching this glob."),
        extend_exclude: list[str] = typer.Option(
            [], "--extend-exclude", help="Skip these globs too (on top of the config's)."
        ),
        config: Path | None = typer.Option(None, "--config", help="A moneyfix.toml to use."),
        rates_dir: Path | None = rates_dir_option(),
        jobs: int | None = typer.Option(
            None,
            "-j",
            "--jobs",
            help="Worker processes for jsonl and csv (default: one per core once 2 MB of"
            " text is read; capped by the cores).",
        ),
    ) -> None:
        """List every money amount with its span, value and currency."""
        import contextlib

        from moneyfix.chunked import chunk_documents, chunkable
        from moneyfix.config import ConfigError
        from moneyfix.documents import DocumentError
        from moneyfix.documents.chunks import NotChunkable
        from moneyfix.inputs import InputError, iter_inputs
        from moneyfix.jobs import Job, config_for, documents_of
        from moneyfix.report import SCAN_FORMATS

        problems = Problems()
        if fmt not in (*SCAN_FORMATS, "parquet"):
            choices = ", ".join((*SCAN_FORMATS, "parquet"))
            problems.add(f"option --format: choose one of {choices}")
        if fmt == "parquet" and output is None:
            problems.add("option --format parquet: give the file to write with -o FILE")
        if jobs is not None and jobs < 1:
            problems.add("option --jobs: expected a whole number >= 1")
        if problems:
            problems.report()
            raise typer.Exit(2)
        overrides = overrides_from_cli(
            problems,
            date=date,
            lang=lang,
            text_field=text_field,
            date_field=date_field,
            encoding=encoding,
            exclude=exclude or None,
            extend_exclude=extend_exclude or None,
        )
        if overrides is None:
            raise typer.Exit(2)
        job = Job(overrides, config)
        paths = paths or ["."]
        settings = run_settings(job, paths, problems)
        table = None
        if to:
            from moneyfix.rates.table import load_table

            table = load_table(rates_dir)

        found = iter_inputs(
            paths, settings.include, settings.excluded, gitignore=settings.respect_gitignore
        )

        def documents(chunked: bool = False) -> Iterator[tuple[Document, Chunk | None]]:
            """The documents of every input; with ``chunked``, a big text or Markdown
            file as its chunks (``moneyfix.chunked``), each with where it starts."""
            for item in found:
                if isinstance(item, InputError):
                    problems.add(str(item))
                    continue
                stdin = str(item) == "-"
                name = stdin_filename or "-" if stdin else str(item)
                try:
                    file_config = config_for(Path.cwd() / name if stdin else item, job)
                    if chunked and not stdin and chunkable(item):
                        with contextlib.suppress(NotChunkable):  # else: read whole
                            yield from chunk_documents(item, name, file_config)
                            continue
                    items = documents_of(item, file_config, read_stdin() if stdin else None, name)
                except (DocumentError, ConfigError) as exc:
                    problems.add(str(exc))
                    continue
                yield from ((doc, None) for doc, _ in items)

        to_code = to.upper() if to else None
        lang_code = settings.lang
        if fmt == "parquet":
            assert output is not None
            whole = (doc for doc, _ in documents())
            _parquet(whole, output, lang_code, to_code, table, problems)
        elif fmt in ("jsonl", "csv"):
            to_rates = (to_code, table) if to_code and table else None
            _stream(documents(chunked=True), fmt, output, (lang_code, to_rates, jobs), problems)
        else:
            whole = (doc for doc, _ in documents())
            _collect(whole, fmt, output, lang_code, to_code, table, problems)
        problems.report()
        if problems:
            raise typer.Exit(2)


def _stream(
    docs: Iterable[tuple[Document, Chunk | None]],
    fmt: str,
    output: Path | None,
    scanning: tuple[str, tuple[str, RateTable] | None, int | None],
    problems: Problems,
) -> None:
    """jsonl and csv rows written as they are found: memory bounded by a chunk of text
    (a big file's rows numbered on from chunk to chunk). ``scanning``: the language, the
    currency to value amounts in with its rates, and the worker processes."""
    from moneyfix.report.amounts import csv_header, write_rows
    from moneyfix.scanning import scanned_rows

    lang, to, jobs = scanning
    with report_output(output, problems) as out:
        if fmt == "csv":
            out.write(csv_header(to is not None))
        rows = 0
        for path, goes_on, texts in scanned_rows(docs, fmt, lang, to, jobs):
            rows = rows if goes_on else 0
            rows += write_rows(fmt, path, texts, out, rows)


def _parquet(
    docs: Iterable[Document],
    output: Path,
    lang: str,
    to: str | None,
    table: RateTable | None,
    problems: Problems,
) -> None:
    """A typed Parquet table of the csv rows, written to a temporary file and renamed."""
    import contextlib
    import os
    import tempfile

    from moneyfix.convert.parquet import MissingExtra, require_pyarrow
    from moneyfix.report.parquet import write_parquet
    from moneyfix.scanning import converter, scan_document

    try:
        require_pyarrow()
    except MissingExtra as exc:
        problems.add(str(exc))
        return
    directory = output.parent if str(output.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{output.name}.", suffix=".tmp")
        os.close(fd)
        scanned = ((doc, scan_document(doc, lang).amounts) for doc in docs)
        write_parquet(
            scanned, Path(tmp), lambda doc: converter(to, table, doc.date) if to and table else None
        )
        os.replace(tmp, output)
    except OSError as exc:
        problems.add(f"{output}: cannot write ({exc.strerror or exc})")
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)


def _collect(
    docs: Iterable[Document],
    fmt: str,
    output: Path | None,
    lang: str,
    to: str | None,
    table: RateTable | None,
    problems: Problems,
) -> None:
    """table and json need every amount first (json lists pairs by index)."""
    from moneyfix.report import render_amounts
    from moneyfix.scanning import scan_document, values_in

    reports = [scan_document(doc, lang) for doc in docs]
    conversions = values_in(reports, to, table) if to and table else None
    color = fmt == "table" and use_color("full", output)
    emit(render_amounts(reports, fmt, conversions=conversions, color=color), output, problems)
