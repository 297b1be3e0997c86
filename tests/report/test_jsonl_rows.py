"""``scan --format jsonl`` rows: written without a dict, the same text ``json.dumps`` gives.

The row writer spells each line out by hand for speed; these tests hold it to the
standard library's encoding of the same fields, for every kind of field value.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from moneyfix.model import Amount
from moneyfix.report.amounts import ConvertedValue, JsonlRow, amount_dict, stream_rows
from moneyfix.report.positions import LineIndex

TEXT = 'Budget: about 5-7 billion tenge\n(US$12.5 million), "quoted" \\ 30 тыс. тенге\n'


def _reference(path: str, number: int, amount: Amount, converted: object, with_conv: bool) -> str:
    obj = amount_dict(amount, LineIndex(TEXT), converted, with_conv=with_conv)  # type: ignore[arg-type]
    return json.dumps({"path": path, "index": number, **obj}, ensure_ascii=False) + "\n"


AMOUNTS = [
    Amount(
        14,
        31,
        TEXT[14:31],
        Decimal("5E+9"),
        "KZT",
        "billion",
        0,
        True,
        "about",
        (Decimal("5E+9"), Decimal("7E+9")),
    ),
    Amount(33, 48, TEXT[33:48], Decimal("12500000.0"), "USD", "million", 1),
    Amount(
        TEXT.index("30"),
        len(TEXT) - 1,
        TEXT[TEXT.index("30") : -1],
        Decimal("-30000"),
        None,
        None,
        0,
        False,
        None,
        None,
        True,
        "'30' could be read two ways",
    ),
    Amount(0, 0, "", Decimal("0.001"), "KZT"),
    Amount(33, 48, TEXT[33:48], Decimal("0.11"), "USD", subunit="cents"),
    Amount(len(TEXT), len(TEXT), "", Decimal("1"), "EUR"),
]


def test_rows_equal_the_standard_encoding() -> None:
    for with_conv in (False, True):
        row = JsonlRow('dir/"odd" name.txt', LineIndex(TEXT), with_conv=with_conv)
        for number, amount in enumerate(AMOUNTS):
            for converted in (None, ConvertedValue(Decimal("1.50"), "USD", dt.date(2020, 1, 2))):
                expected = _reference('dir/"odd" name.txt', number, amount, converted, with_conv)
                assert row(amount, number, converted) == expected


def test_a_row_spans_two_lines() -> None:
    row = json.loads(JsonlRow("a.txt", LineIndex(TEXT), with_conv=False)(AMOUNTS[0], 0, None))
    assert (row["line"], row["column"], row["end_line"], row["end_column"]) == (1, 15, 1, 32)
    row = json.loads(
        JsonlRow("a.txt", LineIndex(TEXT), with_conv=False)(
            Amount(26, 40, TEXT[26:40], Decimal(1), "KZT"), 0, None
        )
    )
    assert (row["line"], row["column"], row["end_line"], row["end_column"]) == (1, 27, 2, 9)
    assert row["text"] == "tenge\n(US$12.5"


@given(st.text(max_size=30), st.text(max_size=10))
def test_any_text_is_encoded_as_json_does(text: str, path: str) -> None:
    amount = Amount(0, len(text), text, Decimal("2.5"), "KZT", qualifier=text or None)
    index = LineIndex(text)
    expected = {"path": path, "index": 3, **amount_dict(amount, index, with_conv=False)}
    assert JsonlRow(path, index, with_conv=False)(amount, 3, None) == (
        json.dumps(expected, ensure_ascii=False) + "\n"
    )


def test_stream_rows_numbers_rows_from_zero() -> None:
    out = io.StringIO()
    count = stream_rows("jsonl", "a.txt", TEXT, AMOUNTS[:3], out)
    lines = out.getvalue().splitlines()
    assert count == 3 and [json.loads(line)["index"] for line in lines] == [0, 1, 2]
    assert json.loads(lines[1])["text"] == "US$12.5 million"
