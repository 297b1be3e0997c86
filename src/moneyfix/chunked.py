"""Checking and scanning a file too big to hold in memory, a chunk at a time.

A text, Markdown or JSONL file of ``CHUNKED_FROM`` bytes or more is read in chunks of
whole paragraphs, or of whole records (``documents.chunks``). A text or Markdown chunk
is checked (or scanned) as a document of its own, dated and in the language found at
the head of the file, and what it finds is moved to its place in the whole file; a
JSONL record is a document of its own, as ever. A report keeps the findings and the
lines around them (``FileReport.excerpts``), never the text: memory is bounded by a
chunk and the findings, not by the file. ``check`` hands the chunks (records) to a
worker per core, which places the findings and cuts their lines; the reports are made
here, in order, with a few chunks in flight.

What looks at a whole document sees its chunk (about 1 MB of whole paragraphs): MF004
compares the conversions of one chunk, the scale that weighs a power-of-1000 slip is the
chunk's, and a suppression comment acts within its chunk. MF006 and MF008, said of the
document, are said once (MF008 names the stale currencies of the first chunk with one).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from moneyfix.analysis import document_lang, readable_text
from moneyfix.config import Config
from moneyfix.documents import (
    DocumentError,
    kind_of,
    no_records,
    read_head,
    record_document,
)
from moneyfix.documents.chunks import CHUNK_SIZE, Chunk, check_decodable, head_text, read_chunks
from moneyfix.documents.dates import date_from_filename
from moneyfix.jobs import default_jobs
from moneyfix.model import Document, Edit, Excerpt, FileReport, Finding
from moneyfix.report.full import MAX_LINE
from moneyfix.report.positions import LineIndex
from moneyfix.report.review import CONTEXT

if TYPE_CHECKING:
    from moneyfix.rates.table import RateTable

__all__ = ["CHUNKED_FROM", "check_file", "chunk_documents", "chunkable"]

CHUNKED_FROM = 16 << 20
"""Bytes from which a text or Markdown file is read in chunks (check and streamed scan)."""
_KINDS = ("text", "markdown", "jsonl")
_AROUND = CONTEXT + 1
"""Code points kept either side of a finding: the review page's context and the one
character it looks at past it."""
_WIDE = MAX_LINE + 1
"""Code points of a long line kept either side of a finding: ``full`` shows a line
whole up to ``MAX_LINE``, and a longer one cut near the span, with "…"."""


def chunkable(path: Path) -> bool:
    """Whether ``path`` is a text, Markdown or JSONL file of ``CHUNKED_FROM`` bytes or more."""
    try:
        return kind_of(str(path)) in _KINDS and path.stat().st_size >= CHUNKED_FROM
    except (DocumentError, OSError):
        return False  # the whole-file reader says what is wrong


def chunk_documents(
    path: Path, name: str, config: Config, size: int = CHUNK_SIZE
) -> Iterator[tuple[Document, Chunk | None]]:
    """Each chunk of the file as a document dated and in the language of the file's head;
    for JSONL, each record's document (``None``: it is a document of its own).

    The file is decoded once before anything is yielded, so an encoding the chunks
    cannot read raises ``NotChunkable`` (and a binary file ``DocumentError``) first."""
    kind = kind_of(name)
    check_decodable(path, name)
    if kind == "jsonl":
        yield from ((doc, None) for doc in _records(path, name, config, size))
        return
    head = head_text(path, name)
    analysis, day, source = read_head(kind, name, head, config.date)
    head_doc = Document(name, head, skip=analysis.skip, lang=analysis.lang)
    lang = document_lang(head_doc, readable_text(head_doc), config.lang)
    for chunk in read_chunks(path, name, kind, size):
        skip = _skipped(kind, chunk)
        yield Document(name, chunk.text, skip, day, source, lang), chunk


def _records(path: Path, name: str, config: Config, size: int) -> Iterator[Document]:
    """The documents of a JSONL file's records, read a chunk of lines at a time."""
    from moneyfix.documents import jsonl

    from_name = date_from_filename(name)
    found = False
    for chunk in read_chunks(path, name, "jsonl", size):
        fields = (config.text_field, config.date_field, chunk.line)
        for record in jsonl.records(chunk.text, name, *fields):
            found = True
            yield record_document(record, name, config.date, from_name, config.date_field)
    if not found:
        yield no_records(name, config.date)


