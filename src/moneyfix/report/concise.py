"""``concise``: one finding a line, the format editors' quickfix lists read."""

from __future__ import annotations

from moneyfix.model import FileReport
from moneyfix.report._common import locate, one_line


def render(reports: list[FileReport]) -> str:
    """``path:line:col: CODE message`` per finding; ``path: error: ...`` per unreadable file."""
    out = []
    for report in reports:
        if report.error is not None:
            out.append(f"{report.path}: error: {one_line(report.error)}\n")
            continue
        for loc in locate(report):
            f = loc.finding
            out.append(f"{report.path}:{loc.line}:{loc.column}: {f.code} {one_line(f.message)}\n")
    return "".join(out)
