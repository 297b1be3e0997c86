"""What one currency's history covers: official and derived days, the gaps, the sources.

``moneyfix rates info`` prints this, so a fact-checker can see from when a rate is official
and where only a proxy, or nothing, stands in.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from moneyfix.rates.files import Series, is_carried, source_origin, source_rank
from moneyfix.rates.table import DEFAULT_MAX_STALENESS

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True)
class Coverage:
    currency: str
    first: dt.date
    last: dt.date
    days: int
    official: int
    """Days with an official row, listed by its source or carried (``carried`` of them)."""
    carried: int
    derived: int
    official_spans: list[Span]
    """First and last day of each run of official rows (holes a lookup bridges included)."""
    gaps: list[Span]
    """Last row before and first row after each hole longer than the lookup bridges."""
    sources: dict[str, int]
    """Days per source, carried days counted with the source they come from."""


def coverage(currency: str, series: Series, max_staleness: int = DEFAULT_MAX_STALENESS) -> Coverage:
    """Summarise a non-empty ``series``; holes of up to ``max_staleness`` days are bridged."""
    dates, sources = series.dates, series.sources
    official_spans: list[Span] = []
    gaps: list[Span] = []
    previous: dt.date | None = None
    start: dt.date | None = None  # first day of the official run in progress
    for day, source in zip(dates, sources, strict=True):
        hole = previous is not None and (day - previous).days - 1 > max_staleness
        if hole:
            assert previous is not None
            gaps.append((previous, day))
        is_official = source_rank(source) == 2
        if start is not None and (hole or not is_official):
            assert previous is not None
            official_spans.append((start, previous))
            start = None
        if is_official and start is None:
            start = day
        previous = day
    if start is not None:
        official_spans.append((start, dates[-1]))
    by_origin = Counter(map(source_origin, sources))
    official = sum(n for s, n in by_origin.items() if source_rank(s) == 2)
    return Coverage(
        currency=currency,
        first=dates[0],
        last=dates[-1],
        days=len(dates),
        official=official,
        carried=sum(1 for s in sources if is_carried(s)),
        derived=len(dates) - official,
        official_spans=official_spans,
        gaps=gaps,
        sources=dict(sorted(by_origin.items())),
    )
