"""MF001, MF002, MF003 and MF007: is a conversion explained by an official rate?

A pair's implied rate is compared with the official rates around the article's date
(the window D-3 ... D+1) or, without a date, with the whole history of the currency.
When it misses by a power of 1000, a magnitude word is missing (MF001) or wrong (MF002);
when it misses otherwise but some historical rate explains it, the rate is stale or
mistyped (MF003); when nothing explains it, the pair is implausible (MF007).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from weakref import WeakKeyDictionary

from moneyfix.amounts.lexicon import SUBUNIT_EXPONENT
from moneyfix.amounts.scanner import magnitude_exponent
from moneyfix.amounts.style import format_number, number_span, with_magnitude
from moneyfix.model import Amount, Applicability, Edit, Finding, Fix, Pair
from moneyfix.pairs import implied_rate, rate_currencies
from moneyfix.rates.table import Rate, RateTable, RateUnavailable
from moneyfix.rules.evidence import DocumentScale, Reading, weigh
from moneyfix.rules.periods import Period, periods_near, years_near
from moneyfix.rules.registry import RULES

_THOUSAND = Decimal(1000)
_FACTORS = tuple((shift, _THOUSAND**shift) for shift in (1, -1, 2, -2, 3, -3, 4, -4))
"""The power-of-1000 slips tried, in order, each with its factor (worked out once: every
pair tries them all)."""
_HEDGE_SLACK = Decimal("0.01")
_PRIMARY_SLACK_CAP = Decimal("0.025")


@dataclass(frozen=True)
class Settings:
    tolerance: Decimal
    window_before: int
    window_after: int
    max_staleness: int
    lang: str


@dataclass(frozen=True)
class PairView:
    """One pair with what every rule needs: the two sides, rate currencies, slack."""

    pair: Pair
    primary: Amount
    conversion: Amount
    units: str
    """The currency the rate is counted in: KZT when the pair has tenge."""
    per: str
    implied: Decimal
    precision: Decimal
    """Relative uncertainty of the implied rate from how the figures are printed."""
    options: tuple[Decimal, ...] = ()
    """Every rate the pair may mean: ``implied``, and beside a range the rate of its other
    end ("five tenge (US$0.011 to US$0.013)" restates "four to five tenge")."""

    def explained(self, accepts: Callable[[Decimal], object]) -> bool:
        return any(accepts(option) for option in (self.implied, *self.options))

    @property
    def units_side(self) -> Amount:
        return self.primary if self.primary.currency == self.units else self.conversion

    @property
    def per_side(self) -> Amount:
        return self.conversion if self.units_side is self.primary else self.primary

    def label(self) -> str:
        return f"{self.units}/{self.per}" if self.units != "KZT" else f"KZT/{self.per}"


def relative_precision(amount: Amount) -> Decimal:
    """Half a unit of the last printed digit, relative to the value: '$3' -> 1/6. The
    digits decide, not only the magnitude word: "2 тыс. 669 долларов" is exact to the
    dollar, though "тыс." alone would make it ±500."""
    if amount.value == 0:
        return Decimal(1)
    scale = _exponent(amount)  # "11 cents" is ±0.5 cent, "10 cents" too
    last_digit = amount.value.normalize().as_tuple().exponent
    scale = min(scale - amount.decimals, int(last_digit)) if isinstance(last_digit, int) else 0
    half_unit = Decimal(5).scaleb(scale - 1)
    return half_unit / abs(amount.value)


def _exponent(amount: Amount) -> int:
    """Power of ten of one unit as written: the magnitude word's ("million": 6, none: 0),
    a hundredth less for a subunit ("11 cents": -2). Rewrites keep to it, so a recomputed
    "11 cents" stays in cents, and no magnitude word is offered for one."""
    subunit = SUBUNIT_EXPONENT if amount.subunit else 0
    return magnitude_exponent(amount.magnitude) + subunit


def view_of(pair: Pair, amounts: list[Amount]) -> PairView | None:
    primary, conversion = amounts[pair.primary], amounts[pair.conversion]
    if pair.implied_rate is None or pair.implied_rate <= 0:
        return None
    if primary.currency is None or conversion.currency is None:
        return None
    units, per = rate_currencies(primary, conversion)
    precision = relative_precision(conversion) + min(
        relative_precision(primary), _PRIMARY_SLACK_CAP
    )
    if primary.approximate or conversion.approximate:
        precision += _HEDGE_SLACK
    options = _other_end(primary, conversion)
    return PairView(pair, primary, conversion, units, per, pair.implied_rate, precision, options)


def _other_end(primary: Amount, conversion: Amount) -> tuple[Decimal, ...]:
    """Beside a range, a single figure may be its other end: the text wrote the rest of the
    range elsewhere ("from 85,000 tenge to 110,000 tenge ($157 to $204)")."""
    if (primary.range is None) == (conversion.range is None):
        return ()
    high = [a if a.range is None else replace(a, value=a.range[1]) for a in (primary, conversion)]
    rate = implied_rate(high[0], high[1])
    return () if rate is None or rate <= 0 else (rate,)


class RateSource:
    """Official rates for a pair's currencies, in KZT or as crosses through KZT."""

    def __init__(self, table: RateTable, settings: Settings) -> None:
        self.table = table
        self.settings = settings
        self._known = {*table.currencies(), "KZT"}
        self._windows: dict[tuple[str, str, dt.date], list[Rate]] = {}
        self._coarsest: dict[tuple[str, str, dt.date], Decimal] = {}

    @classmethod
    def of(cls, table: RateTable, settings: Settings) -> RateSource:
        """The rate source of ``table`` under ``settings``, one for all the documents of a
        run: the windows looked up for one article serve the next of the same days."""
        sources = _SOURCES.setdefault(table, {})
        found = sources.get(settings)
        if found is None:
            found = sources[settings] = cls(table, settings)
        return found

    def knows(self, view: PairView) -> bool:
        return view.units in self._known and view.per in self._known

    def rate(self, view: PairView, day: dt.date) -> Rate:
        if view.units == "KZT":
            return self.table.lookup(view.per, day, self.settings.max_staleness)
        return self.table.cross(view.units, view.per, day, self.settings.max_staleness)

    def window(self, view: PairView, day: dt.date) -> list[Rate]:
        """Official rates dated D-before ... D+after (only those that exist); looked up once
        per currency pair and day, as every pair of a document asks again (do not change
        the list)."""
        key = (view.units, view.per, day)
        found = self._windows.get(key)
        if found is None:
            found = self._windows[key] = self._window(view, day)
        return found

    def coarsest(self, view: PairView, day: dt.date) -> Decimal:
        """The widest rounding of the window's rates (:attr:`Rate.precision`), kept with it."""
        key = (view.units, view.per, day)
        found = self._coarsest.get(key)
        if found is None:
            window = self.window(view, day)
            found = self._coarsest[key] = max((r.precision for r in window), default=Decimal(0))
        return found

    def _window(self, view: PairView, day: dt.date) -> list[Rate]:
        first = day - dt.timedelta(days=self.settings.window_before)
        rates: dict[dt.date, Rate] = {}
        for offset in range(self.settings.window_before + self.settings.window_after + 1):
            try:
                found = self.rate(view, first + dt.timedelta(days=offset))
            except RateUnavailable:
                continue
            rates.setdefault(found.date, found)
        return list(rates.values())

    def bounds(self, view: PairView) -> tuple[Decimal, Decimal]:
        low, high = self.table.bounds(view.per)
        if view.units == "KZT":
            return low, high
        units_low, units_high = self.table.bounds(view.units)
        return low / units_high, high / units_low

    def days(self, view: PairView, period: Period) -> list[Rate]:
        """The official rate of every day inside ``period`` that has one."""
        per = self.table.rates_between(view.per, period.start, period.end)
        if view.units == "KZT":
            return per
        units = {r.date: r for r in self.table.rates_between(view.units, period.start, period.end)}
        return [
            Rate(r.value / units[r.date].value, r.date, f"{r.source}+{units[r.date].source}")
            for r in per
            if r.date in units
        ]

    def may_explain(self, view: PairView, year: int, slack: Decimal) -> bool:
        """Whether some rate of ``year`` (a day's, or the average of a period inside it) can
        be within ``slack`` of the pair's implied rate: all of them lie between the year's
        lowest and highest. A cross always may (its average is not bounded by its days)."""
        if view.units != "KZT":
            return True
        span = self.table.year_range(view.per, year)
        if span is None:
            return False
        low, high = span
        if view.implied < low:
            return abs(view.implied / low - 1) <= slack
        if view.implied > high:
            return abs(view.implied / high - 1) <= slack
        return True

    def coverage(self, view: PairView) -> tuple[dt.date, dt.date]:
        """The days the history knows both currencies of the pair."""
        spans = [self.table.coverage(c) for c in (view.units, view.per) if c != "KZT"]
        return max(s[0] for s in spans), min(s[1] for s in spans)

    def average(self, view: PairView, period: Period) -> Decimal | None:
        per = self.table.average(view.per, period.start, period.end)
        if view.units == "KZT" or per is None:
            return per
        units = self.table.average(view.units, period.start, period.end)
        return None if not units else per / units


