"""Regexes compiled once per interpreter and kept in the user cache.

The scanner's patterns spell out currency names in three languages and the dateline
reader's know dates in three; compiling them costs 20-25 ms, a fifth of a short run, and
the modules' own constant patterns (periods, notations, Markdown markup, ...) another
10 ms; pre-commit hooks pay start-up on every commit. The ``re`` module cannot save a
compiled pattern, so this module keeps what its compiler produces (the opcode list the C
engine runs) and hands it back to the engine next time. Two ways in: ``compile_all`` for
one module's large generated set (a file of its own, named for the exact sources), and
``compile``, ``re.compile``'s stand-in for a module's constant patterns (one file for
all of them, looked up by source and flags, written at exit when a run compiled one it
did not hold).

That uses the ``re`` package's internals (``re._parser``, ``re._compiler``, ``_sre``),
so every step is guarded: the cache files are named for the interpreter build and the
engine version, carry a checksum, and each restored pattern must give back its own
source; anything unexpected (another Python, a damaged file) falls back to
``re.compile``, which is only slower.
"""

from __future__ import annotations

import atexit
import marshal
import re
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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
        restored = _restore(_read(path), engine, sources)
        if restored is not None:
            return restored
    entries = [_entry(source) for source in sources]
    complete = [entry for entry in entries if entry is not None]
    patterns = _from_entries(complete) if len(complete) == len(entries) else None
    if patterns is None:  # this Python's internals differ: compile the usual way
        return [re.compile(source) for source in sources]
    if path is not None and engine is not None:
        _write(path, (engine, complete))
    return patterns


def built_sources(name: str, inputs: bytes, build: Callable[[], Sequence[str]]) -> list[str]:
    """``build()``, or what it returned in a run before for the same ``inputs`` (the bytes
    of everything ``build`` reads, kept with the sources and compared whole): generating a
    large set of sources can cost more than restoring their compiled code."""
    engine = _engine() or ""
    path = cached_file(f"sources-{name}", zlib.crc32(inputs), ".bin")
    kept = _unpacked(_read(path), engine) if path is not None else None
    if (
        isinstance(kept, tuple)
        and len(kept) == 2
        and kept[0] == inputs
        and isinstance(kept[1], list)
        and all(isinstance(source, str) for source in kept[1])
    ):
        return kept[1]
    sources = list(build())
    if path is not None:
        _write(path, (engine, (inputs, sources)))
    return sources


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)`` for a module's constant pattern, restored from the
    patterns kept for this interpreter when they hold it."""
    return _kept().compile(source, flags)


class _Kept:
    """The constant patterns kept for this interpreter, by source and flags."""

    LIMIT = 1000
    """Entries a file keeps (patterns edited in a checkout would otherwise pile up): past
    it, a save keeps only those this run used."""

    def __init__(self, path: Path | None, engine: str, entries: dict[tuple[str, int], _Entry]):
        self.path = path
        self.engine = engine
        self.entries = entries
        self.used: set[tuple[str, int]] = set()
        self.changed = False

    @classmethod
    def load(cls, path: Path | None, engine: str) -> _Kept:
        """The patterns kept in ``path``; none when it is missing, damaged or foreign."""
        entries: dict[tuple[str, int], _Entry] = {}
        kept = _unpacked(_read(path), engine) if path is not None else None
        try:
            for flags, entry in kept or ():
                entries[entry[0], flags] = entry
        except (TypeError, ValueError, IndexError):  # not what this module writes
            entries = {}
        return cls(path, engine, entries)

    def compile(self, source: str, flags: int = 0) -> re.Pattern[str]:
        flags = int(flags)  # a RegexFlag marshals as no plain int does
        key = (source, flags)
        self.used.add(key)
        entry = self.entries.get(key)
        restored = _from_entries([entry]) if entry is not None else None
        if restored is not None:
            return restored[0]
        entry = _entry(source, flags)
        made = _from_entries([entry]) if entry is not None else None
        if entry is None or made is None:  # this Python's internals differ
            return re.compile(source, flags)
        self.entries[key] = entry
        if not self.changed and self.path is not None:
            atexit.register(self.save)
        self.changed = True
        return made[0]

    def save(self) -> None:
        """Write the entries back (at exit, when this run compiled a new pattern)."""
        if self.path is None:
            return
        keys = list(self.entries) if len(self.entries) <= self.LIMIT else sorted(self.used)
        _write(
            self.path, (self.engine, [(k[1], self.entries[k]) for k in keys if k in self.entries])
        )


_KEPT: _Kept | None = None


def _kept() -> _Kept:
    """This process's kept patterns, read on first use."""
    global _KEPT
    if _KEPT is None:
        engine = _engine()
        if engine is None:
            _KEPT = _Kept(None, "", {})
        else:
            path = cached_file("regex-kept", zlib.crc32(engine.encode()), ".bin")
            _KEPT = _Kept.load(path, engine)
    return _KEPT


def _engine() -> str | None:
    """What compiled code is valid for: this interpreter build and its regex engine."""
    try:
        import _sre  # type: ignore[import-not-found]

        return f"{sys.version}:{sys.implementation.cache_tag}:{_sre.MAGIC}:{_sre.CODESIZE}"
    except (ImportError, AttributeError):
        return None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # not cached yet, or no readable cache directory
        return b""


def _write(path: Path, content: tuple[str, Any]) -> None:
    payload = marshal.dumps(content)
    store(path, zlib.crc32(payload).to_bytes(4, "big") + payload)


def _unpacked(data: bytes, engine: str | None) -> Any:
    """What ``_write`` wrote for ``engine``, or ``None`` when ``data`` is empty, damaged or
    was made by another interpreter."""
    if len(data) < 4 or zlib.crc32(data[4:]) != int.from_bytes(data[:4], "big"):
        return None
    try:
        made_by, content = marshal.loads(data[4:])
    except Exception:  # any failure here only means compiling the usual way
        return None
    return content if made_by == engine else None


def _restore(
    data: bytes, engine: str | None, sources: Sequence[str]
) -> list[re.Pattern[str]] | None:
    """The cached patterns, or ``None`` when the file is missing, damaged or foreign (made
    by another interpreter or for other sources, whatever its name says)."""
    entries = _unpacked(data, engine)
    try:
        if entries is None or [entry[0] for entry in entries] != list(sources):
            return None
    except Exception:  # as above
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


def _entry(source: str, flags: int = 0) -> _Entry | None:
    """What ``re.compile(source, flags)`` hands the engine (``None`` if this Python's
    internals differ from those of 3.11-3.13)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        tree = _parser.parse(source, flags)
        code = [int(op) for op in _compiler._code(tree, flags)]
        groups: dict[str, int] = dict(tree.state.groupdict)
        names: list[str | None] = [None] * tree.state.groups
        for name, index in groups.items():
            names[index] = name
        final = int(flags | tree.state.flags)
        return (source, final, code, tree.state.groups - 1, groups, tuple(names))
    except Exception:  # as above: without the cache, patterns compile the usual way
        return None
