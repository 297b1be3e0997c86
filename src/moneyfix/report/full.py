"""``full``: the human format, ruff style: location, message, the line, a caret, the fix.

The layout is built once as lines of ``(text, style)`` segments; without colour they are
joined as plain text (no rich import, so ``check`` stays quick to start), with colour
rich turns the style names into terminal escapes. Whether to colour (a terminal,
``NO_COLOR``) is the caller's decision.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from moneyfix import regex_cache
from moneyfix.model import FileReport, Finding
from moneyfix.report._common import (
    Located,
    Tally,
    fix_preview,
    locate,
    one_line,
    summary_lines,
    totals,
)
from moneyfix.report.positions import LineIndex, index_of

if TYPE_CHECKING:
    from rich.style import Style

Segment = tuple[str, str]
Line = list[Segment]

MAX_LINE = 120
"""Lines longer than this (news paragraphs often are) are cut around the span."""
CONTEXT = 40
"""Code points of context kept on each side of the span in a cut line."""
SNAP = 12
"""How far a cut may move to land on a space."""
MAX_SPAN_LINES = 3

_SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
_FIX_LABEL = {
    "safe": "safe fix",
    "unsafe": "unsafe fix, needs --unsafe-fixes",
    "display": "suggestion, never applied automatically",
}


def _cells(s: str) -> int:
    """Terminal cells ``s`` takes, so the caret lines up under wide or combining text."""
    if s.isascii():  # no ASCII character is wide, combining or a format character
        return len(s)
    return sum(map(_char_cells, s))


@lru_cache(maxsize=4096)
def _char_cells(ch: str) -> int:
    """Cells of one character (kept: a report's lines hold few distinct characters)."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _visible(s: str) -> str:
    """One line of fix preview: line breaks and tabs shown, not performed."""
    return s.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r").replace("\t", " ")


def _escaped(s: str) -> str:
    """Control characters (a terminal escape in the input, ``\\x1b[2J``) shown as
    ``\\x1b``, never sent to the terminal; tabs and line breaks are left to the caller."""
    if _CONTROL.search(s) is None:  # nearly always: no new string, no call per match
        return s
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


_CONTROL = regex_cache.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _snippet_row(text: str, a: int, b: int) -> tuple[str, int, int]:
    """The shown line, the caret's indent and width (in cells) for columns ``[a, b)``."""
    if _CONTROL.search(text) is not None:  # shown escaped: the span's columns move
        before, inside = _escaped(text[:a]), _escaped(text[a:b])
        text = before + inside + _escaped(text[b:])
        a, b = len(before), len(before) + len(inside)
    text = text.replace("\t", " ")
    shown_from, shown_to = 0, len(text)
    if len(text) > MAX_LINE:
        shown_from = max(0, a - CONTEXT)
        shown_to = min(len(text), max(b, a + 1) + CONTEXT)
        # Cut at word boundaries when one is near, so the context reads as words.
        space = text.find(" ", shown_from, min(a, shown_from + SNAP))
        if shown_from > 0 and space != -1:
            shown_from = space + 1
        space = text.rfind(" ", max(b, shown_to - SNAP), shown_to)
        if shown_to < len(text) and space != -1:
            shown_to = space
    prefix = "…" if shown_from > 0 else ""
    suffix = "…" if shown_to < len(text) else ""
    shown = prefix + text[shown_from:shown_to] + suffix
    indent = len(prefix) + _cells(text[shown_from:a])  # "…" takes one cell
    width = max(1, _cells(text[a:b]))
    return shown, indent, width


def _snippet(index: LineIndex, loc: Located, caret_style: str) -> list[Line]:
    first, last = loc.line, loc.end_line
    if last > first and loc.end_column == 1:
        last -= 1  # the span ends with a line break: nothing to mark on the next line
    rows: list[tuple[int, str, int, int]] = []
    numbers = list(range(first, last + 1))
    if len(numbers) > MAX_SPAN_LINES:
        numbers = [*numbers[: MAX_SPAN_LINES - 1], last]
    for n in numbers:
        line_text, begins = index.line_piece(n, near=loc.finding.start)
        a = loc.column - begins if n == first else 0
        b = loc.end_column - begins if n == loc.end_line else len(line_text)
        shown, indent, width = _snippet_row(line_text, a, max(a, b))
        rows.append((n, shown, indent, width))
    gutter = len(str(last))
    blank = " " * gutter
    out: list[Line] = [[(f"{blank} |", "blue")]]
    previous = None
    for n, shown, indent, width in rows:
        if previous is not None and n != previous + 1:
            out.append([(f"{'.' * gutter} |", "blue")])
        out.append([(f"{n:>{gutter}} | ", "blue"), (shown, "")])
        out.append([(f"{blank} | ", "blue"), (" " * indent, ""), ("^" * width, caret_style)])
        previous = n
    out.append([(f"{blank} |", "blue")])
    return out


def _finding_lines(report: FileReport, index: LineIndex, loc: Located) -> list[Line]:
    f: Finding = loc.finding
    style = _SEVERITY_STYLE.get(f.severity, "bold")
    lines: list[Line] = [
        [
            (f"{report.path}:{loc.line}:{loc.column}:", "bold"),
            (" ", ""),
            (f.code, style),
            (" ", ""),
            (f"[{f.severity}]", style),
            (" ", ""),
            (one_line(f.message), ""),
        ]
    ]
    lines.extend(_snippet(index, loc, style))
    preview = fix_preview(index, f)
    if preview is not None and f.fix is not None:
        before, after = preview
        label = _FIX_LABEL.get(f.fix.applicability, f.fix.applicability)
        lines.append(
            [
                ("help: ", "bold green"),
                (_visible(before), "red"),
                (" → ", ""),
                (_visible(after), "green"),
                (f" ({label})", "dim"),
            ]
        )
    return lines


_STYLES = {"fixed": "bold green", "found": "bold", "clean": "bold green", "errors": "bold red"}


def _report_layout(report: FileReport) -> list[Line]:
    if report.error is not None:
        return [
            [(f"{report.path}:", "bold"), (" error: ", "bold red"), (one_line(report.error), "")],
            [],
        ]
    lines: list[Line] = []
    index = index_of(report)
    for loc in locate(report, index):
        lines.extend(_finding_lines(report, index, loc))
        lines.append([])
    return lines


def render(reports: list[FileReport], *, color: bool = False, summary: bool = True) -> str:
    """The ``full`` format; ``color`` adds terminal styles through rich."""
    body = "".join(render_report(report, color=color) for report in reports)
    return body + (render_summary(totals(reports), color=color) if summary else "")


def render_report(report: FileReport, *, color: bool = False) -> str:
    """The findings of one report (or of one part of a big file's report)."""
    return _text(_report_layout(report), color)


def render_summary(tally: Tally, *, color: bool = False) -> str:
    """The closing count lines."""
    return _text([[(text, _STYLES[kind])] for kind, text in summary_lines(tally)], color)


_BREAK: Segment = ("\n", "")


def _text(layout: list[Line], color: bool) -> str:
    if not color:  # escaped whole, once: the line breaks joining it are no control characters
        return _escaped("".join([text for line in layout for text, _ in (*line, _BREAK)]))
    # rich turns the style names into escapes; a Console would also measure and wrap
    # every line, 30x slower on a big report, for nothing: soft wrap is the terminal's.
    from rich.color import ColorSystem

    out = []
    for line in layout:
        for raw, name in line:
            text = _escaped(raw)
            if name and text:
                out.append(_style(name).render(text, color_system=ColorSystem.STANDARD))
            else:
                out.append(text)
        out.append("\n")
    return "".join(out)


@cache
def _style(name: str) -> Style:
    from rich.style import Style

    return Style.parse(name)