_SOURCES: WeakKeyDictionary[RateTable, dict[Settings, RateSource]] = WeakKeyDictionary()


def _nearest(value: Decimal, rates: list[Rate], slack: Decimal) -> Rate | None:
    """The official rate closest to ``value`` if it is within ``slack`` (relative)."""
    if not rates:
        return None
    best = min(rates, key=lambda r: abs(value / r.value - 1))
    return best if abs(value / best.value - 1) <= slack else None


def _widened(bounds: tuple[Decimal, Decimal], slack: Decimal) -> tuple[Decimal, Decimal]:
    """``bounds`` widened by ``slack`` either way, which :func:`_within` tests against."""
    low, high = bounds
    return low * (1 - slack), high * (1 + slack)


def _within(value: Decimal, widened: tuple[Decimal, Decimal]) -> bool:
    return widened[0] <= value <= widened[1]


def _slack(view: PairView, rates: RateSource, day: dt.date | None) -> Decimal:
    # A coarse official rate (0.09 KZT per sum is ±5.6 %) widens the slack by its rounding.
    coarsest = Decimal(0) if day is None else rates.coarsest(view, day)
    return rates.settings.tolerance + view.precision + coarsest


def check_pair(
    view: PairView,
    text: str,
    rates: RateSource,
    day: dt.date | None,
    scale: DocumentScale | None = None,
) -> list[Finding]:
    """The findings of one pair (none when an official rate explains it); ``scale``, the
    document's other amounts, helps tell which side of a power-of-1000 slip is wrong."""
    window = rates.window(view, day) if day is not None else []
    slack = _slack(view, rates, day)
    bounds = rates.bounds(view)
    widened = _widened(bounds, slack)
    if window:
        if view.explained(lambda rate: _nearest(rate, window, slack)):
            return []
        envelope = _widened((min(r.value for r in window), max(r.value for r in window)), slack)
        for shift, factor in _FACTORS:
            shifted = view.implied / factor
            fit = _within(shifted, envelope) and _nearest(shifted, window, slack)
            if fit:
                return _magnitude_findings(view, text, shift, fit, rates.settings, scale)
        assert day is not None
        within = _within(view.implied, widened)
        periods = _named_periods(view, text, rates, day, slack, within)
        for period in periods:
            matched = _period_rate(view, period, rates, slack)
            if matched:
                return [_period_finding(view, period, *matched)]
        if within:
            return [_mismatch_finding(view, text, window, rates, day, slack)]
        early = [p for p in periods if p.start < rates.coverage(view)[0]]
        if early:  # "in 1995": the rates that would explain it are older than the history
            return [_gap_finding(view, rates, f"names {early[0].name}", early[0].start)]
    elif view.explained(lambda rate: _within(rate, widened)):
        return []
    for shift, factor in _FACTORS:
        if _within(view.implied / factor, widened):
            return _magnitude_findings(view, text, shift, None, rates.settings, scale)
    if day is not None and not window:
        return [_gap_finding(view, rates, f"is dated {day}", day)]
    note = _hundredfold(view, window, widened, slack)
    if day is None or not window:
        return [_implausible_finding(view, bounds, None, None, note)]
    of_day = _of_day(view, rates, day, window[-1])
    fix = _recomputed(view, text, of_day, rates.settings.lang)
    return [_implausible_finding(view, bounds, fix, of_day, note)]


