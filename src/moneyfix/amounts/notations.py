"""Exchange rates written as notations: a figure that is the price of one unit.

"363.28 USD / KZT", "331.26 KZT/USD" and "USD / KZT 444.32" print the tenge price of one
dollar next to a pair of codes; "147,55/$1" writes it over one unit; a rate list ("1 евро
- 180,25, 1 рубль - 4,72 тенге") leaves the tenge out after each figure. The scanner reads
none of these right on its own (a figure before "USD" looks like dollars, a bare figure
is no money), so this reader corrects their amounts: the figure in the quoting currency
(tenge, where a code is KZT) and, for a pair of codes, the other code as one unit (value
1, the code's span). The pairs stage then links each figure with its unit as an
explicit rate, the unit's currency the ``per`` side.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from moneyfix import regex_cache
from moneyfix.amounts.lexicon import CURRENCIES
from moneyfix.amounts.numbers import NumberStyle, read_number
from moneyfix.amounts.spans import overlaps_any
from moneyfix.model import Amount

_NUMBER = r"[0-9]+(?:[.,][0-9]+)?(?![.,]?[0-9])"
_BLANK = r"[ \u00a0]*"
_CODES = "|".join(CURRENCIES)
# "363.28 USD / KZT", "331.26 KZT/USD", "USD / KZT 444.32": the figure on one side only.
_CODE_PAIR = regex_cache.compile(
    rf"(?<![\w.,])(?:(?P<before>{_NUMBER}){_BLANK})?(?P<first>{_CODES}){_BLANK}/{_BLANK}"
    rf"(?P<second>{_CODES})(?![\w/])(?:{_BLANK}(?P<after>{_NUMBER}))?"
)
# "147,55/$1", "379.29 / $ 1": a bare figure over one unit.
_OVER_UNIT = regex_cache.compile(rf"(?<![\w.,])({_NUMBER}){_BLANK}/{_BLANK}$")
# "1 евро - 180,25,": a bare figure after one unit and a dash, ending its list item.
_LIST_FIGURE = regex_cache.compile(
    rf"{_BLANK}[-–—:=]{_BLANK}({_NUMBER})(?={_BLANK}(?:[,;)\n]|\.(?!\d)|$))"
)
_TICKER_REST = regex_cache.compile(r"[\s0-9.,+\-−–%()|]*")
# "KZT", "tenge", "teńge", "тенге" or "теңге" starting a word, in any case, as
# r"(?i)\b(?:KZT|tenge|teńge|тенге|теңге)" reads. Written to open with one class of the
# first letters in every case (the Kelvin sign and two old forms of "т" included: what
# (?i) lets them match), the word start checked after it: a "\b" or a (?i) letter first
# leaves the engine no character to skip ahead to, and a text with a "$1" and no tenge
# was searched whole at twice the floor's time; now at half of it.
_TENGE = regex_cache.compile(
    "[Kk\u212aTtТт\u1c84\u1c85](?<!\\w.)"
    "(?:(?<=[Kk\u212a])(?i:ZT)|(?<=[Tt])(?i:enge|eńge)|(?<=[Тт\u1c84\u1c85])(?i:енге|еңге))"
)


def with_written_rates(
    text: str, amounts: list[Amount], style: NumberStyle, offset: int = 0
) -> list[Amount]:
    """``amounts`` with the rate notations of ``text`` read as rates (spans shifted by
    ``offset``, as the scanner's are)."""
    found = _code_pairs(text, style, offset) if "/" in text else []
    kept = amounts
    if found:
        found.sort(key=lambda a: a.start)  # (a pair's figure may follow its codes)
        starts, ends = [a.start for a in found], [a.end for a in found]
        kept = [a for a in amounts if not overlaps_any(starts, ends, a.start, a.end)]
    if any(a.value == 1 for a in kept) and _TENGE.search(text):
        found += _tenge_figures(text, kept, style, offset)
    return sorted(kept + found, key=lambda a: a.start) if found else amounts


# What a pair of codes with its figure is written with, besides its slash (_NUMBER's,
# _BLANK's and the codes' characters): only a run of these around a slash can hold one.
_PAIR_CHARS = frozenset("0123456789.," + " \u00a0" + "".join(CURRENCIES))


def _code_pair_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_CODE_PAIR`` in ``text``, as its ``finditer`` finds them, read only
    in the runs of pair characters around each slash (joined where one slash's run
    reaches the next): the pattern starts on no character the regex engine could skip
    to, and tried at every character it costs ~80 ns each."""
    at = text.find("/")
    while at != -1:
        start = at
        while start and text[start - 1] in _PAIR_CHARS:
            start -= 1
        end = at + 1
        while True:
            while end < len(text) and text[end] in _PAIR_CHARS:
                end += 1
            if text[end : end + 1] != "/":
                break
            end += 1
        # (two characters more: what the pattern's look-aheads read past a match)
        yield from _CODE_PAIR.finditer(text, start, end + 2)
        at = text.find("/", end)


def _code_pairs(text: str, style: NumberStyle, offset: int) -> list[Amount]:
    found: list[Amount] = []
    for match in _code_pair_matches(text):
        before, after = match.group("before"), match.group("after")
        first, second = match.group("first"), match.group("second")
        if (before is None) == (after is None) or first == second:
            continue  # no figure, or one each side: not one rate
        if _ticker_line(text, match.start(), match.end()) or (
            after is not None and match.end("first") + 1 == match.start("second")
        ):
            continue  # "USD/KZT 442.85" as tickers write it, not the spaced "USD / KZT 444.32"
        unit_group = "first" if second == "KZT" or first != "KZT" else "second"
        quote_group = "second" if unit_group == "first" else "first"
        figure = "before" if before is not None else "after"
        quote_start, quote_end = match.span(quote_group)
        start, end = match.span(figure)
        if quote_end == start or text[quote_end:start].isspace():
            start = quote_start  # "KZT 444.32": the code written with its figure
        elif end == quote_start or text[end:quote_start].isspace():
            end = quote_end  # "331.26 KZT"
        value, decimals, ambiguous = read_number(match.group(figure), style)
        unit_start, unit_end = match.span(unit_group)
        quote = match.group(quote_group)
        found.append(_amount(text, offset, start, end, value, quote, decimals, ambiguous))
        found.append(
            _amount(text, offset, unit_start, unit_end, Decimal(1), match.group(unit_group))
        )
    return found


def _ticker_line(text: str, start: int, end: int) -> bool:
    """A page's rate ticker ("USD/KZT 383.43  +0.13" on a line of its own) is the rate on
    the day the page was saved, not the article's: no amount (the corpus convention)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return _TICKER_REST.fullmatch(_CODE_PAIR.sub("", line)) is not None


def _tenge_figures(
    text: str, amounts: list[Amount], style: NumberStyle, offset: int
) -> list[Amount]:
    """Bare figures that price one unit in a text about tenge: "147,55/$1", "1 евро - 180,25"."""
    starts = {a.start - offset for a in amounts}
    figures: list[Amount] = []
    for unit in amounts:
        if unit.value != 1 or unit.magnitude is not None or unit.currency in (None, "KZT"):
            continue
        at, end = unit.start - offset, unit.end - offset
        over = _OVER_UNIT.search(text, max(0, at - 24), at)
        listed = _LIST_FIGURE.match(text, end)
        for match in (over, listed):
            if match is not None and match.start(1) not in starts:
                value, decimals, ambiguous = read_number(match.group(1), style)
                start, end = match.span(1)
                figures.append(
                    _amount(text, offset, start, end, value, "KZT", decimals, ambiguous, True)
                )
    return figures


def _amount(
    text: str,
    offset: int,
    start: int,
    end: int,
    value: Decimal,
    currency: str,
    decimals: int = 0,
    ambiguous: str | None = None,
    assumed: bool = False,
) -> Amount:
    return Amount(
        start + offset,
        end + offset,
        text[start:end],
        value,
        currency,
        decimals=decimals,
        assumed_currency=assumed,
        ambiguous=ambiguous,
    )
