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

_YEAR = r"((?:19|20)\d{2})"
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# (pattern, first month, last month); a None month is taken from the match.
_PATTERNS: tuple[tuple[re.Pattern[str], int, int], ...] = (
    (re.compile(rf"\b(?:9M|9 months|nine months)(?: of| ended)? {_YEAR}", re.I), 1, 9),
    (re.compile(rf"\b(?:H1|1H|first half|six months)(?: of)? {_YEAR}", re.I), 1, 6),
    (re.compile(rf"\b(?:H2|2H|second half)(?: of)? {_YEAR}", re.I), 7, 12),
    (re.compile(rf"\b(?:9|девять|девяти) месяц\w* {_YEAR}", re.I), 1, 9),
    (re.compile(rf"\bперво\w* полугоди\w* {_YEAR}", re.I), 1, 6),
    (re.compile(rf"\b{_YEAR} жылдың 9 айында", re.I), 1, 9),
    (re.compile(rf"\b(?:in|for|during|of|throughout) (?:the year )?{_YEAR}\b", re.I), 1, 12),
    (re.compile(rf"\b(?:FY|full[- ]year) ?{_YEAR}\b", re.I), 1, 12),
    (re.compile(rf"\b(?:в|за) {_YEAR} год", re.I), 1, 12),
    (re.compile(rf"\b{_YEAR} жыл", re.I), 1, 12),
)  # fmt: skip
_QUARTER = re.compile(rf"\b(?:Q([1-4])|(first|second|third|fourth) quarter)(?: of)? {_YEAR}", re.I)
_PARAGRAPH_REACH = 600
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")


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
    if not _ANY_YEAR.search(paragraph):
        return ()
    found: dict[tuple[dt.date, dt.date], Period] = {}
    for pattern, first, last in _PATTERNS:
        for m in pattern.finditer(paragraph):
            year = int(m.group(1))
            period_start, period_end = _months(year, first, last)
            name = _name(year, first, last)
            found.setdefault((period_start, period_end), Period(name, period_start, period_end))
    for m in _QUARTER.finditer(paragraph):
        quarter = _QUARTERS[(m.group(1) or m.group(2)).lower()]
        year = int(m.group(3))
        period_start, period_end = _months(year, 3 * quarter - 2, 3 * quarter)
        found.setdefault(
            (period_start, period_end),
            Period(f"Q{quarter} {year}", *_months(year, 3 * quarter - 2, 3 * quarter)),
        )
    return tuple(found.values())


def _name(year: int, first: int, last: int) -> str:
    if (first, last) == (1, 12):
        return str(year)
    return f"{calendar.month_name[first]}–{calendar.month_name[last]} {year}"