def _hundredfold(
    view: PairView, window: list[Rate], widened: tuple[Decimal, Decimal], slack: Decimal
) -> str:
    """A conversion a hundred times off, which no magnitude word explains: its unit
    written for its subunit or the other way ("50 tenge (11 dollars)" for 11 cents).
    What the message says; a person picks the word."""
    per = view.per_side
    if per.range is not None or per.magnitude is not None:
        return ""
    factor = Decimal(100) if per.subunit is None else Decimal("0.01")
    shifted = view.implied * factor
    fits = _nearest(shifted, window, slack) if window else _within(shifted, widened)
    if not fits:
        return ""
    unit = f"hundredths of {view.per}" if per.subunit is None else f"whole {view.per}"
    return f'; read in {unit}, "{per.shown}" would give {_rate_text(shifted)} {view.label()}'


def _of_day(view: PairView, rates: RateSource, day: dt.date, fallback: Rate) -> Rate:
    """The official rate of the article's day, which a recomputed conversion uses."""
    try:
        return rates.rate(view, day)
    except RateUnavailable:
        return fallback


def _named_periods(
    view: PairView, text: str, rates: RateSource, day: dt.date, slack: Decimal, within: bool
) -> list[Period]:
    """The periods named near the pair, read only when they can change the verdict: a rate
    of a year they may fall in comes near the implied rate, or (a pair outside the whole
    history's range) a year before the history may be named."""
    years = years_near(text, view.primary.start, day)
    if any(rates.may_explain(view, year, slack) for year in years) or (
        not within and min(years) <= rates.coverage(view)[0].year
    ):
        return periods_near(text, view.primary.start, day)
    return []


