"""The CLI tests, like the check tests, run against the bundled rates only."""

from __future__ import annotations

from check.conftest import bundled_rates_only

__all__ = ["bundled_rates_only"]
