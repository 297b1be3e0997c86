"""Every check test runs against the bundled rates only: no user cache, no pinned directory."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def bundled_rates_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fetched cache on the developer's machine must not change a golden file."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("MONEYFIX_RATES_DIR", raising=False)
    monkeypatch.delenv("MONEYFIX_NBK_URL", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
