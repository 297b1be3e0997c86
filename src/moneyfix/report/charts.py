"""Inline SVG charts of the review page: implied rates against the official line, findings
per month.

The rate chart has to stay light for an archive of 100,000 files, so right pairs are
counted into screen cells as they arrive (a cell is one dot, its ``data-n`` the pairs it
stands for), while every pair with a finding keeps its own dot, coloured by the code and
linking to its entry. The y axis is logarithmic: a missing "million" puts a dot a
thousand times off the line, and it still has to fit on the chart with the line visible.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from moneyfix.rates.table import RateTable, RateUnavailable

__all__ = ["CODE_COLOURS", "MonthChart", "RateChart", "colour"]

CODE_COLOURS = {
    "MF001": "#d62728",
    "MF002": "#9467bd",
    "MF003": "#ff7f0e",
    "MF004": "#8c564b",
    "MF005": "#17becf",
    "MF006": "#7f7f7f",
    "MF007": "#e377c2",
    "MF008": "#bcbd22",
}
_RIGHT = "#4a78a8"
_WIDTH, _HEIGHT = 960, 300
_LEFT, _TOP, _BOTTOM, _RIGHT_MARGIN = 64, 24, 30, 14
_BUCKETS_PER_DECADE = 300
"""Vertical resolution of counted right pairs: a bucket is 0.77% of the rate."""
_LINE_SAMPLES = 320


def colour(code: str) -> str:
    return CODE_COLOURS.get(code, "#333")


@dataclass(frozen=True)
class Outlier:
    """A pair with a finding: drawn alone, linking to review item ``item``."""

    day: dt.date
    rate: float
    code: str
    item: int
    label: str


@dataclass
class _Series:
    right: Counter[tuple[int, int]] = field(default_factory=Counter)
    """(date ordinal, log bucket) -> right pairs."""
    outliers: list[Outlier] = field(default_factory=list)

    def days(self) -> list[int]:
        return [d for d, _ in self.right] + [o.day.toordinal() for o in self.outliers]


@dataclass(frozen=True)
class _Frame:
    """The plot area's scales: date ordinals to x, log10 of the rate to y."""

    first: int
    last: int
    low: float
    high: float

    def x(self, ordinal: float) -> float:
        span = max(1, self.last - self.first)
        return _LEFT + (ordinal - self.first) / span * (_WIDTH - _LEFT - _RIGHT_MARGIN)

    def y(self, log_rate: float) -> float:
        span = max(1e-9, self.high - self.low)
        return _TOP + (self.high - log_rate) / span * (_HEIGHT - _TOP - _BOTTOM)


class RateChart:
    """Every tenge pair's implied rate by article date, one chart per currency."""

    def __init__(self) -> None:
        self._series: dict[str, _Series] = defaultdict(_Series)

    def add(
        self, currency: str, day: dt.date, rate: Decimal, code: str | None, item: int, label: str
    ) -> None:
        series = self._series[currency]
        if code is None:
            bucket = round(math.log10(rate) * _BUCKETS_PER_DECADE)
            series.right[(day.toordinal(), bucket)] += 1
        else:
            series.outliers.append(Outlier(day, float(rate), code, item, label))

    def currencies(self) -> list[str]:
        """Currencies by number of pairs, most first."""
        return sorted(self._series, key=lambda c: (-self.count(c), c))

    def count(self, currency: str) -> int:
        series = self._series[currency]
        return sum(series.right.values()) + len(series.outliers)

    def svg(self, currency: str, table: RateTable | None) -> str:
        """The chart of one currency, with the official rate line when the table has it."""
        series = self._series[currency]
        days = series.days()
        first, last = min(days), max(days)
        line = _official_line(table, currency, first, last)
        logs = [b / _BUCKETS_PER_DECADE for _, b in series.right]
        logs += [math.log10(o.rate) for o in series.outliers]
        logs += [math.log10(v) for _, v in line if v is not None]
        pad = max(0.05, (max(logs) - min(logs)) * 0.05)
        frame = _Frame(first, last, min(logs) - pad, max(logs) + pad)
        parts = [_axes(frame, f"KZT per {currency}")]
        cells: Counter[tuple[int, int]] = Counter()
        for (day, bucket), n in series.right.items():
            cells[(round(frame.x(day)), round(frame.y(bucket / _BUCKETS_PER_DECADE)))] += n
        for (cx, cy), n in sorted(cells.items()):
            parts.append(
                f'<circle class="pt ok" cx="{cx}" cy="{cy}" r="2" data-n="{n}">'
                f"<title>{n} right pair{'s' if n != 1 else ''}</title></circle>"
            )
        parts.append(_polyline(frame, line))
        for o in series.outliers:
            x, y = frame.x(o.day.toordinal()), frame.y(math.log10(o.rate))
            parts.append(
                f'<a href="#i{o.item}" class="pt-link"><circle class="pt bad" cx="{x:.1f}" '
                f'cy="{y:.1f}" r="3.5" fill="{colour(o.code)}" data-n="1" '
                f'data-code="{o.code}" data-item="{o.item}"><title>{html.escape(o.label)}'
                "</title></circle></a>"
            )
        return _svg(f"rate-{currency}", f"Implied rates of {currency} pairs", parts)


