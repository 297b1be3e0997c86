"""``moneyfix rates``: show, update, import and export official rates.

Heavy modules (requests, rich, defusedxml, the rates package itself) are imported inside the
commands so that ``moneyfix --version`` and other commands start fast. Every user error is a
one-line message on stderr and exit code 2.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from decimal import Decimal

    from moneyfix.rates.table import RateTable

app = typer.Typer(
    help="Official exchange rates: show, update, import, export, info.",
    no_args_is_help=True,
)


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="rates")


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    csv = "csv"


RatesDir = Annotated[
    Path | None,
    typer.Option(
        "--rates-dir",
        envvar="MONEYFIX_RATES_DIR",
        help="Use only this directory of XXX.csv rate files (no bundled data, no cache).",
        show_default=False,
    ),
]
Currencies = Annotated[
    list[str] | None,
    typer.Option(
        "--currencies",
        "-c",
        help="Currency codes, comma-separated or repeated (default: all).",
        show_default=False,
    ),
]


def _fail(message: str) -> NoReturn:
    typer.echo(f"moneyfix rates: {message}", err=True)
    raise typer.Exit(2)


def _cannot_write(target: Path, exc: OSError) -> NoReturn:
    """One line naming the file once: the rates writers raise their own "FILE: cannot write
    (reason)" (an OSError of one message, no errno); a bare system error is given ``target``."""
    _fail(str(exc) if exc.strerror is None else f"{target}: cannot write ({exc.strerror})")


def _parse_date(text: str, what: str = "date") -> dt.date:
    value = text.strip()
    try:
        if len(value) == 10 and value[2] == "." and value[5] == ".":
            return dt.datetime.strptime(value, "%d.%m.%Y").date()
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"bad {what} {text!r}: use YYYY-MM-DD")


