"""moneyfix: find money amounts in news text and check their currency conversions.

The public API is re-exported here and imported lazily, so ``import moneyfix`` is cheap:

    >>> import datetime, moneyfix
    >>> text = "The fund will grow to 100 billion tenge (US$235.59) next year."
    >>> [f.code for f in moneyfix.check_text(text, date=datetime.date(2020, 11, 24))]
    ['MF001']
    >>> moneyfix.fix_text(text, date=datetime.date(2020, 11, 24)).text
    'The fund will grow to 100 billion tenge (US$235.59 million) next year.'
    >>> rate = moneyfix.rates.lookup("USD", datetime.date(2020, 11, 25))
    >>> rate.value, rate.date
    (Decimal('424.49'), datetime.date(2020, 11, 25))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from moneyfix import rates
    from moneyfix.api import (
        FixResult,
        check_document,
        check_text,
        find_amounts,
        find_pairs,
        fix_text,
    )
    from moneyfix.config import Config
    from moneyfix.model import Amount, Document, FileReport, Finding, Pair

__all__ = [
    "Amount",
    "Config",
    "Document",
    "FileReport",
    "Finding",
    "FixResult",
    "Pair",
    "__version__",
    "check_document",
    "check_text",
    "find_amounts",
    "find_pairs",
    "fix_text",
    "rates",
]

_LAZY = {
    **dict.fromkeys(
        ("FixResult", "check_document", "check_text", "find_amounts", "find_pairs", "fix_text"),
        "moneyfix.api",
    ),
    **dict.fromkeys(("Amount", "Document", "FileReport", "Finding", "Pair"), "moneyfix.model"),
    "Config": "moneyfix.config",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name == "rates":
        return importlib.import_module("moneyfix.rates")
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'moneyfix' has no attribute {name!r}")
