"""Rate lookups: the latest official rate on or before a date, with its own date and source.

A :class:`RateTable` reads one CSV per currency lazily, the first time that currency is asked
for, so checking a document that only mentions dollars never parses the euro history.
Lookups bisect a sorted date list, so they cost microseconds.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from moneyfix.rates.cache import RateLocations, resolve_locations
from moneyfix.rates.files import (
    Conflict,
    Entry,
    Series,
    currency_path,
    list_currencies,
    read_conflicts,
    read_rate_file,
    source_origin,
    source_rank,
)

Reason = Literal["before-coverage", "gap", "past-last-date", "unknown-currency"]
DEFAULT_MAX_STALENESS = 7
BASE_CURRENCY = "KZT"


@dataclass(frozen=True, slots=True)
class Rate:
    """KZT per 1 unit of a currency (or units of base per 1 quote for crosses)."""

    value: Decimal
    date: dt.date
    """The date the rate is valid for, which may be earlier than the date asked for."""
    source: str
    """Provenance: ``nbk:<origin>`` for official NBK numbers, ``derived:<origin>`` otherwise."""
    rounding: Decimal | None = None
    """Relative rounding when it is not the printed value's own (a cross: both sides')."""

    @property
    def precision(self) -> Decimal:
        """Relative rounding of the printed rate (:func:`printed_precision`), which a check
        must allow for: NBK's 2 decimals make ``0.09`` KZT per sum ±5.6 %, ``7.57`` per
        rouble ±0.07 %. Computed on demand: most lookups never ask."""
        return printed_precision(self.value) if self.rounding is None else self.rounding


NBK_DECIMALS = 2
"""NBK prints every rate with 2 decimals per quoted unit (``130`` in a file is 130.00)."""


def printed_precision(value: Decimal) -> Decimal:
    """Half a unit of the rate's last printed decimal, relative to the rate.

    Only coarse rates matter: below 10 KZT a 2-decimal rate carries more than 0.05 % of
    rounding, and a conversion made at the unrounded rate must not look wrong for it.
    """
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # rates are finite, checked when read
    return Decimal(5).scaleb(min(exponent, -NBK_DECIMALS) - 1) / value


class RateUnavailable(Exception):
    """No rate can be given; ``reason`` says why so callers can word their own message."""

    def __init__(
        self, currency: str, requested: dt.date | None, reason: Reason, message: str
    ) -> None:
        super().__init__(message)
        self.currency = currency
        self.requested = requested
        self.reason: Reason = reason
        self.message = message


class RateTable:
    """The merged rate history of one set of directories (bundled + cache, or pinned)."""

    def __init__(self, locations: RateLocations) -> None:
        self.locations = locations
        self._series: dict[str, Series] = {}
        self._known: list[str] | None = None
        self._bounds: dict[str, tuple[Decimal, Decimal]] = {}
        self._averages: dict[tuple[str, dt.date, dt.date], Decimal | None] = {}
        self._years: dict[tuple[str, int], tuple[Decimal, Decimal] | None] = {}

    # -- loading -----------------------------------------------------------------------

    def currencies(self) -> list[str]:
        """Every currency with a history (KZT itself is implicit and not listed)."""
        if self._known is None:
            names: set[str] = set()
            for layer in self.locations.layers:
                names.update(list_currencies(layer))
            self._known = sorted(names)
        return list(self._known)

    def _lenient(self, layer: Path) -> bool:
        """The user cache (not the bundled history, not a pinned directory) skips a bad row
        with a warning: one bad fetch must not break every later command."""
        return not self.locations.pinned and layer == self.locations.write_dir

    def series(self, currency: str) -> Series:
        """One currency's merged history; loaded on first use, then kept."""
        code = currency.upper()
        cached = self._series.get(code)
        if cached is not None:
            return cached
        if code not in self.currencies():
            known = ", ".join(self.currencies()) or "none"
            raise RateUnavailable(
                code, None, "unknown-currency", f"unknown currency {currency!r} (known: {known})"
            )
        parts = [
            read_rate_file(currency_path(layer, code), lenient=self._lenient(layer))
            for layer in self.locations.layers
            if currency_path(layer, code).is_file()
        ]
        series = parts[0] if len(parts) == 1 else _overlay(parts)
        self._series[code] = series
        return series

    # -- lookups -----------------------------------------------------------------------

    def lookup(
        self, currency: str, date: dt.date, max_staleness: int = DEFAULT_MAX_STALENESS
    ) -> Rate:
        """The latest rate on or before ``date``, never a later one, at most N days old."""
        code = currency.upper()
        if code == BASE_CURRENCY:
            return Rate(Decimal(1), date, "identity", Decimal(0))
        series = self.series(code)
        index = bisect_right(series.dates, date) - 1
        if index < 0:
            start = f"starts on {series.dates[0]}" if series.dates else "is empty"
            raise RateUnavailable(
                code, date, "before-coverage", f"no {code} rate for {date}: the history {start}"
            )
        found = series.dates[index]
        age = (date - found).days
        if age > max_staleness:
            if index == len(series.dates) - 1:
                raise RateUnavailable(
                    code,
                    date,
                    "past-last-date",
                    f"no {code} rate for {date}: the last known rate is of {found} "
                    f"({age} days earlier, max staleness {max_staleness}); "
                    "run `moneyfix rates update`",
                )
            resumes = series.dates[index + 1]
            raise RateUnavailable(
                code,
                date,
                "gap",
                f"no {code} rate for {date}: the history has a gap from {found} to {resumes}",
            )
        return Rate(series.values[index], found, series.sources[index])

    def source_row(self, currency: str, rate: Rate) -> dt.date:
        """The date of the row its source lists for ``rate`` (earlier when it was carried)."""
        series = self.series(currency)
        origin = source_origin(rate.source)
        index = bisect_left(series.dates, rate.date)
        # Back over the carried days (another source may list some of them, same rate) to
        # the row its own source lists.
        while series.sources[index] != origin:
            if index == 0 or series.values[index - 1] != rate.value:
                return rate.date  # that row was replaced: no better date to name
            index -= 1
        return series.dates[index]

    def conflicts(self) -> list[Conflict]:
        """Days on which official sources disagree, as recorded by the imports."""
        return sorted(c for layer in self.locations.layers for c in read_conflicts(layer))

    def cross(
        self,
        base: str,
        quote: str,
        date: dt.date,
        max_staleness: int = DEFAULT_MAX_STALENESS,
    ) -> Rate:
        """Units of ``base`` per 1 ``quote`` on ``date``, computed through KZT."""
        base_rate = self.lookup(base, date, max_staleness)
        quote_rate = self.lookup(quote, date, max_staleness)
        value = quote_rate.value / base_rate.value
        sources = [s for s in (quote_rate.source, base_rate.source) if s != "identity"]
        source = "+".join(dict.fromkeys(sources)) or "identity"
        precision = base_rate.precision + quote_rate.precision  # a quotient's errors add
        return Rate(value, min(base_rate.date, quote_rate.date), source, precision)

    def rates_between(self, currency: str, start: dt.date, end: dt.date) -> list[Rate]:
        """Every stored row dated within ``[start, end]`` (one per calendar day covered)."""
        if currency.upper() == BASE_CURRENCY:
            days = (end - start).days + 1
            return [
                Rate(Decimal(1), start + dt.timedelta(days=i), "identity", Decimal(0))
                for i in range(days)
            ]
        series = self.series(currency)
        lo = bisect_left(series.dates, start)
        hi = bisect_right(series.dates, end)
        return [Rate(series.values[i], series.dates[i], series.sources[i]) for i in range(lo, hi)]

    def average(self, currency: str, start: dt.date, end: dt.date) -> Decimal | None:
        """Mean of the daily rows in ``[start, end]`` (for "in 2021"-style period rates)."""
        if currency.upper() == BASE_CURRENCY:
            return Decimal(1) if start <= end else None
        key = (currency.upper(), start, end)
        if key not in self._averages:  # a document asks for the same period again and again
            series = self.series(currency)
            lo = bisect_left(series.dates, start)
            hi = bisect_right(series.dates, end)
            mean = sum(series.values[lo:hi], Decimal(0)) / (hi - lo) if hi > lo else None
            self._averages[key] = mean
        return self._averages[key]

    def year_range(self, currency: str, year: int) -> tuple[Decimal, Decimal] | None:
        """Lowest and highest rate stored in ``year`` (``None``: no row): every rate of a
        period inside the year, and its average, lies between them."""
        code = currency.upper()
        if code == BASE_CURRENCY:
            return Decimal(1), Decimal(1)
        key = (code, year)
        if key not in self._years:  # asked for every pair that misses its window
            series = self.series(code)
            lo = bisect_left(series.dates, dt.date(year, 1, 1))
            hi = bisect_right(series.dates, dt.date(year, 12, 31))
            values = series.values[lo:hi]
            self._years[key] = (min(values), max(values)) if values else None
        return self._years[key]

    def bounds(self, currency: str) -> tuple[Decimal, Decimal]:
        """Lowest and highest rate ever stored: can any historical rate explain a pair?"""
        code = currency.upper()
        if code == BASE_CURRENCY:
            return Decimal(1), Decimal(1)
        if code not in self._bounds:  # asked for every pair a document has: computed once
            values = self.series(code).values
            if not values:
                raise RateUnavailable(code, None, "unknown-currency", "empty history")
            self._bounds[code] = (min(values), max(values))
        return self._bounds[code]

    def coverage(self, currency: str) -> tuple[dt.date, dt.date]:
        """First and last date with a row (there may be gaps in between); KZT: unbounded."""
        if currency.upper() == BASE_CURRENCY:
            return dt.date.min, dt.date.max
        dates = self.series(currency).dates
        if not dates:
            raise RateUnavailable(currency.upper(), None, "unknown-currency", "empty history")
        return dates[0], dates[-1]

    def last_date(self, currency: str | None = None) -> dt.date | None:
        """Last known date of one currency (None for KZT), or the latest over all currencies."""
        if currency is not None and currency.upper() == BASE_CURRENCY:
            return None
        if currency is not None:
            return self.coverage(currency)[1]
        lasts = [s.dates[-1] for s in map(self.series, self.currencies()) if s.dates]
        return max(lasts) if lasts else None


def _overlay(parts: list[Series]) -> Series:
    """Later layers override earlier ones, except that derived rows never hide official ones."""
    merged: dict[dt.date, Entry] = {}
    for part in parts:
        for day, value, source in zip(part.dates, part.values, part.sources, strict=True):
            old = merged.get(day)
            if old is None or source_rank(source) >= source_rank(old[1]):
                merged[day] = (value, source)
    days = sorted(merged)
    return Series(days, [merged[d][0] for d in days], [merged[d][1] for d in days])


def load_table(rates_dir: Path | None = None) -> RateTable:
    """The rate table for this process: pinned directory, or bundled history + user cache."""
    return RateTable(resolve_locations(rates_dir))


_TABLES: dict[RateLocations, RateTable] = {}


def table_for(rates_dir: str | Path | None) -> RateTable:
    """The rate table of this (worker) process, loaded once for all the chunks of work it is
    given (series are read lazily); a worker forked after a warm-up starts with it."""
    locations = resolve_locations(rates_dir or None)
    if locations not in _TABLES:
        _TABLES[locations] = RateTable(locations)
    return _TABLES[locations]