def _period_rate(
    view: PairView, period: Period, rates: RateSource, slack: Decimal
) -> tuple[str, Decimal] | None:
    """The rate of ``period`` the pair was converted at: its average or one of its days."""
    average = rates.average(view, period)
    if average and abs(view.implied / average - 1) <= slack:
        return f"the average official rate of {period.name}", average
    day = _nearest(view.implied, rates.days(view, period), slack)
    if day is not None:
        return f"the official rate of {day.date}, inside {period.name}", day.value
    return None


def _rate_text(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}" if abs(value) >= 1 else f"{value:.6g}"


def _evidence(view: PairView, expected: Rate | None) -> dict[str, str]:
    evidence = {
        "primary": view.primary.text,
        "conversion": view.conversion.text,
        "implied_rate": _rate_text(view.implied),
    }
    if expected is not None:
        evidence.update(
            expected_rate=_rate_text(expected.value),
            rate_date=expected.date.isoformat(),
            rate_source=expected.source,
        )
    return evidence


def _finding(
    code: str,
    view: PairView,
    message: str,
    fix: Fix | None = None,
    expected: Rate | None = None,
    severity: str | None = None,
) -> Finding:
    rule = RULES[code]
    target = view.conversion
    return Finding(
        code=code,
        name=rule.name,
        severity=severity or rule.severity,  # type: ignore[arg-type]
        message=message,
        start=target.start,
        end=target.end,
        text=target.text,
        fix=fix,
        evidence=_evidence(view, expected),
    )


@dataclass(frozen=True)
class _Reading:
    """One way to make the pair agree: give ``side`` the magnitude 10**exponent."""

    side: Amount
    exponent: int
    edit: Edit

    @property
    def inserts(self) -> bool:
        return self.side.magnitude is None and self.exponent > 0

    @property
    def removes(self) -> bool:
        return self.side.magnitude is not None and self.exponent == 0


def _readings(view: PairView, text: str, shift: int, lang: str) -> list[_Reading]:
    """The two fixes of a power-of-1000 error: scale the foreign side up or tenge down."""
    readings = []
    for side, direction in ((view.per_side, 1), (view.units_side, -1)):
        exponent = _exponent(side) + 3 * shift * direction
        if exponent in (0, 3, 6, 9, 12) and side.range is None:
            start, end, replacement = with_magnitude(text, side, exponent, lang)
            readings.append(_Reading(side, exponent, Edit(start, end, replacement)))
    return readings


