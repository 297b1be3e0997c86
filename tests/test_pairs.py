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
        # Hedges inside the parenthesis: whatever the scanner reads as an amount's hedge.
        pytest.param(
            "en",
            "The plant earned 45 billion tenge (a little over $100 million) last year.",
            [("45 billion tenge", "$100 million", "parenthesis")],
            id="a-little-over",
        ),
        pytest.param(
            "en",
            "The plant earned 45 billion tenge (slightly more than $100 million) last year.",
            [("45 billion tenge", "$100 million", "parenthesis")],
            id="slightly-more-than",
        ),
        pytest.param(
            "en",
            "The plant earned 170 billion tenge (equivalent to more than $380 million).",
            [("170 billion tenge", "$380 million", "parenthesis")],
            id="equivalent-to-more-than",
        ),
        pytest.param(
            "en",
            "Exports shrank by 1 trillion tenge (by about $2.2 billion) over the year.",
            [("1 trillion tenge", "$2.2 billion", "parenthesis")],
            id="by-about",
        ),
        pytest.param(
            "en",
            "The plant earned 45 billion tenge (~$100 million) last year.",
            [("45 billion tenge", "$100 million", "parenthesis")],
            id="tilde",
        ),
        pytest.param(
            "ru",
            "Завод заработал 45 млрд тенге (немногим более $100 млн) за год.",
            [("45 млрд тенге", "$100 млн", "parenthesis")],
            id="ru-nemnogim-bolee",
        ),
        pytest.param(
            "kk",
            "Зауыт 45 млрд теңге (шамамен 100 млн доллар) тапты.",
            [("45 млрд теңге", "100 млн доллар", "parenthesis")],
            id="kk-shamamen",
        ),
        pytest.param(
            "kk",
            "Zaýyt 45 mlrd teńge (shamamen 100 mln dollar) tapty.",
            [("45 mlrd teńge", "100 mln dollar", "parenthesis")],
            id="kk-latin-shamamen",
        ),
        pytest.param(
            "kk",
            "Зауыт 45 млрд теңгеден астам (100 млн доллар) тапты.",
            [("45 млрд теңгеден", "100 млн доллар", "parenthesis")],
            id="kk-hedge-after-the-primary",
        ),
        # A word or two between the primary and its parenthesis.
        pytest.param(
            "en",
            "The city received a 200 million tenge grant (€0.4 million) for parks.",
            [("200 million tenge", "€0.4 million", "parenthesis")],
            id="a-noun-before-the-parenthesis",
        ),
        pytest.param(
            "en",
            "The region ran a 180 billion tenge budget surplus ($400 million) in May.",
            [("180 billion tenge", "$400 million", "parenthesis")],
            id="two-nouns-before-the-parenthesis",
        ),
        pytest.param(
            "kk",
            "Әр жобаға 500 млн теңгеге дейін (1 млн долларға дейін) бөлінеді.",
            [("500 млн теңгеге", "1 млн долларға", "parenthesis")],
            id="kk-postposition-before-the-parenthesis",
        ),
        # Ranges converted to ranges.
        pytest.param(
            "en",
            "Grants run from 600 million tenge to 4.5 billion tenge "
            "(from $1.3 million to $10 million).",
            [
                ("600 million tenge", "$1.3 million", "parenthesis"),
                ("4.5 billion tenge", "$10 million", "parenthesis"),
            ],
            id="range-to-range",
        ),
        pytest.param(
            "ru",
            "Гранты – от 600 млн тенге до 4,5 млрд тенге (от $1,3 млн до $10 млн).",
            [
                ("600 млн тенге", "$1,3 млн", "parenthesis"),
                ("4,5 млрд тенге", "$10 млн", "parenthesis"),
            ],
            id="ru-range-to-range",
        ),
        pytest.param(
            "ru",
            "Зарплаты выросли от 393 тысяч до 1,1 миллиона тенге ($800 и $2200).",
            [
                ("393 тысяч", "$800", "parenthesis"),
                ("1,1 миллиона тенге", "$2200", "parenthesis"),
            ],
            id="ru-range-to-two-figures",
        ),
        pytest.param(
            "en",
            "Fares will be 13 and 15 tenge (8 and 9 rubles) per ride.",
            [("13", "8", "parenthesis"), ("15 tenge", "9 rubles", "parenthesis")],
            id="a-list-converted-to-a-list",
        ),
        pytest.param(
            "ru",
            "Грузовики заплатят 19 и 22 тенге, что эквивалентно 3,4 и 3,9 руб.",
            [
                ("19", "3,4", "equivalent"),
                ("22 тенге", "3,9 руб.", "equivalent"),
            ],
            id="ru-a-list-equivalent-to-a-list",
        ),
        # The restatement in the next sentence, and ru/kk connectors.
        pytest.param(
            "en",
            "The new terminal will cost $100 million. This is approximately 46 billion tenge.",
            [("$100 million", "46 billion tenge", "equivalent")],
            id="next-sentence",
        ),
        pytest.param(
            "ru",
            "Терминал обойдётся в 46 млрд тенге. Это около $100 млн.",
            [("46 млрд тенге", "$100 млн", "equivalent")],
            id="ru-next-sentence",
        ),
        pytest.param(
            "ru",
            "Терминал обойдётся в 46 млрд тенге — это порядка $100 млн.",
            [("46 млрд тенге", "$100 млн", "dash")],
            id="ru-dash-eto-poryadka",
        ),
        pytest.param(
            "kk",
            "Терминалға 46 млрд теңге, яғни 100 млн доллар жұмсалады.",
            [("46 млрд теңге", "100 млн доллар", "equivalent")],
            id="kk-yagni",
        ),
        pytest.param(
            "ru",
            "Терминал обойдётся в 46 млрд тенге, то есть около $100 млн.",
            [("46 млрд тенге", "$100 млн", "equivalent")],
            id="ru-to-est",
        ),
        pytest.param(
            "en",
            "Net income reached $1,025.2 m., (KZT152.7 bn.) in the year.",
            [("$1,025.2 m", "KZT152.7 bn", "parenthesis")],
            id="abbreviation-dot-and-comma-before-the-parenthesis",
        ),
        pytest.param(
            "en",
            "The lender booked 3.5 billion tenge of net loss ($8.3 million) in May.",
            [("3.5 billion tenge", "$8.3 million", "parenthesis")],
            id="three-words-before-the-parenthesis",
        ),
        pytest.param(
            "en",
            "Loans of up to 36,000,000 tenge/200,000 US dollars are refinanced.",
            [("36,000,000 tenge", "200,000 US dollars", "or")],
            id="slash-between-two-amounts",
        ),
        # Rate notations: explicit rates, the one unit the per side.
        pytest.param(
            "en",
            "On Monday the tenge closed at 363.28 USD / KZT.",
            [("363.28", "USD", "explicit-rate")],
            id="figure-before-a-pair-of-codes",
        ),
        pytest.param(
            "en",
            "The tenge firmed to 331.26 KZT/USD on Friday.",
            [("331.26 KZT", "USD", "explicit-rate")],
            id="figure-and-code-before-the-other-code",
        ),
        pytest.param(
            "en",
            "By noon the quote was USD / KZT 444.32, up a little.",
            [("USD", "KZT 444.32", "explicit-rate")],
            id="pair-of-codes-before-the-figure",
        ),
        pytest.param(
            "ru",
            "Биржевой курс тенге составил 147,55/$1.",
            [("147,55", "$1", "explicit-rate")],
            id="ru-figure-over-one-dollar",
        ),
        pytest.param(
            "ru",
            "Курс тенге на бирже – 379,29 / $ 1 к закрытию.",
            [("379,29", "$ 1", "explicit-rate")],
            id="ru-figure-over-one-dollar-spaced",
        ),
        pytest.param(
            "en",
            "The National Bank set the rate at 520.27 tenge per 1 dollar.",
            [("520.27 tenge", "1 dollar", "explicit-rate")],
            id="tenge-per-one-dollar",
        ),
        pytest.param(
            "en",
            "Official rates: 1 US dollar - 379.29 tenge, 1 euro - 426.4 tenge.",
            [
                ("1 US dollar", "379.29 tenge", "explicit-rate"),
                ("1 euro", "426.4 tenge", "explicit-rate"),
            ],
            id="rate-list-with-tenge",
        ),
        pytest.param(
            "ru",
            "Курсы Нацбанка: 1 евро - 180,25, 1 российский рубль - 4,72, 1 китайский юань - "
            "21,76 тенге.",
            [
                ("1 евро", "180,25", "explicit-rate"),
                ("1 российский рубль", "4,72", "explicit-rate"),
                ("1 китайский юань", "21,76 тенге", "explicit-rate"),
            ],
            id="ru-rate-list-without-tenge-after-each-figure",
        ),
        pytest.param(
            "en",
            "At the close one dollar cost 412.5 tenge, a new low.",
            [("one dollar", "412.5 tenge", "explicit-rate")],
            id="one-unit-and-a-verb",
        ),
        pytest.param(
            "en",
            "Then one dollar jumped to 412.5 tenge.",
            [("one dollar", "412.5 tenge", "explicit-rate")],
            id="one-unit-jumped-to",
        ),
        pytest.param(
            "en",
            "Brokers expect that 1 US dollar will be about 450 tenges by spring.",
            [("1 US dollar", "450 tenges", "explicit-rate")],
            id="one-unit-will-be-about",
        ),
        pytest.param(
            "ru",
            "Сегодня 1 рубль по курсу Нацбанка равен 6,02 тенге.",
            [("1 рубль", "6,02 тенге", "explicit-rate")],
            id="ru-one-unit-ravno",
        ),
        pytest.param(
            "en",
            "Dealers quoted about 412 tenges to $1 at noon.",
            [("412 tenges", "$1", "explicit-rate")],
            id="tenge-to-one-dollar",
        ),
        # A conversion whose primary leaves its currency out: the paragraph's other money.
        pytest.param(
            "ru",
            "Раньше дом стоил 60 тысяч долларов, теперь 40 тысяч (19,6 млн тенге).",
            [("40 тысяч", "19,6 млн тенге", "parenthesis")],
            id="ru-elided-currency",
        ),
        pytest.param(
            "en",
            "Exports were $3 billion, imports 2 billion (980 billion tenge).",
            [("2 billion", "980 billion tenge", "parenthesis")],
            id="elided-currency-of-the-same-size",
        ),
        # An index restated in tenge: a pair of its own kind, never a conversion.
        pytest.param(
            "ru",
            "Штраф – 15 МРП (51 750 тенге).",
            [("15 МРП", "51 750 тенге", "index")],
            id="ru-mrp-in-tenge",
        ),
        pytest.param(
            "kk",
            "Айыппұл 20 АЕК (73 840 теңге) құрайды.",
            [("20 АЕК", "73 840 теңге", "index")],
            id="kk-aek-in-tenge",
        ),
        pytest.param(
            "en",
            "The fine is 10 MRP, or about 36,900 tenge.",
            [("10 MRP", "36,900 tenge", "index")],
            id="mrp-or-tenge",
        ),
        # Subunits (issue 10, point 4): an amount of their currency, paired as one.
        pytest.param(
            "en",
            "A ride costs 50 tenge (11 cents) now.",
            [("50 tenge", "11 cents", "parenthesis")],
            id="tenge-in-cents",
        ),
        pytest.param(
            "en",
            "A ride costs 80 tenge (about 18c).",
            [("80 tenge", "18c", "parenthesis")],
            id="tenge-in-cents-letter",
        ),
        pytest.param(
            "ru",
            "Рубль подешевел на 10 копеек (58 тиын).",
            [("10 копеек", "58 тиын", "parenthesis")],
            id="ru-kopecks-in-tiyn",
        ),
        pytest.param(
            "ru",
            "Доллар стоил 1 доллар (482 тенге 50 тиынов) в пятницу.",
            [("1 доллар", "482 тенге 50 тиынов", "explicit-rate")],
            id="ru-rate-with-tiyn",
        ),
        pytest.param(
            "kk",
            "Жол ақысы 200 теңге, яғни 45 цент болды.",
            [("200 теңге", "45 цент", "equivalent")],
            id="kk-tenge-in-cents",
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
        pytest.param(
            "en", "Spending reached 100 billion tenge (US$235.59 per capita).", id="per-capita"
        ),
        pytest.param(
            "en", "Spending reached 100 billion tenge ($235 a month per household).", id="a-month"
        ),
        pytest.param("ru", "Расходы – 100 млрд тенге ($235 на душу населения).", id="ru-na-dushu"),
        pytest.param(
            "en",
            "Revenue hit 5 trillion tenge. That was $2 billion less than a year ago.",
            id="next-sentence-a-difference",
        ),
        pytest.param(
            "en",
            "Fees start at 4.5 million tenge (from $1,400 upwards for foreigners).",
            id="one-amount-against-the-low-end-of-a-range",
        ),
        pytest.param(
            "en",
            "The bank lent 5 billion tenge to Halyk ($10 million went elsewhere).",
            id="a-joining-word-before-the-parenthesis",
        ),
        pytest.param("en", "The fine is 10 MRP ($70).", id="mrp-in-dollars"),
        pytest.param("en", "A case costs 8,000 tenge (iPhone 5c).", id="a-model-name-not-cents"),
        pytest.param(
            "ru", "Средняя цена – 30 тысяч (14,8 млн тенге).", id="elided-and-no-other-money"
        ),
        pytest.param("en", "He paid 1 euro and 5 dollars for it.", id="unit-and-amount"),
        pytest.param("en", "USD/KZT 383.43  +0.13\nThe budget grew.", id="a-page-ticker"),
        pytest.param(
            "en", "The fee is 3,000 tenge - 1 person, 5,000 tenge - 2 people.", id="a-price-list"
        ),
    ],
)
def test_look_alikes_are_not_paired(lang: str, sentence: str) -> None:
    assert pairs_in(sentence, lang) == []


