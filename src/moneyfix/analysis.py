"""A document's amounts and pairs: what scan reports and every rule starts from."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import NamedTuple

from moneyfix.amounts import find_amounts
from moneyfix.amounts.language import detect_lang
from moneyfix.documents import masked
from moneyfix.documents.joins import joins, split_by_markup
from moneyfix.model import Amount, Document, FileReport, Finding, Pair
from moneyfix.pairs import find_pairs


class Analysis(NamedTuple):
    """What a document holds before any rule runs."""

    text: str
    lang: str
    amounts: list[Amount]
    pairs: list[Pair]


def analyse(doc: Document, lang: str = "auto") -> Analysis:
    """Amounts and pairs of a document, read from its text outside the skipped regions."""
    text = readable_text(doc)
    language = document_lang(doc, text, lang)
    amounts = find_amounts(text, language)
    if doc.skip:  # spans read in the blanked text; their text is the document's own
        amounts = [_own_text(doc, a) for a in whole_amounts(doc, amounts)]
    return Analysis(text, language, amounts, find_pairs(text, amounts))


def _own_text(doc: Document, amount: Amount) -> Amount:
    own = doc.text[amount.start : amount.end]
    return amount if own == amount.text else replace(amount, text=own)


def whole_amounts(doc: Document, amounts: Iterable[Amount]) -> Iterator[Amount]:
    """The amounts not split by markup (``US$235<span>.59</span>``): read whole or not at all."""
    points = joins(doc.text, doc.skip) if doc.skip else {}
    for amount in amounts:
        if not points or not split_by_markup(doc.text, points, amount.start, amount.end):
            yield amount


def document_lang(doc: Document, text: str, lang: str = "auto") -> str:
    """The document's language: given, set by its reader, or detected from its text."""
    return doc.lang or (detect_lang(text) if lang == "auto" else lang)


def readable_text(doc: Document) -> str:
    """The text the scanner reads: skipped regions blanked, offsets unchanged."""
    return masked(doc) if doc.skip else doc.text


def scan_report(
    doc: Document, analysis: Analysis, findings: list[Finding] | None = None
) -> FileReport:
    """The per-file result every output format renders."""
    return FileReport(
        path=doc.path,
        text=doc.text,
        date=doc.date,
        date_source=doc.date_source,
        amounts=analysis.amounts,
        pairs=analysis.pairs,
        findings=findings or [],
    )
