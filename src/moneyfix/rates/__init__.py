"""Historical official exchange rates: bundled NBK history, user cache, NBK updates.

Library entry points (the rule engine and the CLI use these)::

    from moneyfix.rates import load_table
    table = load_table()
    rate = table.lookup("USD", datetime.date(2020, 11, 25))   # Rate(424.49, 2020-11-25, "nbk:...")

Only light modules are imported here; the HTTP client lives in :mod:`moneyfix.rates.nbk`.
"""

from __future__ import annotations

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
    "resolve_locations",
    "user_cache_dir",
]