def test_the_implied_rate_is_kzt_per_unit_of_the_other_currency() -> None:
    sentence = "The bridge costs 63 billion tenge, equivalent to $148.42 million."
    amounts = moneyfix.find_amounts(sentence)
    (pair,) = find_pairs(sentence, amounts)
    assert pair.implied_rate == Decimal("63e9") / Decimal("148.42e6")


@pytest.mark.parametrize(
    ("lang", "sentence", "rate"),
    [
        pytest.param("en", "On Monday the tenge closed at 363.28 USD / KZT.", "363.28", id="codes"),
        pytest.param("ru", "Биржевой курс тенге составил 147,55/$1.", "147.55", id="over-one"),
        pytest.param("ru", "Курсы: 1 евро - 180,25, 1 рубль - 4,72 тенге.", "180.25", id="list"),
        pytest.param("en", "The euro traded at 1.08 EUR/USD on the day.", "1.08", id="no-tenge"),
        pytest.param("en", "That day 1 euro = 1.08 dollars.", "1.08", id="no-tenge-equals"),
    ],
)
def test_a_written_rate_is_per_its_one_unit(lang: str, sentence: str, rate: str) -> None:
    amounts = moneyfix.find_amounts(sentence, lang=lang)
    first = find_pairs(sentence, amounts)[0]
    assert first.kind == "explicit-rate"
    assert first.implied_rate == Decimal(rate)


def test_a_conversion_into_cents_implies_tenge_per_dollar() -> None:
    sentence = "A ride costs 50 tenge (11 cents)."
    amounts = moneyfix.find_amounts(sentence)
    (pair,) = find_pairs(sentence, amounts)
    assert pair.implied_rate is not None
    assert round(pair.implied_rate, 2) == Decimal("454.55")
