"""Historical official exchange rates: bundled NBK history, user cache, NBK updates.

Library entry points (the rule engine and the CLI use these)::

    from moneyfix.rates import load_table
    table = load_table()
    rate = table.lookup("USD", datetime.date(2020, 11, 25))   # Rate(424.49, 2020-11-25, "nbk:...")

or, for a one-off lookup in the default table (bundled history + user cache)::

    moneyfix.rates.lookup("USD", datetime.date(2020, 11, 25))

Only light modules are imported here; the HTTP client lives in :mod:`moneyfix.rates.nbk`.
"""

from __future__ import annotations

import datetime
import functools

from moneyfix.rates.cache import bundled_rates_dir, resolve_locations, user_cache_dir
from moneyfix.rates.files import RatesFileError
from moneyfix.rates.table import (
    DEFAULT_MAX_STALENESS,
    Rate,
    RateTable,
    RateUnavailable,
    load_table,
)

__all__ = [
    "DEFAULT_MAX_STALENESS",
    "Rate",
    "RateTable",
    "RateUnavailable",
    "RatesFileError",
    "bundled_rates_dir",
    "load_table",
    "lookup",
    "resolve_locations",
    "user_cache_dir",
]


def lookup(currency: str, date: datetime.date, max_staleness: int = DEFAULT_MAX_STALENESS) -> Rate:
    """The official rate of ``currency`` (KZT per unit) valid on ``date``: the latest
    published on or before it, at most ``max_staleness`` days old, with its own date and
    source; ``RateUnavailable`` says why there is none.

    >>> import datetime
    >>> lookup("USD", datetime.date(2020, 11, 25)).value
    Decimal('424.49')
    """
    return _default_table().lookup(currency, date, max_staleness)


@functools.cache
def _default_table() -> RateTable:
    return load_table()
