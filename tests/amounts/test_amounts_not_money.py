"""Numbers that are not money, parentheses, and ambiguity (SPEC §3).

A reader trusts the tool only if it stays quiet on years, percentages, counts, dates and
rate tickers, and never flips a sign because of accounting-style brackets.
"""

from __future__ import annotations

import pytest

import moneyfix

from ._expect import Want, check

NOTHING = [
    pytest.param("The plant opened in 2019 and expanded in 2023.", id="years"),
    pytest.param("Inflation slowed to 8.5% in October.", id="percent-sign"),
    pytest.param("Output grew 12 percent year on year.", id="percent-word"),
    pytest.param("Unemployment fell to 4.6 per cent.", id="per-cent-words"),
    pytest.param("About 7 million people live in the southern regions.", id="count-millions"),
    pytest.param("The company employs 1,200 workers at two sites.", id="count-grouped"),
    pytest.param("The developer finished (5,400 flats) ahead of time.", id="count-in-brackets"),
    pytest.param("The law takes effect on 1 January 2025.", id="date-day-month-year"),
    pytest.param("The vote is set for Nov. 24, 2020, in the capital.", id="date-us-style"),
    pytest.param("The report was signed on 24.11.2020 by the minister.", id="date-dotted"),
    pytest.param("USD/KZT 442.85 EUR/KZT 510.12 RUB/KZT 5.61", id="rate-tickers"),
    pytest.param("The new tower is 300m tall.", id="metres-not-millions"),
    pytest.param("Thousands joined the 5k charity run.", id="5k-run"),
    pytest.param("Kazakhstan has 17 regions and 3 cities of national status.", id="small-counts"),
    pytest.param("The field holds 2 billion barrels of oil.", id="barrels-no-money"),
]


@pytest.mark.parametrize("sentence", NOTHING)
def test_not_money(sentence: str) -> None:
    check(sentence, [])


MIXED = [
    pytest.param(
        "The 45 billion tenge plan covers 7 million people across 17 regions in 2025.",
        [Want("45 billion tenge", "45e9", "KZT", "billion")],
        id="count-and-year-next-to-money",
    ),
    pytest.param(
        "Revenue rose 7.3 percent to 482 billion tenge.",
        [Want("482 billion tenge", "482e9", "KZT", "billion")],
        id="percent-next-to-money",
    ),
    pytest.param(
        "USD/KZT 442.85 The fund paid US$3 million to the contractor.",
        [Want("US$3 million", "3e6", "USD", "million")],
        id="ticker-next-to-money",
    ),
    pytest.param(
        "The field holds 2 billion barrels, and its licence cost $90 million.",
        [Want("$90 million", "9e7", "USD", "million", assumed=True)],
        id="barrels-next-to-money",
    ),
    # A careful reader does not take a population figure for money just because a money
    # figure of the same size came earlier in the sentence.
    pytest.param(
        "The city received 40 million tenge for parks; its population is 2 million.",
        [Want("40 million tenge", "4e7", "KZT", "million")],
        id="population-after-money",
    ),
    pytest.param(
        "On 24 November 2020 the fund spent 12 billion tenge.",
        [Want("12 billion tenge", "12e9", "KZT", "billion")],
        id="date-before-money",
    ),
]


@pytest.mark.parametrize(("sentence", "wants"), MIXED)
def test_only_the_money_is_read(sentence: str, wants: list[Want]) -> None:
    check(sentence, wants)


PARENTHESES = [
    pytest.param(
        "The grant (US$148.42 million) was paid in May.",
        [Want("US$148.42 million", "148420000", "USD", "million", decimals=2)],
        id="conversion-in-brackets",
    ),
    pytest.param(
        "The quarter ended with a loss (KZT 2.5 billion).",
        [Want("KZT 2.5 billion", "2.5e9", "KZT", "billion", decimals=1)],
        id="loss-in-brackets",
    ),
    pytest.param(
        "Net result: ($1,250) for the year.",
        [Want("$1,250", "1250", "USD", assumed=True)],
        id="accounting-brackets",
    ),
    pytest.param(
        "The write-off (5 billion tenge) hit the bank's capital.",
        [Want("5 billion tenge", "5e9", "KZT", "billion")],
        id="tenge-in-brackets",
    ),
]


@pytest.mark.parametrize(("sentence", "wants"), PARENTHESES)
def test_parentheses_never_make_negative(sentence: str, wants: list[Want]) -> None:
    check(sentence, wants)


def test_english_comma_before_three_digits_is_grouping() -> None:
    """In English text "1,234" is one thousand two hundred and thirty-four, not ambiguous."""
    (amount,) = moneyfix.find_amounts("The fee is 1,234 tenge.")
    assert amount.value == 1234
    assert amount.ambiguous is None


def test_amounts_come_in_text_order() -> None:
    text = "First $2 million, then 300 million tenge, then KZT 4 billion."
    starts = [a.start for a in moneyfix.find_amounts(text)]
    assert starts == sorted(starts)
    assert len(starts) == 3


def test_empty_and_moneyless_text() -> None:
    assert moneyfix.find_amounts("") == []
    assert moneyfix.find_amounts("No figures here at all.") == []
