"""LineIndex: 1-based lines and code-point columns, CRLF as one break."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moneyfix.model import Excerpt
from moneyfix.report.positions import LineIndex, SparseIndex


def naive(text: str, offset: int) -> tuple[int, int]:
    """Reference: walk the text, counting breaks the slow way."""
    line, col, i = 1, 1, 0
    while i < offset:
        if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            if i + 1 == offset:  # between \r and \n: still on this line
                return line, col + 1
            line, col, i = line + 1, 1, i + 2
            continue
        if text[i] in "\r\n":
            line, col = line + 1, 1
        else:
            col += 1
        i += 1
    return line, col


def test_simple_lines() -> None:
    index = LineIndex("ab\ncd\n")
    assert index.position(0) == (1, 1)
    assert index.position(2) == (1, 3)  # the \n itself ends line 1
    assert index.position(3) == (2, 1)
    assert index.position(6) == (3, 1)  # end of text after a trailing break
    assert index.line_count == 3
    assert index.line_piece(2) == ("cd", 1)
    assert index.line_piece(3) == ("", 1)


def test_crlf_counts_once_and_matches_lf() -> None:
    lf = "первая строка\nвторая: 7,5 млрд тенге\n"
    crlf = lf.replace("\n", "\r\n")
    amount = "7,5 млрд тенге"
    assert LineIndex(lf).position(lf.index(amount)) == (2, 9)
    assert LineIndex(crlf).position(crlf.index(amount)) == (2, 9)
    assert LineIndex(crlf).line_piece(1) == ("первая строка", 1)


def test_lone_cr_is_a_break() -> None:
    index = LineIndex("a\rb\r\nc")
    assert [index.position(i) for i in (0, 2, 5)] == [(1, 1), (2, 1), (3, 1)]


def test_cyrillic_columns_are_code_points() -> None:
    text = "Бюджет: 2 трлн тенге"
    assert LineIndex(text).position(text.index("2")) == (1, 9)


def test_out_of_range_offset_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        LineIndex("abc").position(4)
    with pytest.raises(ValueError):
        LineIndex("abc").position(-1)


@given(st.text(alphabet=st.sampled_from("ab\r\nж€"), max_size=40), st.data())
def test_matches_naive_walk(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    assert LineIndex(text).position(offset) == naive(text, offset)


@given(st.text(alphabet=st.sampled_from("xy\r\nй"), max_size=40))
def test_line_text_agrees_with_universal_newlines(text: str) -> None:
    index = LineIndex(text)
    lines = re.split(r"\r\n|\r|\n", text)
    assert index.line_count == len(lines)
    assert [index.line_piece(n)[0] for n in range(1, index.line_count + 1)] == lines


def test_excerpts_of_one_long_line_give_each_its_own_piece() -> None:
    """A long line kept in two parts, each around a finding: a piece of text, the column
    it begins at, and the offsets and lines of the whole."""
    line = "a" * 300 + " 5 billion tenge " + "b" * 300 + " 7 billion tenge " + "c" * 300
    text = "the head\n" + line + "\nthe end\n"
    first, second = text.index("5 billion"), text.index("7 billion")
    parts = (
        Excerpt(first - 100, 2, 202, text[first - 100 : first + 100]),
        Excerpt(second - 100, 2, 519, text[second - 100 : second + 100]),
    )
    sparse, index = SparseIndex(parts), LineIndex(text)
    for at in (first, second, first + 50, second - 60):
        assert sparse.position(at) == index.position(at)
    assert sparse.line_piece(2, near=first) == (text[first - 100 : first + 100], 202)
    assert sparse.line_piece(2, near=second) == (text[second - 100 : second + 100], 519)
    with pytest.raises(ValueError, match="in no excerpt"):
        sparse.position(first + 150)
