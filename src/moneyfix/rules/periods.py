"""Reporting periods named near a figure: "in 2021", "9M 2024", "last year", "in July 2009",
"в первом полугодии 2023 года", "годом ранее", "2024 жылдың 9 айында", "өткен жылы".

Reports convert a prior period's figures at that period's rate (its average, or the rate
of a day inside it); a pair that matches the rate of a period named in its own sentence
or the sentence before is explained, not wrong. A year is a four-digit year or a
relative one ("last year", "в прошлом году", "өткен жылы"); a part of a year (a quarter,
a half, nine months, a month) belongs to the year next to it, or, when none is written,
to its latest occurrence before the article's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from moneyfix import regex_cache

# A year as written, or as said relative to the article's year (the group names how far back).
_YEAR = regex_cache.compile(
    r"(?i:(?P<pre>\b(?:in|for|during|of|throughout|since|from|by|the|в|за|с|по|до|на)"
    r"[ \u00a0]+(?:the[ \u00a0]+)?(?:year[ \u00a0]+)?)?)"
    r"(?<![\d.,])(?P<year>(?:19|20)\d\d)(?![\d.,]\d)(?P<post>[ \u00a0]*(?:год|г\.|гг|жыл|ж\.|-ж))?"
    r"|(?i:\b(?P<back2>two years (?:ago|earlier)|два года (?:назад|ранее)|екі жыл бұрын)"
    r"|(?P<back1>last year|(?:a|one) year (?:ago|earlier|before)|the (?:previous|prior) year"
    r"|(?:в|за) прошлом году|прошл\w* год\w*|годом ранее|год назад|предыдущ\w* год\w*"
    r"|өткен жыл\w*|былтыр\w*|бір жыл бұрын))"
)
_EN_MONTHS = "|".join(calendar.month_name[1:])
_RU_MONTHS = "январ|феврал|март|апрел|ма[йяе]\\b|июн|июл|август|сентябр|октябр|ноябр|декабр"
_KK_MONTHS = "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
# A part of a year, each alternative a group: m9 (nine months), h1/h2, q1..q4, en/ru/kk months.
_PART = regex_cache.compile(
    r"(?P<m9>(?i:\b9m\b|\b9 ?months|nine months|девят\w* месяц\w*|9 месяц\w*"
    r"|9 ай\w*|тоғыз ай\w*))"
    r"|(?P<h1>(?i:\bh1\b|\b1h\b|first half|six months|\b6m\b|перв\w* полугоди\w*|полгода"
    r"|бірінші жарты\w*|жарты жыл\w*|алты ай\w*))"
    r"|(?P<h2>(?i:\bh2\b|\b2h\b|second half|втор\w* полугоди\w*|екінші жарты\w*))"
    r"|(?P<q1>(?i:\bq1\b|\b1q\b|first quarter|перв\w* квартал\w*|\bI квартал\w*|1 квартал\w*"
    r"|бірінші тоқсан\w*|1-тоқсан\w*|I тоқсан\w*))"
    r"|(?P<q2>(?i:\bq2\b|\b2q\b|second quarter|втор\w* квартал\w*|\bII квартал\w*"
    r"|2 квартал\w*|екінші тоқсан\w*|2-тоқсан\w*|II тоқсан\w*))"
    r"|(?P<q3>(?i:\bq3\b|\b3q\b|third quarter|трет\w* квартал\w*|\bIII квартал\w*"
    r"|3 квартал\w*|үшінші тоқсан\w*|3-тоқсан\w*|III тоқсан\w*))"
    r"|(?P<q4>(?i:\bq4\b|\b4q\b|fourth quarter|четв[её]рт\w* квартал\w*|\bIV квартал\w*"
    r"|4 квартал\w*|төртінші тоқсан\w*|4-тоқсан\w*|IV тоқсан\w*))"
    rf"|(?P<month>\b(?:{_EN_MONTHS})\b|(?i:\b(?:{_RU_MONTHS})\w*|\b(?:{_KK_MONTHS})\w*))"
)
_MONTH_STEMS = (
    [m.lower() for m in calendar.month_name[1:]],
    _RU_MONTHS.replace("ма[йяе]\\b", "ма").split("|"),
    _KK_MONTHS.split("|"),
)
_SPANS = {"m9": (1, 9), "h1": (1, 6), "h2": (7, 12), "q1": (1, 3), "q2": (4, 6), "q3": (7, 9)}
_SPANS["q4"] = (10, 12)
# What joins a part to the year after it ("first half of 2023", "январе 2016") or, in
# Kazakh, a year to the part after it ("2024 жылдың 9 айында", "2016 жылғы қаңтарда").
_PART_THEN_YEAR = regex_cache.compile(
    r"(?i)[ \u00a0]*(?:\d\d?(?:st|nd|rd|th)?,?[ \u00a0]+)?"
    r"(?:(?:of|ended|in)[ \u00a0]+(?:the[ \u00a0]+)?)?"
)
_YEAR_THEN_PART = regex_cache.compile(
    r"(?i)[ \u00a0]*(?:ж\.|жыл\w*)?[ \u00a0]*(?:\d\d?[ \u00a0]*)?"
)
# Where a sentence ends: ., ! or ? before a blank and a capital or digit; or a blank line.
# (One class first, the branch after it: the engine skips to the candidates by that class,
# where a branch of a class and a literal had it try the pattern at every position.)
_SENTENCE_END = regex_cache.compile(
    r"[.!?…\n](?:(?<=[.!?…])[\"”»)]?\s+(?=[\"“«(]?[A-ZА-ЯЁӘІҢҒҮҰҚӨҺ0-9])|(?<=\n)[ \t]*\n)"
)
_REACH = 600


@dataclass(frozen=True)
class Period:
    name: str
    start: dt.date
    end: dt.date


def periods_near(text: str, offset: int, day: dt.date) -> list[Period]:
    """Periods named in the sentence holding ``offset`` or the one before, begun before ``day``."""
    start, end = _sentences(text, offset)
    return [p for p in _periods_in(text[start:end], day) if p.start < day]


def years_near(text: str, offset: int, day: dt.date) -> set[int]:
    """Every year a period of :func:`periods_near` can fall in: the four-digit years written
    there, the article's year and the two before it (a relative year, a month without its
    year). One cheap pass, where reading the periods costs a dozen patterns: a pair that
    no rate of these years can explain needs no periods."""
    start, end = _sentences(text, offset)
    written = {
        int(text[m.start() : m.start() + 4]) for m in _YEAR_DIGITS.finditer(text, start, end)
    }
    return written | {day.year, day.year - 1, day.year - 2}


_YEAR_DIGITS = regex_cache.compile(r"[12](?=(?<=1)9\d\d|(?<=2)0\d\d)")
"""Where every four-digit year starts, overlapping ones too: a superset of what ``_YEAR``
reads. (The first digit is consumed, not looked ahead at: the engine skips to the 1s and
2s instead of trying the pattern at every position, and no year is missed, for the next
match is tried from the next character.)"""


def _sentences(text: str, offset: int) -> tuple[int, int]:
    """The span of the sentence holding ``offset`` and the one before (at most ``_REACH``
    characters either side)."""
    low = max(0, offset - _REACH)
    starts = [low, *(m.end() for m in _SENTENCE_END.finditer(text, low, offset))]
    start = starts[-2] if len(starts) > 1 else low
    after = _SENTENCE_END.search(text, offset, offset + _REACH)
    end = after.start() + 1 if after else min(len(text), offset + _REACH)
    return start, end


@functools.lru_cache(maxsize=256)
def _periods_in(window: str, day: dt.date) -> tuple[Period, ...]:
    """Cached by window and date: the pairs of a sentence ask the same question."""
    years = [_Year(m, day) for m in _YEAR.finditer(window)]
    found: dict[tuple[dt.date, dt.date], Period] = {}
    attached: set[int] = set()
    for part in _PART.finditer(window):
        kind = part.lastgroup or ""
        year = None
        for index, named in enumerate(years):
            before = _PART_THEN_YEAR.fullmatch(window, part.end(), named.start)
            after = _YEAR_THEN_PART.fullmatch(window, named.end, part.start())
            if before or after:
                year = named.value
                attached.add(index)
                break
        first, last = _month_span(kind, part.group())
        if year is None:  # "in January", "in the first half": the latest one before the day
            year = day.year if dt.date(day.year, first, 1) < day else day.year - 1
        _add(found, year, first, last)
    for index, named in enumerate(years):
        if index not in attached and not named.bare:  # "2000 теңге" is no year; "in 2000" is
            _add(found, named.value, 1, 12)
    return tuple(found.values())


class _Year:
    """A year named in the text: where it stands (without "in" before it or "году" after
    it), which year it is, and whether it stands bare (then it may be a number of tenge)."""

    def __init__(self, match: re.Match[str], day: dt.date) -> None:
        group = next(g for g in ("year", "back2", "back1") if match.group(g))
        self.start, self.end = match.span(group)
        written = match.group("year")
        self.value = int(written) if written else day.year - (2 if group == "back2" else 1)
        self.bare = bool(written) and not (match.group("pre") or match.group("post"))


def _month_span(kind: str, words: str) -> tuple[int, int]:
    if kind != "month":
        return _SPANS[kind]
    lowered = words.lower()
    for stems in _MONTH_STEMS:
        for number, stem in enumerate(stems, start=1):
            if lowered.startswith(stem):
                return number, number
    raise AssertionError(f"not a month: {words}")  # the pattern only matches the stems


def _add(found: dict[tuple[dt.date, dt.date], Period], year: int, first: int, last: int) -> None:
    start = dt.date(year, first, 1)
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    found.setdefault((start, end), Period(_name(year, first, last), start, end))


def _name(year: int, first: int, last: int) -> str:
    if (first, last) == (1, 12):
        return str(year)
    if first == last:
        return f"{calendar.month_name[first]} {year}"
    if last - first == 2 and first % 3 == 1:
        return f"Q{last // 3} {year}"
    return f"{calendar.month_name[first]}–{calendar.month_name[last]} {year}"
