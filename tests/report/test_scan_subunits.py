"""How an amount stated in a subunit appears in scan output (issue 10, point 4): its
value in the main unit and its currency's code, as every amount; JSON and JSONL add the
subunit word as ``subunit`` on that amount only, so other amounts keep their fields."""

from __future__ import annotations

import json

import moneyfix
from moneyfix.model import FileReport
from moneyfix.pairs import find_pairs
from moneyfix.report import render_amounts

TEXT = "A ride costs 50 tenge (11 cents) today.\n"


def _report() -> FileReport:
    amounts = moneyfix.find_amounts(TEXT)
    return FileReport("ride.txt", TEXT, amounts=amounts, pairs=find_pairs(TEXT, amounts))


def test_json_gives_the_value_in_dollars_and_notes_the_cents() -> None:
    (entry,) = json.loads(render_amounts([_report()], "json"))["files"]
    tenge, cents = entry["amounts"]
    assert "subunit" not in tenge
    assert {k: cents[k] for k in ("text", "value", "currency", "decimals", "subunit")} == {
        "text": "11 cents",
        "value": "0.11",
        "currency": "USD",
        "decimals": 0,
        "subunit": "cents",
    }
    assert cents["assumed_currency"] is True  # bare cents, like a bare "$"
    (pair,) = entry["pairs"]
    assert pair["implied_rate"].startswith("454.54")


def test_jsonl_notes_the_subunit_and_csv_keeps_its_columns() -> None:
    rows = [json.loads(line) for line in render_amounts([_report()], "jsonl").splitlines()]
    assert [row.get("subunit") for row in rows] == [None, "cents"]
    header, _, cents = render_amounts([_report()], "csv").splitlines()
    assert "subunit" not in header
    assert cents.split(",")[5:8] == ["11 cents", "0.11", "USD"]
