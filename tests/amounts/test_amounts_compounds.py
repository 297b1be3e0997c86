"""Forms news writes beyond issue 2's list, found by probing our own sentences: compound
adjectives, spoken fractions, a spaced "US $", other currencies' usual names, the monthly
calculation index (MRP, read but not money to convert) and Russian/Kazakh spelled-out
amounts.

A hyphenated or fractional amount read without its magnitude would be a silently wrong
number ("a $3-million grant" as three dollars), the very error moneyfix exists to catch.
"""

from __future__ import annotations

import pytest

import moneyfix
from moneyfix.pairs import find_pairs

from ._expect import Want, check

COMPOUNDS = [
    pytest.param(
        "The ministry announced a $3-million grant for village schools.",
        [Want("$3-million", "3000000", "USD", "million", assumed=True)],
        id="sign-number-hyphen-magnitude",
    ),
    pytest.param(
        "Parliament passed a 1.5-trillion-tenge stimulus budget.",
        [Want("1.5-trillion-tenge", "1500000000000", "KZT", "trillion", decimals=1)],
        id="number-magnitude-currency-all-hyphenated",
    ),
    pytest.param(
        "The bank arranged a 500-million-dollar loan.",
        [Want("500-million-dollar", "500000000", "USD", "million", assumed=True)],
        id="hyphenated-dollar-compound",
    ),
    pytest.param(
        "A KZT 200-billion package was approved.",
        [Want("KZT 200-billion", "200000000000", "KZT", "billion")],
        id="code-then-hyphenated-magnitude",
    ),
    pytest.param(
        "Collectors paid for a rare 100-dollar bill.",
        [Want("100-dollar", "100", "USD", assumed=True)],
        id="hyphenated-currency-word",
    ),
    pytest.param(
        "Output will reach 5-6 billion tenge; the 2020-2025 plan keeps it.",
        [Want("5-6 billion tenge", "5e9", "KZT", "billion", range=("5e9", "6e9"))],
        id="hyphen-range-unchanged",
    ),
]

FRACTIONS = [
    pytest.param(
        "The city spent nearly half a billion tenge on parks.",
        [Want("half a billion tenge", "500000000", "KZT", "billion", qualifier="nearly")],
        id="half-a-billion",
    ),
    pytest.param(
        "Investors put in two and a half billion tenge.",
        [Want("two and a half billion tenge", "2500000000", "KZT", "billion")],
        id="two-and-a-half",
    ),
    pytest.param(
        "The museum raised one and a half million dollars.",
        [Want("one and a half million dollars", "1500000", "USD", "million", assumed=True)],
        id="one-and-a-half",
    ),
    pytest.param(
        "The deal is worth a quarter of a billion euros.",
        [Want("a quarter of a billion euros", "250000000", "EUR", "billion")],
        id="a-quarter-of-a",
    ),
    pytest.param(
        "The fund holds one hundred and ten million tenge.",
        [Want("one hundred and ten million tenge", "110000000", "KZT", "million")],
        id="and-inside-a-number-unchanged",
    ),
]

