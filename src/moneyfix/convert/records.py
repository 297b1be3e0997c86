"""One record of a table (a text and a date value) through the steps a file takes in ``convert``.

A Parquet file or a Spark DataFrame holds articles as rows, not as files; each row is
checked, fixed or scanned here by the same functions the single-machine ``convert``
uses for a JSONL record (``worker.convert_document``), so both engines give the same
results. Everything is a plain function of its inputs and never raises for a bad
record: the problem comes back as the result's ``error`` (one line, naming the record).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from moneyfix.config import Config
from moneyfix.documents import DocumentError, record_date, text_source
from moneyfix.fixes import apply_edits
from moneyfix.model import Document, Edit
from moneyfix.rates.table import RateTable
from moneyfix.report._common import decimal_str

__all__ = [
    "RecordFix",
    "check_record",
    "convert_line",
    "date_value",
    "fix_record",
    "record_document",
    "scan_record",
]


def date_value(value: object) -> str | None:
    """A date column's value as text (a date, a timestamp or a string; ``None`` for null)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def record_document(path: str, text: str, date: str | None) -> Document:
    """The record as a document, dated by its date value or else by its dateline.

    A date value that is not a date is an error, as for a JSONL date field.
    """
    day, source = record_date(date, text, path)
    return Document(path=path, text=text, date=day, date_source=source)


@dataclass
class RecordFix:
    """A record after ``fix``: its new text (the old one when nothing changed)."""

    text: str
    fixes: int = 0
    summary: dict[str, Any] = field(default_factory=dict)
    """The record's report entry (the shape of one document of ``convert --report``)."""
    error: str | None = None


def fix_record(
    path: str,
    text: str | None,
    date: str | None,
    config: Config,
    table: RateTable,
    options: Any,
) -> RecordFix:
    """Check and fix one record as ``convert`` fixes a document (``options``: its Options)."""
    from moneyfix.convert.reports import document_entry
    from moneyfix.convert.worker import convert_document

    if text is None:
        return RecordFix("", error=f"{path}: no text")
    try:
        doc = record_document(path, text, date)
        new_text, summary = convert_document(doc, text_source(path, text), config, table, options)
    except (DocumentError, ValueError) as exc:
        return RecordFix(text, error=str(exc))
    return RecordFix(new_text, len(summary.fixes), document_entry(summary))


def convert_line(
    name: str, number: int, line: str, config: Config, table: RateTable, options: Any
) -> tuple[str, list[dict[str, Any]], str | None]:
    """Line ``number`` of the JSONL file ``name`` (without its newline), converted as the
    single-machine ``convert`` converts it in a block: its new text, its report
    documents, and the error that fails the file, if any. A blank line stays as it is."""
    from moneyfix.convert.pool import shift_lines
    from moneyfix.convert.reports import document_entry
    from moneyfix.convert.worker import convert_bytes

    if not line.strip():
        return line, [], None
    outcome = convert_bytes((line + "\n").encode("utf-8"), name, config, table, options)
    shift_lines(outcome, name, number - 1)
    if outcome.error is not None:
        return line, [], outcome.error
    new = outcome.data.decode("utf-8")[:-1] if outcome.data is not None else line
    return new, [document_entry(doc) for doc in outcome.documents], None


def check_record(
    path: str, text: str | None, date: str | None, config: Config, table: RateTable
) -> tuple[list[dict[str, Any]], str | None]:
    """The record's findings as plain dicts (code, severity, message, span, text, fix)."""
    from moneyfix.check import check_document

    if text is None:
        return [], f"{path}: no text"
    try:
        report = check_document(record_document(path, text, date), config, table)
    except (DocumentError, ValueError) as exc:
        return [], str(exc)
    findings = []
    for f in report.findings:
        fixed = None
        if f.fix is not None and f.fix.edits:
            fixed = _rewritten(text, f.start, f.end, f.fix.edits)
        findings.append(
            {
                "code": f.code,
                "severity": f.severity,
                "message": f.message,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "fix": fixed,
                "applicability": f.fix.applicability if f.fix is not None else None,
            }
        )
    return findings, None


def _rewritten(text: str, start: int, end: int, edits: Any) -> str:
    """The finding's span as its fix would leave it (edits may reach past the span)."""
    low = min([start, *(e.start for e in edits)])
    high = max([end, *(e.end for e in edits)])
    local = [Edit(e.start - low, e.end - low, e.replacement) for e in edits]
    return apply_edits(text[low:high], local)


def scan_record(
    path: str, text: str | None, date: str | None, lang: str = "auto"
) -> tuple[list[dict[str, Any]], str | None]:
    """The record's amounts (values as decimal strings), as ``scan`` reads them."""
    from moneyfix.scanning import scan_document

    if text is None:
        return [], f"{path}: no text"
    try:
        report = scan_document(record_document(path, text, date), lang)
    except (DocumentError, ValueError) as exc:
        return [], str(exc)
    return [
        {
            "start": a.start,
            "end": a.end,
            "text": a.text,
            "value": decimal_str(a.value),
            "currency": a.currency,
            "magnitude": a.magnitude,
            "approximate": a.approximate,
            "qualifier": a.qualifier,
            "range_low": decimal_str(a.range[0]) if a.range else None,
            "range_high": decimal_str(a.range[1]) if a.range else None,
            "assumed_currency": a.assumed_currency,
        }
        for a in report.amounts
    ], None
