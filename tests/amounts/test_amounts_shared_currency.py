"""Amounts whose currency word stands elsewhere (issue 11): lists that share one
currency word and magnitude, elliptical amounts whose currency the next or previous
amount states, and "in tenge equivalent". Items without their own currency word are
marked ``assumed``. Sentences of our own, of forms real news writes."""

from __future__ import annotations

import pytest

from ._expect import Want, check

CASES = [
    pytest.param(
        "en",
        "The bank will print coins of 50, 100, 2,000 and 10,000 tenge.",
        [
            Want("50", "50", "KZT", assumed=True),
            Want("100", "100", "KZT", assumed=True),
            Want("2,000", "2000", "KZT", assumed=True),
            Want("10,000 tenge", "10000", "KZT"),
        ],
        id="list-sharing-tenge",
    ),
    pytest.param(
        "en",
        "The three funds raised 4, 8, and 12 million dollars.",
        [
            Want("4", "4e6", "USD", "million", assumed=True),
            Want("8", "8e6", "USD", "million", assumed=True),
            Want("12 million dollars", "12e6", "USD", "million", assumed=True),
        ],
        id="list-sharing-magnitude-and-currency",
    ),
    pytest.param(
        "en",
        "The grants are 3 or 6 billion tenge a year.",
        [
            Want("3", "3e9", "KZT", "billion", assumed=True),
            Want("6 billion tenge", "6e9", "KZT", "billion"),
        ],
        id="or-list",
    ),
    pytest.param(
        "ru",
        "Проезд будет стоить 11 и 14 тенге, для фур 17 и 21 тенге.",
        [
            Want("11", "11", "KZT", assumed=True),
            Want("14 тенге", "14", "KZT"),
            Want("17", "17", "KZT", assumed=True),
            Want("21 тенге", "21", "KZT"),
        ],
        id="ru-i-list",
    ),
    pytest.param(
        "kk",
        "Бағам 503 және 507 теңге аралығында болды.",
        [Want("503", "503", "KZT", assumed=True), Want("507 теңге", "507", "KZT")],
        id="kk-jane-list",
    ),
    pytest.param(
        "ru",
        "Бюджет — 4, 9 и 12 млн тенге.",
        [
            Want("4", "4e6", "KZT", "млн", assumed=True),
            Want("9", "9e6", "KZT", "млн", assumed=True),
            Want("12 млн тенге", "12e6", "KZT", "млн"),
        ],
        id="ru-comma-list-is-not-a-decimal-comma",
    ),
    # Not lists: a comma alone, or a lone year before "and".
    pytest.param(
        "en",
        "In 2021, 6 billion tenge went to schools.",
        [Want("6 billion tenge", "6e9", "KZT", "billion")],
        id="comma-after-a-year-is-no-list",
    ),
    pytest.param(
        "en",
        "The plan for 2030 and 8 billion tenge of loans was signed.",
        [Want("8 billion tenge", "8e9", "KZT", "billion")],
        id="year-before-and-is-no-item",
    ),
    # Elliptical amounts: the currency of the amount a "to" leads to, or of the same
    # size in a parallel clause; a comparison "above the plan" after money.
    pytest.param(
        "ru",
        "Пособия составят от 212 тысяч до 1,4 миллиона тенге.",
        [
            Want("212 тысяч", "212000", "KZT", "тысяч", assumed=True),
            Want("1,4 миллиона тенге", "1.4e6", "KZT", "миллиона", decimals=1),
        ],
        id="ru-from-thousand-to-million",
    ),
    pytest.param(
        "ru",
        "Первый фонд получил 35 миллионов, второй фонд — 20 миллионов тенге.",
        [
            Want("35 миллионов", "35e6", "KZT", "миллионов", assumed=True),
            Want("20 миллионов тенге", "20e6", "KZT", "миллионов"),
        ],
        id="ru-parallel-clause-ahead",
    ),
    pytest.param(
        "en",
        "Tax revenue hit 18.4 trillion tenge, 1.3 trillion above the forecast.",
        [
            Want("18.4 trillion tenge", "18.4e12", "KZT", "trillion", decimals=1),
            Want("1.3 trillion", "1.3e12", "KZT", "trillion", decimals=1, assumed=True),
        ],
        id="elliptical-above-the-plan",
    ),
    pytest.param(
        "en",
        "The club spent 30 million tenge, and 2 million people watched.",
        [Want("30 million tenge", "30e6", "KZT", "million")],
        id="count-after-money-is-not-money",
    ),
    pytest.param(
        "ru",
        "Обменники продали валюты на 2,7 миллиарда в тенговом эквиваленте.",
        [Want("2,7 миллиарда", "2.7e9", "KZT", "миллиарда", decimals=1)],
        id="ru-tenge-equivalent",
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "wants"), CASES)
def test_shared_currency(lang: str, sentence: str, wants: list[Want]) -> None:
    check(sentence, wants, lang=lang)


TABLES = [
    pytest.param(
        "en",
        "Dividends by year\n2023 2022 2021\nPaid to shareholders, billion tenge 410 275 60\n",
        [
            Want("410", "410e9", "KZT", assumed=True),
            Want("275", "275e9", "KZT", assumed=True),
            Want("60", "60e9", "KZT", assumed=True),
        ],
        id="row-after-its-unit",
    ),
    pytest.param(
        "ru",
        "Средняя цена за 1 кв. м,\nтыс. тенге\nАстана 412,5 ($903)\nШымкент 250,1 ($547)\n\n"
        "В 2024 году цены выросли на 12 процентов по всей стране, сообщили в ведомстве.",
        [
            Want("412,5", "412500", "KZT", decimals=1, assumed=True),
            Want("$903", "903", "USD", assumed=True),
            Want("250,1", "250100", "KZT", decimals=1, assumed=True),
            Want("$547", "547", "USD", assumed=True),
        ],
        id="column-under-its-heading-up-to-a-blank-line",
    ),
    # A unit after a number is an amount, not a heading; prose below a heading is no row.
    pytest.param(
        "en",
        "Budget, million tenge\nThe 14 regions asked for more in 2024, the ministry said.",
        [],
        id="prose-under-a-heading-is-no-table",
    ),
]


@pytest.mark.parametrize(("lang", "text", "wants"), TABLES)
def test_table_cells_take_the_unit_of_their_heading(
    lang: str, text: str, wants: list[Want]
) -> None:
    check(text, wants, lang=lang)