def _skipped(kind: str, chunk: Chunk) -> tuple[tuple[int, int], ...]:
    if kind != "markdown":
        return ()
    from moneyfix.documents import markdown

    if chunk.start == 0:  # the head: front matter too
        return markdown.analyse(chunk.text).skip
    return markdown.skipped(chunk.text)


def check_file(
    path: Path,
    name: str,
    config: Config,
    table: RateTable,
    size: int = CHUNK_SIZE,
    jobs: int | None = 1,
) -> list[FileReport]:
    """The reports of a file checked a chunk at a time (one, or one per JSONL record):
    findings and their excerpts. ``jobs`` as for :func:`check_parts`."""
    from moneyfix.report.stream import joined

    return joined(check_parts(path, name, config, table, size, jobs))


def check_parts(
    path: Path,
    name: str,
    config: Config,
    table: RateTable,
    size: int = CHUNK_SIZE,
    jobs: int | None = 1,
) -> Iterator[tuple[FileReport, bool]]:
    """The reports of a file checked a chunk at a time, made as the chunks are read:
    ``(report, part)``, ``part`` when the report is a further part of the one before (the
    findings of a text's next chunk) rather than a report of its own (the file's first
    chunk, a JSONL record). What the file holds is checked before the first is made: an
    encoding the chunks cannot read, a binary file, a broken JSONL record.

    After the first, a chunk with no findings gives no report. A finding of the document
    (MF006, MF008) is said once: at the head (offset 0) when the first chunk says it, else
    at the start of the first chunk that does, so the findings stay in text order.

    The chunks (records) are checked in ``jobs`` worker processes (None: a worker per
    core for a file of ``jobs.WORKERS_AFTER`` bytes or more, from its first chunk on),
    the reports made here, in order, a chunk at a time."""
    if jobs is None:
        jobs = default_jobs(_size(path))
    if kind_of(name) == "jsonl":
        for _ in _records(path, name, config, size):
            pass  # every record read once first: a broken one is the file's error, as ever
    said: set[str] = set()
    for (doc_path, day, source, at), checked in _checked_chunks(
        path, name, config, table, size, jobs
    ):
        if at is None:  # a JSONL record: a report of its own
            findings = [finding for _, finding in checked.findings]
            yield (
                FileReport(doc_path, "", day, source, findings=findings, excerpts=checked.excerpts),
                False,
            )
            continue
        findings = []
        excerpts = checked.excerpts
        for of_document, finding in checked.findings:
            if of_document:
                if finding.code in said:
                    continue
                said.add(finding.code)
                excerpts = checked.with_document or excerpts
            findings.append(finding)
        if findings or not at:
            yield FileReport(name, "", day, source, findings=findings, excerpts=excerpts), at > 0


class _Checked(NamedTuple):
    """What a chunk's check sends back: its findings placed in the file and the lines
    around them, all a report of it needs (the text stays in the worker)."""

    findings: list[tuple[bool, Finding]]
    """Each finding, in order, and whether it is one of the document (MF006, MF008),
    which a file's report says once."""
    excerpts: tuple[Excerpt, ...]
    """Around the findings of the text (and a file's head, where a finding of the
    document points)."""
    with_document: tuple[Excerpt, ...] | None = None
    """Around these and the chunk's start too, for a later chunk with a finding of the
    document: where it points when the chunks before did not say it."""


_Item = tuple[Document, Chunk | None]
"""A chunk's document and the chunk (None for a JSONL record)."""
_Placed = tuple[str, dt.date | None, str | None, int | None]
"""A chunk's document's path, date and date source, and where the chunk starts (None
for a JSONL record): what its report takes beside :class:`_Checked`."""


def _checked_chunks(
    path: Path, name: str, config: Config, table: RateTable, size: int, jobs: int
) -> Iterator[tuple[_Placed, _Checked]]:
    """Each chunk's (record's) place and its check, in order. A read error partway is
    raised after the chunks before it, as when they are checked one after the other here."""
    from moneyfix.check import warm_up
    from moneyfix.sharing import in_order

    placed: deque[_Placed] = deque()
    failed: list[Exception] = []

    def chunks() -> Iterator[_Item]:
        try:
            for doc, chunk in chunk_documents(path, name, config, size):
                placed.append(
                    (doc.path, doc.date, doc.date_source, None if chunk is None else chunk.start)
                )
                yield doc, chunk
        except Exception as exc:  # raised below, after the chunks before it
            failed.append(exc)

    here = partial(_check_chunk, config=config, table=table)
    there = partial(_each, here)
    for checked in in_order(chunks(), here, there, jobs, _length, partial(warm_up, table)):
        yield placed.popleft(), checked
    if failed:
        raise failed[0]


