"""MF009: an MRP figure restated in tenge ("100 MCI (369,200 tenge)") that disagrees with
the index value in force at the article's date.

The legal multiplier is exact, so only the tenge figure's printed precision (and a hedge)
widens the check. Besides the value in force, an article may use the next year's value
once it is announced (budget laws are drafted in late summer and signed in December), the
previous value for a month after a change, or the value of a year its sentence names
("in 2023 the fine was ..."). Without a date, the figure must match some year's value.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from moneyfix.model import Amount, Finding, Pair
from moneyfix.rules.conversions import relative_precision, restated
from moneyfix.rules.mrp_table import IndexValue, following, in_force, mrp_values
from moneyfix.rules.periods import periods_near
from moneyfix.rules.registry import RULES

_ANNOUNCED = dt.timedelta(days=122)
_OLD_TABLES = dt.timedelta(days=31)
_HEDGE_SLACK = Decimal("0.01")
_WHOLE_TENGE = Decimal("0.0005")


def index_findings(
    pairs: list[Pair], amounts: list[Amount], text: str, day: dt.date | None, lang: str
) -> list[Finding]:
    """One MF009 finding for each MRP restatement the index value does not explain."""
    findings = []
    for pair in pairs:
        if pair.kind != "index" or not pair.implied_rate:
            continue
        first, second = amounts[pair.primary], amounts[pair.conversion]
        count, tenge = (first, second) if second.currency == "KZT" else (second, first)
        if tenge.currency != "KZT" or count.range is not None or tenge.range is not None:
            continue
        slack = relative_precision(tenge) + _WHOLE_TENGE
        if count.approximate or tenge.approximate:
            slack += _HEDGE_SLACK
        accepted = _accepted(text, tenge, day)
        if any(abs(pair.implied_rate / v.value - 1) <= slack for v in accepted):
            continue
        findings.append(_finding(count, tenge, pair.implied_rate, accepted, text, day, lang))
    return findings


def _accepted(text: str, tenge: Amount, day: dt.date | None) -> list[IndexValue]:
    """The values an article of ``day`` may rightly use."""
    if day is None:
        return list(mrp_values())
    current = in_force(day)
    if current is None:
        return list(mrp_values())  # before the table: no year can be ruled out
    values = [current]
    later = following(current)
    if later is not None and later.start - day <= _ANNOUNCED:
        values.append(later)
    earlier = in_force(current.start - dt.timedelta(days=1))
    if earlier is not None and day - current.start <= _OLD_TABLES:
        values.append(earlier)
    for period in periods_near(text, tenge.start, day):
        named = in_force(period.end)
        if named is not None:
            values.append(named)
    return values


def _finding(
    count: Amount,
    tenge: Amount,
    implied: Decimal,
    accepted: list[IndexValue],
    text: str,
    day: dt.date | None,
    lang: str,
) -> Finding:
    rule = RULES["MF009"]
    per = f"{implied.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    if day is None:
        message = (
            f"{count.shown} ({tenge.shown}) makes 1 MRP {per} tenge, which no year's value "
            "fixed by the budget laws gives"
        )
        fix = None
        evidence = {"implied_value": per}
    else:
        value = accepted[0]
        message = (
            f"{count.shown} ({tenge.shown}) makes 1 MRP {per} tenge; on {day} it was "
            f"{value.value} tenge ({value.source}, from {value.start})"
        )
        fix = restated(tenge, abs(count.value) * value.value, text, lang)
        evidence = {
            "implied_value": per,
            "expected_value": str(value.value),
            "value_from": value.start.isoformat(),
            "value_source": value.source,
        }
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=message,
        start=tenge.start,
        end=tenge.end,
        text=tenge.text,
        fix=fix,
        evidence={"primary": count.text, "conversion": tenge.text, **evidence},
    )
