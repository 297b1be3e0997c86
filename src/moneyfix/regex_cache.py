"""Regexes compiled once per interpreter and kept in the user cache.

The scanner's patterns spell out currency names in three languages and the dateline
reader's know dates in three; compiling them costs 20-25 ms, a fifth of a short run, and
pre-commit hooks pay start-up on every commit. The ``re`` module cannot save a compiled
pattern, so this module keeps what its compiler produces (the opcode list the C engine
runs) and hands it back to the engine next time. Flags are written inline (``(?i)``).

That uses the ``re`` package's internals (``re._parser``, ``re._compiler``, ``_sre``),
so every step is guarded: the cache file is named for the interpreter build, the engine
version and the exact pattern sources, carries a checksum, and each restored pattern
must give back its own source; anything unexpected (another Python, a damaged file)
falls back to ``re.compile``, which is only slower.
"""

from __future__ import annotations

import marshal
import re
import sys
import zlib
from collections.abc import Sequence

from moneyfix.user_cache import cached_file, store

# The arguments of _sre.compile: source, flags, code, groups - 1, groupindex, indexgroup.
_Entry = tuple[str, int, list[int], int, dict[str, int], tuple[str | None, ...]]


def compile_all(name: str, sources: Sequence[str]) -> list[re.Pattern[str]]:
    """``[re.compile(s) for s in sources]``, from the cache when it holds them; ``name``
    (the module's) names the cache file, so each module's patterns are kept apart."""
    engine = _engine()
    key = zlib.crc32("\0".join((engine or "", *sources)).encode())
    path = cached_file(f"regex-{name}", key, ".bin") if engine is not None else None
    if path is not None:
        try:
            data = path.read_bytes()
        except OSError:  # not cached yet, or no readable cache directory
            data = b""
        restored = _restore(data, engine, sources)
        if restored is not None:
            return restored
    entries = [_entry(source) for source in sources]
    complete = [entry for entry in entries if entry is not None]
    patterns = _from_entries(complete) if len(complete) == len(entries) else None
    if patterns is None:  # this Python's internals differ: compile the usual way
        return [re.compile(source) for source in sources]
    if path is not None:
        payload = marshal.dumps((engine, complete))
        store(path, zlib.crc32(payload).to_bytes(4, "big") + payload)
    return patterns


def _engine() -> str | None:
    """What compiled code is valid for: this interpreter build and its regex engine."""
    try:
        import _sre  # type: ignore[import-not-found]

        return f"{sys.version}:{sys.implementation.cache_tag}:{_sre.MAGIC}:{_sre.CODESIZE}"
    except (ImportError, AttributeError):
        return None


def _restore(
    data: bytes, engine: str | None, sources: Sequence[str]
) -> list[re.Pattern[str]] | None:
    """The cached patterns, or ``None`` when the file is missing, damaged or foreign (made
    by another interpreter or for other sources, whatever its name says)."""
    if len(data) < 4 or zlib.crc32(data[4:]) != int.from_bytes(data[:4], "big"):
        return None
    try:
        made_by, entries = marshal.loads(data[4:])
        if made_by != engine or [entry[0] for entry in entries] != list(sources):
            return None
    except Exception:  # any failure here only means compiling the usual way
        return None
    return _from_entries(entries)


def _from_entries(entries: Sequence[_Entry]) -> list[re.Pattern[str]] | None:
    """The patterns the engine builds from compiled entries (what ``re.compile`` does
    last), or ``None`` when it refuses them."""
    try:
        import _sre

        return [_sre.compile(*entry) for entry in entries]
    except Exception:  # as above
        return None


def _entry(source: str) -> _Entry | None:
    """What ``re.compile`` hands the engine for ``source`` (``None`` if this Python's
    internals differ from those of 3.11-3.13)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        tree = _parser.parse(source, 0)
        code = [int(op) for op in _compiler._code(tree, 0)]
        groups: dict[str, int] = dict(tree.state.groupdict)
        names: list[str | None] = [None] * tree.state.groups
        for name, index in groups.items():
            names[index] = name
        return (source, int(tree.state.flags), code, tree.state.groups - 1, groups, tuple(names))
    except Exception:  # as above: without the cache, patterns compile the usual way
        return None
