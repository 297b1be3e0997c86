"""Edits and their safe application (SPEC §10).

A rewrite never loses data: edits are applied only when they do not overlap, the text
outside the edited spans is compared with the original, and files are replaced
atomically (temporary file in the same directory, fsync, rename) with their encoding,
BOM, newlines and permissions kept, never over a file that changed since it was read.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import stat as stat_module
import tempfile
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import BinaryIO

from moneyfix.documents.base import Source, digest, encode
from moneyfix.model import Edit

__all__ = [
    "EditConflict",
    "WriteBatch",
    "WriteError",
    "apply_edits",
    "is_special",
    "normalize_edits",
    "output_file",
    "unchanged_outside",
    "write_atomic",
    "write_new",
]


class EditConflict(ValueError):
    """Two edits touch the same text (or an edit lies outside the text)."""


class WriteError(Exception):
    """A file could not be written safely; the message is one line naming the file."""


def normalize_edits(edits: Iterable[Edit], length: int | None = None) -> list[Edit]:
    """Edits sorted by position, exact duplicates dropped; ``EditConflict`` on any overlap.

    Two insertions at the same point conflict too: their order would be a guess.
    """
    ordered = sorted(set(edits), key=lambda e: (e.start, e.end, e.replacement))
    for edit in ordered:
        if edit.start < 0 or edit.end < edit.start or (length is not None and edit.end > length):
            raise EditConflict(f"edit [{edit.start}, {edit.end}) is outside the text")
    for before, after in pairwise(ordered):
        same_point = before.start == before.end == after.start == after.end
        if after.start < before.end or same_point:
            raise EditConflict(
                f"edits [{before.start}, {before.end}) and [{after.start}, {after.end}) overlap"
            )
    return ordered


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with the edits applied (offsets refer to the original text)."""
    parts: list[str] = []
    pos = 0
    for edit in normalize_edits(edits, len(text)):
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def unchanged_outside(original: str, new: str, edits: Iterable[Edit]) -> bool:
    """Whether ``new`` equals ``original`` everywhere outside the edited spans.

    Walks both texts independently of ``apply_edits`` (each gap between edits must be
    found verbatim, each edited span must hold its replacement), so a bug in applying
    edits cannot also hide itself here.
    """
    try:
        ordered = normalize_edits(edits, len(original))
    except EditConflict:
        return False
    pos_old = pos_new = 0
    for edit in ordered:
        gap = original[pos_old : edit.start]
        if not new.startswith(gap, pos_new):
            return False
        pos_new += len(gap)
        if not new.startswith(edit.replacement, pos_new):
            return False
        pos_new += len(edit.replacement)
        pos_old = edit.end
    return new[pos_new:] == original[pos_old:]


def new_file_mode() -> int:
    """The permissions a new file gets (0o666 less the umask), read without changing the
    process's umask where the platform tells it (Linux ``/proc``); elsewhere the umask is
    set and restored at once, at write time, never when a module is imported."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def sync_directory(directory: str) -> None:
    """Make renames in ``directory`` durable; not every platform can open a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_TEMP = ".moneyfix-tmp"


def _temp_prefix(target: str) -> str:
    """``.NAME.PID.``, the name cut so that a long file name still leaves room (255 bytes)."""
    name = os.path.basename(target).encode("utf-8", "surrogateescape")[:120]
    return f".{name.decode('utf-8', 'ignore')}.{os.getpid()}."


def _clean_stale(directory: str, target: str) -> None:
    """Remove temporary files of ``target`` that a killed run left (their process is gone)."""
    prefix = _temp_prefix(target).rsplit(".", 2)[0] + "."
    try:
        names = [n for n in os.listdir(directory) if n.startswith(prefix) and n.endswith(_TEMP)]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(directory, name))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextlib.contextmanager
