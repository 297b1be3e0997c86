"""``moneyfix scan``: every amount of every file, optionally valued in another currency."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from moneyfix.cli.common import (
    Problems,
    emit,
    open_output,
    rates_dir_option,
    read_stdin,
    use_color,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from moneyfix.model import Document
    from moneyfix.rates.table import RateTable


def register(app: typer.Typer) -> None:
    @app.command()
    def scan(
        paths: list[str] = typer.Argument(..., help="Files or directories; - reads stdin."),
        fmt: str = typer.Option(
            "table", "--format", help="table, json, jsonl, csv or parquet (with -o)."
        ),
        to: str | None = typer.Option(
            None, "--to", help="Also give each amount's value in this currency."
        ),
        date: str | None = typer.Option(None, "--date", help="The articles' date (YYYY-MM-DD)."),
        lang: str = typer.Option("auto", "--lang", help="en, ru, kk or auto."),
        output: Path | None = typer.Option(None, "-o", "--output", help="Write here."),
        stdin_filename: str | None = typer.Option(
            None, "--stdin-filename", help="Name (and format) of the text read from stdin."
        ),
        text_field: str = typer.Option("text", "--text-field", help="JSONL text field."),
        date_field: str = typer.Option("date", "--date-field", help="JSONL date field."),
        rates_dir: Path | None = rates_dir_option(),
    ) -> None:
        """List every money amount with its span, value and currency."""
        from moneyfix.documents import DocumentError, open_documents, parse_date
        from moneyfix.inputs import InputError, iter_inputs
        from moneyfix.report import SCAN_FORMATS

        problems = Problems()
        if fmt not in (*SCAN_FORMATS, "parquet"):
            choices = ", ".join((*SCAN_FORMATS, "parquet"))
            problems.add(f"option --format: choose one of {choices}")
        if fmt == "parquet" and output is None:
            problems.add("option --format parquet: give the file to write with -o FILE")
        try:
            day = parse_date(date) if date else None
        except ValueError as exc:
            problems.add(f"option --date: {exc}")
        if problems:
            problems.report()
            raise typer.Exit(2)
        table = None
        if to:
            from moneyfix.rates.table import load_table

            table = load_table(rates_dir)

        def documents() -> Iterator[Document]:
            for item in iter_inputs(paths):
                if isinstance(item, InputError):
                    problems.add(str(item))
                    continue
                data = read_stdin() if str(item) == "-" else None
                try:
                    items = open_documents(
                        item,
                        data,
                        stdin_filename or "-",
                        date=day,
                        text_field=text_field,
                        date_field=date_field,
                    )
                except DocumentError as exc:
                    problems.add(str(exc))
                    continue
                yield from (doc for doc, _ in items)

        to_code = to.upper() if to else None
        if fmt == "parquet":
            assert output is not None
            _parquet(documents(), output, lang, to_code, table, problems)
        elif fmt in ("jsonl", "csv"):
            _stream(documents(), fmt, output, lang, to_code, table, problems)
        else:
            _collect(documents(), fmt, output, lang, to_code, table, problems)
        problems.report()
        if problems:
            raise typer.Exit(2)


def _stream(
    docs: Iterable[Document],
    fmt: str,
    output: Path | None,
    lang: str,
    to: str | None,
    table: RateTable | None,
    problems: Problems,
) -> None:
    """jsonl and csv rows written as they are found: memory bounded by a chunk of text."""
    from moneyfix.report.amounts import csv_header
    from moneyfix.scanning import converter, stream_document

    with open_output(output, problems) as out:
        if fmt == "csv":
            out.write(csv_header(to is not None))
        for doc in docs:
            convert = converter(to, table, doc.date) if to and table else None
            stream_document(doc, fmt, out, lang, convert)


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