CURRENCY_NAMES = [
    pytest.param(
        "en",
        "The tower cost 1.2 trillion tenge (US $2.5 billion).",
        [
            Want("1.2 trillion tenge", "1.2e12", "KZT", "trillion", decimals=1),
            Want("US $2.5 billion", "2.5e9", "USD", "billion", decimals=1),
        ],
        id="spaced-US-before-sign",
    ),
    pytest.param(
        "en",
        "Exports to China reached RMB 100 million, or 100 million RMB.",
        [
            Want("RMB 100 million", "1e8", "CNY", "million"),
            Want("100 million RMB", "1e8", "CNY", "million"),
        ],
        id="rmb-before-and-after",
    ),
    pytest.param(
        "en",
        "Exporters earned 3 million lira, 2 million dirhams, 50 million manats and 9 million "
        "rupees.",
        [
            Want("3 million lira", "3e6", "TRY", "million"),
            Want("2 million dirhams", "2e6", "AED", "million"),
            Want("50 million manats", "5e7", "TMT", "million"),
            Want("9 million rupees", "9e6", "INR", "million"),
        ],
        id="lira-dirhams-manats-rupees",
    ),
    pytest.param(
        "en",
        "Tashkent allocated 1.5 trillion soums to the metro.",
        [Want("1.5 trillion soums", "1.5e12", "UZS", "trillion", decimals=1)],
        id="uzbek-soums",
    ),
    pytest.param(
        "ru",
        "Расходы составили 5 млн. $ в год.",
        [Want("5 млн. $", "5e6", "USD", "млн.", assumed=True)],
        id="ru-sign-after-dotted-abbreviation",
    ),
    pytest.param(
        "en",
        "Profit was KZT 5 bln. $3 million went to charity.",
        [
            Want("KZT 5 bln", "5e9", "KZT", "bln"),
            Want("$3 million", "3e6", "USD", "million", assumed=True),
        ],
        id="dotted-abbreviation-ends-the-sentence-before-a-new-amount",
    ),
    pytest.param(
        "ru",
        "На ремонт выделено 500 млн тг.",
        [Want("500 млн тг", "5e8", "KZT", "млн")],
        id="ru-tg-abbreviation",
    ),
]

MRP = [
    pytest.param(
        "en",
        "The fine is 15 MRP (about 51,000 tenge) for a first offence.",
        [
            Want("15 MRP", "15", "MRP"),
            Want("51,000 tenge", "51000", "KZT", qualifier="about"),
        ],
        id="en-mrp",
    ),
    pytest.param(
        "en",
        "Benefits start at 50 monthly calculation indices.",
        [Want("50 monthly calculation indices", "50", "MRP")],
        id="en-spelled-index",
    ),
    pytest.param(
        "ru",
        "Штраф составит 15 МРП (51 750 тенге).",
        [Want("15 МРП", "15", "MRP"), Want("51 750 тенге", "51750", "KZT")],
        id="ru-mrp",
    ),
    pytest.param(
        "kk",
        "Айыппұл 20 АЕК мөлшерінде салынады.",
        [Want("20 АЕК", "20", "MRP")],
        id="kk-aek",
    ),
]


@pytest.mark.parametrize(("sentence", "wants"), COMPOUNDS)
def test_hyphenated_compounds_keep_their_magnitude(sentence: str, wants: list[Want]) -> None:
    check(sentence, wants)


@pytest.mark.parametrize(("sentence", "wants"), FRACTIONS)
def test_spoken_fractions_of_a_magnitude(sentence: str, wants: list[Want]) -> None:
    check(sentence, wants)


@pytest.mark.parametrize(("lang", "sentence", "wants"), CURRENCY_NAMES)
def test_currency_names_news_uses(lang: str, sentence: str, wants: list[Want]) -> None:
    check(sentence, wants, lang=lang)


@pytest.mark.parametrize(("lang", "sentence", "wants"), MRP)
def test_the_monthly_calculation_index_is_read(lang: str, sentence: str, wants: list[Want]) -> None:
    check(sentence, wants, lang=lang)


@pytest.mark.parametrize(("lang", "sentence", "_wants"), MRP)
def test_an_index_in_tenge_is_not_a_conversion(lang: str, sentence: str, _wants: object) -> None:
    amounts = moneyfix.find_amounts(sentence, lang=lang)
    assert all(pair.kind == "index" for pair in find_pairs(sentence, amounts))


def test_a_tenge_amount_with_its_dollars_still_pairs() -> None:
    sentence = "The tower cost 1.2 trillion tenge (US $2.5 billion)."
    amounts = moneyfix.find_amounts(sentence)
    assert [(p.primary, p.conversion, p.kind) for p in find_pairs(sentence, amounts)] == [
        (0, 1, "parenthesis")
    ]


