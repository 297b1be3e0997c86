"""The library's public functions, re-exported by :mod:`moneyfix` (imported on first use).

Each stage of the pipeline is one call; every example below runs as a doctest in the
test suite:

    >>> import datetime, moneyfix
    >>> text = "The fund will grow to 100 billion tenge (US$235.59) next year."
    >>> [a.text for a in moneyfix.find_amounts(text)]
    ['100 billion tenge', 'US$235.59']
    >>> [f.code for f in moneyfix.check_text(text, date=datetime.date(2020, 11, 24))]
    ['MF001']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from moneyfix.amounts.language import detect_lang
from moneyfix.choices import LANGS
from moneyfix.config import Config
from moneyfix.model import Amount, Document, FileReport, Finding, Pair
from moneyfix.rates.table import RateTable

__all__ = [
    "LANGS",
    "FixResult",
    "check_document",
    "check_text",
    "find_amounts",
    "find_pairs",
    "fix_text",
]


def _language(text: str, lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return detect_lang(text) if lang == "auto" else lang


def find_amounts(text: str, lang: str = "auto", *, offset: int = 0) -> list[Amount]:
    """Every amount of money in ``text``, in order, with exact spans and Decimal values
    (``offset`` shifts the spans, for a piece of a longer document).

    ``lang="auto"`` detects English, Russian or Kazakh from the text (a decimal comma
    means something else in each); another value than :data:`LANGS` is a ``ValueError``.

    >>> a = find_amounts("Расходы составят 7,5 млрд тенге.")[0]
    >>> a.text, a.value == 7_500_000_000, a.currency
    ('7,5 млрд тенге', True, 'KZT')
    >>> find_amounts("5 tenge", lang="de")
    Traceback (most recent call last):
    ValueError: lang must be one of auto, en, ru, kk, kk-Latn, not 'de'
    """
    from moneyfix.amounts import find_amounts as scan

    return scan(text, _language(text, lang), offset=offset)


def find_pairs(text: str, amounts: list[Amount] | None = None, lang: str = "auto") -> list[Pair]:
    """The conversion pairs among ``amounts`` (found in ``text`` when not given): indices
    into the amounts, the kind, and the implied rate (tenge per unit of the other side).

    >>> text = "The bridge will cost 63 billion tenge (US$148.42 million)."
    >>> amounts = find_amounts(text)
    >>> (pair,) = find_pairs(text, amounts)
    >>> amounts[pair.conversion].text, pair.kind, round(pair.implied_rate, 2)
    ('US$148.42 million', 'parenthesis', Decimal('424.47'))
    """
    from moneyfix.pairs import find_pairs as pairs_of

    return pairs_of(text, find_amounts(text, lang) if amounts is None else amounts)


def check_document(
    doc: Document, config: Config | None = None, table: RateTable | None = None
) -> FileReport:
    """Every finding of one :class:`~moneyfix.model.Document` (text, skipped regions, date),
    with its amounts and pairs; ``config`` selects rules and tolerances.

    >>> doc = Document("a.txt", "It costs 5 billion tenge ($90 million).", date=dt.date(2021, 3, 1))
    >>> [f.code for f in check_document(doc).findings]
    ['MF007']
    """
    from moneyfix.check import check_document as check

    return check(doc, config, table)


def check_text(
    text: str,
    date: dt.date | None = None,
    config: Config | None = None,
    table: RateTable | None = None,
) -> list[Finding]:
    """The findings of a plain text dated ``date`` (undated: magnitude and consistency only).

    >>> (f,) = check_text("It costs 1,604 tenge ($5).", date=dt.date(2020, 11, 24))
    >>> f.code, f.severity, f.fix.applicability
    ('MF003', 'warning', 'unsafe')
    """
    from moneyfix.check import check_text as check

    return check(text, date, config, table)


@dataclass(frozen=True)
class FixResult:
    """What :func:`fix_text` did: the new text, the findings it fixed, those left."""

    text: str
    fixed: list[Finding]
    remaining: list[Finding]


def fix_text(
    text: str,
    date: dt.date | None = None,
    *,
    unsafe: bool = False,
    config: Config | None = None,
    table: RateTable | None = None,
) -> FixResult:
    """``text`` with its safe fixes applied (``unsafe=True``: recomputed conversions too),
    checked again like ``moneyfix fix`` does; raises ``moneyfix.runner.FixError`` rather
    than return a text that does not check clean.

    >>> result = fix_text("The fund will grow to 100 billion tenge (US$235.59).",
    ...                   date=dt.date(2020, 11, 24))
    >>> result.text
    'The fund will grow to 100 billion tenge (US$235.59 million).'
    >>> [f.code for f in result.fixed], result.remaining
    (['MF001'], [])
    """
    from moneyfix.rates.table import load_table
    from moneyfix.runner import apply_fixes, chosen_edits

    config = (config or Config()).merged(unsafe_fixes=unsafe or None)
    table = table or load_table()
    doc = Document("<text>", text, date=date, date_source="option" if date else None)
    report = check_document(doc, config, table)
    chosen = chosen_edits(report.findings, config.unsafe_fixes)
    new_text, after = apply_fixes(doc, report, chosen, config, table)
    return FixResult(new_text, [f for f, _ in chosen], after.findings)
