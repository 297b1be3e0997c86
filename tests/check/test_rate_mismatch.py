"""MF003's recomputed conversion for figures written with thousands separators."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

from moneyfix.check import check_text
from moneyfix.rates.table import load_table


def test_recomputed_conversion_keeps_the_thousands_separator() -> None:
    # written at the rate of early 2015 (185 KZT/USD): the figure has four digits before
    # the decimal point, and reading it back must not trip over its comma
    day = dt.date(2020, 6, 15)
    text = "The council approved 900 billion tenge (US$4,863.47 million) for pipes."
    (finding,) = check_text(text, date=day)
    assert finding.code == "MF003"
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    (edit,) = finding.fix.edits
    assert text[edit.start : edit.end] == "4,863.47"
    rate = load_table().lookup("USD", day).value
    expected = (Decimal(900_000) / rate).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
    assert edit.replacement == f"{expected:,}"