CYRILLIC_SPELLED = [
    pytest.param(
        "ru",
        "На дороги выделено пять миллиардов тенге.",
        [Want("пять миллиардов тенге", "5e9", "KZT", "миллиардов")],
        id="ru-five-billion",
    ),
    pytest.param(
        "ru",
        "Пять миллиардов тенге ушло на школы.",
        [Want("Пять миллиардов тенге", "5e9", "KZT", "миллиардов")],
        id="ru-sentence-initial-capital",
    ),
    pytest.param(
        "ru",
        "Ремонт обошёлся около полутора миллиардов тенге.",
        [Want("полутора миллиардов тенге", "1.5e9", "KZT", "миллиардов", qualifier="около")],
        id="ru-one-and-a-half",
    ),
    pytest.param(
        "ru",
        "Школа получила полмиллиона тенге.",
        [Want("полмиллиона тенге", "5e5", "KZT", "миллиона")],
        id="ru-half-a-million-one-word",
    ),
    pytest.param(
        "ru",
        "Кредит составил двести пятьдесят миллионов долларов США.",
        [Want("двести пятьдесят миллионов долларов США", "2.5e8", "USD", "миллионов")],
        id="ru-compound-number-us-dollars",
    ),
    pytest.param(
        "kk",
        "Жобаға бес миллиард теңге бөлінді.",
        [Want("бес миллиард теңге", "5e9", "KZT", "миллиард")],
        id="kk-five-billion",
    ),
    pytest.param(
        "kk",
        "Қорға екі жүз миллион теңгеге жуық қаражат түсті.",
        [Want("екі жүз миллион теңгеге", "2e8", "KZT", "миллион", qualifier="жуық")],
        id="kk-two-hundred-million-with-suffix",
    ),
    pytest.param(
        "ru",
        "Ущерб оценили в пять миллиардов, но сумму уточнят.",
        [],
        id="ru-no-currency-word-no-amount",
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "wants"), CYRILLIC_SPELLED)
def test_russian_and_kazakh_spelled_amounts(lang: str, sentence: str, wants: list[Want]) -> None:
    check(sentence, wants, lang=lang)


@pytest.mark.parametrize(
    ("lang", "sentence", "wants"),
    [
        pytest.param(
            "en",
            "In 2024 MRP is 3,692 tenge.",
            [Want("3,692 tenge", "3692", "KZT")],
            id="en-year-before-mrp",
        ),
        pytest.param(
            "en", "The 2023 MCI report was published.", [], id="en-year-before-the-ministry"
        ),
        pytest.param(
            "ru",
            "В 2024 МРП составит 3692 тенге.",
            [Want("3692 тенге", "3692", "KZT")],
            id="ru-year-before-mrp",
        ),
    ],
)
def test_a_year_before_the_index_is_not_an_amount(
    lang: str, sentence: str, wants: list[Want]
) -> None:
    check(sentence, wants, lang=lang)


def test_a_change_by_an_amount_to_a_level_is_two_amounts() -> None:
    check(
        "The fund's assets decreased by $1.8 bn to $55.6 bn in May.",
        [
            Want("$1.8 bn", "1.8e9", "USD", "bn", decimals=1, assumed=True),
            Want("$55.6 bn", "5.56e10", "USD", "bn", decimals=1, assumed=True),
        ],
    )


