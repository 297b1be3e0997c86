"""The document language: English, Russian or Kazakh from the letters a text uses."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moneyfix.amounts.language import detect_lang

# Our own sentences.
SAMPLES = {
    "The fund received 5 billion tenge ($10 million) last year.": "en",
    "Фонд получил 5 млрд тенге (10 млн долларов) в прошлом году.": "ru",
    "Қор өткен жылы 5 млрд теңге (10 млн доллар) алды.": "kk",
    "Qor ótken jyly 5 mlrd teńge aldy, búgin ǵana málim boldy.": "kk",
    "The akimat (акимат) paid 5 billion tenge for the new school.": "en",
    "": "en",
}


@pytest.mark.parametrize(("text", "lang"), SAMPLES.items())
def test_the_language_is_told_from_the_letters(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def _by_regex(text: str) -> str:
    """The decision counted letter by letter with regular expressions: the reference."""
    sample = text[:20_000]
    cyrillic = len(re.findall(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]", sample))
    latin = len(re.findall(r"[a-zA-Z]", sample))
    kazakh_latin = len(re.findall(r"[ǵńóúýıäöüğşÁǴŃÓÚÝÄÖÜĞŞ]", sample))
    if not cyrillic and not kazakh_latin:
        return "en"
    if cyrillic <= latin:
        return "kk" if kazakh_latin > latin * 0.01 else "en"
    kazakh = len(re.findall(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]", sample))
    return "kk" if kazakh > cyrillic * 0.01 else "ru"


# Letters of every script the decision counts, their neighbours in Unicode (Ukrainian and
# Serbian Cyrillic, Latin-1 letters that KZ-1048 encodes, the tenge sign), and the rest.
_ALPHABET = (
    st.sampled_from(
        "abcxyzABCXYZабвяёАБЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІїєґўђЇЄҐЎЂ"
        "ǵńóúýıäöüğşÁǴŃÓÚÝÄÖÜĞŞéàß№₸€$«» ,.\n0123456789"
    )
    | st.characters()
)


@given(st.text(_ALPHABET, max_size=300))
def test_counting_through_the_codec_decides_as_counting_each_letter(text: str) -> None:
    assert detect_lang(text) == _by_regex(text)


KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
RUSSIAN_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"


@pytest.mark.parametrize("letter", KAZAKH_LETTERS)
def test_each_kazakh_letter_makes_russian_text_kazakh(letter: str) -> None:
    assert detect_lang(f"Фонд получил деньги {letter}") == "kk"


@pytest.mark.parametrize("letter", RUSSIAN_LETTERS)
def test_each_russian_letter_counts_against_latin(letter: str) -> None:
    assert detect_lang(f"Fund {letter * 5}") == "ru"  # 5 Cyrillic letters to 4 Latin
    assert detect_lang(f"Funds {letter * 5}") == "en"


def test_only_the_first_characters_are_read() -> None:
    english = "The fund received 5 billion tenge. " * 600  # 21,000 characters
    assert detect_lang(english + "Фонд получил 5 млрд тенге. " * 2000) == "en"