def _official_line(
    table: RateTable | None, currency: str, first: int, last: int
) -> list[tuple[int, float | None]]:
    """The official rate sampled across the dates (None where there is no rate)."""
    if table is None or currency not in table.currencies():
        return []
    step = max(1, (last - first) // _LINE_SAMPLES)
    out: list[tuple[int, float | None]] = []
    for ordinal in [*range(first, last, step), last]:
        try:
            value = float(table.lookup(currency, dt.date.fromordinal(ordinal)).value)
        except RateUnavailable:
            out.append((ordinal, None))
            continue
        out.append((ordinal, value if value > 0 else None))
    return out


def _polyline(frame: _Frame, line: list[tuple[int, float | None]]) -> str:
    runs: list[list[str]] = [[]]
    for ordinal, value in line:
        if value is None:
            runs.append([])
        else:
            runs[-1].append(f"{frame.x(ordinal):.1f},{frame.y(math.log10(value)):.1f}")
    return "".join(
        f'<polyline class="official" points="{" ".join(run)}"><title>official NBK rate</title>'
        "</polyline>"
        for run in runs
        if run
    )


def _axes(frame: _Frame, unit: str) -> str:
    bottom = _HEIGHT - _BOTTOM
    parts = [
        f'<line class="axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{bottom}"/>',
        f'<line class="axis" x1="{_LEFT}" y1="{bottom}" x2="{_WIDTH - _RIGHT_MARGIN}" '
        f'y2="{bottom}"/>',
        f'<text class="unit" x="4" y="12">{html.escape(unit)}</text>',
    ]
    for log_value in _log_ticks(frame.low, frame.high):
        y = frame.y(log_value)
        parts.append(
            f'<line class="grid" x1="{_LEFT}" y1="{y:.1f}" x2="{_WIDTH - _RIGHT_MARGIN}" '
            f'y2="{y:.1f}"/><text class="tick" x="{_LEFT - 4}" y="{y + 4:.1f}" '
            f'text-anchor="end">{_rate_label(log_value)}</text>'
        )
    for year, ordinal in _year_ticks(frame.first, frame.last):
        x = frame.x(ordinal)
        parts.append(
            f'<line class="grid" x1="{x:.1f}" y1="{_TOP}" x2="{x:.1f}" y2="{bottom}"/>'
            f'<text class="tick" x="{x:.1f}" y="{bottom + 16}" text-anchor="middle">{year}</text>'
        )
    return "".join(parts)


def _log_ticks(low: float, high: float) -> list[float]:
    """Powers of ten inside the range, with 2 and 5 between them when there are few."""
    decades = range(math.floor(low), math.ceil(high) + 1)
    steps = (1, 2, 5) if high - low < 3 else (1,)
    ticks = [d + math.log10(s) for d in decades for s in steps]
    inside = [t for t in ticks if low <= t <= high]
    if len(inside) < 2:
        inside = [low + (high - low) * k / 4 for k in range(1, 4)]
    return inside


def _rate_label(log_value: float) -> str:
    value = 10**log_value
    if value >= 1e9:
        return f"{value / 1e9:g}bn"
    if value >= 1e6:
        return f"{value / 1e6:g}M"
    if value >= 1e3:
        return f"{value / 1e3:g}k"
    return f"{value:.3g}"


def _year_ticks(first: int, last: int) -> list[tuple[int, int]]:
    start, end = dt.date.fromordinal(first).year, dt.date.fromordinal(last).year
    step = max(1, (end - start + 1) // 12)
    ticks = []
    for year in range(start, end + 1, step):
        ordinal = dt.date(year, 1, 1).toordinal()
        if first <= ordinal <= last:
            ticks.append((year, ordinal))
    return ticks


class MonthChart:
    """Findings per month of the articles' dates, stacked by code."""

    def __init__(self) -> None:
        self._months: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)

    def add(self, day: dt.date, code: str) -> None:
        self._months[(day.year, day.month)][code] += 1

    def __bool__(self) -> bool:
        return bool(self._months)

    def svg(self) -> str:
        first, last = min(self._months), max(self._months)
        months = []
        year, month = first
        while (year, month) <= last:
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        top = max(sum(c.values()) for c in self._months.values())
        height = _HEIGHT - 100
        plot = height - _TOP - _BOTTOM
        width = (_WIDTH - _LEFT - _RIGHT_MARGIN) / len(months)
        parts = [
            f'<line class="axis" x1="{_LEFT}" y1="{height - _BOTTOM}" '
            f'x2="{_WIDTH - _RIGHT_MARGIN}" y2="{height - _BOTTOM}"/>',
            f'<text class="tick" x="{_LEFT - 4}" y="{_TOP + 4}" text-anchor="end">{top}</text>',
            f'<text class="unit" x="4" y="{height - _BOTTOM}">findings</text>',
        ]
        for number, key in enumerate(months):
            x = _LEFT + number * width
            y = float(height - _BOTTOM)
            for code, n in sorted(self._months.get(key, Counter()).items()):
                bar = n / top * plot
                y -= bar
                parts.append(
                    f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{max(width - 1, 0.6):.1f}" '
                    f'height="{bar:.1f}" fill="{colour(code)}" data-code="{code}" data-n="{n}">'
                    f"<title>{key[0]}-{key[1]:02d}: {n} {code}</title></rect>"
                )
            if key[1] == 1 or number == 0:
                parts.append(
                    f'<text class="tick" x="{x:.1f}" y="{height - _BOTTOM + 16}">{key[0]}</text>'
                )
        return _svg("per-month", "Findings per month", parts, height)


def _svg(ident: str, title: str, parts: list[str], height: int = _HEIGHT) -> str:
    return (
        f'<svg id="{ident}" class="chart" viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'aria-label="{html.escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{html.escape(title)}</title>{''.join(parts)}</svg>"
    )
