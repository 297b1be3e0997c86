"""How fixed files and outputs are written (issue 13, defects 6 and 7): owner, group and
hard links kept, a change during the fix detected, long names, stale temporary files
cleaned, devices written through, a full disk leaving nothing behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from moneyfix.documents import read_document
from moneyfix.fixes import WriteBatch, WriteError, write_atomic, write_new

OLD = "The fund got 100 billion tenge (US$235.59).\n"
NEW = "The fund got 100 billion tenge (US$235.59 million).\n"


def _fix(path: Path) -> bool:
    source = read_document(path)[0][1]
    return write_atomic(source, NEW)


def test_a_long_file_name_can_be_fixed(tmp_path: Path) -> None:
    path = tmp_path / ("a" * 250 + ".txt")
    path.write_text(OLD)
    assert _fix(path)
    assert path.read_text() == NEW


def test_hard_links_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(OLD)
    os.link(path, tmp_path / "b.txt")
    assert _fix(path)
    assert (tmp_path / "b.txt").read_text() == NEW
    assert os.stat(path).st_ino == os.stat(tmp_path / "b.txt").st_ino


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(OLD)
    os.chown(path, 1234, 5678)
    assert _fix(path)
    assert (os.stat(path).st_uid, os.stat(path).st_gid) == (1234, 5678)


def test_a_file_changed_while_it_is_fixed_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(OLD)
    source = read_document(path)[0][1]
    real_fsync = os.fsync

    def editor_saves_meanwhile(fd: int) -> None:
        real_fsync(fd)
        path.write_text(OLD + "A new paragraph.\n")

    monkeypatch.setattr(os, "fsync", editor_saves_meanwhile)
    with pytest.raises(WriteError, match="changed while it was being fixed; not written"):
        write_atomic(source, NEW)
    assert path.read_text() == OLD + "A new paragraph.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_temporary_files_of_a_killed_run_are_cleaned_next_time(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(OLD)
    dead = 2**22 + 12345  # above pid_max: no such process
    (tmp_path / f".a.txt.{dead}.x1y2.moneyfix-tmp").write_text("half")
    (tmp_path / f".a.txt.{os.getppid()}.x1y2.moneyfix-tmp").write_text("a live run's")
    assert _fix(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f".a.txt.{os.getppid()}.x1y2.moneyfix-tmp",
        "a.txt",
    ]


def test_a_device_output_is_written_through_not_replaced(tmp_path: Path) -> None:
    # A node of its own (the null device) in tmp_path: a broken build replacing it must
    # never touch the system's /dev/null.
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("cannot create a device node here")
    assert write_new(node, b"report\n")
    assert node.is_char_device()


def test_a_fifo_output_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert write_new(fifo, b"report\n")
        assert os.read(reader, 100) == b"report\n"
    finally:
        os.close(reader)
    assert fifo.is_fifo()


def test_a_full_disk_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real_fdopen(fd, mode)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", Full)
    batch = WriteBatch()
    with pytest.raises(WriteError, match="No space left on device"):
        batch.add(tmp_path / "out" / "a.md", b"text")
    assert list((tmp_path / "out").iterdir()) == []
