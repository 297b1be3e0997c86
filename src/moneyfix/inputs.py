"""Input walking: the files behind ``PATH...`` arguments, in a stable order.

Directories are walked recursively in sorted order, hidden directories and files
(``.git``, ``.DS_Store``), the usual build and dependency directories (``node_modules``,
``build``, ...) and whatever ``.gitignore``/``.ignore`` files exclude (read with
``pathspec``, from the repository root down) skipped, with include/exclude globs. The
suffixes walked are exactly the ones the document readers know. A path that does not
exist, or is not a regular file (a FIFO, ``/dev/zero``: reading it would never end), is
yielded as an ``InputError`` so the caller reports it and goes on with the others.
Files named explicitly are always yielded (whatever their suffix or the globs), as ruff
and black do; ``-`` (stdin) is passed through as ``Path("-")``.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from moneyfix.documents import KINDS

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

__all__ = ["DEFAULT_EXCLUDES", "DEFAULT_SUFFIXES", "InputError", "glob_matches", "iter_inputs"]

DEFAULT_SUFFIXES = tuple(KINDS)
"""Every suffix a document reader knows: what is walked is what can be read."""
DEFAULT_EXCLUDES = ("node_modules", "build", "dist", "_build", "venv", "__pycache__")
"""Directories never walked, as ruff's defaults (hidden ones such as ``.git`` are skipped
anyway); a file named on the command line is checked wherever it is."""
_IGNORE_FILES = (".gitignore", ".ignore")


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


class _Ignore(NamedTuple):
    """The patterns of one ignore file; a walked path ``rel`` is matched as
    ``prepend + rel[len(strip):]``, its path from the ignore file's directory."""

    strip: str
    prepend: str
    spec: GitIgnoreSpec


def _ignore_in(directory: str, strip: str = "", prepend: str = "") -> _Ignore | None:
    """The ``.gitignore``/``.ignore`` patterns of ``directory``, if it has any."""
    lines: list[str] = []
    for name in _IGNORE_FILES:
        try:
            with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as fh:
                lines.extend(fh.read().splitlines())
        except OSError:
            continue
    if not lines:
        return None
    from pathspec import GitIgnoreSpec  # only for trees that have an ignore file

    return _Ignore(strip, prepend, GitIgnoreSpec.from_lines(lines))


def _ancestor_ignores(root: Path) -> list[_Ignore]:
    """Ignore files above ``root`` up to its repository's top (where ``.git`` is)."""
    absolute = root.absolute()
    chain = [absolute, *absolute.parents]
    top = next((i for i, d in enumerate(chain) if (d / ".git").exists()), None)
    if top is None:
        return []
    out = []
    for directory in reversed(chain[1 : top + 1]):
        prepend = absolute.relative_to(directory).as_posix() + "/"
        found = _ignore_in(str(directory), prepend=prepend)
        if found is not None:
            out.append(found)
    return out


def _ignored(ignores: Sequence[_Ignore], rel: str, is_dir: bool) -> bool:
    """Whether the last ignore file with an opinion on ``rel`` excludes it (git's rule)."""
    verdict = False
    for ignore in ignores:
        candidate = ignore.prepend + rel[len(ignore.strip) :]
        result = ignore.spec.check_file(candidate + ("/" if is_dir else ""))
        if result.include is not None:
            verdict = result.include
    return verdict


class _Walk(NamedTuple):
    include: Sequence[str]
    exclude: Sequence[str]
    suffixes: tuple[str, ...]
    gitignore: bool


def _walk(root: Path, how: _Walk) -> Iterator[Path | InputError]:
    """Depth-first in name order, so the result is sorted by path component."""
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield InputError(str(root), _reason(exc))
        return
    ignores = _ancestor_ignores(root) if how.gitignore else []
    yield from _entries(root, "", entries, how, ignores)


def _entries(
    directory: Path | str,
    rel_dir: str,
    entries: list[os.DirEntry[str]],
    how: _Walk,
    ignores: list[_Ignore],
) -> Iterator[Path | InputError]:
    if how.gitignore:
        own = _ignore_in(str(directory), strip=rel_dir)
        if own is not None:
            ignores = [*ignores, own]
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = rel_dir + entry.name
        if any(glob_matches(p, rel) for p in how.exclude):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = not is_dir and entry.is_file()
        except OSError:
            continue
        if ignores and _ignored(ignores, rel, is_dir):
            continue
        if is_dir:
            if entry.name in DEFAULT_EXCLUDES:
                continue
            try:
                with os.scandir(entry.path) as it:
                    children = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                yield InputError(entry.path, _reason(exc))
                continue
            yield from _entries(entry.path, rel + "/", children, how, ignores)
        elif is_file and entry.name.lower().endswith(how.suffixes):
            if how.include and not any(glob_matches(p, rel) for p in how.include):
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


def _real_path(path: Path, real_dirs: dict[str, str]) -> str:
    """``os.path.realpath(path)``, its directory's part resolved once per directory
    (``real_dirs``): realpath looks up every component of every file, a tenth of the
    reading of a small article. A file that is itself a link is resolved whole."""
    folder, name = os.path.split(path)
    if name in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    real = real_dirs.get(folder)
    if real is None:
        real = real_dirs[folder] = os.path.realpath(folder)
    return os.path.join(real, name)


def iter_inputs(
    paths: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    suffixes: Sequence[str] = DEFAULT_SUFFIXES,
    *,
    gitignore: bool = True,
) -> Iterator[Path | InputError]:
    """Every input file of the arguments, each once, in argument order then sorted order.

    ``gitignore``: honour ``.gitignore``/``.ignore`` files. Yields ``InputError`` (not
    raises) for a path that cannot be used.
    """
    how = _Walk(include, exclude, tuple(s.lower() for s in suffixes), gitignore)
    seen: set[str] = set()
    real_dirs: dict[str, str] = {}
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
        found = _walk(path, how) if is_dir else iter([path])
        for item in found:
            if isinstance(item, Path):
                key = _real_path(item, real_dirs)
                if key in seen:
                    continue
                seen.add(key)
            yield item
