"""MF004: conversions in one document that disagree with each other.

Works without a date: an article converts its figures at one rate, so a pair whose
implied rate strays from the others' median by more than the tolerance and its printed
precision allow is suspect even when no official rate is known.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from moneyfix.model import Finding
from moneyfix.rules.conversions import PairView
from moneyfix.rules.registry import RULES


def inconsistent_pairs(views: list[PairView], tolerance: Decimal) -> list[Finding]:
    """One finding for each pair that disagrees with the median of the others."""
    groups: dict[tuple[str, str], list[PairView]] = defaultdict(list)
    for view in views:
        groups[(view.units, view.per)].append(view)
    findings = []
    for group in groups.values():
        if len(group) < 2:
            continue
        from statistics import median  # imported when needed: 3 ms of start-up otherwise

        for view in group[1:] if len(group) == 2 else group:
            others = [v.implied for v in group if v is not view]
            typical = Decimal(median(others))
            off = view.implied / typical - 1
            if abs(off) > tolerance + view.precision:
                findings.append(_finding(view, typical, off, len(others)))
    return findings


def _finding(view: PairView, typical: Decimal, off: Decimal, others: int) -> Finding:
    rule = RULES["MF004"]
    rate = view.implied.quantize(Decimal("0.01"))
    message = (
        f"{view.primary.shown} ({view.conversion.shown}) implies {rate} {view.label()}, "
        f"{off * 100:+.1f}% from the {typical.quantize(Decimal('0.01'))} that "
        f"{'the other pair implies' if others == 1 else f'the other {others} pairs imply'}"
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
            "document_rate": str(typical.quantize(Decimal("0.01"))),
        },
    )
