"""Reading numbers as written in news: grouping, decimal marks, words.

English groups with "," and marks decimals with "."; Russian and Kazakh group with
spaces and mark decimals with ",". A lone comma followed by exactly three digits is the
one case that reads two ways; it is read by the document's convention and flagged when
the convention is not clear.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from moneyfix import regex_cache
from moneyfix.amounts.lexicon import NUMBER_WORDS

_SPACES = regex_cache.compile(r"[ \u00a0\u2009\u202f]")
_THREE_DIGIT_GROUPS = regex_cache.compile(r"\d{1,3}(?:[,.]\d{3})+")


class NumberStyle:
    """A document's number convention, and whether the document also uses the other one.

    Whether it mixes conventions matters only for a lone comma before three digits, so
    it is looked up the first time such a number is read.
    """

    def __init__(self, comma_decimal: bool, text: str = "") -> None:
        self.comma_decimal = comma_decimal
        self._text = text

    @functools.cached_property
    def mixed(self) -> bool:
        others = _POINT_STYLE if self.comma_decimal else _DECIMAL_COMMA
        return any(p.search(self._text) for p in others)


# Each starts on a digit so that searching a long text stays fast.
_DECIMAL_COMMA = (
    regex_cache.compile(r"\d(?<![\d,.]\d)\d*,\d{1,2}(?![\d,])"),
    regex_cache.compile(r"\d[ \u00a0]\d{3},\d"),
)
_POINT_STYLE = (regex_cache.compile(r"\d,\d{3},\d{3}"), regex_cache.compile(r"\d,\d{3}\.\d"))


def number_style(text: str, comma_decimal: bool) -> NumberStyle:
    """The convention of ``text``, flagged as mixed when it also writes the other one."""
    return NumberStyle(comma_decimal, text)


def read_number(raw: str, style: NumberStyle) -> tuple[Decimal, int, str | None]:
    """Read a written number: (value, digits after the decimal mark, why ambiguous or None).

    The document's style decides a lone comma before three digits (issue 6: in Russian
    and Kazakh it is a decimal comma); in a text that mixes conventions such a number is
    flagged as ambiguous.
    """
    if raw.isascii():  # the common cases: plain digits, a decimal point
        if raw.isdigit():
            return Decimal(raw), 0, None
        whole, point, fraction = raw.partition(".")
        if point and whole.isdigit() and fraction.isdigit():
            return Decimal(raw), len(fraction), None
    comma_decimal = style.comma_decimal
    digits = _SPACES.sub("", raw)
    commas, dots = digits.count(","), digits.count(".")
    ambiguous = None
    if commas and dots:
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
    elif commas > 1 or dots > 1:
        # Several marks of one kind can only be grouping: 1,775,303,400 or 6.550.000.
        decimal_mark = "" if _THREE_DIGIT_GROUPS.fullmatch(digits) else ("," if commas else ".")
    elif dots:
        decimal_mark = "."
    elif commas:
        after = len(digits) - digits.index(",") - 1
        if after != 3:
            decimal_mark = ","
        else:
            decimal_mark = "," if comma_decimal else ""
            if style.mixed:
                # Read by the language, but never silently: the other reading is 1000x off.
                ambiguous = (
                    f"'{raw}' could be {digits.replace(',', '')} or "
                    f"{digits.replace(',', '.')}: the text writes numbers both ways"
                )
    else:
        decimal_mark = ""
    if decimal_mark:
        whole, _, fraction = digits.rpartition(decimal_mark)
        whole = whole.replace(",", "").replace(".", "")
        return Decimal(f"{whole or '0'}.{fraction}"), len(fraction), ambiguous
    return Decimal(digits.replace(",", "").replace(".", "")), 0, ambiguous


def read_number_words(words: str, table: dict[str, int] = NUMBER_WORDS) -> int | None:
    """'Thirteen' -> 13, 'twenty-five' -> 25, 'one hundred and ten' -> 110; None if not a
    number. ``table`` holds the words (English unless given)."""
    total = 0
    seen = False
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "and" and seen:
            continue
        value = table.get(word)
        if value is None:
            return None
        if value == 100:
            total = max(total, 1) * 100
        else:
            total += value
        seen = True
    return total if seen else None
