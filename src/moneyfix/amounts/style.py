"""Writing amounts back in the document's own style.

A rewrite must read as if the editor had typed it: the same magnitude vocabulary
("million" beside "billion", "mln" beside "bln", "млн" beside "млрд"), the same grouping
and decimal mark, the same number of decimals.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from moneyfix import regex_cache
from moneyfix.model import Amount

# Families of magnitude words that go together; the first family holding a word names
# the style of a document that uses it.
FAMILIES: tuple[dict[int, str], ...] = (
    {3: "thousand", 6: "million", 9: "billion", 12: "trillion"},
    {3: "thousand", 6: "mln", 9: "bln", 12: "trln"},
    {3: "thousand", 6: "mn", 9: "bn", 12: "trn"},
    {3: "k", 6: "m", 9: "bn", 12: "tn"},
    {3: "тыс.", 6: "млн", 9: "млрд", 12: "трлн"},
    {3: "мың", 6: "млн", 9: "млрд", 12: "трлн"},
)
_ALIASES = {
    "thousands": "thousand", "millions": "million", "billions": "billion",
    "trillions": "trillion", "thous.": "thousand", "thous": "thousand", "tn": "trn",
    "tr": "trn", "b": "bn", "тыс": "тыс.", "тысяч": "тыс.", "тысячи": "тыс.",
    "тысяча": "тыс.", "миллион": "млн", "миллиона": "млн", "миллионов": "млн",
    "миллиард": "млрд", "миллиарда": "млрд", "миллиардов": "млрд", "триллион": "трлн",
    "триллиона": "трлн", "триллионов": "трлн", "млн.": "млн", "млрд.": "млрд",
}  # fmt: skip
DEFAULT_FAMILY = {"en": FAMILIES[0], "ru": FAMILIES[4], "kk": FAMILIES[5]}
_NUMBER = regex_cache.compile(r"\d[\d,.\u00a0\u2009\u202f ]*\d|\d")


def family_of(word: str | None, lang: str = "en") -> dict[int, str]:
    """The magnitude vocabulary a word belongs to (the language's default if none)."""
    if word:
        key = word.lower()
        key = _ALIASES.get(key, key)
        for family in FAMILIES:
            if key in family.values():
                return family
    return DEFAULT_FAMILY.get(lang, FAMILIES[0])


def number_span(amount: Amount) -> tuple[int, int]:
    """Offsets of the (first) number inside an amount: '235.59' in 'US$235.59'."""
    match = _NUMBER.search(amount.text)
    if match is None:
        return amount.start, amount.start
    return amount.start + match.start(), amount.start + match.end()


_GROUPS = tuple(
    (mark, regex_cache.compile(rf"\d{re.escape(mark)}\d{{3}}(?!\d)"))
    for mark in (",", "\u00a0", "\u202f", "\u2009", " ")
)
"""The thousands marks a number may be grouped with, in the order they are tried."""


def format_number(value: Decimal, decimals: int, like: str, comma_decimal: bool) -> str:
    """``value`` with ``decimals`` digits, grouped and marked as the number ``like`` was."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{rounded:f}".partition(".")
    group = ""
    for mark, grouped in _GROUPS:
        if grouped.search(like) and not (mark == "," and comma_decimal):
            group = mark
            break
    if group:
        whole = f"{int(whole):,}".replace(",", group)
    mark = "," if comma_decimal else "."
    return f"{whole}{mark}{fraction}" if fraction else whole


def with_magnitude(
    text: str, amount: Amount, exponent: int, lang: str = "en"
) -> tuple[int, int, str]:
    """The edit that gives ``amount`` the magnitude 10**exponent in its document's style.

    Returns (start, end, replacement) over the original text: the magnitude word is
    replaced, removed (exponent 0) or inserted after the number.
    """
    family = family_of(amount.magnitude, lang)
    word = family.get(exponent, "")
    num_end = number_span(amount)[1]
    if amount.magnitude:
        found = re.compile(re.escape(amount.magnitude)).search(text, num_end, amount.end)
        if found is not None:
            start, end = found.span()
            if not word:  # drop the word and the space before it
                while start > num_end and text[start - 1].isspace():
                    start -= 1
            return start, end, _cased_like(word, amount.magnitude)
    if not word:
        return num_end, num_end, ""
    glued = num_end < amount.end and not text[num_end].isspace()
    return num_end, num_end, " " + word + (" " if glued else "")


def _cased_like(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
