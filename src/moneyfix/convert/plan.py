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

import io
import os
import stat
import tarfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, ClassVar, Self

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


_QUIET_END: tuple[type[Exception], ...] = tuple(
    vars(tarfile)[name] for name in ("EOFHeaderError", "EmptyHeaderError")
)
"""The headers that end an archive normally: zero blocks, or the end of the file."""


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


MAX_MEMBER = 256 << 20
"""Largest member read (bytes): a document this big is no article."""
MAX_RATIO = 200
"""Largest expansion of a member over 1 MB (text compresses 3-10x; a bomb 1000x)."""
_READABLE = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_METHODS = {9: "deflate64", 6: "implode", 98: "ppmd", 93: "zstandard", 97: "wavpack"}


def _bomb(size: int, packed: int) -> str | None:
    """Why a member of ``size`` bytes stored in ``packed`` is refused unread, or None."""
    if size > MAX_MEMBER:
        return f"expands to {size} bytes (limit {MAX_MEMBER})"
    if size > 1 << 20 and size > MAX_RATIO * max(packed, 1):
        return f"expands {size // max(packed, 1)}x (limit {MAX_RATIO}x: a zip bomb?)"
    return None


def _check_zip(path: Path, info: zipfile.ZipInfo) -> None:
    problem = member_problem(info.filename)
    mode = info.external_attr >> 16
    if problem is None and stat.S_ISLNK(mode):
        problem = "is a symbolic link"
    if problem is None and info.flag_bits & 0x1:
        problem = "is encrypted"
    if problem is None and info.compress_type not in _READABLE:
        method = _METHODS.get(info.compress_type, f"method {info.compress_type}")
        problem = f"uses a compression method moneyfix cannot read ({method})"
    if problem is None:
        problem = _bomb(info.file_size, info.compress_size)
    if problem is not None:
        raise UnsafeMember(f"{path}: member {info.filename!r} {problem}; archive refused")


def _check_tar(path: Path, info: tarfile.TarInfo) -> None:
    problem = member_problem(info.name)
    if problem is None and (info.issym() or info.islnk()):
        problem = "is a link"
    elif problem is None and not (info.isfile() or info.isdir()):
        problem = "is a device, fifo or other special file"
    if problem is None and info.size > MAX_MEMBER:
        problem = _bomb(info.size, info.size)
    if problem is not None:
        raise UnsafeMember(f"{path}: member {shown_name(info.name)!r} {problem}; archive refused")


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
    watched = _watched_headers()
    with (
        open(path, "rb") as raw,
        tarfile.open(fileobj=raw, mode=mode, tarinfo=watched) as tf,  # type: ignore[call-overload]
    ):
        for tinfo in tf:
            _check_tar(path, tinfo)
            fobj = tf.extractfile(tinfo) if tinfo.isfile() else None
            if fobj is not None and is_document(tinfo.name, include, exclude):
                data = io.BytesIO()
                _copy_bounded(path, tinfo.name, fobj, data, raw)
                yield Member(tinfo.name, True, data.getvalue(), tinfo)
                continue
            buffer = tempfile.SpooledTemporaryFile(max_size=spool)  # noqa: SIM115 (closed by its reader)
            if fobj is not None:
                _copy_bounded(path, tinfo.name, fobj, buffer, raw)
            buffer.seek(0)
            yield Member(tinfo.name, False, None, tinfo, buffer)
        if watched.damage is not None:  # tarfile ends quietly at a bad header: say so
            raise tarfile.ReadError(watched.damage)


def _copy_bounded(path: Path, name: str, src: IO[bytes], dst: IO[bytes], raw: IO[bytes]) -> None:
    """Copy a compressed member, refusing it once it expands more than ``MAX_RATIO`` times
    the compressed bytes read meanwhile (a tar.gz bomb has no size to check up front)."""
    start = raw.tell()
    out = 0
    while chunk := src.read(1 << 20):
        out += len(chunk)
        problem = _bomb(out, raw.tell() - start)
        if problem is not None:
            raise UnsafeMember(f"{path}: member {shown_name(name)!r} {problem}; archive refused")
        dst.write(chunk)


class _WatchedHeaders(tarfile.TarInfo):
    """A ``TarInfo`` that remembers a damaged header, where ``tarfile`` (past the first
    member) just stops as if the archive ended there, losing every member after it."""

    damage: ClassVar[str | None] = None

    @classmethod
    def fromtarfile(cls, tf: tarfile.TarFile) -> Self:
        try:
            return super().fromtarfile(tf)
        except _QUIET_END:
            raise
        except tarfile.HeaderError as exc:
            cls.damage = (
                f"damaged tar header at offset {tf.offset} ({exc}); the members after it"
                " would be lost"
            )
            raise


def _watched_headers() -> type[_WatchedHeaders]:
    """A fresh class per archive, so that one archive's damage is not another's."""
    return type("Watched", (_WatchedHeaders,), {"damage": None})


def shown_name(name: str) -> str:
    """A member name as text: bytes that were not UTF-8 (kept by ``tarfile`` as surrogates,
    so the archive can be rewritten with them) shown as ``\\xe9``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
