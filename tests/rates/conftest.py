"""Shared fixtures: an isolated cache, small rate directories, an NBK-speaking local server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read or write the real user cache; no environment pins leak in."""
    cache_home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.delenv("MONEYFIX_RATES_DIR", raising=False)
    monkeypatch.delenv("MONEYFIX_NBK_URL", raising=False)
    return cache_home


@pytest.fixture
def nbk_server() -> Iterator[HTTPServer]:
    """A threaded HTTP server on 127.0.0.1 (threaded so that concurrency can be observed)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()
