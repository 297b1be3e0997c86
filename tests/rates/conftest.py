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


@pytest.fixture(scope="session")
def _nbk_server_process() -> Iterator[HTTPServer]:
    """One threaded server on 127.0.0.1 for the session (stopping one costs 0.5 s)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def nbk_server(_nbk_server_process: HTTPServer) -> Iterator[HTTPServer]:
    """The shared server with no handlers and an empty log (threaded: concurrency shows)."""
    _nbk_server_process.clear()
    yield _nbk_server_process
    _nbk_server_process.clear()