def _written_beside(target: str, shown: str, place: Callable[[str], None]) -> Iterator[BinaryIO]:
    """A temporary file beside ``target`` to write to; once the block ends it is made
    durable and ``place(tmp)`` puts it in place (or drops it). Whatever fails, the
    temporary file is removed, and an ``OSError`` becomes a ``WriteError`` naming ``shown``."""
    directory = os.path.dirname(target) or "."
    _clean_stale(directory, target)
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=_temp_prefix(target), suffix=_TEMP)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        place(tmp)
    except OSError as exc:
        with contextlib.suppress(OSError):
            if tmp:
                os.unlink(tmp)
        raise WriteError(f"{shown}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            if tmp:
                os.unlink(tmp)
        raise
    sync_directory(directory)


def _replace(
    target: str,
    data: bytes,
    mode: int,
    shown: str,
    owner: tuple[int, int] | None = None,
    unchanged: Callable[[], bool] = lambda: True,
) -> None:
    """Write ``data`` to a temporary file and rename it over ``target``; ``owner`` is kept
    where the system lets us, and ``unchanged()`` is asked just before the rename."""

    def place(tmp: str) -> None:
        os.chmod(tmp, mode)
        if owner is not None:
            with contextlib.suppress(OSError):
                os.chown(tmp, *owner)
        if not unchanged():
            raise WriteError(f"{shown}: changed while it was being fixed; not written")
        os.replace(tmp, target)

    with _written_beside(target, shown, place) as fh:
        fh.write(data)


def write_atomic(source: Source, new_text: str) -> bool:
    """Write ``new_text`` over the file ``source`` was read from; ``False`` if nothing changed.

    Refuses (``WriteError``) when the file's bytes differ from those read (size or
    SHA-256; a touched file with the same bytes is fine). A symlink is followed, so the
    link stays a link.
    """
    if source.path is None:
        raise WriteError(f"{source.name or '-'}: not a file (stdin cannot be rewritten)")
    shown = source.name or str(source.path)
    data = encode(source, new_text)
    target = os.path.realpath(source.path)
    try:
        with open(target, "rb") as fh:
            stat = os.fstat(fh.fileno())
            current = fh.read() if stat.st_size == source.size else None
    except OSError as exc:
        raise WriteError(f"{shown}: cannot read before writing ({exc.strerror or exc})") from None
    if current is None or digest(current) != source.checksum:
        raise WriteError(f"{shown}: changed since it was read; not written")
    if data == current:
        return False
    if stat.st_nlink > 1:  # a rename would cut the other links off: write in place
        _write_in_place(target, data, shown)
        return True

    def unchanged() -> bool:
        now = os.stat(target)
        if (now.st_size, now.st_mtime_ns, now.st_ino) == (
            stat.st_size,
            stat.st_mtime_ns,
            stat.st_ino,
        ):
            return True
        with open(target, "rb") as fh:
            return digest(fh.read()) == source.checksum

    mode = (source.st_mode or stat.st_mode) & 0o7777
    _replace(target, data, mode, shown, (stat.st_uid, stat.st_gid), unchanged)
    return True


def _write_in_place(target: str, data: bytes, shown: str) -> None:
    """Overwrite a hard-linked file's bytes (all its names see the fix); not atomic, so it
    is done only after every check passed, and in one write, truncate and fsync."""
    try:
        with open(target, "r+b") as fh:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise WriteError(f"{shown}: cannot write ({exc.strerror or exc})") from None


def is_special(target: str) -> bool:
    """An existing target that is not a regular file or directory (a device, a FIFO)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not (stat_module.S_ISREG(mode) or stat_module.S_ISDIR(mode))


def _mode_for(target: str, data: bytes, path: Path) -> int | None:
    """The mode to give ``target`` (kept if it exists), or None when it holds ``data``."""
    try:
        stat = os.stat(target)
        if stat.st_size == len(data):
            with open(target, "rb") as fh:
                if fh.read() == data:
                    return None
        return stat.st_mode & 0o7777
    except FileNotFoundError:
        return new_file_mode()
    except OSError as exc:
        raise WriteError(f"{path}: cannot write ({exc.strerror or exc})") from None


def write_new(path: Path, data: bytes) -> bool:
    """Atomically create or replace an output file; ``False`` when the file already holds
    exactly ``data`` (so a rerun rewrites nothing). A device or FIFO (``-o /dev/stdout``)
    is written through, never replaced by a file."""
    target = os.path.realpath(path)
    if not is_special(target) and _mode_for(target, data, path) is None:
        return False
    with output_file(path) as fh:
        fh.write(data)
    return True


@contextlib.contextmanager
def output_file(path: Path) -> Iterator[BinaryIO]:
    """``write_new`` a piece at a time: a temporary file beside ``path`` to write to, put
    in place (fsync, rename, mode kept) once the block ends, left alone when it holds
    the same bytes as ``path``; a device or FIFO is written through. A write that fails
    (a full disk) raises ``WriteError`` naming ``path``, and leaves no temporary file."""
    target = os.path.realpath(path)
    if is_special(target):
        try:
            with open(target, "wb") as fh:
                yield fh
        except OSError as exc:
            raise WriteError(f"{path}: cannot write ({exc.strerror or exc})") from None
        return
    try:
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    except OSError as exc:
        raise WriteError(f"{path}: cannot create its directory ({exc.strerror or exc})") from None

    def place(tmp: str) -> None:
        if os.path.isfile(target) and filecmp.cmp(tmp, target, shallow=False):
            os.unlink(tmp)  # the same bytes: the file is left as it is
            return
        os.chmod(tmp, _kept_mode(target))
        os.replace(tmp, target)

    with _written_beside(target, str(path), place) as staged:
        yield staged


def _kept_mode(target: str) -> int:
    """The permissions of ``target``, or those of a new file."""
    try:
        return os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        return new_file_mode()


class WriteBatch:
    """Many atomic writes with one flush to disk, for ``convert``'s thousands of files.

    Each file goes to a temporary file beside its target; ``commit`` makes them all
    durable with one ``os.sync`` (instead of an fsync each, which a disk serialises),
    then renames each into place and syncs each directory once. A file is never seen
    half-written: until its rename the target holds the old bytes or nothing.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[str, str, str]] = []  # temporary, target, name shown

    def add(self, path: Path, data: bytes) -> bool:
        """Stage ``data`` for ``path``; ``False`` (nothing staged) when it already holds it."""
        target = os.path.realpath(path)
        mode = _mode_for(target, data, path)
        if mode is None:
            return False
        directory = os.path.dirname(target) or "."
        tmp = ""
        try:
            os.makedirs(directory, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=_temp_prefix(target), suffix=_TEMP)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, mode)
        except OSError as exc:
            if tmp:  # a full disk: no temporary file is left behind
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            raise WriteError(f"{path}: cannot write ({exc.strerror or exc})") from None
        self._staged.append((tmp, target, str(path)))
        return True

    def commit(self) -> dict[str, str]:
        """Make every staged file durable and put it in place; returns the failures."""
        failed: dict[str, str] = {}
        if not self._staged:
            return failed
        os.sync()
        for tmp, target, shown in self._staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                failed[shown] = f"{shown}: cannot write ({exc.strerror or exc})"
        for directory in sorted({os.path.dirname(target) or "." for _, target, _ in self._staged}):
            sync_directory(directory)
        self._staged.clear()
        return failed

    def abort(self) -> None:
        """Remove what was staged (an error or an interruption before commit)."""
        for tmp, _, _ in self._staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self._staged.clear()
