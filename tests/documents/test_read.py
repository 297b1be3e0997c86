"""Reading files: strict decoding, stored form kept, one-line errors naming the file."""

from __future__ import annotations

import datetime as dt
import zlib
from pathlib import Path, PurePath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moneyfix.documents import (
    DocumentError,
    _suffix,
    encode,
    kind_of,
    load_document,
    masked,
    read_document,
    write_back,
)


def _roundtrip(path: Path) -> bytes:
    items = read_document(path)
    source = items[0][1]
    return encode(source, write_back(items, [doc.text for doc, _ in items]))


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("crlf.txt", b"63 billion tenge\r\n(US$148.42 million)\r\n", "utf-8"),
        ("bom.txt", b"\xef\xbb\xbfFirst line\r\nsecond\r\n", "utf-8-sig"),
        ("le.txt", b"\xff\xfe" + "Тенге\r\n".encode("utf-16-le"), "utf-16-le"),
        ("be.md", b"\xfe\xff" + "# Тенге\n".encode("utf-16-be"), "utf-16-be"),
        ("old-mac.txt", b"one\rtwo\r", "utf-8"),
        ("mixed.md", b"a\r\nb\nc\r", "utf-8"),
    ],
)
def test_round_trip_is_byte_identical(
    tmp_path: Path, name: str, data: bytes, encoding: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc, source = read_document(path)[0]
    assert source.encoding == encoding
    assert source.bom is (encoding != "utf-8")
    assert "\ufeff" not in doc.text
    assert _roundtrip(path) == data


def test_crlf_is_kept_in_text_so_offsets_map_to_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x\r\n100 tenge")
    doc = read_document(path)[0][0]
    assert doc.text == "x\r\n100 tenge"
    assert doc.text.index("100") == 3


def test_source_records_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    path.chmod(0o640)
    source = read_document(path)[0][1]
    assert source.path == path
    assert source.size == 3
    assert source.checksum == f"{zlib.crc32(b'abc'):08x}"
    assert source.st_mode & 0o777 == 0o640
    assert source.mtime_ns == path.stat().st_mtime_ns


def test_empty_file_is_an_empty_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    doc = read_document(path)[0][0]
    assert doc.text == ""
    assert doc.skip == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"ok \xc3\x28 bad",
            "x.txt: not valid UTF-8 (byte 0xc3 at offset 3); give its encoding with --encoding",
        ),
        (b"\xef\xbb\xbfok\xff", "x.txt: not valid UTF-8 (byte 0xff at offset 5)"),
        (b"PK\x03\x04\x00\x00binary", "x.txt: binary file"),
        (b"\xff\xfe\x00\x00", "x.txt: UTF-32 text is not supported"),
    ],
)
def test_bad_bytes_give_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        load_document(data, "x.txt")
    assert str(info.value) == message


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"missing\.txt: no such file$"):
        read_document(tmp_path / "missing.txt")
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(DocumentError, match=r"dir\.md: is a directory$"):
        read_document(tmp_path / "dir.md")
    with pytest.raises(DocumentError, match=r"a\.pdf: unsupported file type '\.pdf'"):
        read_document(tmp_path / "a.pdf")


def test_errors_are_one_line() -> None:
    with pytest.raises(DocumentError) as info:
        load_document(b'{"text": 5}\n', "r.jsonl")
    assert "\n" not in str(info.value)


def test_stdin_source_has_no_path() -> None:
    doc, source = load_document(b"100 tenge", "-")[0]
    assert source.path is None
    assert doc.path == "-"
    assert doc.text == "100 tenge"


def test_masked_keeps_length_and_line_breaks() -> None:
    doc = load_document(b"a <!-- x\r\ny --> b\n```\ncode\n```\n", "m.md")[0][0]
    text = masked(doc)
    assert len(text) == len(doc.text)
    assert text.count("\n") == doc.text.count("\n")
    assert text.count("\r") == doc.text.count("\r")
    assert "x" not in text
    assert "code" not in text
    assert text.startswith("a ")


def test_date_option_wins_over_everything(tmp_path: Path) -> None:
    path = tmp_path / "2019-01-01-a.md"
    path.write_text("---\ndate: 2018-05-05\n---\n24 November 2020\n", encoding="utf-8")
    doc = read_document(path, date=dt.date(2020, 11, 24))[0][0]
    assert (doc.date, doc.date_source) == (dt.date(2020, 11, 24), "option")
    doc = read_document(path)[0][0]
    assert (doc.date, doc.date_source) == (dt.date(2018, 5, 5), "front-matter")


@given(
    text=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=80),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    bom=st.sampled_from([b"", b"\xef\xbb\xbf"]),
    name=st.sampled_from(["a.txt", "a.md", "a.html"]),
)
def test_property_any_text_round_trips_byte_identically(
    text: str, newline: str, bom: bytes, name: str
) -> None:
    data = bom + text.replace("\n", newline).encode("utf-8")
    items = load_document(data, name)
    doc, source = items[0]
    assert encode(source, write_back(items, [doc.text])) == data
    assert len(masked(doc)) == len(doc.text)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("news/2020/story.md", "markdown"),
        ("STORY.HTM", "html"),
        ("export.tar.jsonl", "jsonl"),
        ("notes", "text"),
        (".md", "text"),  # a hidden file named ".md" has no suffix
        ("draft.", "text"),
        ("-", "text"),
    ],
)
def test_kind_of_reads_the_suffix_of_the_last_component(name: str, kind: str) -> None:
    assert kind_of(name) == kind


_COMPONENT = st.text(alphabet="ab.MD-", min_size=1, max_size=6).filter(
    lambda c: c not in (".", "..")
)


@given(st.lists(_COMPONENT, min_size=1, max_size=3), st.booleans())
def test_the_suffix_is_the_one_pathlib_gives(components: list[str], rooted: bool) -> None:
    name = ("/" if rooted else "") + "/".join(components)
    assert _suffix(name) == PurePath(name).suffix
