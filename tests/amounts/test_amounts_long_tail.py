"""The long tail of real news (issue 11): signs, glued and rare magnitude abbreviations,
"T" as the tenge sign and rate tickers. Sentences of our own, each of a form real news
writes: sentence -> every amount a careful reader sees, with all its fields."""

from __future__ import annotations

import datetime

import pytest

from moneyfix.check import check_text

from ._expect import Want, check

# The sentences in Russian or Kazakh (the rest are English).
LANG = {
    "бюджеттік кредиттер – - 1 305,0 мың теңге": "kk",
    "Ең жоғары жалақы банк саласында –412,8 мың теңге болды.": "kk",
    "Курс составил 9,1 тенге (минус 0,25 тенге за неделю).": "ru",
    "Jobaǵa 2,4 mlrd. teńge bólindi.": "kk",
}

SIGNS = [
    pytest.param(
        "The region closed the year with a deficit of -212,5 billion tenge.",
        [Want("212,5 billion tenge", "-212.5e9", "KZT", "billion", decimals=1)],
        id="hyphen-minus-glued",
    ),
    pytest.param(
        "Its trade balance stood at minus 3.2 billion tenge in May.",
        [Want("3.2 billion tenge", "-3.2e9", "KZT", "billion", decimals=1)],
        id="word-minus",
    ),
    pytest.param(
        "The tourism balance was about minus $84.5 million last year.",
        [Want("$84.5 million", "-84.5e6", "USD", "million", 1, "about", assumed=True)],
        id="hedge-before-the-minus",
    ),
    pytest.param(
        "Net cash flow:\u2212$14 million after a year of growth.",
        [Want("$14 million", "-14e6", "USD", "million", assumed=True)],
        id="minus-sign-before-a-sign",
    ),
    pytest.param(
        "Operating result\n–4.7 billion tenge\n+1.2 billion tenge",
        [
            Want("4.7 billion tenge", "-4.7e9", "KZT", "billion", decimals=1),
            Want("1.2 billion tenge", "1.2e9", "KZT", "billion", decimals=1),
        ],
        id="en-dash-opening-a-table-cell",
    ),
    pytest.param(
        "бюджеттік кредиттер – - 1 305,0 мың теңге",
        [Want("1 305,0 мың теңге", "-1305000", "KZT", "мың", decimals=1)],
        id="minus-spaced-after-a-column-dash",
    ),
]

NOT_SIGNS = [
    # In prose a glued en dash is the dash of "is", not a minus.
    pytest.param(
        "Ең жоғары жалақы банк саласында –412,8 мың теңге болды.",
        [Want("412,8 мың теңге", "412800", "KZT", "мың", decimals=1)],
        id="en-dash-in-prose",
    ),
    pytest.param(
        "The band lets the rate move plus minus two tenge a day.",
        [Want("two tenge", "2", "KZT")],
        id="plus-minus-band",
    ),
    pytest.param(
        "Курс составил 9,1 тенге (минус 0,25 тенге за неделю).",
        [
            Want("9,1 тенге", "9.1", "KZT", decimals=1),
            Want("0,25 тенге", "0.25", "KZT", decimals=2),
        ],
        id="change-in-parentheses",
    ),
    pytest.param(
        "Prices for 2019-2020 rose by 5-7 billion tenge.",
        [Want("5-7 billion tenge", "5e9", "KZT", "billion", range=("5e9", "7e9"))],
        id="hyphen-of-a-range",
    ),
]

MAGNITUDES = [
    pytest.param(
        "Reserves reached KZT3trl in March and KZT3.4tln in April.",
        [
            Want("KZT3trl", "3e12", "KZT", "trl"),
            Want("KZT3.4tln", "3.4e12", "KZT", "tln", decimals=1),
        ],
        id="glued-trl-tln-after-a-code",
    ),
    pytest.param(
        "The fund held 8.2tln tenge, after 95 bln tenge and 410 mlrd tenge of transfers.",
        [
            Want("8.2tln tenge", "8.2e12", "KZT", "tln", decimals=1),
            Want("95 bln tenge", "95e9", "KZT", "bln"),
            Want("410 mlrd tenge", "410e9", "KZT", "mlrd"),
        ],
        id="tln-bln-mlrd",
    ),
    pytest.param(
        "Jobaǵa 2,4 mlrd. teńge bólindi.",
        [Want("2,4 mlrd. teńge", "2.4e9", "KZT", "mlrd.", decimals=1)],
        id="mlrd-with-its-dot",
    ),
]

TENGE_LETTER = [
    pytest.param(
        "The holding will invest T2.3 billion, and T640 billion goes to $5 million of bonds.",
        [
            Want("T2.3 billion", "2.3e9", "KZT", "billion", decimals=1),
            Want("T640 billion", "640e9", "KZT", "billion"),
            Want("$5 million", "5e6", "USD", "million", assumed=True),
        ],
        id="T-with-magnitude-is-tenge-not-the-document-dollar",
    ),
    pytest.param(
        "Beef sold at T2350 per kilogram, mutton at T2100 and butter - T940.",
        [Want("T2350", "2350", "KZT"), Want("T2100", "2100", "KZT"), Want("T940", "940", "KZT")],
        id="T-prices",
    ),
    pytest.param(
        "Rents were T1.8 thousand - T2.6 thousand per square metre.",
        [
            Want(
                "T1.8 thousand - T2.6 thousand",
                "1800",
                "KZT",
                "thousand",
                decimals=1,
                range=("1800", "2600"),
            )
        ],
        id="T-range",
    ),
    pytest.param(
        "Flights leave from the T2 terminal; the T20 World Cup and a T 95 grade cost $40.",
        [Want("$40", "40", "USD", assumed=True)],
        id="T-names-are-not-tenge",
    ),
]

TICKERS = [
    pytest.param(
        "$ 471.05 € 512.30 ₽ 5.87\nThe ministry spent $3 million on roads.",
        [Want("$3 million", "3e6", "USD", "million", assumed=True)],
        id="page-ticker",
    ),
    pytest.param(
        "USD 470.5 EUR 511.9 | The bank lent 40 billion tenge.",
        [Want("40 billion tenge", "40e9", "KZT", "billion")],
        id="code-ticker",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "wants"), SIGNS + NOT_SIGNS + MAGNITUDES + TENGE_LETTER + TICKERS
)
def test_long_tail(sentence: str, wants: list[Want]) -> None:
    check(sentence, wants, lang=LANG.get(sentence, "en"))


def test_a_negative_amount_and_its_unsigned_restatement_check_as_sizes() -> None:
    # NBK's official rate for 2020-11-25 is 424.49 KZT/USD (bundled in rates/).
    text = "The fund ended the year at -424.5 billion tenge ($1 billion)."
    assert check_text(text, date=datetime.date(2020, 11, 24)) == []


def test_a_negative_amount_keeps_its_sign_out_of_a_recomputed_conversion() -> None:
    text = "The fund ended the year at -424.5 billion tenge ($1.3 billion)."
    findings = check_text(text, date=datetime.date(2020, 11, 24))
    (edit,) = next(f for f in findings if f.code == "MF003").fix.edits  # type: ignore[union-attr]
    assert text[edit.start : edit.end] == "1.3" and edit.replacement == "1.0"
