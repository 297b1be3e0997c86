"""The bundled history answers the acceptance dates offline, with provenance."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from moneyfix.cli.app import app
from moneyfix.rates import RateUnavailable, bundled_rates_dir, load_table

ACCEPTANCE = [
    ("USD", "2020-11-25", "424.49", "nbk"),
    ("USD", "2018-08-15", "363.28", "nbk"),
    ("USD", "2015-08-21", "255.26", "nbk"),
    ("USD", "2015-08-20", "188.38", "nbk"),
    ("USD", "2014-02-11", "155.56", "nbk"),
    ("USD", "2014-02-13", "184.5", "nbk"),
    ("USD", "2020-05-31", "411.54", "nbk"),
    ("USD", "2020-06-01", "411.54", "nbk"),
    ("USD", "2021-11-24", "432.15", "nbk"),
    ("EUR", "2024-01-02", "502.24", "nbk"),
    ("CNY", "2024-01-02", "63.94", "nbk"),
    ("USD", "2026-04-01", "478.77", "nbk"),
    ("USD", "2026-09-11", "450.79", "nbk"),
    ("EUR", "2026-09-11", "524.13", "nbk"),
    ("RUB", "2026-09-11", "5.31", "nbk"),
    ("CNY", "2026-09-11", "67.22", "nbk"),
]


@pytest.mark.parametrize(("currency", "date", "value", "kind"), ACCEPTANCE)
def test_acceptance_values(currency: str, date: str, value: str, kind: str) -> None:
    rate = load_table().lookup(currency, dt.date.fromisoformat(date))
    assert rate.value == Decimal(value)
    assert rate.source.startswith(kind)
    assert rate.date == dt.date.fromisoformat(date)


@pytest.mark.parametrize(("currency", "date", "value", "kind"), ACCEPTANCE[:13])
def test_acceptance_values_cli_json(currency: str, date: str, value: str, kind: str) -> None:
    result = CliRunner().invoke(app, ["rates", "show", currency, date, "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload == {
        "currency": currency,
        "requested_date": date,
        "rate": value,
        "rate_date": date,
        "source": payload["source"],
        "source_row_date": payload["source_row_date"],
        "carried": payload["source_row_date"] != date,
    }
    assert payload["source"].startswith(kind)


def test_coverage_of_the_main_currencies() -> None:
    table = load_table()
    for code, first in [("USD", "1998-01-01"), ("RUB", "2004-01-01"), ("CNY", "1998-01-01")]:
        start, end = table.coverage(code)
        assert start <= dt.date.fromisoformat(first)
        assert end == dt.date(2026, 9, 11)
    assert table.coverage("EUR") == (dt.date(1999, 1, 1), dt.date(2026, 9, 11))
    # USD and EUR are continuous from 1998/1999 to the last date: every calendar day has a row.
    for code, first in [("USD", dt.date(1998, 1, 1)), ("EUR", dt.date(1999, 1, 1))]:
        rows = table.rates_between(code, first, dt.date(2026, 9, 11))
        assert len(rows) == (dt.date(2026, 9, 11) - first).days + 1


@pytest.mark.parametrize(
    "code", ["AUD", "USD", "EUR", "CNY", "KGS", "NOK", "UAH", "KRW", "JPY", "MXN"]
)
def test_the_ten_currencies_cover_2021_to_2024(code: str) -> None:
    rows = load_table().rates_between(code, dt.date(2021, 1, 1), dt.date(2024, 4, 14))
    assert len(rows) == 1200
    assert all(r.source.startswith("nbk") for r in rows)


def test_quant_is_divided_out() -> None:
    # NBK quotes KRW per 100 won: about 0.35 KZT per won in 2022, never 35.
    rate = load_table().lookup("KRW", dt.date(2022, 6, 1))
    assert Decimal("0.2") < rate.value < Decimal("0.5")


def test_derived_nbu_rows_stop_before_the_war_fixing() -> None:
    table = load_table()
    for code in table.currencies():
        late = table.rates_between(code, dt.date(2022, 2, 24), dt.date(2030, 1, 1))
        assert not [r for r in late if r.source == "derived:nbu"]


def _not_official(code: str, first: dt.date, last: dt.date) -> list[dt.date]:
    """Days whose lookup is not an official row at most 7 days old (or has no rate at all)."""
    table = load_table(bundled_rates_dir())
    bad = []
    for offset in range((last - first).days + 1):
        when = first + dt.timedelta(days=offset)
        try:
            rate = table.lookup(code, when)
        except RateUnavailable:
            bad.append(when)
            continue
        if not rate.source.startswith("nbk:") or (when - rate.date).days > 7:
            bad.append(when)
    return bad


@pytest.mark.parametrize("code", ["USD", "EUR", "RUB", "CNY"])
def test_official_every_day_2005_to_2026(code: str) -> None:
    assert _not_official(code, dt.date(2005, 1, 1), dt.date(2026, 9, 11)) == []


def test_gbp_official_2006_to_2024_except_the_two_holes_of_its_source() -> None:
    # The bakdaulet-rest transcription skips 2014-02-16 .. 06-19 (the subset folder's window,
    # which has no GBP) and lists no GBP 2020-04-05 .. 2021-01-15: NBU's cross fills those.
    holes = [
        (dt.date(2014, 2, 16), dt.date(2014, 6, 19)),
        (dt.date(2020, 4, 5), dt.date(2021, 1, 15)),
    ]
    expected = [
        start + dt.timedelta(days=i) for start, end in holes for i in range((end - start).days + 1)
    ]
    assert _not_official("GBP", dt.date(2006, 3, 14), dt.date(2024, 3, 21)) == expected
    table = load_table()
    assert {table.lookup("GBP", d).source for d in expected} == {"derived:nbu"}


@pytest.mark.parametrize(
    ("currency", "date", "value"),
    [
        ("USD", "2010-07-01", "147.55"),
        ("EUR", "2010-07-01", "180.25"),
        ("GBP", "2010-07-01", "221.47"),
        ("RUB", "2022-10-15", "7.57"),
        ("USD", "2009-02-04", "122.32"),
        ("USD", "2009-02-05", "143.98"),
        ("USD", "2014-02-13", "184.5"),
        ("JPY", "2006-03-14", "1.085"),
        ("UZS", "2006-03-14", "0.11"),
    ],
)
def test_spot_values_of_the_rest_of_the_bakdaulet_export(
    currency: str, date: str, value: str
) -> None:
    rate = load_table().lookup(currency, dt.date.fromisoformat(date))
    assert (rate.value, rate.date, rate.source) == (
        Decimal(value),
        dt.date.fromisoformat(date),
        "nbk:bakdaulet",
    )


def test_days_the_change_days_source_does_not_list_are_carried() -> None:
    table = load_table()
    # Saturday 2010-06-26 is listed; Sunday and Monday repeat it.
    rows = table.rates_between("USD", dt.date(2010, 6, 26), dt.date(2010, 6, 29))
    assert [r.source for r in rows] == [
        "nbk:bakdaulet",
        "nbk:bakdaulet:carried",
        "nbk:bakdaulet:carried",
        "nbk:bakdaulet",
    ]
    assert rows[1].value == rows[0].value


def test_the_ten_smaller_currencies_stop_where_their_source_does() -> None:
    table = load_table()
    for code in ["BYN", "CAD", "CHF", "TRY", "UZS", "ZAR"]:
        assert table.coverage(code) == (dt.date(2006, 3, 14), dt.date(2016, 2, 6))
        assert {
            r.source.split(":")[0] for r in table.rates_between(code, *table.coverage(code))
        } == {"nbk"}


def test_every_bundled_row_has_provenance() -> None:
    import re

    pattern = re.compile(r"^(nbk|derived):[a-z]+(:carried)?$")
    for path in sorted(bundled_rates_dir().glob("[A-Z][A-Z][A-Z].csv")):
        sources = {line.rsplit(",", 1)[1] for line in path.read_text().splitlines()[1:]}
        assert all(pattern.match(s) for s in sources), (path, sources)
