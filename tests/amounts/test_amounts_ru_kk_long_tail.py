"""Russian and Kazakh forms of issue 11: compound magnitudes as one amount, Kazakh case
endings on currency words, abbreviations and codes, currency names in parentheses,
adjectives between the number and the name, Kazakh magnitude words in the Latin
alphabet. Sentences of our own, of forms real news writes."""

from __future__ import annotations

import pytest

from ._expect import Want, check

CASES = [
    pytest.param(
        "ru",
        "На ремонт школ направят 12 млрд. 640 млн. тенге.",
        [Want("12 млрд. 640 млн. тенге", "12640000000", "KZT", "млрд.")],
        id="ru-compound-with-dots",
    ),
    pytest.param(
        "kk",
        "Qorǵa 3 mln. 210 myń teńgeniń qarajaty bólindi.",
        [Want("3 mln. 210 myń teńgeniń", "3210000", "KZT", "mln.")],
        id="kk-latin-compound-with-dots",
    ),
    pytest.param(
        "kk",
        "Зауыт 8 млн долларымен, ал дүкен 450 мың теңгеге сатылды.",
        [
            Want("8 млн долларымен", "8e6", "USD", "млн", assumed=True),
            Want("450 мың теңгеге", "450000", "KZT", "мың"),
        ],
        id="kk-case-endings-on-words",
    ),
    pytest.param(
        "kk",
        "Келісім 25 млн АҚШ долл.-ға және 3 млн USD-ге жасалды.",
        [
            Want("25 млн АҚШ долл.-ға", "25e6", "USD", "млн"),
            Want("3 млн USD-ге", "3e6", "USD", "млн"),
        ],
        id="kk-case-endings-on-abbreviation-and-code",
    ),
    pytest.param(
        "kk",
        "Jobaǵa 120 mln (AQSH dollary) ınvestıtsııa tartyldy.",
        [Want("120 mln (AQSH dollary)", "120e6", "USD", "mln")],
        id="kk-latin-currency-in-parentheses",
    ),
    pytest.param(
        "ru",
        "Сделка оценена в 90 млн (долларов США), сообщили в банке.",
        [Want("90 млн (долларов США)", "90e6", "USD", "млн")],
        id="ru-currency-in-parentheses",
    ),
    pytest.param(
        "ru",
        "На бирже 1 английский фунт стерлингов стоил 601 тенге.",
        [
            Want("1 английский фунт стерлингов", "1", "GBP"),
            Want("601 тенге", "601", "KZT"),
        ],
        id="ru-adjective-between-number-and-name",
    ),
    pytest.param(
        "ru",
        "Штраф составил 40 тыс. российских рублей.",
        [Want("40 тыс. российских рублей", "40000", "RUB", "тыс.")],
        id="ru-adjective-in-genitive-plural",
    ),
    pytest.param(
        "kk",
        "Jobaǵa 14,5 mıllıard teńge qarastyryldy.",
        [Want("14,5 mıllıard teńge", "14.5e9", "KZT", "mıllıard", decimals=1)],
        id="kk-latin-spelled-magnitude",
    ),
    pytest.param(
        "ru",
        "Билет стоил 100 юаней, обед 250 сомов, а сувенир 2 сома 40 тыйынов.",
        [
            Want("100 юаней", "100", "CNY"),
            Want("250 сомов", "250", "KGS"),
            Want("2 сома 40 тыйынов", "2.4", "KGS", decimals=2),
        ],
        id="ru-short-stems-take-endings",
    ),
    pytest.param(
        "ru",
        "У экспертов 5 сомнений и 3 сомнительных пункта в отчёте.",
        [],
        id="ru-som-is-a-whole-word-not-a-stem",
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "wants"), CASES)
def test_ru_kk_long_tail(lang: str, sentence: str, wants: list[Want]) -> None:
    check(sentence, wants, lang=lang)
