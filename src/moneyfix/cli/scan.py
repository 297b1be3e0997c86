"""``moneyfix scan``: every amount of every file, optionally valued in another currency."""

from __future__ import annotations

from pathlib import Path

import typer

from moneyfix.cli.common import Problems, emit, rates_dir_option, read_stdin, use_color


def register(app: typer.Typer) -> None:
    @app.command()
    def scan(
        paths: list[str] = typer.Argument(..., help="Files or directories; - reads stdin."),
        fmt: str = typer.Option("table", "--format", help="table, json, jsonl or csv."),
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
        from moneyfix.config import Config
        from moneyfix.documents import DocumentError, parse_date
        from moneyfix.inputs import InputError, iter_inputs
        from moneyfix.model import FileReport
        from moneyfix.report import SCAN_FORMATS, render_amounts
        from moneyfix.runner import documents_of
        from moneyfix.scanning import scan_document, values_in

        problems = Problems()
        if fmt not in SCAN_FORMATS:
            problems.add(f"option --format: choose one of {', '.join(SCAN_FORMATS)}")
        try:
            day = parse_date(date) if date else None
        except ValueError as exc:
            problems.add(f"option --date: {exc}")
        if problems:
            problems.report()
            raise typer.Exit(2)
        config = Config(date=day, text_field=text_field, date_field=date_field)
        reports: list[FileReport] = []
        for item in iter_inputs(paths):
            if isinstance(item, InputError):
                problems.add(str(item))
                continue
            try:
                stdin = str(item) == "-"
                data = read_stdin() if stdin else None
                items = documents_of(item, config, data, stdin_filename or "-")
            except DocumentError as exc:
                problems.add(str(exc))
                continue
            reports.extend(scan_document(doc, lang) for doc, _ in items)
        conversions = None
        if to:
            from moneyfix.rates.table import load_table

            conversions = values_in(reports, to.upper(), load_table(rates_dir))
        emit(
            render_amounts(
                reports,
                fmt,
                conversions=conversions,
                color=use_color("full", output) and fmt == "table",
            ),
            output,
            problems,
        )
        problems.report()
        if problems:
            raise typer.Exit(2)
