"""Input walking: the files behind ``PATH...`` arguments, in a stable order.

Directories are walked recursively in sorted order, hidden directories and files
(``.git``, ``.DS_Store``) skipped, with include/exclude globs. A path that does not
exist, or is not a regular file (a FIFO, ``/dev/zero``: reading it would never end), is
yielded as an ``InputError`` so the caller reports it and goes on with the others. Files
named explicitly are always yielded (whatever their suffix or the globs), as ruff and
black do; ``-`` (stdin) is passed through as ``Path("-")``.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

__all__ = ["DEFAULT_SUFFIXES", "InputError", "glob_matches", "iter_inputs"]

DEFAULT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")


class InputError(Exception):
    """A path argument that cannot be used; the message is one line naming it."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A gitignore-like glob: ``**`` crosses directories, ``*`` and ``?`` do not."""
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                out.append(re.escape(ch))
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out))


def glob_matches(pattern: str, relative: str) -> bool:
    """Whether a ``/``-separated relative path matches ``pattern``.

    A pattern without ``/`` matches any single path component (``drafts``, ``*.html``);
    one with ``/`` matches the whole path from the walked root (``news/**/*.md``);
    a trailing ``/`` is ignored.
    """
    pattern = pattern.strip().rstrip("/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if not pattern:
        return False
    regex = _glob_regex(pattern.lstrip("/"))
    if "/" in pattern:
        return regex.fullmatch(relative) is not None
    return any(regex.fullmatch(part) for part in relative.split("/"))


def _walk(
    root: Path,
    include: Sequence[str],
    exclude: Sequence[str],
    suffixes: tuple[str, ...],
) -> Iterator[Path | InputError]:
    """Depth-first in name order, so the result is sorted by path component."""
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield InputError(str(root), _reason(exc))
        return
    yield from _entries(root, "", entries, include, exclude, suffixes)


def _entries(
    root: Path,
    rel_dir: str,
    entries: list[os.DirEntry[str]],
    include: Sequence[str],
    exclude: Sequence[str],
    suffixes: tuple[str, ...],
) -> Iterator[Path | InputError]:
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = rel_dir + entry.name
        if any(glob_matches(p, rel) for p in exclude):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = not is_dir and entry.is_file()
        except OSError:
            continue
        if is_dir:
            try:
                with os.scandir(entry.path) as it:
                    children = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                yield InputError(entry.path, _reason(exc))
                continue
            yield from _entries(root, rel + "/", children, include, exclude, suffixes)
        elif is_file and entry.name.lower().endswith(suffixes):
            if include and not any(glob_matches(p, rel) for p in include):
                continue
            yield Path(entry.path)


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"


def _regular(path: Path) -> bool:
    """Whether ``path`` is a regular file: reading a FIFO or ``/dev/zero`` never ends."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # let the reader report why it cannot be read


def iter_inputs(
    paths: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    suffixes: Sequence[str] = DEFAULT_SUFFIXES,
) -> Iterator[Path | InputError]:
    """Every input file of the arguments, each once, in argument order then sorted order.

    Yields ``InputError`` (not raises) for a path that cannot be used.
    """
    wanted = tuple(s.lower() for s in suffixes)
    seen: set[str] = set()
    for arg in paths:
        if arg == "-":
            yield Path("-")
            continue
        path = Path(arg)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            yield InputError(arg, _reason(exc))
            continue
        if not exists:
            reason = "broken symbolic link" if path.is_symlink() else "no such file or directory"
            yield InputError(arg, reason)
            continue
        if not is_dir and not _regular(path):
            yield InputError(arg, "not a regular file (a device, FIFO or socket is never read)")
            continue
        found = _walk(path, include, exclude, wanted) if is_dir else iter([path])
        for item in found:
            if isinstance(item, Path):
                key = os.path.realpath(item)
                if key in seen:
                    continue
                seen.add(key)
            yield item