def _currency_list(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    codes = [part.strip().upper() for value in values for part in value.split(",") if part.strip()]
    for code in codes:
        if len(code) != 3 or not code.isascii() or not code.isalpha():
            _fail(f"bad currency code {code!r}: use ISO 4217 codes like USD")
    return codes


def _table(rates_dir: Path | None) -> RateTable:
    from moneyfix.rates import load_table

    if rates_dir is not None and not rates_dir.is_dir():
        _fail(f"{rates_dir}: rates directory does not exist")
    return load_table(rates_dir)


@app.command()
def show(
    currency: Annotated[str, typer.Argument(help="ISO code, e.g. USD.")],
    date: Annotated[
        str | None,
        typer.Argument(help="YYYY-MM-DD (default: the latest known rate).", show_default=False),
    ] = None,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ShowFormat.text,
    max_staleness: Annotated[
        int, typer.Option("--max-staleness", min=0, help="Oldest acceptable rate, in days.")
    ] = 7,
    rates_dir: RatesDir = None,
) -> None:
    """Show the official rate of CURRENCY (KZT per 1 unit) valid on DATE, with its source."""
    from moneyfix.rates import RatesFileError, RateUnavailable

    code = currency.strip().upper()
    requested = _parse_date(date) if date is not None else None
    table = _table(rates_dir)
    try:
        if requested is None:
            last = table.last_date(code) if code != "KZT" else dt.date.today()
            assert last is not None
            rate = table.lookup(code, last, max_staleness)
        else:
            rate = table.lookup(code, requested, max_staleness)
    except RateUnavailable as exc:
        _fail(exc.message)
    except RatesFileError as exc:
        _fail(str(exc))
    from moneyfix.rates.files import decimal_text, source_origin

    value = decimal_text(rate.value)
    if requested is None:
        age = (dt.date.today() - rate.date).days
        if age > max_staleness:
            typer.echo(
                f"note: this is the latest known rate, {age} days old; run `moneyfix rates update`",
                err=True,
            )
    when = requested or rate.date
    row = when if code == "KZT" else table.source_row(code, rate)
    source = source_origin(rate.source)
    if output_format is ShowFormat.json:
        payload = {
            "currency": code,
            "requested_date": requested.isoformat() if requested else None,
            "rate": value,
            "rate_date": rate.date.isoformat(),
            "source": source,
            "source_row_date": row.isoformat(),
            "carried": row != when,
        }
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    origin = f"its row of {row}" if row == when else f"carried over from its row of {row}"
    typer.echo(f"{code} {when}: {value} KZT per 1 {code} (source {source}, {origin})")


@app.command()
def info(
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ShowFormat.text,
    conflicts: Annotated[
        bool,
        typer.Option(
            "--conflicts", help="List the days on which official sources disagree instead."
        ),
    ] = False,
    rates_dir: RatesDir = None,
) -> None:
    """Per currency: coverage, official and derived days, gaps over 7 days, the sources."""
    from moneyfix.rates import RatesFileError
    from moneyfix.rates.coverage import coverage

    table = _table(rates_dir)
    try:
        if conflicts:
            _print_conflicts(table, output_format)
            return
        found = [
            coverage(code, series)
            for code in table.currencies()
            if (series := table.series(code)).dates
        ]
    except RatesFileError as exc:
        _fail(str(exc))
    locations = table.locations
    if output_format is ShowFormat.json:
        today = dt.date.today()
        rows = [
            {
                "currency": c.currency,
                "first_date": c.first.isoformat(),
                "last_date": c.last.isoformat(),
                "rows": c.days,
                "official_days": c.official,
                "carried_days": c.carried,
                "derived_days": c.derived,
                "official_ranges": [[a.isoformat(), b.isoformat()] for a, b in c.official_spans],
                "gaps": [[a.isoformat(), b.isoformat()] for a, b in c.gaps],
                "days_since_last": (today - c.last).days,
                "sources": c.sources,
            }
            for c in found
        ]
        where = {
            "pinned": locations.pinned,
            "directories": [str(p) for p in locations.layers],
            "write_dir": str(locations.write_dir),
        }
        typer.echo(json.dumps({**where, "currencies": rows}, ensure_ascii=False, indent=2))
        return
    if locations.pinned:
        typer.echo(f"rates directory (pinned): {locations.write_dir}")
    else:
        typer.echo(f"bundled history: {locations.layers[0]}")
        typer.echo(f"user cache:      {locations.write_dir}")
    for c in found:
        pad = " " * 5
        typer.echo(
            f"{c.currency}  {c.first} .. {c.last}  {c.days:,} days: {c.official:,} official "
            f"({c.carried:,} of them carried over), {c.derived:,} derived"
        )
        typer.echo(f"{pad}official: {_spans(c.official_spans, ' .. ')}")
        typer.echo(f"{pad}gaps over 7 days: {_spans(c.gaps, ' to ')}")
        typer.echo(f"{pad}sources: " + ", ".join(f"{s} {n:,}" for s, n in c.sources.items()))
    if not found:
        typer.echo("no rates found")


def _spans(spans: list[tuple[dt.date, dt.date]], joiner: str, shown: int = 4) -> str:
    """The spans, or the first few and how many more (``--format json`` lists them all)."""
    text = ", ".join(f"{a}{joiner}{b}" for a, b in spans[:shown]) or "none"
    return text if len(spans) <= shown else f"{text} and {len(spans) - shown} more"


def _print_conflicts(table: RateTable, output_format: ShowFormat) -> None:
    from moneyfix.rates.files import decimal_text

    found = table.conflicts()
    if output_format is ShowFormat.json:
        rows = [
            {
                "date": c.date.isoformat(),
                "currency": c.currency,
                "rate": decimal_text(c.rate),
                "source": c.source,
                "other_rate": decimal_text(c.other_rate),
                "other_source": c.other_source,
            }
            for c in found
        ]
        typer.echo(json.dumps({"conflicts": rows}, ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo("no conflicts between official sources")
        return
    typer.echo(
        f"{len(found)} days on which official sources disagree; the first is the rate used "
        "(the rule: rates/README.md):"
    )
    for c in found:
        typer.echo(
            f"{c.currency} {c.date}: {decimal_text(c.rate)} ({c.source}), "
            f"not {decimal_text(c.other_rate)} ({c.other_source})"
        )


@app.command("import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="CSV table of rates; several files are parts of one source, read as one table.",
            show_default=False,
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            "-s",
            help="Built-in profile (bakdaulet, yergaliyev, ochinchind, nbu, imf) or a label "
            "nbk:NAME / derived:NAME. Optional for files with a source column.",
            show_default=False,
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Let these rows replace existing rows of equal rank.")
    ] = False,
    fill_gaps: Annotated[
        int | None,
        typer.Option("--fill-gaps", min=0, help="Forward-fill up to N missing days."),
    ] = None,
    shift_days: Annotated[
        int | None, typer.Option("--shift-days", help="Add N days to every source date.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="Ignore rows before.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Ignore rows after.")] = None,
    currencies: Currencies = None,
    rates_dir: RatesDir = None,
) -> None:
    """Merge a rate table into the user cache (or --rates-dir), keeping provenance per row.

    Official (nbk) rows always beat derived ones; at equal rank existing rows win unless
    --replace is given, so importing sources in order of preference is deterministic.
    """
    from moneyfix.rates import RatesFileError, resolve_locations
    from moneyfix.rates.importer import import_files, resolve_profile, with_overrides

    for file in files:
        if not file.is_file():
            _fail(f"{file}: no such file")
    profile = None
    if source is not None:
        try:
            profile = resolve_profile(source)
        except ValueError as exc:
            _fail(str(exc))
        profile = with_overrides(
            profile,
            fill_gaps=fill_gaps,
            shift_days=shift_days,
            since=_parse_date(since, "--since date") if since else None,
            until=_parse_date(until, "--until date") if until else None,
        )
    target = resolve_locations(rates_dir).write_dir
    try:
        result = import_files(
            files,
            profile,
            target,
            policy="replace" if replace else "keep",
            currencies=_currency_list(currencies),
        )
    except RatesFileError as exc:
        _fail(str(exc))
    except OSError as exc:
        _cannot_write(target, exc)
    names = ", ".join(map(str, files))
    typer.echo(f"{names}: {result.source_rows} rows ({result.layout} layout) into {target}")
    for code, stats in sorted(result.stats.items()):
        conflicts = f", {len(stats.conflicts)} official conflicts" if stats.conflicts else ""
        typer.echo(
            f"  {code}: {stats.added} added, {stats.replaced} replaced, "
            f"{stats.kept} kept{conflicts}"
        )


@app.command()
def export(
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.csv,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of stdout.", show_default=False),
    ] = None,
    currencies: Currencies = None,
    rates_dir: RatesDir = None,
) -> None:
    """Write the merged table (bundled + cache) as date,currency,rate,source CSV."""
    from moneyfix.rates import RatesFileError, RateUnavailable
    from moneyfix.rates.files import atomic_write_text, decimal_text

    table = _table(rates_dir)
    codes = _currency_list(currencies) or table.currencies()
    lines = ["date,currency,rate,source"]
    try:
        for code in codes:
            series = table.series(code)
            lines.extend(
                f"{d.isoformat()},{code},{decimal_text(v)},{s}"
                for d, v, s in zip(series.dates, series.values, series.sources, strict=True)
            )
    except (RateUnavailable, RatesFileError) as exc:
        _fail(str(exc))
    text = "\n".join(lines) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        atomic_write_text(output, text)
    except OSError as exc:
        _cannot_write(output, exc)


@app.command()
def update(
    from_date: Annotated[
        str | None,
        typer.Option("--from", help="First date (default: the day after the last known rate)."),
    ] = None,
    to_date: Annotated[str | None, typer.Option("--to", help="Last date (default: today).")] = None,
    currencies: Currencies = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=4, help="Requests in flight.")
    ] = 3,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Read timeout per request, seconds.")
    ] = 20.0,
    retries: Annotated[
        int, typer.Option("--retries", min=0, max=10, help="Retries per date on 5xx/timeouts.")
    ] = 3,
    rates_dir: RatesDir = None,
) -> None:
    """Fetch official rates from the National Bank of Kazakhstan into the user cache.

    The server is https://nationalbank.kz unless MONEYFIX_NBK_URL names a mirror.
    Exit code 1 when some dates could not be fetched (what was fetched is kept).
    """
    from moneyfix.rates import RatesFileError, RateUnavailable
    from moneyfix.rates.nbk import ClientConfig, NbkClient
    from moneyfix.rates.update import date_range, update_rates

    table = _table(rates_dir)
    wanted = _currency_list(currencies)
    today = dt.date.today()
    end = _parse_date(to_date, "--to date") if to_date else today
    if from_date:
        start = _parse_date(from_date, "--from date")
    else:
        known: list[dt.date] = []
        try:
            for code in wanted or table.currencies():
                try:
                    known.append(table.coverage(code)[1])
                except RateUnavailable:
                    continue  # no history yet for this currency
        except RatesFileError as exc:
            _fail(str(exc))
        if wanted and not known:
            latest = table.last_date()
            known = [latest] if latest else []
        # One request brings every currency, so the default resumes after the newest date;
        # with --currencies it resumes after the oldest of the ones asked for.
        start = (min(known) if wanted else max(known)) + dt.timedelta(days=1) if known else end
    if start > end:
        typer.echo(f"rates are up to date (last date {start - dt.timedelta(days=1)})")
        return
    days = date_range(start, end)
    config = ClientConfig.from_env(workers=workers, read_timeout=timeout, retries=retries)

    def known_range(code: str) -> tuple[Decimal, Decimal] | None:
        try:
            return table.bounds(code)
        except (RateUnavailable, RatesFileError):
            return None

    def retrying(day: dt.date, reason: str, wait: float, attempt: int) -> None:
        typer.echo(
            f"moneyfix rates: {day}: {reason}; retrying in {wait:g} s "
            f"(attempt {attempt} of {config.retries + 1})",
            err=True,
        )

    client = NbkClient(config, bounds=known_range, on_retry=retrying)
    target = table.locations.write_dir
    typer.echo(f"fetching {len(days)} days {start} .. {end} from {client.url}", err=True)
    try:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            with Progress(console=Console(stderr=True), transient=True) as progress:
                task = progress.add_task("NBK rates", total=len(days))
                report = update_rates(
                    target, days, wanted, client, on_day=lambda _r: progress.advance(task)
                )
        else:
            report = update_rates(target, days, wanted, client)
    except RatesFileError as exc:
        _fail(str(exc))
    except OSError as exc:
        _cannot_write(target, exc)
    typer.echo(
        f"{report.fetched} days with rates, {report.no_data} without, "
        f"{len(report.failed)} failed; {report.rows_written} rows written to {target}"
    )
    for day, detail in sorted(report.refused):
        typer.echo(f"moneyfix rates: warning: {day}: {detail}", err=True)
    if report.aborted:
        first_day, reason = report.failed[0]
        typer.echo(
            f"moneyfix rates: cannot fetch from {client.url} ({reason}); stopped, nothing fetched",
            err=True,
        )
        raise typer.Exit(1)
    if report.failed:
        first_day, reason = report.failed[0]
        typer.echo(
            f"moneyfix rates: {len(report.failed)} dates failed, first {first_day}: {reason}",
            err=True,
        )
        raise typer.Exit(1)