@pytest.mark.parametrize(
    ("sentence", "wants"),
    [
        pytest.param(
            "The plan gives KZT 350 billion to housing, of which 120 billion will go to rent.",
            [
                Want("KZT 350 billion", "3.5e11", "KZT", "billion"),
                Want("120 billion", "1.2e11", "KZT", "billion", assumed=True),
            ],
            id="of-which",
        ),
        pytest.param(
            "The budget is 10 billion tenge, including 4 billion for schools.",
            [
                Want("10 billion tenge", "1e10", "KZT", "billion"),
                Want("4 billion", "4e9", "KZT", "billion", assumed=True),
            ],
            id="including",
        ),
        pytest.param(
            "Farmers got 4.2 billion tenge (US$9.87 million), of which 2 million was spent.",
            [
                Want("4.2 billion tenge", "4.2e9", "KZT", "billion", decimals=1),
                Want("US$9.87 million", "9.87e6", "USD", "million", decimals=2),
                Want("2 million", "2e6", "USD", "million", assumed=True),
            ],
            id="of-which-takes-the-currency-of-the-amount-it-divides",
        ),
        pytest.param(
            "The region got 3 billion tenge; 7 billion people will watch the games.",
            [Want("3 billion tenge", "3e9", "KZT", "billion")],
            id="a-count-is-still-not-money",
        ),
        pytest.param(
            "Aid of 5 billion tenge reached 2 million people, of which 1 million were children.",
            [Want("5 billion tenge", "5e9", "KZT", "billion")],
            id="of-which-after-a-count-of-another-size",
        ),
    ],
)
def test_a_share_of_stated_money_takes_its_currency(sentence: str, wants: list[Want]) -> None:
    check(sentence, wants)


def test_russian_do_between_two_amounts_is_to_not_up_to() -> None:
    check(
        "Активы фонда сократились на $1,8 млрд до $55,6 млрд.",
        [
            Want("$1,8 млрд", "1.8e9", "USD", "млрд", decimals=1, assumed=True),
            Want("$55,6 млрд", "5.56e10", "USD", "млрд", decimals=1, assumed=True),
        ],
        lang="ru",
    )


@pytest.mark.parametrize(
    ("lang", "sentence", "wants"),
    [
        pytest.param(
            "en",
            "The fund will grow to 100\nbillion tenge (US$235.59\nmillion) next year.",
            [
                Want("100\nbillion tenge", "1e11", "KZT", "billion"),
                Want("US$235.59\nmillion", "235590000", "USD", "million", decimals=2),
            ],
            id="en-line-breaks-inside-amounts",
        ),
        pytest.param(
            "ru",
            "Фонд вырастет до 100 млрд\nтенге ($235,59\nмлн).",
            [
                Want("100 млрд\nтенге", "1e11", "KZT", "млрд"),  # "вырастет до": "to"
                Want("$235,59\nмлн", "235590000", "USD", "млн", decimals=2, assumed=True),
            ],
            id="ru-line-breaks-inside-amounts",
        ),
        pytest.param(
            "en",
            "Population: 20 million\nTenge rate: 470\n",
            [],
            id="a-list-line-starting-with-a-capital-is-not-joined",
        ),
        pytest.param(
            "en",
            "Budget: 5 billion\n\ntenge stays the currency.",
            [],
            id="a-blank-line-ends-the-paragraph",
        ),
    ],
)
def test_hard_wrapped_amounts(lang: str, sentence: str, wants: list[Want]) -> None:
    check(sentence, wants, lang=lang)


@pytest.mark.parametrize(
    ("sentence", "wants"),
    [
        pytest.param(
            "Jobaǵa 2,5 mlrd teńge bólindi, bul shamamen 5 mln dollar.",
            [
                Want("2,5 mlrd teńge", "2.5e9", "KZT", "mlrd", decimals=1),
                Want("5 mln dollar", "5e6", "USD", "mln", qualifier="shamamen", assumed=True),
            ],
            id="hedge-before",
        ),
        pytest.param(
            "Qazaqstan 1,2 trln teńgeden astam qarajat jumsady.",
            [Want("1,2 trln teńgeden", "1.2e12", "KZT", "trln", decimals=1, qualifier="astam")],
            id="hedge-after",
        ),
    ],
)
def test_latin_kazakh_hedges(sentence: str, wants: list[Want]) -> None:
    check(sentence, wants, lang="kk")
