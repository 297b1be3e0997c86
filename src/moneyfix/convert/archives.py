"""Writing a converted archive: members in their original order, then one atomic rename.

The new archive is built in a temporary file next to its target and renamed into place
only when complete (after fsync), so an interrupted run never leaves a partial archive.
Output is deterministic (fixed gzip header time, members in input order, each member's
metadata kept), so ``-j 1`` and ``-j 4`` give the same bytes.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import lzma
import os
import shutil
import tarfile
import tempfile
import zipfile
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from moneyfix.convert.plan import Member
from moneyfix.fixes import new_file_mode

__all__ = ["ArchiveWriter", "copy_atomic", "inside"]


class ArchiveWriter:
    """An archive of ``kind`` being written to a temporary file, committed to ``target``."""

    def __init__(self, target: Path, kind: str) -> None:
        self.target = target
        self.kind = kind
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".moneyfix-tmp"
        )
        self.tmp = tmp
        self._raw: IO[bytes] = os.fdopen(fd, "w+b")
        self._zip: zipfile.ZipFile | None = None
        self._tar: tarfile.TarFile | None = None
        self._comp: Any = None
        if kind == "zip":
            self._zip = zipfile.ZipFile(self._raw, "w")
        else:
            if kind == "tar.gz":
                self._comp = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=0)
            elif kind == "tar.bz2":
                self._comp = bz2.BZ2File(self._raw, "wb")
            elif kind == "tar.xz":
                self._comp = lzma.LZMAFile(self._raw, "wb")  # noqa: SIM115
            self._tar = tarfile.open(fileobj=self._comp or self._raw, mode="w|")  # noqa: SIM115

    def add(self, member: Member, data: bytes | None) -> None:
        """Add ``member`` with new ``data`` (a document) or its spooled original bytes."""
        try:
            self._add(member, data)
        finally:
            if member.spool is not None:
                member.spool.close()

    def _add(self, member: Member, data: bytes | None) -> None:
        if self._zip is not None:
            assert isinstance(member.info, zipfile.ZipInfo)
            old = member.info
            info = zipfile.ZipInfo(old.filename, old.date_time)
            info.compress_type = old.compress_type
            info.external_attr = old.external_attr
            info.create_system = old.create_system
            info.comment = old.comment
            info.extra = old.extra
            if data is not None:
                self._zip.writestr(info, data)
            elif old.is_dir():
                self._zip.writestr(info, b"")
            else:
                assert member.spool is not None
                info.file_size = member.spool.seek(0, os.SEEK_END)
                member.spool.seek(0)
                with self._zip.open(info, "w") as dst:
                    shutil.copyfileobj(member.spool, dst)
            return
        assert self._tar is not None and isinstance(member.info, tarfile.TarInfo)
        tinfo = member.info
        if data is not None:
            tinfo.size = len(data)
            self._tar.addfile(tinfo, io.BytesIO(data))
        elif tinfo.isfile():
            self._tar.addfile(tinfo, member.spool)
        else:
            self._tar.addfile(tinfo)

    def commit(self) -> None:
        """Finish the archive, fsync it and rename it over the target."""
        if self._zip is not None:
            self._zip.close()
        if self._tar is not None:
            self._tar.close()
        if self._comp is not None:
            self._comp.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.chmod(self.tmp, new_file_mode())
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        """Drop the temporary file; the target is left as it was."""
        for closer in (self._zip, self._tar, self._comp, self._raw):
            if closer is not None:
                with contextlib.suppress(Exception):
                    closer.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            self.abort()


def inside(path: Path | str, root: Path | str) -> bool:
    """Whether ``path``, symbolic links resolved, lies inside the directory ``root`` (an
    output must never escape ``--out`` through a linked subdirectory)."""
    return os.path.realpath(path).startswith(os.path.realpath(root) + os.sep)


def copy_atomic(source: Path, target: Path) -> None:
    """Copy ``source`` byte for byte to ``target`` through a temporary file and a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".moneyfix-tmp")
    try:
        with os.fdopen(fd, "wb") as dst, open(source, "rb") as src:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        os.chmod(tmp, new_file_mode())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
