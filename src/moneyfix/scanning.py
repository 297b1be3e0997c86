"""``scan`` as a library: the amounts and pairs of documents, valued in another currency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import TYPE_CHECKING, TextIO

from moneyfix.amounts import find_amounts, iter_amounts
from moneyfix.analysis import analyse, document_lang, readable_text, scan_report, whole_amounts
from moneyfix.model import Amount, Document, FileReport
from moneyfix.report.amounts import ConvertedValue, row_texts, write_rows
from moneyfix.report.positions import LineIndex
from moneyfix.sharing import in_order

if TYPE_CHECKING:
    from moneyfix.documents.chunks import Chunk
    from moneyfix.rates.table import RateTable


_CENT = Decimal("0.01")


def scan_document(doc: Document, lang: str = "auto") -> FileReport:
    """A report holding the document's amounts and pairs (no findings)."""
    return scan_report(doc, analyse(doc, lang))


def stream_document(
    doc: Document,
    fmt: str,
    out: TextIO,
    lang: str = "auto",
    convert: Callable[[Amount], ConvertedValue | None] | None = None,
    at: Chunk | None = None,
    first: int = 0,
) -> int:
    """Write a document's amounts as ``jsonl`` or ``csv`` rows a chunk at a time, so
    memory stays bounded by the chunk however big the text. Returns the row count.

    ``at``: the document is that chunk of a bigger file (``chunked.chunk_documents``),
    its rows placed in the file and numbered from ``first``."""
    return write_rows(fmt, doc.path, document_rows(doc, fmt, lang, convert, at), out, first)


def document_rows(
    doc: Document,
    fmt: str,
    lang: str = "auto",
    convert: Callable[[Amount], ConvertedValue | None] | None = None,
    at: Chunk | None = None,
) -> Iterator[str]:
    """The document's rows as ``report.amounts.write_rows`` takes them, found as they are
    taken; ``at`` as for :func:`stream_document`."""
    text = readable_text(doc)
    amounts = whole_amounts(doc, iter_amounts(text, document_lang(doc, text, lang)))
    if at is None:
        return row_texts(fmt, doc.path, LineIndex(doc.text), amounts, convert)
    index = LineIndex(doc.text, at.start, at.line, at.column)
    return row_texts(fmt, doc.path, index, amounts, convert, at.start)


Scanned = tuple[str, bool, Iterable[str]]
"""A document's path, whether it goes on a file's rows (a chunk after the first) and
its rows (``document_rows``)."""


def scanned_rows(
    docs: Iterable[tuple[Document, Chunk | None]],
    fmt: str,
    lang: str,
    to: tuple[str, RateTable] | None = None,
    jobs: int | None = 1,
) -> Iterator[Scanned]:
    """Each document's rows, in order, with its amounts valued in ``to`` (a currency and
    the rates); with ``jobs`` > 1 found in that many worker processes (capped by the
    cores), a big file's chunks shared out among them; with ``jobs`` None, in this
    process up to ``jobs.WORKERS_AFTER`` characters and in a worker per core after that
    (``sharing.in_order``).
    A worker hands back a chunk's rows whole, so memory is bounded by a few chunks and
    their rows; the rows are those of one process, byte for byte (a chunk's rows do not
    depend on the chunks before)."""
    here = partial(_rows_of, fmt=fmt, lang=lang, to=to)
    there = partial(_listed, fmt=fmt, lang=lang, to=to)
    yield from in_order(docs, here, there, jobs, _length, _warm_up)


def _rows_of(
    item: tuple[Document, Chunk | None], fmt: str, lang: str, to: tuple[str, RateTable] | None
) -> Scanned:
    doc, at = item
    convert = converter(to[0], to[1], doc.date) if to is not None else None
    return doc.path, at is not None and at.start > 0, document_rows(doc, fmt, lang, convert, at)


def _listed(
    items: list[tuple[Document, Chunk | None]],
    fmt: str,
    lang: str,
    to: tuple[str, RateTable] | None,
) -> list[Scanned]:
    """A worker's answer: the documents' rows, listed to travel back."""
    return [
        (path, goes_on, list(rows))
        for path, goes_on, rows in (_rows_of(item, fmt, lang, to) for item in items)
    ]


def _length(item: tuple[Document, Chunk | None]) -> int:
    return len(item[0].text)


def _warm_up() -> None:
    """The scanner's patterns built before the workers fork, so each starts with them."""
    find_amounts("warm-up: 5 billion tenge ($10 million)")


def converter(
    currency: str, table: RateTable, day: dt.date | None
) -> Callable[[Amount], ConvertedValue | None]:
    """A function valuing an amount in ``currency`` at ``day`` (the document's date)."""

    from moneyfix.rates.table import RateUnavailable

    def value_of(amount: Amount) -> ConvertedValue | None:
        if day is None or amount.currency is None:
            return None
        try:
            rate = table.cross(currency, amount.currency, day)
        except RateUnavailable:
            return None
        value = (amount.value * rate.value).quantize(_CENT, rounding=ROUND_HALF_UP)
        return ConvertedValue(value, currency, rate.date)

    return value_of


def values_in(
    reports: list[FileReport], currency: str, table: RateTable
) -> dict[tuple[str, int], ConvertedValue]:
    """Each amount's value in ``currency`` at its document's date (where a rate exists)."""
    values: dict[tuple[str, int], ConvertedValue] = {}
    for report in reports:
        value_of = converter(currency, table, report.date)
        for index, amount in enumerate(report.amounts):
            converted = value_of(amount)
            if converted is not None:
                values[(report.path, index)] = converted
    return values
