"""Russian and Kazakh basics (SPEC §3): decimal comma, space grouping, case endings,
subunits and hedges, with ``lang="ru"`` / ``lang="kk"``."""

from __future__ import annotations

from decimal import Decimal

import pytest

import moneyfix

from ._expect import Want, check

CASES = [
    pytest.param(
        "ru",
        "Бюджет проекта составит 7,5 млрд тенге.",
        [Want("7,5 млрд тенге", "7.5e9", "KZT", "млрд", decimals=1)],
        id="ru-decimal-comma-mlrd",
    ),
    pytest.param(
        "ru",
        "Зарплата учителей составит 350 000 тенге.",
        [Want("350 000 тенге", "350000", "KZT")],
        id="ru-space-grouping",
    ),
    # "до" is "up to" in "выделят до 5 млрд", but after a verb of change ("выросла до")
    # it is "to": the new level is stated exactly, so a careful reader sees no hedge.
    pytest.param(
        "ru",
        "Зарплата учителей выросла до 350 000 тенге.",
        [Want("350 000 тенге", "350000", "KZT")],
        id="ru-rose-to-is-not-a-hedge",
    ),
    pytest.param(
        "ru",
        "Компания вложила более 200 млн долларов США в завод.",
        [Want("200 млн долларов США", "2e8", "USD", "млн", qualifier="более")],
        id="ru-hedge-before-dollars-usa",
    ),
    # Same choice as English "dollars": a dollar without its country is assumed USD.
    pytest.param(
        "ru",
        "Контракт оценили в 15 млн долларов.",
        [Want("15 млн долларов", "1.5e7", "USD", "млн", assumed=True)],
        id="ru-bare-dollars-assumed",
    ),
    pytest.param(
        "kk",
        "Үкімет жолдарға 3 122 млрд теңгені бөлді.",
        [Want("3 122 млрд теңгені", "3122e9", "KZT", "млрд")],
        id="kk-case-ending-and-grouping",
    ),
    pytest.param(
        "kk",
        "Билет бағасы 150 теңге 46 тиын болды.",
        [Want("150 теңге 46 тиын", "150.46", "KZT", decimals=2)],
        id="kk-tenge-and-tiyn",
    ),
    pytest.param(
        "kk",
        "Зауытқа 5 млрд теңгеден астам қаржы жұмсалды.",
        [Want("5 млрд теңгеден", "5e9", "KZT", "млрд", qualifier="астам")],
        id="kk-hedge-after",
    ),
    pytest.param(
        "kk",
        "Жобаға шамамен 12,4 млн теңге кетті.",
        [Want("12,4 млн теңге", "1.24e7", "KZT", "млн", decimals=1, qualifier="шамамен")],
        id="kk-hedge-before-decimal-comma",
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "wants"), CASES)
def test_russian_and_kazakh(lang: str, sentence: str, wants: list[Want]) -> None:
    check(sentence, wants, lang=lang)


def test_russian_comma_before_three_digits_is_a_decimal() -> None:
    """Issue 6: in decimal-comma text "1,234" is a decimal, read without a guess."""
    (amount,) = moneyfix.find_amounts("Штраф составил 1,234 тенге.", lang="ru")
    assert amount.text == "1,234 тенге"
    assert amount.value == Decimal("1.234")
    assert amount.ambiguous is None


def test_comma_before_three_digits_in_mixed_text_is_ambiguous() -> None:
    """A text that also writes English grouping ("1,234,567.5") cannot be trusted: flagged."""
    first = moneyfix.find_amounts("Штраф 1,234 тенге, бюджет 1,234,567.5 тенге.", lang="ru")[0]
    assert first.text == "1,234 тенге"
    assert first.currency == "KZT"
    assert first.ambiguous is not None
