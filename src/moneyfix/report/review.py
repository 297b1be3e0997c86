"""What a reviewer needs of one checked document: every finding with its passage, every pair.

The HTML review page (``report/html.py``) is built from these plain dicts, for a
``check`` run as for a ``convert`` run, where they travel from the worker processes in
the report entries. A finding becomes an *item*: its passage before and after (with
whole words of context, on one line), the rates it was judged by, and whether its fix
was applied. A conversion pair becomes a chart *point*: currency, implied rate, and the
finding at its conversion, if any.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from moneyfix import regex_cache
from moneyfix.model import Amount, FileReport, Finding
from moneyfix.pairs import rate_currencies
from moneyfix.report._common import decimal_str, fix_preview, one_line
from moneyfix.report.positions import LineIndex, index_of

__all__ = ["CONTEXT", "review_items", "review_points", "words_around"]

CONTEXT = 60
"""Characters of context either side of a passage, before trimming to whole words."""
_SPACE = regex_cache.compile(r"\s+")
_NOT_CONVERSIONS = ("explicit-rate", "index")
"""A written rate and MRP restated in tenge are pairs, but not conversions to chart."""
_RATE_KEYS = ("implied_rate", "expected_rate", "document_rate", "rate_date", "rate_source")


def words_around(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str]:
    """The whole words within ``width`` characters before ``start`` and after ``end``.

    Context stops at a blank line (the paragraph ends there; LF or CRLF); a word cut by
    the window is dropped rather than shown in part.
    """
    begin = max(0, start - width)
    paragraph = max(text.rfind("\n\n", begin, start), text.rfind("\n\r\n", begin, start))
    if paragraph >= 0:
        begin = paragraph + (2 if text[paragraph + 1] == "\n" else 3)
    elif begin > 0 and not text[begin - 1].isspace():
        cut = _SPACE.search(text, begin, start)
        begin = cut.end() if cut else start
    stop = min(len(text), end + width)
    ends = [i for i in (text.find("\n\n", end, stop), text.find("\r\n\r\n", end, stop)) if i >= 0]
    if ends:
        stop = min(ends)
    elif stop < len(text) and not text[stop].isspace():
        spaces = list(_SPACE.finditer(text, end, stop))
        stop = spaces[-1].start() if spaces else end
    return _flat(text[begin:start]).lstrip(), _flat(text[end:stop]).rstrip()


def _flat(s: str) -> str:
    """A passage on one line: hard-wrapped source shows as the sentence it is."""
    return _SPACE.sub(" ", s)


def review_items(
    report: FileReport, applied: set[int] | None = None, index: LineIndex | None = None
) -> list[dict[str, Any]]:
    """Every finding of ``report`` as a review item, in text order.

    ``applied`` holds ``id()`` of the findings whose fix was applied to the text; their
    status is ``fixed``, every other finding's ``left``.
    """
    index = index or index_of(report)
    items = []
    for finding in sorted(report.findings, key=lambda f: (f.start, f.code)):
        preview = fix_preview(index, finding)
        lo, hi = (finding.start, finding.end) if preview is None else _preview_span(finding)
        text, base = index.around(lo, hi)
        old, new = preview or (text[lo - base : hi - base],) * 2
        before, after = words_around(text, lo - base, hi - base)
        fixed = applied is not None and id(finding) in applied
        item: dict[str, Any] = {
            "code": finding.code,
            "severity": finding.severity,
            "status": "fixed" if fixed else "left",
            "fix": finding.fix.applicability if finding.fix is not None else None,
            "line": index.position(finding.start)[0],
            "message": one_line(finding.message),
            "context_before": before,
            "before": _flat(old),
            "after": _flat(new),
            "context_after": after,
        }
        item.update({k: finding.evidence[k] for k in _RATE_KEYS if k in finding.evidence})
        if "readings" in finding.evidence:
            item["readings"] = finding.evidence["readings"]
        items.append(item)
    return items


def _preview_span(finding: Finding) -> tuple[int, int]:
    assert finding.fix is not None
    return (
        min(finding.start, *(e.start for e in finding.fix.edits)),
        max(finding.end, *(e.end for e in finding.fix.edits)),
    )


def review_points(report: FileReport, items: list[dict[str, Any]]) -> list[list[Any]]:
    """``[currency, implied rate, code, item index]`` of every tenge conversion pair.

    The rate is tenge per unit of ``currency``; ``code`` and the index name the most
    severe finding at the pair's conversion (``None`` when the pair is right).
    """
    at: dict[int, int] = {}
    ordered = sorted(report.findings, key=lambda f: (f.start, f.code))
    rank = {"error": 0, "warning": 1, "info": 2}
    for position, finding in enumerate(ordered):
        best = at.get(finding.start)
        if best is None or rank[finding.severity] < rank[ordered[best].severity]:
            at[finding.start] = position
    points = []
    for pair in report.pairs:
        if pair.kind in _NOT_CONVERSIONS or pair.implied_rate is None:
            continue
        primary: Amount = report.amounts[pair.primary]
        conversion: Amount = report.amounts[pair.conversion]
        if primary.currency is None or conversion.currency is None:
            continue
        units, per = rate_currencies(primary, conversion)
        if units != "KZT" or per == "KZT" or pair.implied_rate <= 0:
            continue
        number = at.get(conversion.start)
        code = items[number]["code"] if number is not None else None
        points.append([per, _short(pair.implied_rate), code, number])
    return points


def _short(rate: Decimal) -> str:
    """Six significant digits: plenty to place a point, and short in a large page."""
    return decimal_str(Decimal(f"{rate:.6g}"))
