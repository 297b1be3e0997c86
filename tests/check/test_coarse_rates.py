"""A coarse official rate (2 decimals, few tenge per unit) carries its rounding into checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from moneyfix.check import check_text
from moneyfix.rates import load_table
from moneyfix.rates.table import RateTable, printed_precision

DAY = dt.date(2010, 7, 1)


@pytest.fixture
def table(tmp_path: Path) -> RateTable:
    """KGS at NBK's printed 3.20 (i.e. 3.195 .. 3.205) on the day, 3.40 a month before."""
    rows = {"KGS": ["2010-06-01,3.4", "2010-07-01,3.2"], "USD": ["2010-07-01,147.55"]}
    for code, lines in rows.items():
        body = "".join(f"{line},nbk:test\n" for line in lines)
        (tmp_path / f"{code}.csv").write_text(f"date,rate,source\n{body}", encoding="utf-8")
    return load_table(tmp_path)


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        ("3.2", "0.0015625"),  # printed 3.20: ±0.005
        ("130", "0.0000384615"),  # printed 130.00, trailing zeros dropped in the file
        ("0.09", "0.0555556"),  # printed 0.09: ±5.6 %
        ("0.3872", "0.000129132"),  # 38.72 per 100 won, divided out: its own 4 decimals
    ],
)
def test_printed_precision(value: str, precision: str) -> None:
    assert printed_precision(Decimal(value)).quantize(Decimal(precision)) == Decimal(precision)


def test_lookups_and_crosses_carry_the_precision(table: RateTable) -> None:
    kgs, usd = table.lookup("KGS", DAY), table.lookup("USD", DAY)
    assert kgs.precision == Decimal("0.005") / Decimal("3.2")
    assert table.cross("USD", "KGS", DAY).precision == kgs.precision + usd.precision


def test_conversion_within_the_rounding_of_a_coarse_rate_passes(table: RateTable) -> None:
    # 9,802 / 3,000 = 3.2673 KZT per som: 2.10 % over 3.20, beyond the 2 % tolerance plus
    # the figures' own precision (0.02 %), but 3.20 stands for anything up to 3.205.
    text = "The plant cost 3,000 million Kyrgyz soms (9,802 million tenge) to build."
    assert check_text(text, DAY, table=table) == []


def test_conversion_beyond_that_rounding_is_still_a_mismatch(table: RateTable) -> None:
    # 9,830 / 3,000 = 3.2767: 2.40 % over, more than tolerance, figures and rounding allow.
    text = "The plant cost 3,000 million Kyrgyz soms (9,830 million tenge) to build."
    (finding,) = check_text(text, DAY, table=table)
    assert finding.code == "MF003"
    assert "allowed ±2.2%" in finding.message
