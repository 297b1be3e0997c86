"""Subunits (issue 10, point 4): cents, kopecks and tiyn are amounts of their currency,
valued in the main unit (11 cents: 0.11 USD), the word kept as ``subunit``; after a
main unit they add to it ("150 теңге 46 тиын"). Look-alikes stay prose: "центр",
"центнер", "per cent", a model's "5c"."""

from __future__ import annotations

import pytest

import moneyfix

from ._expect import Want, check

CASES = [
    pytest.param(
        "en", "A bus ride costs 40 cents.", [Want("40 cents", "0.40", "USD", assumed=True)], id="en"
    ),
    pytest.param(
        "en",
        "The fare is about 45 US cents.",
        [Want("45 US cents", "0.45", "USD", qualifier="about")],
        id="en-us-cents",
    ),
    pytest.param(
        "en", "Stamps cost 1 cent more.", [Want("1 cent", "0.01", "USD", assumed=True)], id="en-one"
    ),
    pytest.param(
        "en",
        "A call is 7.5¢ a minute.",
        [Want("7.5¢", "0.075", "USD", decimals=1, assumed=True)],
        id="sign",
    ),
    pytest.param(
        "en", "Tickets rose by 30 euro cents.", [Want("30 euro cents", "0.30", "EUR")], id="euro"
    ),
    pytest.param(
        "en", "The coin is worth 50 kopecks.", [Want("50 kopecks", "0.50", "RUB")], id="kopecks"
    ),
    pytest.param(
        "en",
        "Coins of 5, 10 and 20 cents were withdrawn.",
        [
            Want("5", "0.05", "USD", assumed=True),
            Want("10", "0.10", "USD", assumed=True),
            Want("20 cents", "0.20", "USD", assumed=True),
        ],
        id="en-list",
    ),
    pytest.param(
        "en",
        "The toll is 3 tenge 20 tiyn a kilometre.",
        [Want("3 tenge 20 tiyn", "3.20", "KZT", decimals=2)],
        id="en-tenge-and-tiyn",
    ),
    pytest.param(
        "ru", "Проезд стоит 45 центов.", [Want("45 центов", "0.45", "USD", assumed=True)], id="ru"
    ),
    pytest.param(
        "ru",
        "Поездка обойдётся в 20 американских центов.",
        [Want("20 американских центов", "0.20", "USD")],
        id="ru-american-cents",
    ),
    pytest.param(
        "ru", "Тариф поднимут на 60 тиынов.", [Want("60 тиынов", "0.60", "KZT")], id="ru-tiyn"
    ),
    pytest.param(
        "ru", "Билет стоит 90 копеек.", [Want("90 копеек", "0.90", "RUB")], id="ru-kopecks"
    ),
    pytest.param(
        "ru",
        "Марка стоит около 70 евроцентов.",
        [Want("70 евроцентов", "0.70", "EUR", qualifier="около")],
        id="ru-eurocents-not-euros",
    ),
    pytest.param(
        "ru",
        "Хлеб стоит 12 рублей 40 копеек.",
        [Want("12 рублей 40 копеек", "12.40", "RUB", decimals=2)],
        id="ru-roubles-and-kopecks",
    ),
    pytest.param(
        "ru",
        "Цена – 4 доллара 99 центов.",
        [Want("4 доллара 99 центов", "4.99", "USD", decimals=2, assumed=True)],
        id="ru-dollars-and-cents",
    ),
    # Another currency's subunit is not a part of the amount before it.
    pytest.param(
        "ru",
        "Было 300 тенге 60 центов назад.",
        [Want("300 тенге", "300", "KZT"), Want("60 центов", "0.60", "USD", assumed=True)],
        id="ru-other-currencys-subunit",
    ),
    pytest.param(
        "kk", "Жол ақысы 35 цент болды.", [Want("35 цент", "0.35", "USD", assumed=True)], id="kk"
    ),
    pytest.param(
        "kk", "Бағасы 8 АҚШ центі болды.", [Want("8 АҚШ центі", "0.08", "USD")], id="kk-aqsh"
    ),
    pytest.param(
        "kk", "Тариф 70 тиынға өсті.", [Want("70 тиынға", "0.70", "KZT")], id="kk-tiyn-ending"
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "wants"), CASES)
def test_a_subunit_is_an_amount_of_its_currency(
    lang: str, sentence: str, wants: list[Want]
) -> None:
    check(sentence, wants, lang)


def test_the_subunit_word_is_noted_and_main_units_have_none() -> None:
    text = "It costs 80 tenge (18 cents), or 40 тиын less."
    assert [(a.text, a.subunit) for a in moneyfix.find_amounts(text)] == [
        ("80 tenge", None),
        ("18 cents", "cents"),
        ("40 тиын", "тиын"),
    ]


def test_a_bare_c_is_cents_only_alone_in_a_conversions_parenthesis() -> None:
    text = "A ride is 80 tenge (18c), a call 20 tenge (about 4c)."
    assert [(a.text, str(a.value), a.currency) for a in moneyfix.find_amounts(text)] == [
        ("80 tenge", "80", "KZT"),
        ("18c", "0.18", "USD"),
        ("20 tenge", "20", "KZT"),
        ("4c", "0.04", "USD"),
    ]


@pytest.mark.parametrize(
    ("lang", "sentence", "read"),
    [
        pytest.param("en", "He sold his iPhone 5c for a song.", [], id="model-name"),
        pytest.param(
            "en", "It costs 80 tenge (iPhone 5c).", ["80 tenge"], id="model-in-parenthesis"
        ),
        pytest.param("en", "Gear ratios (5c) were changed.", [], id="no-money-before"),
        pytest.param("en", "A phone for 80 tenge (and a 5c) came.", ["80 tenge"], id="not-alone"),
        pytest.param("en", "Inflation slowed to 8 per cent.", [], id="per-cent"),
        pytest.param("en", "Prices were 80 tenge (180 c).", ["80 tenge"], id="spaced-letter"),
        pytest.param("ru", "Урожай составил 30 центнеров с гектара.", [], id="ru-centner"),
        pytest.param("ru", "В 5 центрах открыли кассы.", [], id="ru-centre"),
    ],
)
def test_look_alikes_are_not_subunits(lang: str, sentence: str, read: list[str]) -> None:
    assert [a.text for a in moneyfix.find_amounts(sentence, lang=lang)] == read
