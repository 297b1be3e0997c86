"""Document dates: ``--date`` values, metadata values, file names and datelines.

A wrong date silently turns a correct conversion into a "rate mismatch", so the dateline
reader is deliberately strict: a date counts only when it stands on a line of its own
(with a time, weekday or label around it), follows an upper-case wire dateline
(``ALMATY, Nov. 24, 2020 -``), or ends a headline line followed by a time. Dates inside
sentences ("As of June 1, 2025, the fund ...") are ignored.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import PurePath
from typing import NamedTuple

from moneyfix.regex_cache import compile_all

__all__ = [
    "DATELINE_WINDOW",
    "date_from_filename",
    "find_dateline",
    "month_number",
    "parse_date",
    "parse_loose",
]

DATELINE_WINDOW = 500
"""A dateline must start within this many characters of the first visible text."""

_MIN_YEAR, _MAX_YEAR = 1990, 2099

_EN_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
# Russian: nominative, genitive and the usual abbreviations.
_RU_MONTHS = {
    "январь": 1, "января": 1, "янв": 1, "февраль": 2, "февраля": 2, "фев": 2,
    "февр": 2, "март": 3, "марта": 3, "мар": 3, "апрель": 4, "апреля": 4, "апр": 4,
    "май": 5, "мая": 5, "июнь": 6, "июня": 6, "июн": 6, "июль": 7, "июля": 7,
    "июл": 7, "август": 8, "августа": 8, "авг": 8, "сентябрь": 9, "сентября": 9,
    "сен": 9, "сент": 9, "октябрь": 10, "октября": 10, "окт": 10, "ноябрь": 11,
    "ноября": 11, "ноя": 11, "нояб": 11, "декабрь": 12, "декабря": 12, "дек": 12,
}  # fmt: skip
# Kazakh month names take case suffixes (қарашада, қарашадағы): matched as stems.
_KK_MONTHS = (
    ("қаңтар", 1), ("ақпан", 2), ("наурыз", 3), ("сәуір", 4), ("мамыр", 5),
    ("маусым", 6), ("шілде", 7), ("тамыз", 8), ("қыркүйек", 9), ("қазан", 10),
    ("қараша", 11), ("желтоқсан", 12),
)  # fmt: skip


def month_number(word: str) -> int | None:
    """The month a (possibly abbreviated or inflected) month word names, en/ru/kk."""
    w = word.lower().rstrip(".")
    if w in _EN_MONTHS:
        return _EN_MONTHS[w]
    if w in _RU_MONTHS:
        return _RU_MONTHS[w]
    for stem, number in _KK_MONTHS:
        if w.startswith(stem) and len(w) - len(stem) <= 5:
            return number
    return None


_WORD = r"[^\W\d_]+\.?"
_DATE = (
    r"""(?ix)
    (?<![\w.])
    (?:
        (?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})(?![\d])
      | (?P<dot_d>\d{1,2})\.(?P<dot_m>\d{1,2})\.(?P<dot_y>\d{4}|\d{2})(?![\d])
      | (?P<dmy_d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>"""
    + _WORD
    + r"""),?\s+(?P<dmy_y>\d{4})(?!\d)
      | (?P<mdy_m>"""
    + _WORD
    + r""")\s+(?P<mdy_d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{4})(?!\d)
      | (?P<kk_y>\d{4})\s*(?:жылғы|жылы|ж\.)\s*(?P<kk_d>\d{1,2})\s*-?\s*(?P<kk_m>"""
    + _WORD
    + r""")
    )
    """
)


def _build(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None or not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    if g["iso_y"]:
        return _build(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
    if g["dot_y"]:
        year = int(g["dot_y"])
        if len(g["dot_y"]) == 2:
            year += 2000
        return _build(year, int(g["dot_m"]), int(g["dot_d"]))
    if g["dmy_y"]:
        return _build(int(g["dmy_y"]), month_number(g["dmy_m"]), int(g["dmy_d"]))
    if g["mdy_y"]:
        return _build(int(g["mdy_y"]), month_number(g["mdy_m"]), int(g["mdy_d"]))
    return _build(int(g["kk_y"]), month_number(g["kk_m"]), int(g["kk_d"]))


def _dates_in(text: str) -> list[tuple[re.Match[str], dt.date]]:
    found = []
    for m in _patterns().date.finditer(text):
        date = _from_match(m)
        if date is not None:
            found.append((m, date))
    return found


_DATE_TAIL = (
    r"(?i)\s*(?:г\.?|года|жыл\w*|ж\.)?\s*,?\s*(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?\s*$"
)


def parse_date(text: str) -> dt.date:
    """Read a date given by a user (``--date``, config): ISO ``2020-11-24`` or a written date.

    Raises ``ValueError`` with a message fit to show as is.
    """
    value = text.strip()
    for m, date in _dates_in(value):
        if m.start() == 0 and _patterns().date_tail.fullmatch(value[m.end() :]):
            return date
    raise ValueError(
        f"cannot read date {text!r}: expected YYYY-MM-DD (e.g. 2020-11-24), "
        "DD.MM.YYYY or a written date such as 'Nov. 24, 2020'"
    )


def parse_loose(value: str) -> dt.date | None:
    """A date from a metadata value (front matter, meta tag, JSON field), or ``None``.

    ISO timestamps keep the date as written (``2020-11-24T23:30+06:00`` is the 24th: the
    article's local date, which is the date its rates were quoted for).
    """
    try:
        return parse_date(value)
    except ValueError:
        return None


_NAME_DATE = r"(?<!\d)(\d{4})([-_.]?)(\d{2})\2(\d{2})(?!\d)"


def date_from_filename(name: str) -> dt.date | None:
    """A date in a file name (``2020-11-24-forum.md``, ``20201124_forum.html``)."""
    stem = PurePath(name).name
    for m in _patterns().name_date.finditer(stem):
        date = _build(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if date is not None:
            return date
    return None


_WEEKDAYS = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?"
    r"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
    r"|дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
_LABELS = (
    r"published|updated|posted|date|dated|last\s+updated|опубликовано|обновлено|дата"
    r"|дата\s+публикации|жарияланды|жарияланған|жаңартылды|күні"
)
_DECOR = r"[\s*_#>|•·\-–—,.:;/()\[\]]"
_PREFIX_NOISE = rf"(?i)(?:{_DECOR}|(?:{_WEEKDAYS})\b\.?|{_TIME}|(?:{_LABELS})\b|(?:on|at|в)\b)*"
_SUFFIX_NOISE = (
    rf"(?i)(?:{_DECOR}|{_TIME}|\d+|\+|−|(?:gmt|utc|msk|almt|г|года|ж|жыл\w*|сағат\w*|в)\b\.?)*"
)
_UPPER = "A-ZА-ЯЁӘІҢҒҮҰҚӨҺ"
_WIRE_PREFIX = (
    rf"[\s*_]*(?:[{_UPPER}][{_UPPER} .'\-]{{1,40}}|[{_UPPER}][\w'\-]+(?: [{_UPPER}][\w'\-]+)?)"
    r"(?:,\s*[A-Z][\w .]{1,30})?\s*[,.]?\s*(?:\([^)]{1,30}\)\s*[,.]?\s*)?(?:[–—-]\s*)?"
)
_HAS_TIME = rf"^\W*{_TIME}"


def _line_date(line: str) -> dt.date | None:
    pats = _patterns()
    for m, date in _dates_in(line):
        prefix, suffix = line[: m.start()], line[m.end() :]
        if pats.prefix_noise.fullmatch(prefix) and pats.suffix_noise.fullmatch(suffix):
            return date  # a date line: "3 July 2023, 13:58", "15:32, 21 June 2016 | GMT +6"
        wire_end = pats.wire_end.match(suffix) or pats.suffix_noise.fullmatch(suffix)
        if pats.wire_prefix.fullmatch(prefix) and wire_end:
            return date  # a wire dateline: "ALMATY, Nov. 24, 2020 – ...", "Astana, Nov. 24, 2020"
        if pats.has_time.match(suffix) and pats.suffix_noise.fullmatch(suffix):
            return date  # a headline with its date and time: "Title 14 January 2013, 14:52"
    return None


_LINE_SPLIT = r"\r\n|\r|\n|\u2028|\u2029"
_GAP_SPLIT = r"\r\n|\r|\n|\u2028|\u2029|(?: {3,}|\t+)(?=\S)"


class _Patterns(NamedTuple):
    date: re.Pattern[str]
    date_tail: re.Pattern[str]
    name_date: re.Pattern[str]
    prefix_noise: re.Pattern[str]
    suffix_noise: re.Pattern[str]
    wire_prefix: re.Pattern[str]
    wire_end: re.Pattern[str]
    has_time: re.Pattern[str]
    line_split: re.Pattern[str]
    gap_split: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    """The patterns above, compiled (from the user cache) on first use."""
    return _Patterns(
        *compile_all(
            "dates",
            (
                _DATE,
                _DATE_TAIL,
                _NAME_DATE,
                _PREFIX_NOISE,
                _SUFFIX_NOISE,
                _WIRE_PREFIX,
                r"\s*[-–—.:(/]",
                _HAS_TIME,
                _LINE_SPLIT,
                _GAP_SPLIT,
            ),
        )
    )


def find_dateline(
    text: str, *, window: int = DATELINE_WINDOW, gaps: bool = False
) -> dt.date | None:
    """The date of a dateline near the top of ``text`` (first ``window`` visible characters).

    With ``gaps`` (for masked HTML), runs of 3+ spaces also separate lines, since
    blanked-out tags are where block boundaries were.
    """
    first = len(text) - len(text.lstrip())
    limit = first + window
    splitter = _patterns().gap_split if gaps else _patterns().line_split
    pos = 0
    for m in [*splitter.finditer(text, 0, min(len(text), limit + 400)), None]:
        end = m.start() if m else min(len(text), limit + 400)
        if pos > limit:
            break
        line = text[pos:end]
        if line.strip() and any(ch.isdigit() for ch in line):
            date = _line_date(line)
            if date is not None:
                return date
        if m is None:
            break
        pos = m.end()
    return None
