"""Lookup semantics, crosses, averages, bounds, layering of bundled data and cache."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rates_helpers import day, write_rates

from moneyfix.rates import Rate, RatesFileError, RateUnavailable, load_table
from moneyfix.rates.cache import RateLocations, resolve_locations, user_cache_dir
from moneyfix.rates.table import RateTable


@pytest.fixture
def pinned(tmp_path: Path) -> Path:
    directory = tmp_path / "pinned"
    write_rates(
        directory,
        "USD",
        [
            ("2020-01-01", "380", "nbk:test"),
            ("2020-01-02", "381.5", "nbk:test"),
            ("2020-01-03", "382", "nbk:test"),
            # gap 2020-01-04 .. 2020-01-19
            ("2020-01-20", "390", "derived:test"),
        ],
    )
    write_rates(
        directory, "RUB", [("2020-01-01", "6.1", "nbk:test"), ("2020-01-02", "6.2", "nbk:test")]
    )
    return directory


def test_exact_and_carried_lookups(pinned: Path) -> None:
    table = load_table(pinned)
    assert table.lookup("usd", day("2020-01-02")) == Rate(
        Decimal("381.5"), day("2020-01-02"), "nbk:test"
    )
    assert table.lookup("usd", day("2020-01-02")).precision == Decimal("0.005") / Decimal("381.5")
    carried = table.lookup("USD", day("2020-01-09"))  # 6 days after the last row: allowed
    assert carried.date == day("2020-01-03")
    assert carried.value == Decimal("382")


def test_never_a_later_rate(pinned: Path) -> None:
    table = load_table(pinned)
    rate = table.lookup("USD", day("2020-01-19"), max_staleness=30)
    assert rate.date == day("2020-01-03")


@pytest.mark.parametrize(
    ("when", "staleness", "reason"),
    [
        ("2019-12-31", 7, "before-coverage"),
        ("2020-01-11", 7, "gap"),
        ("2020-01-28", 7, "past-last-date"),
        ("2020-01-04", 0, "gap"),
    ],
)
def test_unavailable_reasons(pinned: Path, when: str, staleness: int, reason: str) -> None:
    with pytest.raises(RateUnavailable) as info:
        load_table(pinned).lookup("USD", day(when), max_staleness=staleness)
    assert info.value.reason == reason
    assert info.value.currency == "USD"
    assert when in str(info.value)


def test_unknown_currency(pinned: Path) -> None:
    with pytest.raises(RateUnavailable) as info:
        load_table(pinned).lookup("XYZ", day("2020-01-02"))
    assert info.value.reason == "unknown-currency"


def test_kzt_is_one(pinned: Path) -> None:
    table = load_table(pinned)
    assert table.lookup("KZT", day("1990-01-01")).value == 1
    assert table.lookup("KZT", day("1990-01-01")).precision == 0
    assert table.bounds("KZT") == (1, 1)
    assert table.average("KZT", day("2020-01-01"), day("2020-12-31")) == 1
    assert table.last_date("KZT") is None
    assert len(table.rates_between("kzt", day("2020-01-01"), day("2020-01-03"))) == 3
    assert "KZT" not in table.currencies()


def test_cross_through_kzt(pinned: Path) -> None:
    table = load_table(pinned)
    rate = table.cross("RUB", "USD", day("2020-01-02"))  # RUB per 1 USD
    assert rate.value == Decimal("381.5") / Decimal("6.2")
    assert rate.date == day("2020-01-02")
    assert table.cross("KZT", "USD", day("2020-01-02")).value == Decimal("381.5")
    assert table.cross("USD", "KZT", day("2020-01-02")).value == 1 / Decimal("381.5")


def test_between_average_bounds_coverage(pinned: Path) -> None:
    table = load_table(pinned)
    rows = table.rates_between("USD", day("2020-01-02"), day("2020-01-31"))
    assert [r.date for r in rows] == [day("2020-01-02"), day("2020-01-03"), day("2020-01-20")]
    assert table.average("USD", day("2020-01-01"), day("2020-01-03")) == Decimal(
        "381.1666666666666666666666667"
    )
    assert table.average("USD", day("2021-01-01"), day("2021-12-31")) is None
    assert table.bounds("USD") == (Decimal("380"), Decimal("390"))
    assert table.year_range("USD", 2020) == (Decimal("380"), Decimal("390"))
    assert table.year_range("RUB", 2020) == (Decimal("6.1"), Decimal("6.2"))
    assert table.year_range("USD", 2019) is None
    assert table.year_range("KZT", 2019) == (Decimal(1), Decimal(1))
    assert table.coverage("USD") == (day("2020-01-01"), day("2020-01-20"))
    assert table.currencies() == ["RUB", "USD"]
    assert table.last_date("RUB") == day("2020-01-02")
    assert table.last_date() == day("2020-01-20")


def test_loading_is_lazy(pinned: Path) -> None:
    table = load_table(pinned)
    table.lookup("USD", day("2020-01-02"))
    assert set(table._series) == {"USD"}


def test_cache_overrides_bundled_but_derived_never_hides_official(tmp_path: Path) -> None:
    bundled, cache = tmp_path / "bundled", tmp_path / "cache"
    write_rates(
        bundled,
        "USD",
        [("2020-01-01", "380", "nbk:old"), ("2020-01-02", "381", "nbk:old")],
    )
    write_rates(
        cache,
        "USD",
        [
            ("2020-01-01", "379", "derived:other"),
            ("2020-01-02", "381.25", "nbk:api"),
            ("2020-01-03", "382", "nbk:api"),
        ],
    )
    write_rates(cache, "GBP", [("2020-01-03", "500", "nbk:api")])
    table = RateTable(RateLocations((bundled, cache), cache, False))
    assert table.lookup("USD", day("2020-01-01")).source == "nbk:old"
    assert table.lookup("USD", day("2020-01-02")).value == Decimal("381.25")
    assert table.lookup("USD", day("2020-01-03")).source == "nbk:api"
    assert table.currencies() == ["GBP", "USD"]


def test_locations_honour_xdg_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache_dir() == tmp_path / "xdg" / "moneyfix" / "rates"
    default = resolve_locations()
    assert not default.pinned
    assert default.write_dir == tmp_path / "xdg" / "moneyfix" / "rates"
    assert (default.layers[0] / "USD.csv").is_file()  # the bundled history
    monkeypatch.setenv("MONEYFIX_RATES_DIR", str(tmp_path / "pin"))
    pinned = resolve_locations()
    assert pinned.pinned
    assert pinned.layers == (tmp_path / "pin",)
    assert resolve_locations(tmp_path / "other").layers == (tmp_path / "other",)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("day,rate,source\n", ":1: expected header"),
        ("date,rate,source\n2020-01-01,380\n", ":2: expected 3 fields"),
        ("date,rate,source\n2020-02-30,380,nbk\n", ":2: bad date"),
        ("date,rate,source\n2020-01-01,abc,nbk\n", ":2: bad rate"),
        ("date,rate,source\n2020-01-01,-1,nbk\n", ":2: rate must be positive"),
        ("date,rate,source\n2020-01-01,380,somewhere\n", ":2: bad source"),
        ("date,rate,source\n2020-01-02,380,nbk\n2020-01-01,380,nbk\n", ":3: date 2020-01-01"),
        ("date,rate,source\n2020-01-01,380,nbk\n2020-01-01,380,nbk\n", ":3: date 2020-01-01"),
        ("date,rate,source\n2020-01-01,NaN,nbk\n", ":2: rate must be positive"),
        ("date,rate,source\n2020-01-01,Infinity,nbk\n", ":2: rate must be positive"),
        # one line short, a later one long: the field count adds up but columns shift
        (
            "date,rate,source\n2020-01-01,380\n2020-01-02,381,nbk\n2020-01-03,382,nbk,x\n",
            ":2: expected 3 fields",
        ),
    ],
)
def test_bad_rate_files_name_file_and_line(tmp_path: Path, content: str, problem: str) -> None:
    (tmp_path / "USD.csv").write_text(content, encoding="utf-8")
    with pytest.raises(RatesFileError) as info:
        load_table(tmp_path).lookup("USD", dt.date(2020, 1, 1))
    assert str(tmp_path / "USD.csv") in str(info.value)
    assert problem in str(info.value)


@settings(max_examples=200, deadline=None)
@given(
    offsets=st.sets(st.integers(min_value=0, max_value=60), min_size=1, max_size=30),
    asked=st.integers(min_value=-5, max_value=80),
    staleness=st.integers(min_value=0, max_value=10),
)
def test_lookup_matches_a_linear_scan(offsets: set[int], asked: int, staleness: int) -> None:
    """The bisect lookup agrees with the obvious definition, and never looks ahead."""
    import tempfile

    start = dt.date(2020, 1, 1)
    rows = [((start + dt.timedelta(days=o)).isoformat(), str(100 + o), "nbk:t") for o in offsets]
    with tempfile.TemporaryDirectory() as tmp:
        write_rates(Path(tmp), "USD", sorted(rows))
        table = load_table(Path(tmp))
        when = start + dt.timedelta(days=asked)
        earlier = [o for o in offsets if o <= asked]
        try:
            rate = table.lookup("USD", when, max_staleness=staleness)
        except RateUnavailable as exc:
            assert not earlier or asked - max(earlier) > staleness
            assert exc.reason == (
                "before-coverage"
                if not earlier
                else "past-last-date"
                if max(earlier) == max(offsets)
                else "gap"
            )
        else:
            assert earlier
            assert rate.date == start + dt.timedelta(days=max(earlier))
            assert rate.date <= when
            assert (when - rate.date).days <= staleness


def test_blank_lines_crlf_and_bom_are_tolerated(tmp_path: Path) -> None:
    text = "\ufeffdate,rate,source\r\n2020-01-01,380,nbk:a\r\n\r\n2020-01-02,381,nbk:a\r\n"
    (tmp_path / "USD.csv").write_text(text, encoding="utf-8")
    table = load_table(tmp_path)
    assert table.coverage("USD") == (day("2020-01-01"), day("2020-01-02"))
    assert table.lookup("USD", day("2020-01-02")).source == "nbk:a"


def test_file_without_final_newline_or_rows(tmp_path: Path) -> None:
    (tmp_path / "USD.csv").write_text("date,rate,source\n2020-01-01,380,nbk", encoding="utf-8")
    (tmp_path / "EUR.csv").write_text("date,rate,source\n", encoding="utf-8")
    table = load_table(tmp_path)
    assert table.lookup("USD", day("2020-01-01")).value == Decimal("380")
    with pytest.raises(RateUnavailable) as info:
        table.lookup("EUR", day("2020-01-01"))
    assert info.value.reason == "before-coverage"
