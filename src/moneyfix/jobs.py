"""A run's settings and each file's config and documents: what check, fix and scan share.

Kept apart from ``runner`` (checking and rewriting) so that ``scan``, which only reads
documents, starts without importing the rules and the rate tables.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from moneyfix.config import Config, ConfigError, load_config
from moneyfix.documents import Source, open_documents
from moneyfix.model import Document

WORKERS_AFTER = 2_000_000
"""Text a run reads (characters, or bytes of files) before it brings in a worker process
per core, where ``-j`` is left out: starting and feeding the workers costs about 0.1 s,
which a few megabytes repay and a pre-commit hook's handful of files do not."""


def default_jobs(size: int) -> int:
    """The worker processes for ``size`` of text where ``-j`` is left out: one (no pool)
    below ``WORKERS_AFTER``, else one per core."""
    return (os.cpu_count() or 1) if size >= WORKERS_AFTER else 1


@dataclass(frozen=True)
class Job:
    """What to do with every file of a run."""

    overrides: Mapping[str, Any]
    """Command-line settings, applied over each file's own config."""
    explicit_config: Path | None = None
    mode: str = "check"
    """``check``, ``fix`` (apply the fixes) or ``add-ignore`` (suppress every finding)."""
    write: bool = False
    """Write the changed files back (``False`` for --diff)."""
    details: bool = True
    """Keep each report's amounts and pairs (only the html review shows them): without,
    a worker process sends back a quarter of the bytes and a third of the pickling."""
    configs: dict[Path, Config] = field(default_factory=dict, compare=False, repr=False)
    """Each directory's config with the command line applied, worked out once per run (a
    directory of 3,000 articles asks 3,000 times)."""


def run_config(job: Job, paths: list[str] | None = None) -> Config:
    """Settings of the run as a whole (report format, --fail-on, walking): from the config
    that applies to the first path argument (searched upward), else the working directory."""
    first = next((p for p in paths or () if p != "-"), None)
    found = None
    if first is not None and job.explicit_config is None:
        # a broken config there is that file's own error; the run goes on with the cwd's
        with contextlib.suppress(ConfigError):
            found = load_config(Path(first))
    config = found or load_config(Path.cwd(), job.explicit_config)
    return config.merged(**job.overrides)


def config_for(path: Path, job: Job) -> Config:
    """The file's config (searched upward from it) with the command line applied, and the
    per-file ignores that match the file added to ``ignore``."""
    config = job.configs.get(path.parent)
    if config is None:
        config = load_config(path.parent, job.explicit_config).merged(**job.overrides)
        job.configs[path.parent] = config
    return replace(config, ignore=config.ignored_in(path)) if config.per_file_ignores else config


def documents_of(
    path: Path, config: Config, data: bytes | None = None, name: str | None = None
) -> list[tuple[Document, Source]]:
    """The documents of a file, or of ``data`` read from stdin under ``name``."""
    return open_documents(path, data, name, **config.reading)