def _rewritten(text: str, side: Amount, edit: Edit) -> str:
    local = text[side.start : edit.start] + edit.replacement + text[edit.end : side.end]
    return " ".join(local.split())


def _already_written(text: str, reading: _Reading) -> bool:
    """The word a fix would insert already stands just after the amount, past a gap the
    scanner did not bridge ('US$235.59 <span class="unit">million</span>', masked to
    blanks): the amount is right, and inserting the word would write it twice."""
    word = reading.edit.replacement.strip()
    after = text[reading.side.end : reading.side.end + 200].lstrip()
    return (
        bool(word)
        and after.lower().startswith(word.lower())
        and (not after[len(word) : len(word) + 1].isalpha())
    )


def _magnitude_findings(
    view: PairView,
    text: str,
    shift: int,
    fit: Rate | None,
    settings: Settings,
    scale: DocumentScale | None,
) -> list[Finding]:
    readings = _readings(view, text, shift, settings.lang)
    corrected = view.implied / _THOUSAND**shift
    rate_note = (
        f"the official {_rate_text(fit.value)} {view.label()} of {fit.date}"
        if fit
        else f"a historical {view.label()} rate"
    )
    inserting = [r for r in readings if r.inserts]
    if len(inserting) == 1 and not any(r.removes for r in readings):
        reading = inserting[0]
        if _already_written(text, reading):
            return []
        fixed = _rewritten(text, reading.side, reading.edit)
        message = (
            f'"{reading.side.shown}" lacks its magnitude word: "{fixed}" gives '
            f"{_rate_text(corrected)} {view.label()}, {rate_note}"
        )
        finding = _finding("MF001", view, message, Fix("safe", (reading.edit,)), fit)
        return [_on_side(finding, view, reading)]
    options = [f'"{_rewritten(text, r.side, r.edit)}"' for r in readings]
    factor = f"{_THOUSAND ** abs(shift):,}"
    if len(readings) == 2:
        return [_weighed(view, text, readings, options, scale, factor, corrected, rate_note, fit)]
    both = " or ".join(options) if options else "a different magnitude word"
    message = (
        f'"{view.primary.shown}" and "{view.conversion.shown}" disagree by a factor of '
        f"{factor}: either {both} gives {_rate_text(corrected)} {view.label()}, {rate_note}"
    )
    # Display only: no reading can be offered as an edit.
    finding = _finding("MF002", view, message, None, fit)
    finding.evidence["readings"] = " | ".join(o.strip('"') for o in options)
    return [finding]


def _weighed(
    view: PairView,
    text: str,
    readings: list[_Reading],
    options: list[str],
    scale: DocumentScale | None,
    factor: str,
    corrected: Decimal,
    rate_note: str,
    fit: Rate | None,
) -> Finding:
    """Both readings explain the pair: the text's evidence picks one (safe when decisive)."""
    verdict = weigh(
        text,
        view.primary,
        [Reading(r.side, _value_at(r.side, r.exponent), r.removes) for r in readings],
        scale,
    )
    chosen = readings[verdict.best]
    why = (
        "; ".join(verdict.reasons)
        or "nothing in the text decides, and a conversion's slip is the usual one"
    )
    judged = (
        f"the evidence decides ({why})"
        if verdict.decisive
        else f"it is the likelier reading, not a sure one ({why})"
    )
    message = (
        f'"{view.primary.shown}" and "{view.conversion.shown}" disagree by a factor of '
        f"{factor}: {options[verdict.best]} gives {_rate_text(corrected)} {view.label()}, "
        f"{rate_note}, and so would {options[1 - verdict.best]}; {judged}"
    )
    code = "MF001" if chosen.inserts else "MF002"
    applicability: Applicability = "safe" if verdict.decisive else "unsafe"
    finding = _finding(code, view, message, Fix(applicability, (chosen.edit,)), fit)
    finding.evidence["readings"] = " | ".join(o.strip('"') for o in options)
    finding.evidence["decided_by"] = why
    return _on_side(finding, view, chosen)


