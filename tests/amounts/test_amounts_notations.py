"""Exchange rates written as notations (our own sentences): the figure is the price of
one unit, in the quoting currency, and a pair of codes names that unit.

Read wrongly, "363.28 USD / KZT" is 363 dollars and "147,55/$1" one dollar with no rate.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from moneyfix.amounts import iter_amounts, notations

from ._expect import Want, check

NOTATIONS = [
    pytest.param(
        "en",
        "On Monday the tenge closed at 363.28 USD / KZT.",
        [Want("363.28", "363.28", "KZT", decimals=2), Want("USD", "1", "USD")],
        id="figure-before-codes",
    ),
    pytest.param(
        "en",
        "The tenge firmed to 331.26 KZT/USD on Friday.",
        [Want("331.26 KZT", "331.26", "KZT", decimals=2), Want("USD", "1", "USD")],
        id="figure-with-its-code",
    ),
    pytest.param(
        "en",
        "By noon the quote was USD / KZT 444.32, up a little.",
        [Want("USD", "1", "USD"), Want("KZT 444.32", "444.32", "KZT", decimals=2)],
        id="codes-before-the-figure",
    ),
    pytest.param(
        "en",
        "The euro traded at 1.08 EUR/USD on the day.",
        [Want("1.08", "1.08", "USD", decimals=2), Want("EUR", "1", "EUR")],
        id="no-tenge",
    ),
    pytest.param(
        "ru",
        "Биржевой курс тенге составил 147,55/$1.",
        [
            Want("147,55", "147.55", "KZT", decimals=2, assumed=True),
            Want("$1", "1", "USD", assumed=True),
        ],
        id="ru-figure-over-one-dollar",
    ),
    pytest.param(
        "ru",
        "Курсы: 1 евро - 180,25, 1 российский рубль - 4,72 тенге.",
        [
            Want("1 евро", "1", "EUR"),
            Want("180,25", "180.25", "KZT", decimals=2, assumed=True),
            Want("1 российский рубль", "1", "RUB"),
            Want("4,72 тенге", "4.72", "KZT", decimals=2),
        ],
        id="ru-rate-list",
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "wants"), NOTATIONS)
def test_rate_notations_are_read_as_rates(lang: str, sentence: str, wants: list[Want]) -> None:
    check(sentence, wants, lang=lang)


@pytest.mark.parametrize(
    ("lang", "sentence", "wants"),
    [
        pytest.param(
            "en",
            "USD/KZT 383.43  +0.13\nEUR/KZT 432.47  -1.04\nThe budget grew by 5 billion tenge.",
            [Want("5 billion tenge", "5000000000", "KZT", "billion")],
            id="a-page-ticker-on-its-own-lines",
        ),
        pytest.param(
            "en",
            "USD/KZT 442.85 The fund paid 3 billion tenge to the contractor.",
            [Want("3 billion tenge", "3000000000", "KZT", "billion")],
            id="a-ticker-before-the-text-on-its-line",
        ),
        pytest.param(
            "en",
            "The rate was 379.29 / $ 1 that day.",
            [Want("$ 1", "1", "USD", assumed=True)],
            id="a-figure-over-a-dollar-in-a-text-without-tenge",
        ),
        pytest.param(
            "en",
            "Parking: 1 euro - 2 hours, 500 tenge - a day.",
            [Want("1 euro", "1", "EUR"), Want("500 tenge", "500", "KZT")],
            id="a-price-list-of-counts",
        ),
    ],
)
def test_look_alikes_of_rate_notations(lang: str, sentence: str, wants: list[Want]) -> None:
    check(sentence, wants, lang=lang)


def test_notation_spans_hold_in_a_long_text_read_in_chunks() -> None:
    text = "The market was calm.\n" * 50 + "The tenge closed at 363.28 USD / KZT.\n"
    amounts = list(iter_amounts(text, chunk=100))
    assert [text[a.start : a.end] for a in amounts] == ["363.28", "USD"]


# Pairs of codes are looked for only around slashes; the pattern over the whole text
# must find exactly the same, wherever runs of codes, figures and slashes meet.
_PAIR_ALPHABET = "USDKZTEUR/ 0123456789.,\u00a0axU\n"


@given(st.text(alphabet=_PAIR_ALPHABET, max_size=80))
def test_pairs_found_around_slashes_as_over_the_whole_text(text):
    whole = [m.span() for m in notations._CODE_PAIR.finditer(text)]
    assert [m.span() for m in notations._code_pair_matches(text)] == whole


def test_pairs_in_a_run_of_slashes_and_figures():
    text = "x 1.5 USD/KZT/EUR 2 KZT / USD 363.28/1 EUR/ KZT"
    whole = [m.span() for m in notations._CODE_PAIR.finditer(text)]
    assert len(whole) == 3
    assert [m.span() for m in notations._code_pair_matches(text)] == whole


_TENGE_AS_WRITTEN = re.compile(r"(?i)\b(?:KZT|tenge|teńge|тенге|теңге)")
"""What ``notations._TENGE`` means; it is written another way to be searched faster."""

_AROUND_TENGE = st.lists(
    st.sampled_from(
        [
            *["tenge", "TENGE", "Teńge", "KZT", "kzt", "теңге", "ТЕНГЕ", "тенге"],
            *"KkZzTtEeNnGgńŃ\u212aТтЕеНнГгҢң\u1c84\u1c85x1_- .",
        ]
    ),
    max_size=12,
).map("".join)


@given(_AROUND_TENGE)
@example("\u212aZT and \u1c84енге, not xKZT")  # Kelvin sign, "tall te": (?i) matches them
def test_the_tenge_word_is_found_where_its_plain_pattern_finds_it(text: str) -> None:
    found = [m.span() for m in notations._TENGE.finditer(text)]
    assert found == [m.span() for m in _TENGE_AS_WRITTEN.finditer(text)]
