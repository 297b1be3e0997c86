"""The plain-word search helpers: what they return must not depend on the fast path taken."""

from hypothesis import given
from hypothesis import strategies as st

from moneyfix.amounts.plain_search import ascii_lowered, occurrences

_LATIN_ONLY = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def test_only_latin_capitals_are_lowered():
    assert ascii_lowered("KZT 5 Млрд ТЕНГЕ “Tenge” İ") == "kzt 5 Млрд ТЕНГЕ “tenge” İ"


def test_lone_surrogates_pass_through():
    assert ascii_lowered("A\ud800B") == "a\ud800b"


@given(st.text())
def test_same_as_lowering_latin_letters_one_by_one(text):
    lowered = ascii_lowered(text)
    assert lowered == text.translate(_LATIN_ONLY)
    assert len(lowered) == len(text)


def test_occurrences_include_overlaps():
    assert occurrences("tengetenge tenge", "tenge") == [0, 5, 11]
    assert occurrences("aaa", "aa") == [0, 1]
    assert occurrences("none here", "tenge") == []
