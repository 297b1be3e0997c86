"""What a convert run works on: input files with their output paths, and archive members.

Directories are walked like ``check`` does (sorted, hidden files skipped, include and
exclude globs); each file's output mirrors its path relative to the directory argument,
a file named on its own goes to ``OUT/<its name>``. Archives (``.zip``, ``.tar``,
``.tar.gz``/``.tgz``, ``.tar.bz2``, ``.tar.xz``) are read as streams, one member at a
time, and become an archive of the same kind; a member whose path is absolute, climbs
out with ``..``, or is a link or device is refused (``UnsafeMember``) before anything of
that archive is written.
"""

from __future__ import annotations

import os
import stat
import tarfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from moneyfix.documents import KINDS
from moneyfix.inputs import DEFAULT_SUFFIXES, InputError, glob_matches, iter_inputs

__all__ = [
    "ARCHIVE_SUFFIXES",
    "TABLE_SUFFIXES",
    "ArchiveInput",
    "FileInput",
    "Member",
    "UnsafeMember",
    "archive_kind",
    "is_document",
    "iter_members",
    "member_problem",
    "plan_inputs",
]

ARCHIVE_SUFFIXES: dict[str, str] = {
    ".zip": "zip",
    ".tar": "tar",
    ".tar.gz": "tar.gz",
    ".tgz": "tar.gz",
    ".tar.bz2": "tar.bz2",
    ".tbz2": "tar.bz2",
    ".tar.xz": "tar.xz",
    ".txz": "tar.xz",
}
"""Archive suffix -> kind; the output archive is of the same kind."""
TABLE_SUFFIXES = (".parquet",)
"""Tables of articles, a row each (converted with pyarrow)."""


class UnsafeMember(Exception):
    """An archive member that could write outside the output directory; the archive is refused."""


@dataclass(frozen=True)
class FileInput:
    """One document file and where its output goes, relative to ``--out``."""

    path: Path
    rel: str
    config_dir: str


@dataclass(frozen=True)
class ArchiveInput:
    """One archive file, its kind, and where the new archive goes, relative to ``--out``."""

    path: Path
    rel: str
    kind: str
    config_dir: str


@dataclass
class Member:
    """One archive member as read from the stream.

    ``data`` holds a document member's bytes; any other member (directory, image, a file
    the globs leave out) is passed through unchanged from ``spool``.
    """

    name: str
    document: bool
    data: bytes | None
    info: zipfile.ZipInfo | tarfile.TarInfo
    spool: IO[bytes] | None = None


def archive_kind(name: str) -> str | None:
    """The archive kind of a file name, or ``None`` for anything else."""
    lower = name.lower()
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return ARCHIVE_SUFFIXES[suffix]
    return None


def is_document(name: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether an archive member is a document to convert (by suffix and the globs)."""
    if PurePosixPath(name).suffix.lower() not in KINDS:
        return False
    if any(glob_matches(p, name) for p in exclude):
        return False
    return not include or any(glob_matches(p, name) for p in include)


def plan_inputs(
    paths: Sequence[str], include: Sequence[str], exclude: Sequence[str], out: Path | None
) -> Iterator[FileInput | ArchiveInput | InputError]:
    """Every input of the arguments with its output path; errors are yielded, not raised.

    Files inside ``out`` (an output directory within an input directory) are left out.
    """
    out_real = os.path.realpath(out) if out is not None else None
    suffixes = (*DEFAULT_SUFFIXES, *ARCHIVE_SUFFIXES, *TABLE_SUFFIXES)
    for arg in paths:
        if arg == "-":
            yield InputError("-", "convert reads files and directories, not stdin")
            continue
        root = Path(arg)
        is_dir = root.is_dir()
        if out_real is not None and is_dir and os.path.realpath(root) == out_real:
            yield InputError(arg, "is the output directory")
            continue
        for item in iter_inputs([arg], include, exclude, suffixes):
            if isinstance(item, InputError):
                yield item
                continue
            real = os.path.realpath(item)
            if out_real is not None and real.startswith(out_real + os.sep):
                continue
            rel = item.relative_to(root).as_posix() if is_dir else item.name
            config_dir = str(item.parent)
            kind = archive_kind(item.name)
            if kind is not None:
                yield ArchiveInput(item, rel, kind, config_dir)
            else:
                yield FileInput(item, rel, config_dir)


def member_problem(name: str) -> str | None:
    """Why a member path is unsafe to write under an output directory, or ``None``."""
    if not name or "\x00" in name:
        return "has an empty or invalid name"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path"
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        return "escapes the output directory"
    return None


def _check_zip(path: Path, info: zipfile.ZipInfo) -> None:
    problem = member_problem(info.filename)
    mode = info.external_attr >> 16
    if problem is None and stat.S_ISLNK(mode):
        problem = "is a symbolic link"
    if problem is not None:
        raise UnsafeMember(f"{path}: member {info.filename!r} {problem}; archive refused")


def _check_tar(path: Path, info: tarfile.TarInfo) -> None:
    problem = member_problem(info.name)
    if problem is None and (info.issym() or info.islnk()):
        problem = "is a link"
    elif problem is None and not (info.isfile() or info.isdir()):
        problem = "is a device, fifo or other special file"
    if problem is not None:
        raise UnsafeMember(f"{path}: member {info.name!r} {problem}; archive refused")


def check_zip(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse the whole zip before reading any member (its directory is at the end)."""
    for info in zf.infolist():
        _check_zip(path, info)


def iter_members(
    path: Path, kind: str, include: Sequence[str], exclude: Sequence[str], spool: int = 1 << 20
) -> Iterator[Member]:
    """The members of an archive in stored order, read as a stream.

    Document members carry their bytes; others are copied into a spooled temporary file
    (in memory up to ``spool`` bytes) because a tar stream cannot go back for them.
    Raises ``UnsafeMember`` (zip: before the first member; tar: on reaching it),
    ``zipfile.BadZipFile``, ``tarfile.TarError`` or ``OSError``.
    """
    import shutil
    import tempfile

    if kind == "zip":
        with zipfile.ZipFile(path) as zf:
            check_zip(path, zf)
            for info in zf.infolist():
                document = not info.is_dir() and is_document(info.filename, include, exclude)
                if document:
                    yield Member(info.filename, True, zf.read(info), info)
                    continue
                buffer = tempfile.SpooledTemporaryFile(max_size=spool)  # noqa: SIM115 (closed by its reader)
                if not info.is_dir():
                    with zf.open(info) as src:
                        shutil.copyfileobj(src, buffer)
                buffer.seek(0)
                yield Member(info.filename, False, None, info, buffer)
        return
    mode = "r|" + {"tar": "", "tar.gz": "gz", "tar.bz2": "bz2", "tar.xz": "xz"}[kind]
    with tarfile.open(path, mode) as tf:  # type: ignore[call-overload]
        for tinfo in tf:
            _check_tar(path, tinfo)
            fobj = tf.extractfile(tinfo) if tinfo.isfile() else None
            if fobj is not None and is_document(tinfo.name, include, exclude):
                yield Member(tinfo.name, True, fobj.read(), tinfo)
                continue
            buffer = tempfile.SpooledTemporaryFile(max_size=spool)  # noqa: SIM115 (closed by its reader)
            if fobj is not None:
                shutil.copyfileobj(fobj, buffer)
            buffer.seek(0)
            yield Member(tinfo.name, False, None, tinfo, buffer)
