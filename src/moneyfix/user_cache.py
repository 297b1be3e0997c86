"""The per-user cache: what is slow to derive and worth keeping between runs.

The lexicon read from CLDR, the scanner's compiled patterns and fetched rates live here
(``$XDG_CACHE_HOME/moneyfix`` on Linux). Every cached file is named for what it was
derived from, so a changed input means a new name, never a stale hit; a cache that
cannot be read or written only costs time.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path


def cache_dir() -> Path:
    """The user's moneyfix cache directory (it may not exist yet)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("moneyfix", appauthor=False))


def cached_file(family: str, key: int, suffix: str) -> Path | None:
    """Where a file of ``family`` derived from inputs hashing to ``key`` is kept; ``None``
    when there is no usable cache directory."""
    try:
        return cache_dir() / f"{family}-{key:08x}{suffix}"
    except OSError:
        return None


def store(path: Path, data: bytes, keep: int = 3) -> None:
    """Write ``data`` to ``path`` atomically and prune its family to the ``keep`` most
    recent other files (several installs may share one cache; upgrades leave old ones)."""
    family, _, _ = path.name.rpartition("-")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        others = sorted(
            (p for p in path.parent.glob(f"{family}-*{path.suffix}") if p != path),
            key=lambda p: p.stat().st_mtime,
        )
        for old in others[: max(len(others) - keep, 0)]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def lock_file(target: Path) -> Path:
    """The lock file guarding writes to the directory ``target``. It lives in the cache,
    named for the directory's resolved path, so that locking a project's or a pinned rates
    directory leaves no file in it."""
    key = zlib.crc32(str(target.resolve()).encode())
    return cache_dir() / "locks" / f"{target.name or 'root'}-{key:08x}.lock"
