"""``concise``: one finding a line, the format editors' quickfix lists read.

Like ruff's: ``[*]`` marks a finding plain ``moneyfix fix`` mends (a safe fix), and the
summary lines of ``full`` close the list (``-q`` leaves them out).
"""

from __future__ import annotations

from moneyfix.model import FileReport
from moneyfix.report._common import Tally, locate, one_line, summary_lines, totals


def render(reports: list[FileReport], *, summary: bool = True) -> str:
    """``path:line:col: CODE [*] message`` per finding; ``path: error: ...`` per unreadable file."""
    body = "".join(render_report(report) for report in reports)
    return body + (render_summary(totals(reports)) if summary else "")


def render_report(report: FileReport) -> str:
    """The lines of one report (or of one part of a big file's report)."""
    if report.error is not None:
        return f"{report.path}: error: {one_line(report.error)}\n"
    out = []
    for loc in locate(report):
        f = loc.finding
        safe = f.fix is not None and f.fix.applicability == "safe" and f.fix.edits
        mark = " [*]" if safe else ""
        out.append(f"{report.path}:{loc.line}:{loc.column}: {f.code}{mark} {one_line(f.message)}\n")
    return "".join(out)


def render_summary(tally: Tally) -> str:
    return "".join(f"{text}\n" for _, text in summary_lines(tally))
