"""The document layer: files and stdin in, ``Document``s (text, regions to skip, date) out.

Every reader keeps the decoded text exactly as stored (newlines included), so offsets of
findings map 1:1 to the file, and ``write_back`` + ``moneyfix.fixes.write_atomic``
reproduce every byte that was not edited.

    items = read_document(Path("article.md"))      # [(Document, Source)], several for .jsonl
    doc, source = items[0]
    scanner_input = masked(doc)                     # skip regions blanked, offsets unchanged
    new_file_text = write_back(items, [new_text])   # one new text per item
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from moneyfix.documents.base import (
    Analysis,
    DocumentError,
    Source,
    decode,
    digest,
    encode,
    read_error,
)
from moneyfix.documents.dates import date_from_filename, find_dateline, parse_date, parse_loose
from moneyfix.model import Document

if TYPE_CHECKING:
    from moneyfix.documents.jsonl import Record

__all__ = [
    "KINDS",
    "DocumentError",
    "Source",
    "encode",
    "kind_of",
    "load_document",
    "masked",
    "no_records",
    "open_documents",
    "parse_date",
    "read_document",
    "read_head",
    "record_date",
    "record_document",
    "text_source",
    "write_back",
]

KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
"""File suffix -> document kind."""


def _analyser(kind: str) -> Callable[[str], Analysis]:
    """The reader of one kind, imported on first use (a .txt run needs no HTML parser)."""
    module = import_module(f"moneyfix.documents.{kind}")
    analyse: Callable[[str], Analysis] = module.analyse
    return analyse


def _suffix(name: str) -> str:
    """``PurePath(name).suffix`` for a file's name, without building a path object: this
    runs for every file read, and the object costs five times the string work."""
    base = os.path.basename(name.rstrip("/"))
    dot = base.rfind(".")
    return base[dot:] if 0 < dot < len(base) - 1 else ""


def kind_of(name: str) -> str:
    """The document kind of a file name; no suffix (or ``-``) means plain text."""
    suffix = _suffix(name).lower()
    if not suffix:
        return "text"
    if suffix not in KINDS:
        known = ", ".join(sorted(KINDS))
        raise DocumentError(f"{name}: unsupported file type '{suffix}' (expected one of {known})")
    return KINDS[suffix]


def _mask(value: str, skip: Sequence[tuple[int, int]]) -> str:
    parts: list[str] = []
    pos = 0
    for start, end in skip:
        start = max(start, pos)
        if end <= start:
            continue
        parts.append(value[pos:start])
        region = value[start:end]
        if "\n" in region or "\r" in region:
            parts.append("".join(ch if ch in "\r\n" else " " for ch in region))
        else:
            parts.append(" " * (end - start))
        pos = end
    parts.append(value[pos:])
    return "".join(parts)


def masked(doc: Document) -> str:
    """The text with every skip region blanked to spaces of the same length.

    Line breaks inside a region are kept, so line numbers and offsets are unchanged.
    """
    return _mask(doc.text, doc.skip) if doc.skip else doc.text


def _date_for(
    analysis: Analysis, name: str, body: str, option: dt.date | None, html_gaps: bool
) -> tuple[dt.date | None, str | None]:
    """The date of a document and where it came from: the option, its metadata, the file
    name or a dateline near the top of ``body``, in that order."""
    if option is not None:
        return option, "option"
    if analysis.date is not None:
        return analysis.date, analysis.date_source
    from_name = date_from_filename(name)
    if from_name is not None:
        return from_name, "filename"
    visible = _mask(body, analysis.skip) if analysis.skip else body
    from_line = find_dateline(visible, gaps=html_gaps)
    if from_line is not None:
        return from_line, "dateline"
    return None, None


def read_head(
    kind: str, name: str, head: str, option: dt.date | None
) -> tuple[Analysis, dt.date | None, str | None]:
    """What the reader of ``kind`` finds in a document's text (or, for a file read in
    chunks, its head) and the document's date with where it came from."""
    analysis = _analyser(kind)(head)
    if analysis.date_error and option is None:
        raise DocumentError(f"{name}: {analysis.date_error}")
    return analysis, *_date_for(analysis, name, head, option, kind == "html")


def _build(
    data: bytes,
    name: str,
    path: Path | None,
    stat: os.stat_result | None,
    date: dt.date | None,
    text_field: str,
    date_field: str,
    encoding: str | None = None,
) -> list[tuple[Document, Source]]:
    kind = kind_of(name)
    body, encoding, bom = decode(data, name, encoding)
    source = Source(
        path=path,
        encoding=encoding,
        bom=bom,
        size=len(data),
        mtime_ns=stat.st_mtime_ns if stat else 0,
        checksum=digest(data),
        st_mode=stat.st_mode if stat else 0,
        kind=kind,
        name=name,
        text=body,
        text_field=text_field,
    )
    if kind != "jsonl":
        analysis, doc_date, date_source = read_head(kind, name, body, date)
        doc = Document(
            path=name,
            text=body,
            skip=analysis.skip,
            date=doc_date,
            date_source=date_source,
            lang=analysis.lang,
        )
        return [(doc, source)]
    return _records(body, name, source, date, text_field, date_field)


