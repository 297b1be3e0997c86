"""Edits and safe rewriting (SPEC §10)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moneyfix.documents import load_document, masked, read_document, write_back
from moneyfix.fixes import (
    EditConflict,
    WriteError,
    apply_edits,
    unchanged_outside,
    write_atomic,
    write_new,
)
from moneyfix.model import Edit

ARTICLE = "It costs 100 billion tenge (US$235.59).\r\nNothing else.\r\n"


def _insert_million(text: str) -> Edit:
    at = text.index("US$235.59")
    return Edit(at, at + len("US$235.59"), "US$235.59 million")


def test_apply_edits_sorts_and_drops_duplicates() -> None:
    edits = [Edit(4, 5, "X"), Edit(0, 1, "A"), Edit(4, 5, "X")]
    assert apply_edits("abcdef", edits) == "AbcdXf"


def test_adjacent_edits_and_insertions_are_fine() -> None:
    assert apply_edits("abc", [Edit(1, 1, "+"), Edit(1, 2, "B"), Edit(2, 2, "-")]) == "a+B-c"


@pytest.mark.parametrize(
    "edits",
    [
        [Edit(0, 3, "x"), Edit(2, 4, "y")],
        [Edit(1, 1, "x"), Edit(1, 1, "y")],
        [Edit(0, 9, "x")],
        [Edit(3, 2, "x")],
    ],
)
def test_conflicting_or_out_of_range_edits_raise(edits: list[Edit]) -> None:
    with pytest.raises(EditConflict):
        apply_edits("abcdef", edits)
    assert not unchanged_outside("abcdef", "abcdef", edits)


def test_unchanged_outside_detects_a_stray_change() -> None:
    edit = _insert_million(ARTICLE)
    good = apply_edits(ARTICLE, [edit])
    assert unchanged_outside(ARTICLE, good, [edit])
    assert not unchanged_outside(ARTICLE, good.replace("\r\n", "\n"), [edit])
    assert not unchanged_outside(ARTICLE, good.replace("million", "billion"), [edit])
    assert not unchanged_outside(ARTICLE, good + " ", [edit])


@st.composite
def _text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        edits.append(Edit(start, end, draw(st.text(max_size=5))))
    # keep at most one insertion per point and no edit touching a previous one's end twice
    seen: set[int] = set()
    clean = []
    for edit in edits:
        if edit.start == edit.end and edit.start in seen:
            continue
        seen.add(edit.start)
        clean.append(edit)
    return text, [e for e in clean if not any(o is not e and _overlap(o, e) for o in clean)]


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end == b.start == b.end:
        return True
    return a.start < b.end and b.start < a.end


@given(_text_and_edits())
def test_property_random_edits_change_nothing_outside(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    new = apply_edits(text, edits)
    assert unchanged_outside(text, new, edits)
    assert apply_edits(text, list(reversed(edits))) == new


def test_html_edit_keeps_markup_byte_identical(tmp_path: Path) -> None:
    html = (
        '<!DOCTYPE html>\r\n<html lang="en"><head><meta charset="utf-8">\r\n'
        '<script>var label = "US$235.59";</script></head>\r\n'
        "<body>\r\n  <p class=\"lead\" data-x='a > b'>It costs 100&nbsp;billion tenge "
        "(<b>US$235.59</b>).</p>\r\n<!-- US$235.59 -->\r\n</body></html>\r\n"
    )
    path = tmp_path / "a.html"
    path.write_bytes(html.encode())
    items = read_document(path)
    doc, source = items[0]
    visible = masked(doc)
    at = visible.index("US$235.59")
    assert doc.text[at - 3 : at] == "<b>"  # the script and comment copies are masked
    edit = Edit(at, at + 9, "US$235.59 million")
    new = apply_edits(doc.text, [edit])
    assert unchanged_outside(doc.text, new, [edit])
    assert write_atomic(source, write_back(items, [new]))
    assert path.read_bytes() == html.replace("US$235.59</b>", "US$235.59 million</b>").encode()


def test_write_keeps_bom_crlf_and_permissions(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    path.chmod(0o640)
    items = read_document(path)
    doc, source = items[0]
    new = apply_edits(doc.text, [_insert_million(doc.text)])
    assert write_atomic(source, new) is True
    assert path.read_bytes() == b"\xef\xbb\xbf" + ARTICLE.replace(")", " million)").encode()
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_no_write_when_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    doc, source = read_document(path)[0]
    assert write_atomic(source, doc.text) is False
    assert path.stat().st_mtime_ns == 1_000_000_000


def test_refuses_when_file_changed_since_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    doc, source = read_document(path)[0]
    path.write_bytes(ARTICLE.replace("100", "200").encode())  # same size, other bytes
    with pytest.raises(WriteError) as info:
        write_atomic(source, doc.text + "x")
    assert str(info.value) == f"{path}: changed since it was read; not written"
    assert path.read_bytes() == ARTICLE.replace("100", "200").encode()


def test_touched_but_identical_file_is_still_written(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    doc, source = read_document(path)[0]
    os.utime(path, ns=(5, 5))
    assert write_atomic(source, doc.text + "x")


def test_symlink_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"100 tenge")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    _doc, source = read_document(link)[0]
    assert write_atomic(source, "200 tenge")
    assert link.is_symlink()
    assert real.read_bytes() == b"200 tenge"


def test_stdin_cannot_be_rewritten() -> None:
    _doc, source = load_document(b"x", "-")[0]
    with pytest.raises(WriteError, match="stdin"):
        write_atomic(source, "y")


def test_write_new_creates_directories_and_skips_identical(tmp_path: Path) -> None:
    out = tmp_path / "out" / "sub" / "a.md"
    assert write_new(out, b"hello") is True
    assert out.read_bytes() == b"hello"
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert write_new(out, b"hello") is False
    assert write_new(out, b"hello!") is True
    assert sorted(p.name for p in out.parent.iterdir()) == ["a.md"]


def test_write_error_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    with pytest.raises(WriteError) as info:
        write_new(blocker / "a.md", b"x")
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(str(blocker / "a.md"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_new_file_mode_follows_the_umask_and_imports_leave_it_alone() -> None:
    """No module changes the process's umask when imported (a library must not)."""
    import subprocess
    import sys

    script = (
        "import os, sys\n"
        "os.umask(0o027)\n"
        "import moneyfix.fixes, moneyfix.convert.run, moneyfix.convert.archives\n"
        "import moneyfix.convert.reports\n"
        "from moneyfix.fixes import new_file_mode\n"
        "assert new_file_mode() == 0o640, oct(new_file_mode())\n"
        "assert os.umask(0o022) == 0o027\n"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    result = subprocess.run(
        [sys.executable, "-c", script], env={"PYTHONPATH": src}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
