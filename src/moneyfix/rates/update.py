"""``rates update``: fetch a date range from NBK and merge it into the cache, safely.

Fetched rows are flushed to disk in batches, one atomic replace per currency file, so an
update interrupted at any point leaves every cache file complete and valid (at worst some
dates are missing and the next update fetches them again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from moneyfix.rates.files import merge_into_directory
from moneyfix.rates.nbk import DayRates, NbkClient

FETCHED_SOURCE = "nbk:api"
FLUSH_EVERY = 32
ABORT_AFTER = 6
"""Give up when this many dates failed before any succeeded (offline, wrong URL, blocked)."""


@dataclass
class UpdateReport:
    """Counts per outcome; ``failed`` keeps (date, reason) for the message."""

    requested: int = 0
    fetched: int = 0
    no_data: int = 0
    failed: list[tuple[dt.date, str]] = field(default_factory=list)
    refused: list[tuple[dt.date, str]] = field(default_factory=list)
    """Dates fetched with some items left out (implausible, listed twice, unreadable)."""
    rows_written: int = 0
    currencies: set[str] = field(default_factory=set)
    aborted: bool = False
    """True when the update stopped early because the server could not be reached."""


def date_range(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def update_rates(
    target_dir: Path,
    days: Iterable[dt.date],
    currencies: Iterable[str] | None = None,
    client: NbkClient | None = None,
    on_day: Callable[[DayRates], None] | None = None,
    flush_every: int = FLUSH_EVERY,
    abort_after: int = ABORT_AFTER,
) -> UpdateReport:
    """Fetch ``days`` and merge the official rows into ``target_dir`` (newer fetch wins)."""
    client = client or NbkClient()
    wanted = {c.upper() for c in currencies} if currencies else None
    report = UpdateReport()
    pending: dict[str, list[tuple[dt.date, Decimal, str]]] = {}
    pending_days = 0

    def flush() -> None:
        nonlocal pending, pending_days
        if pending:
            stats = merge_into_directory(target_dir, pending, policy="replace")
            report.rows_written += sum(s.added + s.replaced for s in stats.values())
        pending = {}
        pending_days = 0

    day_list = list(days)
    report.requested = len(day_list)
    try:
        for result in client.fetch_days(day_list):
            if result.status == "ok":
                report.fetched += 1
                if result.detail:
                    report.refused.append((result.requested, result.detail))
                for code, value in result.rates.items():
                    if wanted is None or code in wanted:
                        pending.setdefault(code, []).append(
                            (result.requested, value, FETCHED_SOURCE)
                        )
                        report.currencies.add(code)
                pending_days += 1
            elif result.status == "no-data":
                report.no_data += 1
            else:
                report.failed.append((result.requested, result.detail))
            if on_day is not None:
                on_day(result)
            if pending_days >= flush_every:
                flush()
            if report.fetched == report.no_data == 0 and len(report.failed) >= abort_after:
                report.aborted = True
                break
    finally:
        flush()
    report.failed.sort()
    return report
