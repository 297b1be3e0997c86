"""Where skipped markup joins the visible text on either side of it.

The scanner reads the text with markup blanked to spaces, so ``US$235<span>.59</span>``
looks like "US$235" followed by ".59", and ``3&nbsp;122 млрд`` like "3" and "122 млрд".
Read that way the figure is wrong, and a fix inserted there would land inside the number
(or glue "million" onto the next word). A browser shows no gap there: an inline tag, a
comment or an entity for a character joins what is around it. So an amount whose edge
touches such a join is not read at all rather than read in part (SPEC §3: never a
silently wrong number), and a fix whose text would run into the next word is not made.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["glues_on", "joins", "split_by_markup"]

_BLOCK = frozenset(
    (
        *("address", "article", "aside", "blockquote", "body", "br", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head"),
        *("header", "hr", "html", "li", "main", "nav", "ol", "option", "p", "pre", "script"),
        *("section", "style", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr"),
        "ul",
    )
)
"""Elements a browser shows as a break: they separate the text around them."""


def _separates(markup: str, between_digits: bool) -> bool:
    """Whether the markup renders as a gap (a block element, a space, a space entity).

    A space entity between two digits (``235&nbsp;590``) is a group separator of one
    number, which the blanked text no longer shows: it joins.
    """
    import html  # here: its entity table costs a plain-text run 8 million instructions

    from moneyfix.documents.html import tags

    pos = 0
    for kind, start, end, _ in tags(markup):
        if markup[pos:start].strip() != markup[pos:start]:
            return True
        if kind.lstrip("/") in _BLOCK:
            return True
        space = kind == "#entity" and html.unescape(markup[start:end]).isspace()
        if space and not between_digits:
            return True
        pos = end
    rest = markup[pos:]
    return bool(rest) and rest.strip() != rest


def joins(text: str, skip: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Every run of skipped regions that joins two visible characters, both ways:
    its start maps to its end and its end to its start."""
    out: dict[int, int] = {}
    runs: list[list[int]] = []
    for start, end in sorted(skip):
        if runs and start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    for start, end in runs:
        if start == 0 or end >= len(text):
            continue
        left, right = text[start - 1], text[end]
        if left.isspace() or right.isspace():
            continue
        if not _separates(text[start:end], left.isdigit() and right.isdigit()):
            out[start] = end
            out[end] = start
    return out


def _word_at(text: str, points: dict[int, int], pos: int) -> bool:
    """A letter or digit at ``pos``, or a decimal mark that a digit follows."""
    ch = text[pos]
    after = points[pos + 1] if points.get(pos + 1, 0) > pos + 1 else pos + 1
    return ch.isalnum() or (ch in ".," and text[after : after + 1].isdigit())


def _number_ends_at(text: str, pos: int) -> bool:
    """A digit just before ``pos``, or a decimal mark that a digit precedes."""
    ch = text[pos - 1]
    return ch.isdigit() or (ch in ".," and text[pos - 2 : pos - 1].isdigit())


def split_by_markup(text: str, points: dict[int, int], start: int, end: int) -> bool:
    """Whether the span ``[start, end)`` is part of a longer run of characters that a
    join splits: a digit (or decimal mark) before it, a letter or digit after it."""
    if end in points and points[end] > end and _word_at(text, points, points[end]):
        return True
    return start in points and points[start] < start and _number_ends_at(text, points[start])


def glues_on(text: str, skip: Sequence[tuple[int, int]], start: int, end: int, new: str) -> bool:
    """Whether replacing ``[start, end)`` by ``new`` would damage the text around it: an
    edit inside a skipped region (markup, an entity), or one that ends a word on a
    letter where the text goes on with a letter, directly or through joining markup."""
    for s, e in skip:
        inside = s < end and start < e if end > start else s < start < e
        if inside:
            return True
    if not new[-1:].isalpha() or text[end - 1 : end].isalpha():
        return False
    pos = end
    for s, e in sorted(skip):
        if s == pos:
            pos = e
    if pos > end and _separates(text[end:pos], False):
        return False
    return pos < len(text) and text[pos].isalnum()
