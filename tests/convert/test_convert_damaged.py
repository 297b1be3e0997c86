"""Damaged and hostile archives (issue 13, defect 2): each problem is named with its member,
the run exits 2, and nothing reports success with members missing; outputs never escape
``--out``."""

from __future__ import annotations

import io
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from ._helpers import run

ARTICLE = b"---\ndate: 2020-11-24\n---\nThe fund got 100 billion tenge (US$235.59).\n"
FIXED = b"---\ndate: 2020-11-24\n---\nThe fund got 100 billion tenge (US$235.59 million).\n"


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _tar(path: Path, members: dict[str, bytes], mode: str = "w", **kwargs: object) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode, **kwargs) as tf:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def _patch_flags(path: Path, *, flag: int = 0, method: int | None = None) -> None:
    """Set a general-purpose flag bit or the method of the first member (both headers)."""
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[6] |= flag
    data[central + 8] |= flag
    if method is not None:
        data[8] = method
        data[central + 10] = method
    path.write_bytes(bytes(data))


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.rglob("*") if p.is_file() and p.name != ".moneyfix.json")


def test_a_damaged_tar_header_in_the_middle_is_not_an_end(tmp_path: Path) -> None:
    raw = bytearray(_tar(tmp_path / "a.tar", {"a.md": ARTICLE, "b.md": ARTICLE, "c.md": ARTICLE}))
    raw[2 * 512 + 100 : 2 * 512 + 108] = b"zzzzzzzz"  # b.md's header: mode field garbled
    (tmp_path / "a.tar").write_bytes(bytes(raw))
    code, _, err = run(str(tmp_path / "a.tar"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "a.tar: cannot read (damaged tar header at offset 1024" in err
    assert _leftovers(tmp_path / "out") == []


def test_a_zip_member_with_a_bad_checksum_names_the_member(tmp_path: Path) -> None:
    path = _zip(tmp_path / "a.zip", {"a.md": ARTICLE, "b.md": ARTICLE})
    data = bytearray(path.read_bytes())
    data[data.find(b"The fund")] = ord("X")
    path.write_bytes(bytes(data))
    code, _, err = run(str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "Bad CRC-32 for file 'a.md'" in err
    assert _leftovers(tmp_path / "out") == []


@pytest.mark.parametrize(
    ("flag", "method", "problem"),
    [
        (1, None, "is encrypted"),
        (0, 9, "uses a compression method moneyfix cannot read (deflate64)"),
    ],
)
def test_encrypted_and_unsupported_zip_members_are_refused(
    tmp_path: Path, flag: int, method: int | None, problem: str
) -> None:
    path = _zip(tmp_path / "a.zip", {"a.md": ARTICLE, "b.md": ARTICLE})
    _patch_flags(path, flag=flag, method=method)
    code, _, err = run(str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert f"a.zip: member 'a.md' {problem}; archive refused" in err
    assert "Traceback" not in err
    assert _leftovers(tmp_path / "out") == []


def test_a_zip_member_with_an_empty_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.md", ARTICLE)
        zf.writestr(zipfile.ZipInfo(""), b"x")
    code, _, err = run(str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "a.zip: member '' has an empty or invalid name; archive refused" in err


def test_a_zip_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "a.zip", {"a.md": ARTICLE, "big.md": b" " * (64 << 20)}, zipfile.ZIP_DEFLATED
    )
    assert path.stat().st_size < 1 << 20
    code, _, err = run(str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "a.zip: member 'big.md' expands" in err and "archive refused" in err


def test_a_tar_gz_bomb_is_refused(tmp_path: Path) -> None:
    _tar(tmp_path / "a.tar.gz", {"a.md": ARTICLE, "big.md": b" " * (64 << 20)}, "w:gz")
    code, _, err = run(str(tmp_path / "a.tar.gz"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "a.tar.gz: member 'big.md' expands" in err
    assert _leftovers(tmp_path / "out") == []


def test_non_utf8_member_names_work_with_a_report(tmp_path: Path) -> None:
    _tar(tmp_path / "a.tar", {"caf\xe9.md": ARTICLE}, encoding="latin-1", format=tarfile.GNU_FORMAT)
    code, _, err = run(
        str(tmp_path / "a.tar"),
        "--out",
        str(tmp_path / "out"),
        "--report",
        str(tmp_path / "r.json"),
    )
    assert code == 0, err
    report = (tmp_path / "r.json").read_text("utf-8")
    assert "a.tar:caf\\\\xe9.md" in report
    with tarfile.open(tmp_path / "out" / "a.tar", encoding="latin-1") as tf:
        assert tf.getnames() == ["caf\xe9.md"]
        member = tf.extractfile("caf\xe9.md")
        assert member is not None and member.read() == FIXED


def test_outputs_never_escape_out_through_a_symlinked_directory(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.md").write_bytes(ARTICLE)
    _zip(tmp_path / "in" / "sub" / "b.zip", {"b.md": ARTICLE})
    (tmp_path / "in" / "sub" / "c.jsonl").write_text('{"text": "x"}\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    os.symlink(elsewhere, tmp_path / "out" / "sub")
    code, _, err = run(str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert list(elsewhere.iterdir()) == []
    for name in ("a.md", "b.zip", "c.jsonl"):
        assert f"sub/{name}: resolves outside the output directory; not written" in err


def test_a_report_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(ARTICLE)
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        code, _, err = run(
            str(tmp_path / "a.md"), "--out", str(tmp_path / "out"), "--report", str(fifo)
        )
        assert code == 0, err
        assert os.read(reader, 1 << 16).startswith(b'{"version": 1')
    finally:
        os.close(reader)
    assert fifo.is_fifo()