def _records(
    body: str,
    name: str,
    source: Source,
    date: dt.date | None,
    text_field: str,
    date_field: str,
) -> list[tuple[Document, Source]]:
    """One document per JSONL record, dated by the option, its field, the file name or
    its dateline, in that order."""
    from moneyfix.documents import jsonl

    items: list[tuple[Document, Source]] = []
    from_name = date_from_filename(name)
    for record in jsonl.records(body, name, text_field, date_field):
        doc = record_document(record, name, date, from_name, date_field)
        items.append((doc, replace(source, line=record.line, span=record.span)))
    if not items:  # no records: one empty document, so callers always get one item
        items.append((no_records(name, date), source))
    return items


def record_document(
    record: Record, name: str, option: dt.date | None, from_name: dt.date | None, label: str
) -> Document:
    """A JSONL record's document, ``file:LINE``, dated by ``record_date``."""
    where = f"{name}:{record.line}"
    day, source = record_date(
        record.date_value, record.text, where, option=option, from_name=from_name, label=label
    )
    return Document(path=where, text=record.text, date=day, date_source=source)


def no_records(name: str, date: dt.date | None) -> Document:
    """The one empty document of a JSONL file without records."""
    return Document(path=name, text="", date=date, date_source="option" if date else None)


def record_date(
    value: str | None,
    text: str,
    where: str,
    *,
    option: dt.date | None = None,
    from_name: dt.date | None = None,
    label: str = "date",
) -> tuple[dt.date | None, str | None]:
    """A record's date and where it came from: the option, its date value, the file
    name's date or its dateline, in that order (a JSONL record, a table row).

    A date value that is not a date is an error naming ``where``, unless the option wins.
    """
    if option is not None:
        return option, "option"
    if value:
        day = parse_loose(value)
        if day is None:
            raise DocumentError(f"{where}: {label} {value!r} is not a date")
        return day, "field"
    if from_name is not None:
        return from_name, "filename"
    found = find_dateline(text)
    return found, "dateline" if found else None


def text_source(name: str, text: str) -> Source:
    """The source of a text that is not a file (a table row): nothing to write back to."""
    return Source(
        path=None,
        encoding="utf-8",
        bom=False,
        size=len(text),
        mtime_ns=0,
        checksum="",
        st_mode=0,
        kind="text",
        name=name,
        text=text,
    )


def load_document(
    data: bytes,
    name: str,
    *,
    date: dt.date | None = None,
    text_field: str = "text",
    date_field: str = "date",
    encoding: str | None = None,
) -> list[tuple[Document, Source]]:
    """Documents from bytes (stdin, an archive member); ``name`` picks the format and the
    file-name date. ``Source.path`` is ``None``: write such results with ``write_new``."""
    return _build(data, name, None, None, date, text_field, date_field, encoding)


def read_document(
    path: Path,
    *,
    date: dt.date | None = None,
    text_field: str = "text",
    date_field: str = "date",
    encoding: str | None = None,
) -> list[tuple[Document, Source]]:
    """Documents of a file: one, or one per record for ``.jsonl`` (path ``file.jsonl:LINE``;
    a JSONL file without records gives one empty document, never an empty list).

    Any problem is a ``DocumentError`` with a one-line message naming the file.
    """
    name = str(path)
    kind_of(name)  # refuse an unsupported type before reading it
    try:
        with open(path, "rb") as fh:
            stat = os.fstat(fh.fileno())
            data = fh.read()
    except OSError as exc:
        raise read_error(name, exc) from None
    return _build(data, name, path, stat, date, text_field, date_field, encoding)


def open_documents(
    path: Path,
    data: bytes | None = None,
    name: str | None = None,
    *,
    date: dt.date | None = None,
    text_field: str = "text",
    date_field: str = "date",
    encoding: str | None = None,
) -> list[tuple[Document, Source]]:
    """The documents of a file, or of ``data`` (stdin) read under ``name``."""
    if data is None:
        return read_document(
            path, date=date, text_field=text_field, date_field=date_field, encoding=encoding
        )
    return load_document(
        data,
        name or "-",
        date=date,
        text_field=text_field,
        date_field=date_field,
        encoding=encoding,
    )


def write_back(items: Sequence[tuple[Document, Source]], new_texts: Sequence[str]) -> str:
    """The whole new text of one file, given a new text for each of its documents.

    For ``.txt``/``.md``/``.html`` that is the one new text; for ``.jsonl`` each changed
    record's line gets only its text field replaced (other fields, key order, spacing
    and escapes kept) and unchanged lines stay byte-identical.
    """
    if len(items) != len(new_texts):
        raise ValueError("write_back needs one new text per document")
    if not items:
        return ""
    first = items[0][1]
    if first.kind != "jsonl":
        if len(items) != 1:
            raise ValueError("a non-JSONL file has exactly one document")
        return new_texts[0]
    from moneyfix.documents.jsonl import replace_field

    body = first.text
    parts: list[str] = []
    pos = 0
    field = first.text_field
    for (doc, source), new in sorted(
        zip(items, new_texts, strict=True), key=lambda item: item[0][1].span or (0, 0)
    ):
        if new == doc.text or source.span is None:
            continue
        start, end = source.span
        parts.append(body[pos:start])
        parts.append(replace_field(body[start:end], field, new, doc.path))
        pos = end
    parts.append(body[pos:])
    return "".join(parts)
