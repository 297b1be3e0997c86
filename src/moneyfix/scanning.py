"""``scan`` as a library: the amounts and pairs of documents, valued in another currency."""

from __future__ import annotations

from moneyfix.check import analyse
from moneyfix.model import Document, FileReport
from moneyfix.rates.table import RateTable, RateUnavailable
from moneyfix.report import ConvertedValue


def scan_document(doc: Document, lang: str = "auto") -> FileReport:
    """A report holding the document's amounts and pairs (no findings)."""
    analysis = analyse(doc, lang)
    return FileReport(
        path=doc.path,
        text=doc.text,
        date=doc.date,
        date_source=doc.date_source,
        amounts=analysis.amounts,
        pairs=analysis.pairs,
    )


def values_in(
    reports: list[FileReport], currency: str, table: RateTable
) -> dict[tuple[str, int], ConvertedValue]:
    """Each amount's value in ``currency`` at its document's date (where a rate exists)."""
    values: dict[tuple[str, int], ConvertedValue] = {}
    for report in reports:
        if report.date is None:
            continue
        for index, amount in enumerate(report.amounts):
            if amount.currency is None:
                continue
            try:
                rate = table.cross(currency, amount.currency, report.date)
            except RateUnavailable:
                continue
            values[(report.path, index)] = ConvertedValue(
                amount.value * rate.value, currency, rate.date
            )
    return values