def _value_at(side: Amount, exponent: int) -> Decimal:
    return side.value.scaleb(exponent - _exponent(side))


def _on_side(finding: Finding, view: PairView, reading: _Reading) -> Finding:
    """A finding about the primary's word points at the primary."""
    return _retarget(finding, view.primary) if reading.side is view.primary else finding


def _retarget(finding: Finding, amount: Amount) -> Finding:
    return replace(finding, start=amount.start, end=amount.end, text=amount.text)


def _mismatch_finding(
    view: PairView,
    text: str,
    window: list[Rate],
    rates: RateSource,
    day: dt.date,
    allowed: Decimal,
) -> Finding:
    nearest = min(window, key=lambda r: abs(view.implied / r.value - 1))
    off = (view.implied / nearest.value - 1) * 100
    message = (
        f"{view.primary.shown} ({view.conversion.shown}) implies {_rate_text(view.implied)} "
        f"{view.label()}; the nearest official rate is {_rate_text(nearest.value)} of "
        f"{nearest.date} ({off:+.1f}%, allowed ±{allowed * 100:.1f}%)"
    )
    of_day = _of_day(view, rates, day, nearest)
    fix = _recomputed(view, text, of_day, rates.settings.lang)
    return _finding("MF003", view, message, fix, nearest)


def _recomputed(view: PairView, text: str, rate: Rate, lang: str) -> Fix | None:
    """The conversion recomputed at ``rate``, same decimals and magnitude word."""
    conversion = view.conversion
    if conversion.range is not None or view.primary.range is not None:
        return None
    primary = abs(view.primary.value)  # a minus stays outside the span it rewrites
    value = primary / rate.value if conversion.currency == view.per else primary * rate.value
    return restated(conversion, value, text, lang)


def restated(amount: Amount, value: Decimal, text: str, lang: str) -> Fix | None:
    """``amount``'s number rewritten to ``value``, in its decimals and magnitude word (an
    unsafe fix: the figure is recomputed, not restored)."""
    start, end = number_span(amount)
    if start == end:
        return None
    number = value.scaleb(-_exponent(amount))
    like = text[start:end]
    comma = lang in ("ru", "kk") or ("," in like and "." not in like and amount.decimals > 0)
    new = format_number(number, amount.decimals, like, comma)
    if round(number, amount.decimals) == 0 or new == like:
        return None
    return Fix("unsafe", (Edit(start, end, new),))


def _period_finding(view: PairView, period: Period, which: str, rate: Decimal) -> Finding:
    message = (
        f"{view.primary.shown} ({view.conversion.shown}) implies {_rate_text(view.implied)} "
        f"{view.label()}, {which} ({_rate_text(rate)}): a figure of {period.name}, "
        "converted at that period's rate"
    )
    return _finding("MF003", view, message, severity="info")


def _gap_finding(view: PairView, rates: RateSource, why: str, day: dt.date) -> Finding:
    """No official rate near the day the pair is about: say so, rather than call it wrong."""
    first, last = rates.coverage(view)
    if day < first:
        where = f"before the history starts ({first})"
    elif day > last:
        where = f"after the {view.per} history ends ({last})"
    else:
        where = "in a gap of the history"
    message = (
        f"{view.primary.shown} ({view.conversion.shown}) implies {_rate_text(view.implied)} "
        f"{view.label()}; the text {why}, {where}: no official rate near it to check against"
    )
    return _finding("MF008", view, message, severity="info")


def _implausible_finding(
    view: PairView,
    bounds: tuple[Decimal, Decimal],
    fix: Fix | None,
    rate: Rate | None,
    note: str = "",
) -> Finding:
    """A mistyped figure: with a date, the conversion recomputed at the day's official rate
    is offered as an unsafe fix (the primary may be the mistyped side: a person decides)."""
    message = (
        f"{view.primary.shown} ({view.conversion.shown}) implies {_rate_text(view.implied)} "
        f"{view.label()}; no power of 1000 brings it within the historical range "
        f"{_rate_text(bounds[0])}–{_rate_text(bounds[1])}{note}: check both figures"
    )
    return _finding("MF007", view, message, fix, rate)