def _check_chunk(item: _Item, config: Config, table: RateTable) -> _Checked:
    from moneyfix.check import check_document  # scan reads chunks without the checker

    doc, chunk = item
    found = check_document(doc, config, table).findings
    if chunk is None:  # a JSONL record
        spans = [(0, 0), *(_passage(f) for f in found)]
        return _Checked(
            [(False, f) for f in found], tuple(_excerpts(Chunk(doc.text, 0, 1, 1), spans))
        )
    findings = [(_of_document(f), _moved(f, chunk.start)) for f in found]
    findings.sort(key=lambda pair: (pair[1].start, pair[1].code))
    spans = [(0, 0)] if chunk.start == 0 else []
    spans.extend(_passage(f) for of_document, f in findings if not of_document)
    excerpts = tuple(_excerpts(chunk, spans))
    with_document = None
    if chunk.start and any(of_document for of_document, _ in findings):
        with_document = tuple(_excerpts(chunk, [*spans, (chunk.start, chunk.start)]))
    return _Checked(findings, excerpts, with_document)


def _each(check: Callable[[_Item], _Checked], items: list[_Item]) -> list[_Checked]:
    """A worker's answer: the check of each chunk (record)."""
    return [check(item) for item in items]


def _length(item: _Item) -> int:
    return len(item[0].text)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the reading says what is wrong


def _of_document(finding: Finding) -> bool:
    """A finding about the document as a whole (MF006, MF008): at 0, with no text."""
    return finding.start == finding.end == 0 and not finding.text


def _moved(finding: Finding, by: int) -> Finding:
    """The finding of a chunk at its place in the file, its text and evidence sharing
    the strings equal ones of other findings hold (a rate, its date and source, the
    amount the text is): a report that holds a big file's findings holds fewer."""
    fix = finding.fix
    if fix is not None:
        edits = tuple(Edit(e.start + by, e.end + by, e.replacement) for e in fix.edits)
        fix = replace(fix, edits=edits)
    return replace(
        finding,
        start=finding.start + by,
        end=finding.end + by,
        text=sys.intern(finding.text),
        fix=fix,
        evidence={key: sys.intern(value) for key, value in finding.evidence.items()},
    )


def _passage(finding: Finding) -> tuple[int, int]:
    """The span a report shows of a finding: the finding and its edits."""
    edits = finding.fix.edits if finding.fix is not None else ()
    return (
        min((finding.start, *(e.start for e in edits))),
        max((finding.end, *(e.end for e in edits))),
    )


def _excerpts(chunk: Chunk, spans: list[tuple[int, int]]) -> list[Excerpt]:
    """The lines of ``chunk`` around each span (with ``_AROUND`` code points either side),
    overlapping ones merged, in order; a line is kept whole up to ``_WIDE`` code points
    either side of the span, all that any format shows of it."""
    if not spans:
        return []
    index = LineIndex(chunk.text, chunk.start, chunk.line, chunk.column)
    end = chunk.start + len(chunk.text)
    ranges: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        first = index.position(max(chunk.start, lo - _AROUND))[0]
        last = index.position(min(end, hi + _AROUND))[0]
        start = _between_breaks(chunk, max(index.line_start(first), lo - _WIDE))
        stop = index.line_start(last + 1) if index.holds_line(last + 1) else end
        stop = _between_breaks(chunk, min(stop, hi + _WIDE))
        if ranges and start <= ranges[-1][1]:
            start = ranges[-1][0]
            stop = max(stop, ranges.pop()[1])
        ranges.append((start, stop))
    out = []
    for start, stop in ranges:
        line, column = index.position(start)
        text = chunk.text[start - chunk.start : stop - chunk.start]
        out.append(Excerpt(start, line, column, text))
    return out


def _between_breaks(chunk: Chunk, at: int) -> int:
    """``at``, or just after it when it would split a CRLF (one line break, not two)."""
    local = at - chunk.start
    return at + 1 if local > 0 and chunk.text.startswith("\r\n", local - 1) else at
