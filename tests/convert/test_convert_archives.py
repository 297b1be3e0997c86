"""Archives in, archives of the same kind out; unsafe members refused."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from moneyfix.rates.table import load_table

from ._helpers import RATES, generator, run

TABLE = load_table(Path(RATES))


def _expected(count: int, seed: int) -> dict[str, str]:
    return {a.name: a.expected for a in generator().articles(count, "md", seed, TABLE)}


def test_zip_round_trip_keeps_other_members(tmp_path: Path) -> None:
    gen = generator()
    archive = tmp_path / "in" / "news.zip"
    archive.parent.mkdir()
    gen.write_zip(archive, gen.articles(30, "md", seed=11, table=TABLE))
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("images/logo.png", b"\x89PNG\r\n\x1a\n\x00binary")
        zf.writestr("notes/", b"")
    out = tmp_path / "out"
    report = tmp_path / "r.json"
    code, _, err = run(str(archive), "--out", str(out), "-j", "2", "--report", str(report))
    assert code == 0, err
    expected = _expected(30, 11)
    with zipfile.ZipFile(out / "news.zip") as zf, zipfile.ZipFile(archive) as original:
        assert zf.namelist() == original.namelist()
        for name, text in expected.items():
            assert zf.read(name).decode("utf-8") == text
        assert zf.read("images/logo.png") == b"\x89PNG\r\n\x1a\n\x00binary"
        for new, old in zip(zf.infolist(), original.infolist(), strict=True):
            assert (new.date_time, new.compress_type) == (old.date_time, old.compress_type)
    files = json.loads(report.read_text())["files"]
    members = [f for f in files if "news.zip:" in f["path"]]
    assert len(members) == 30
    assert files[-1]["status"] == "changed" and files[-1]["output"] == str(out / "news.zip")


@pytest.mark.parametrize(
    ("suffix", "mode"), [("tar.gz", "w:gz"), ("tar.bz2", "w:bz2"), ("tar", "w")]
)
def test_tar_round_trip(tmp_path: Path, suffix: str, mode: str) -> None:
    gen = generator()
    archive = tmp_path / f"news.{suffix}"
    gen.write_tar(archive, gen.articles(20, "md", seed=13, table=TABLE), mode)
    out = tmp_path / "out"
    code, _, err = run(str(archive), "--out", str(out), "-j", "1")
    assert code == 0, err
    expected = _expected(20, 13)
    with tarfile.open(out / f"news.{suffix}") as tf:
        members = tf.getmembers()
        assert [m.name for m in members] == list(expected)
        for member in members:
            fh = tf.extractfile(member)
            assert fh is not None
            assert fh.read().decode("utf-8") == expected[member.name]
            assert member.mtime == 1_700_000_000 and member.mode == 0o644


def test_archive_without_changes_is_copied_byte_identical(tmp_path: Path) -> None:
    gen = generator()
    clean = [a for a in gen.articles(30, "md", seed=17, table=TABLE) if a.text == a.expected]
    archive = tmp_path / "clean.tar.gz"
    gen.write_tar(archive, clean)
    out = tmp_path / "out"
    code, _, err = run(str(archive), "--out", str(out), "-j", "1", "-q")
    assert code == 0, err
    assert (out / "clean.tar.gz").read_bytes() == archive.read_bytes()


def _evil_zip(path: Path, member: str) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("good.md", "---\ndate: 2020-11-24\n---\n\n100 billion tenge (US$235.59).\n")
        zf.writestr(member, "100 billion tenge (US$235.59).\n")


@pytest.mark.parametrize("member", ["../../evil.md", "/etc/evil.md", "a/../../evil.md"])
def test_zip_member_escaping_out_is_refused(tmp_path: Path, member: str) -> None:
    work = tmp_path / "deep" / "work"
    work.mkdir(parents=True)
    archive = work / "bad.zip"
    _evil_zip(archive, member)
    out = work / "out"
    code, _, err = run(str(archive), "--out", str(out), "-j", "1", "-q")
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "bad.zip" in lines[0] and repr(member) in lines[0] and "refused" in lines[0]
    assert not list(tmp_path.rglob("evil.md"))
    assert not (out / "bad.zip").exists()
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == []


def test_tar_links_are_refused(tmp_path: Path) -> None:
    archive = tmp_path / "links.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        data = b"---\ndate: 2020-11-24\n---\n\n100 billion tenge (US$235.59).\n"
        info = tarfile.TarInfo("a.md")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("b.md")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tf.addfile(link)
    out = tmp_path / "out"
    code, _, err = run(str(archive), "--out", str(out), "-j", "1", "-q")
    assert code == 2
    assert "'b.md' is a link; archive refused" in err
    assert not (out / "links.tar.gz").exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".moneyfix-tmp")]


def test_broken_archive_is_one_line(tmp_path: Path) -> None:
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run(str(archive), "--out", str(tmp_path / "out"), "-j", "1", "-q")
    assert code == 2
    assert err.count("\n") == 1 and "broken.zip" in err and "Traceback" not in err
