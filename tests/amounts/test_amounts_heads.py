"""Where an amount starts: a code or word before the number, a sign, a bare number.

One scan over the digits finds both the bare numbers and the numbers a code or "Tenge"
may lead (issue 15): these cases pin down the readings at the edges of that scan, where
a prefix word ends right before a number, glued or spaced, inside a longer word or not.
"""

from __future__ import annotations

import pytest

from ._expect import Want, check

NBSP, NNBSP = "\u00a0", "\u202f"

CASES = [
    pytest.param(
        "USD 250 was wired on Monday.",
        [Want("USD 250", "250", "USD")],
        id="code-at-text-start",
    ),
    pytest.param(
        f"The bank sold EUR{NBSP}40 million of notes.",
        [Want(f"EUR{NBSP}40 million", "40000000", "EUR", "million")],
        id="code-nbsp-number",
    ),
    pytest.param(
        f"Its cost was KZT{NNBSP}1 250 000 in all.",
        [Want(f"KZT{NNBSP}1 250 000", "1250000", "KZT")],
        id="code-narrow-nbsp-grouped-number",
    ),
    pytest.param(
        "The fund put KZT7.5bn into roads and KZT 300 bln into rail.",
        [
            Want("KZT7.5bn", "7500000000", "KZT", "bn", decimals=1),
            Want("KZT 300 bln", "300000000000", "KZT", "bln"),
        ],
        id="code-before-a-bare-amount",
    ),
    pytest.param(
        "Tenge 300 were paid per visit, TENGE 40 per call.",
        [Want("Tenge 300", "300", "KZT"), Want("TENGE 40", "40", "KZT")],
        id="tenge-word-before-a-plain-number",
    ),
    pytest.param(
        "Rates were RUB 5, USD 7 and CNY 9 on the board.",
        [Want("RUB 5", "5", "RUB"), Want("USD 7", "7", "USD"), Want("CNY 9", "9", "CNY")],
        id="codes-in-a-row",
    ),
    pytest.param(
        "Lot XKZT5 and part MUSD 12 were sold.",
        [],
        id="code-inside-a-longer-word",
    ),
    pytest.param(
        "The Challenge 5 billion tenge fund opened.",
        [Want("5 billion tenge", "5000000000", "KZT", "billion")],
        id="word-ending-like-tenge",
    ),
    pytest.param(
        "A kilogram sells for T841 per kilogram, or T1.5 billion a year.",
        [
            Want("T841", "841", "KZT"),
            Want("T1.5 billion", "1500000000", "KZT", "billion", decimals=1),
        ],
        id="tenge-letter",
    ),
]


@pytest.mark.parametrize(("sentence", "wants"), CASES)
def test_heads(sentence: str, wants: list[Want]) -> None:
    check(sentence, wants)


def test_tail_groups_in_the_order_they_are_read() -> None:
    """The reader takes the tail's groups by position (``Match.groups``), not by name."""
    from moneyfix.amounts.scanner import _patterns

    assert tuple(_patterns().tail.groupindex) == (
        "rsep", "num2", "mag", "units", "cspace", "paren", "cur", "sub", "count", "subword",
    )  # fmt: skip
