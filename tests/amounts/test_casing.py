"""Words spelled in any case match exactly what ``(?i:)`` matches: the same text, no more."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moneyfix.amounts.casing import any_case_class, case_variants
from moneyfix.amounts.lexicon import SUBUNIT_WORDS, alternation, lexicon

_WORDS = sorted({*lexicon().currency_words, *lexicon().magnitudes, *SUBUNIT_WORDS})
_LETTERS = sorted({char for word in _WORDS for char in word})
_EVERY_CHARACTER = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
_SPELLED = re.compile(alternation(_WORDS, any_case=True))
_INSENSITIVE = re.compile(f"(?i:{alternation(_WORDS)})")


def test_a_letter_becomes_the_class_of_its_casings():
    assert any_case_class("d") == "[Dd]"
    assert any_case_class("Т") == "[Тт" + "\u1c84\u1c85]"  # the old Cyrillic forms of т
    assert any_case_class("5") == "5"
    assert any_case_class(" ") == "\\ "


@pytest.mark.parametrize("letter", _LETTERS)
def test_each_letter_of_the_lexicon_matches_what_the_engine_matches_ignoring_case(letter):
    ignoring_case = re.compile(f"(?i:{re.escape(letter)})")
    assert case_variants(letter) == set(ignoring_case.findall(_EVERY_CHARACTER))


def test_the_tree_in_any_case_matches_the_case_insensitive_tree():
    for word in _WORDS:
        for written in (word, word.upper(), word.title(), word.swapcase()):
            assert _SPELLED.match(written)[0] == _INSENSITIVE.match(written)[0]


_ODD_CASINGS = ["İ", "ı", "ſ", "\u212a", "x", "1"]  # dotted I, dotless i, long s, Kelvin sign


@given(st.text(alphabet=st.sampled_from([*_LETTERS, *_ODD_CASINGS]), max_size=20))
def test_any_text_is_matched_alike(text):
    for start in range(len(text)):
        first, second = _SPELLED.match(text, start), _INSENSITIVE.match(text, start)
        assert (first and first[0]) == (second and second[0])


def test_without_the_engines_case_data_the_tree_is_matched_ignoring_case(monkeypatch):
    monkeypatch.setattr("moneyfix.amounts.casing._case_data", lambda: None)
    assert alternation(["tenge", "teńge"], any_case=True) == "(?i:te(?:nge|ńge))"
