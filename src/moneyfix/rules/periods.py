"""Reporting periods named near a figure ("in 2021", "9M 2024", "первом полугодии 2023 года").

Company reports convert prior-period figures at that period's average rate; a pair that
matches the average of a period its paragraph names is explained, not wrong.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# What stands just before a year, naming the period: (group, first month, last month).
_BEFORE = re.compile(
    r"(?i)(?:(?P<m9>\b9m|\b9 months|nine months|девят\w* месяц\w*|9 месяц\w*)(?: of| ended)?"
    r"|(?P<h1>\bh1|\b1h|first half|six months|перв\w* полугоди\w*)(?: of)?"
    r"|(?P<h2>\bh2|\b2h|second half|втор\w* полугоди\w*)(?: of)?"
    r"|(?P<q>\bq[1-4]|\b(?:first|second|third|fourth) quarter)(?: of)?"
    r"|(?P<fy>\bfy|full[- ]year)"
    r"|(?P<year>\b(?:in|for|during|of|throughout|в|за))(?: the year)?) ?$"
)
# Kazakh names the year first: "2024 жылдың 9 айында", "2021 жылы".
_AFTER = re.compile(r"(?i) (?:(?P<m9>жылдың 9 айында)|(?P<year>жыл))")
_MONTHS = {"m9": (1, 9), "h1": (1, 6), "h2": (7, 12), "fy": (1, 12), "year": (1, 12)}
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_PARAGRAPH_REACH = 600
_REACH_BEFORE = 30


@dataclass(frozen=True)
class Period:
    name: str
    start: dt.date
    end: dt.date


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def periods_near(text: str, offset: int, before: dt.date) -> list[Period]:
    """Periods named in the paragraph around ``offset`` that began before ``before``."""
    start = text.rfind("\n\n", max(0, offset - _PARAGRAPH_REACH), offset)
    end = text.find("\n\n", offset, offset + _PARAGRAPH_REACH)
    low = start + 2 if start >= 0 else max(0, offset - _PARAGRAPH_REACH)
    high = end if end >= 0 else offset + _PARAGRAPH_REACH
    return [p for p in _periods_in(text[low:high]) if p.start < before]


@functools.lru_cache(maxsize=256)
def _periods_in(paragraph: str) -> tuple[Period, ...]:
    """Cached by paragraph: every pair of a paragraph asks the same question."""
    found: dict[tuple[dt.date, dt.date], Period] = {}
    for token in _YEAR.finditer(paragraph):
        year = int(token.group())
        named = _BEFORE.search(paragraph, max(0, token.start() - _REACH_BEFORE), token.start())
        named = named or _AFTER.match(paragraph, token.end())
        if named is None:
            continue
        kind = named.lastgroup
        if kind == "q":
            words = named.group("q").lower()
            quarter = int(words[1]) if words[0] == "q" else _QUARTERS[words.split()[0]]
            first, last, name = 3 * quarter - 2, 3 * quarter, f"Q{quarter} {year}"
        else:
            first, last = _MONTHS[kind or "year"]
            name = _name(year, first, last)
        start, end = _months(year, first, last)
        found.setdefault((start, end), Period(name, start, end))
    return tuple(found.values())


def _name(year: int, first: int, last: int) -> str:
    if (first, last) == (1, 12):
        return str(year)
    return f"{calendar.month_name[first]}–{calendar.month_name[last]} {year}"
