"""MF004: conversions in one document that disagree with each other.

Works without a date: an article converts its figures at one rate, so a pair whose
implied rate strays from the document's consensus by more than the tolerance and its own
printed precision allow is suspect even when no official rate is known. The consensus is
the median of the pairs' rates weighted by their precision, computed once per currency
pair (linear in the number of pairs after one sort): an exact "US$148.42 million" counts
for far more than a coarse "(US$8)", so a coarse pair that is right at its own rounding
neither disagrees nor drags the exact ones with it. Of two pairs, the more precise one is
the consensus and the other is checked against it.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from moneyfix.model import Finding
from moneyfix.rules.conversions import PairView
from moneyfix.rules.registry import RULES

_FLOOR = Decimal("1e-6")


def inconsistent_pairs(views: list[PairView], tolerance: Decimal) -> list[Finding]:
    """One finding for each pair that disagrees with its document's consensus rate."""
    groups: dict[tuple[str, str], list[PairView]] = defaultdict(list)
    for view in views:
        groups[(view.units, view.per)].append(view)
    findings = []
    for group in groups.values():
        if len(group) < 2:
            continue
        typical, anchor = _consensus(group)
        for view in group:
            if view is anchor:
                continue
            off = min((rate / typical - 1 for rate in _rates(view)), key=abs)
            if abs(off) > tolerance + view.precision:
                allowed = tolerance + view.precision
                findings.append(_finding(view, typical, off, allowed, anchor, len(group) - 1))
    return findings


def _rates(view: PairView) -> tuple[Decimal, ...]:
    return (view.implied, *view.options)


def _weight(view: PairView) -> Decimal:
    return 1 / max(view.precision, _FLOOR)


def _consensus(group: list[PairView]) -> tuple[Decimal, PairView | None]:
    """The weighted median rate, and the pair that is the consensus when there are two.
    A single figure beside a range may mean either end: it is checked, never a standard."""
    group = [v for v in group if not v.options] or group
    if len(group) == 1:
        return group[0].implied, group[0]
    if len(group) == 2:
        anchor = max(group, key=_weight)  # the first of two equally precise pairs
        return anchor.implied, anchor
    ordered = sorted(group, key=lambda v: v.implied)
    half = sum((_weight(v) for v in ordered), Decimal(0)) / 2
    running = Decimal(0)
    for view in ordered:
        running += _weight(view)
        if running >= half:
            return view.implied, None
    return ordered[-1].implied, None  # not reached: the weights sum to twice ``half``


def _finding(
    view: PairView,
    typical: Decimal,
    off: Decimal,
    allowed: Decimal,
    anchor: PairView | None,
    others: int,
) -> Finding:
    rule = RULES["MF004"]
    rate = view.implied.quantize(Decimal("0.01"))
    consensus = typical.quantize(Decimal("0.01"))
    against = (
        f"{anchor.primary.shown} ({anchor.conversion.shown}), the more precise pair"
        if anchor is not None
        else f"the other {others} pairs (their median weighted by precision)"
    )
    message = (
        f"{view.primary.shown} ({view.conversion.shown}) implies {rate} {view.label()}, "
        f"{off * 100:+.1f}% from the {consensus} of {against} (allowed ±{allowed * 100:.1f}%)"
    )
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=message,
        start=view.conversion.start,
        end=view.conversion.end,
        text=view.conversion.text,
        evidence={
            "primary": view.primary.text,
            "conversion": view.conversion.text,
            "implied_rate": str(rate),
            "document_rate": str(consensus),
        },
    )
