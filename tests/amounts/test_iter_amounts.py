"""Reading a long text a chunk at a time gives the amounts of reading it whole."""

from __future__ import annotations

import moneyfix
from moneyfix.amounts import iter_amounts
from moneyfix.model import Amount

_ARTICLE = (
    "The akimat will spend 12.5 billion tenge (US$29.4 million) on heating.\n"
    "Officials said more than 300 families moved in; rents rose 4 percent.\n\n"
    "A further KZT 7 bln goes to roads, and about $3 million to bridges.\n"
)


def _spans(amounts: list[Amount]) -> list[tuple[int, int, str, str]]:
    return [(a.start, a.end, a.text, str(a.value)) for a in amounts]


def test_chunks_give_the_same_amounts_as_the_whole_text() -> None:
    text = _ARTICLE * 200
    whole = moneyfix.find_amounts(text)
    for chunk in (50, 333, 4096):
        assert _spans(list(iter_amounts(text, "en", chunk=chunk))) == _spans(whole)


def test_spans_point_into_the_whole_text() -> None:
    text = _ARTICLE * 3
    for amount in iter_amounts(text, "en", chunk=40):
        assert text[amount.start : amount.end] == amount.text


def test_offset_shifts_the_spans() -> None:
    (amount,) = moneyfix.find_amounts("cost $3 million", offset=100)
    assert (amount.start, amount.end) == (105, 115)
