"""Conversion pairs (SPEC §4): sentence -> which amounts restate which, and how.

Our own sentences for each way news links an amount to its conversion, and for the
look-alikes that are not conversions (a rate, a share of GDP, a count, an index).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import moneyfix
from moneyfix.pairs import find_pairs


def pairs_in(sentence: str, lang: str = "en") -> list[tuple[str, str, str]]:
    amounts = moneyfix.find_amounts(sentence, lang=lang)
    return [
        (amounts[p.primary].text, amounts[p.conversion].text, p.kind)
        for p in find_pairs(sentence, amounts)
    ]


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        pytest.param(
            "en",
            "The bridge costs 63 billion tenge (US$148.42 million).",
            [("63 billion tenge", "US$148.42 million", "parenthesis")],
            id="parenthesis",
        ),
        pytest.param(
            "en",
            "The bridge costs 63 billion tenge (about $148 million).",
            [("63 billion tenge", "$148 million", "parenthesis")],
            id="parenthesis-with-hedge",
        ),
        pytest.param(
            "en",
            "The bridge costs 63 billion tenge [US$148.42 million].",
            [("63 billion tenge", "US$148.42 million", "parenthesis")],
            id="square-brackets",
        ),
        pytest.param(
            "en",
            "The bridge costs 63 billion tenge (or about $148 million).",
            [("63 billion tenge", "$148 million", "parenthesis")],
            id="parenthesis-or",
        ),
        pytest.param(
            "en",
            "The bridge costs 63 billion tenge (i.e. $148.42 million).",
            [("63 billion tenge", "$148.42 million", "parenthesis")],
            id="parenthesis-ie",
        ),
        pytest.param(
            "ru",
            "Мост обойдётся в 63 млрд тенге (т.е. $148,4 млн).",
            [("63 млрд тенге", "$148,4 млн", "parenthesis")],
            id="ru-parenthesis-te",
        ),
        pytest.param(
            "en",
            "The bridge costs 63 billion tenge, or US$148.42 million.",
            [("63 billion tenge", "US$148.42 million", "or")],
            id="comma-or",
        ),
        pytest.param(
            "en",
            "The bridge costs 63 billion tenge – approximately $148 million.",
            [("63 billion tenge", "$148 million", "dash")],
            id="dash",
        ),
        pytest.param(
            "en",
            "The bridge costs 63 billion tenge, equivalent to $148.42 million, in all.",
            [("63 billion tenge", "$148.42 million", "equivalent")],
            id="equivalent-to",
        ),
        pytest.param(
            "en",
            "The bridge costs 63 billion tenge, which is about $148 million.",
            [("63 billion tenge", "$148 million", "equivalent")],
            id="which-is",
        ),
        pytest.param(
            "ru",
            "Мост обойдётся в 63 млрд тенге, что эквивалентно $148,4 млн.",
            [("63 млрд тенге", "$148,4 млн", "equivalent")],
            id="ru-chto-ekvivalentno",
        ),
        pytest.param(
            "ru",
            "Мост обойдётся в 63 млрд тенге (в эквиваленте $148,4 млн).",
            [("63 млрд тенге", "$148,4 млн", "parenthesis")],
            id="ru-v-ekvivalente",
        ),
        pytest.param(
            "en",
            "One US dollar = 424.49 tenge on the day of the vote.",
            [],
            id="no-number-before-the-rate",
        ),
        pytest.param(
            "en",
            "The official rate was 1 USD = 424.49 tenge that day.",
            [("1 USD", "424.49 tenge", "explicit-rate")],
            id="written-rate",
        ),
        pytest.param(
            "en",
            "The loan was 5 billion tenge (188.35 tenge = $1 at the time).",
            [("188.35 tenge", "$1", "explicit-rate")],
            id="a-rate-in-parentheses-is-not-the-loan-in-dollars",
        ),
    ],
)
def test_conversions_are_paired(lang: str, sentence: str, expected: list[tuple[str, ...]]) -> None:
    assert pairs_in(sentence, lang) == expected


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        pytest.param("en", "Revenue was 5.5 trillion tenge, or 5.3% of GDP.", id="share-of-gdp"),
        pytest.param(
            "en",
            "The fund spent 3.8 trillion tenge, which is 18 percent more than a year ago.",
            id="which-is-a-percentage",
        ),
        pytest.param("en", "The city built 2 billion tenge (5,400 flats).", id="a-count"),
        pytest.param("ru", "Штраф – 15 МРП (51 750 тенге).", id="ru-mrp-in-tenge"),
        pytest.param(
            "en", "Spending reached 100 billion tenge (US$235.59 per capita).", id="per-capita"
        ),
        pytest.param(
            "en", "Spending reached 100 billion tenge ($235 a month per household).", id="a-month"
        ),
        pytest.param("ru", "Расходы – 100 млрд тенге ($235 на душу населения).", id="ru-na-dushu"),
    ],
)
def test_look_alikes_are_not_paired(lang: str, sentence: str) -> None:
    assert pairs_in(sentence, lang) == []


def test_the_implied_rate_is_kzt_per_unit_of_the_other_currency() -> None:
    sentence = "The bridge costs 63 billion tenge, equivalent to $148.42 million."
    amounts = moneyfix.find_amounts(sentence)
    (pair,) = find_pairs(sentence, amounts)
    assert pair.implied_rate == Decimal("63e9") / Decimal("148.42e6")
