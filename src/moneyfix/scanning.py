"""``scan`` as a library: the amounts and pairs of documents, valued in another currency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, TextIO

from moneyfix.amounts import iter_amounts
from moneyfix.analysis import analyse, document_lang, readable_text, scan_report, whole_amounts
from moneyfix.model import Amount, Document, FileReport
from moneyfix.report.amounts import ConvertedValue, stream_rows
from moneyfix.report.positions import LineIndex

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
    text = readable_text(doc)
    amounts = whole_amounts(doc, iter_amounts(text, document_lang(doc, text, lang)))
    if at is None:
        return stream_rows(fmt, doc.path, doc.text, amounts, out, convert)
    index = LineIndex(doc.text, at.start, at.line, at.column)
    return stream_rows(fmt, doc.path, index, amounts, out, convert, first, at.start)


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
