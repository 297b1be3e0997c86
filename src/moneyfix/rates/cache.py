"""Where rates live: the bundled history, the user cache, or a pinned directory.

Resolution order (first match wins):

1. an explicit ``rates_dir`` argument (``--rates-dir``) or ``MONEYFIX_RATES_DIR``: only that
   directory is read, and updates/imports write there (reproducible runs, fixtures, builds);
2. otherwise the bundled history, overlaid by the user cache
   (``platformdirs.user_cache_dir("moneyfix")/rates``, which honours ``XDG_CACHE_HOME``);
   updates and imports write to the cache.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from moneyfix.user_cache import cache_dir

ENV_RATES_DIR = "MONEYFIX_RATES_DIR"


def bundled_rates_dir() -> Path:
    """The history shipped in the wheel, or the repository's ``rates/`` in a dev checkout."""
    package_dir = Path(__file__).resolve().parents[1]
    installed = package_dir / "_bundled_rates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "rates"


def user_cache_dir() -> Path:
    """Per-user cache for fetched rates (``$XDG_CACHE_HOME/moneyfix/rates`` on Linux)."""
    return cache_dir() / "rates"


@dataclass(frozen=True, slots=True)
class RateLocations:
    """Directories read in order (later ones override) and the directory written to."""

    layers: tuple[Path, ...]
    write_dir: Path
    pinned: bool


def resolve_locations(rates_dir: Path | str | None = None) -> RateLocations:
    if rates_dir is None:
        env = os.environ.get(ENV_RATES_DIR)
        if env:
            rates_dir = env
    if rates_dir is not None:
        pinned = Path(rates_dir).expanduser()
        return RateLocations((pinned,), pinned, True)
    cache = user_cache_dir()
    return RateLocations((bundled_rates_dir(), cache), cache, False)
