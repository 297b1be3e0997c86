"""The monthly calculation index (MRP, MCI, АЕК) in tenge, as the budget laws fix it.

Fines, fees and benefits are set in MRP; an article restating them in tenge should use
the value in force. The bundled ``rates/index/MRP.csv`` has one row per value: the day it
came into force, the value, and the law that fixed it (see ``rates/README.md``).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from moneyfix.rates.cache import bundled_rates_dir


@dataclass(frozen=True)
class IndexValue:
    start: dt.date
    """The first day the value is in force."""
    value: Decimal
    source: str
    """The law that fixed it."""


@functools.cache
def mrp_values() -> tuple[IndexValue, ...]:
    """Every MRP value of the bundled table, oldest first."""
    path = bundled_rates_dir() / "index" / "MRP.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            IndexValue(dt.date.fromisoformat(r["from"]), Decimal(r["value"]), r["source"])
            for r in csv.DictReader(handle)
        ]
    return tuple(sorted(rows, key=lambda v: v.start))


def in_force(day: dt.date) -> IndexValue | None:
    """The MRP value in force on ``day`` (None before the table starts)."""
    values = mrp_values()
    at = bisect_right([v.start for v in values], day)
    return values[at - 1] if at else None


def following(value: IndexValue) -> IndexValue | None:
    """The value that replaced ``value`` (None for the latest one)."""
    values = mrp_values()
    at = values.index(value)
    return values[at + 1] if at + 1 < len(values) else None
