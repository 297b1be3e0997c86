"""Every format against its golden file, from the same hand-built reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from moneyfix.report import (
    CHECK_FORMATS,
    FORMAT_SUFFIXES,
    ConvertedValue,
    render_amounts,
    render_findings,
)
from moneyfix.report import sarif as sarif_format

from ._data import all_reports
from ._golden import check_golden

_EXT = FORMAT_SUFFIXES


@pytest.mark.parametrize("fmt", [f for f in CHECK_FORMATS if f not in ("sarif", "html")])
def test_check_format_golden(fmt: str) -> None:
    check_golden(f"check-{fmt}.{_EXT[fmt]}", render_findings(all_reports(), fmt))


# The html review page is read back by structure instead (test_review_page.py).


def test_sarif_golden() -> None:
    # A fixed tool version keeps the golden file valid across releases.
    check_golden("check-sarif.json", sarif_format.render(all_reports(), version="0.0.0-test"))


CONVERSIONS = {
    ("reports/roads.txt", 0): ConvertedValue(Decimal("235576809.82"), "USD", dt.date(2020, 11, 24)),
    ("reports/roads.txt", 2): ConvertedValue(Decimal("148414567.49"), "USD", dt.date(2020, 11, 24)),
    ("news/бюджет 2021.md", 0): ConvertedValue(Decimal("17878426.70"), "USD", dt.date(2021, 3, 1)),
}


@pytest.mark.parametrize(
    ("fmt", "ext"), [("table", "txt"), ("json", "json"), ("jsonl", "jsonl"), ("csv", "csv")]
)
def test_scan_format_golden(fmt: str, ext: str) -> None:
    check_golden(f"scan-{fmt}.{ext}", render_amounts(all_reports(), fmt))


@pytest.mark.parametrize(("fmt", "ext"), [("table", "txt"), ("json", "json"), ("csv", "csv")])
def test_scan_format_with_conversions_golden(fmt: str, ext: str) -> None:
    out = render_amounts(all_reports(), fmt, conversions=CONVERSIONS)
    check_golden(f"scan-{fmt}-to-usd.{ext}", out)
