"""``github``: workflow commands that GitHub Actions shows as annotations on the diff.

Escaping follows the Actions toolkit (``@actions/core``, command.ts): data escapes
``%``, ``\\r``, ``\\n``; property values also escape ``:`` and ``,``.
"""

from __future__ import annotations

from moneyfix.model import FileReport
from moneyfix.report._common import locate, record_of

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(reports: list[FileReport]) -> str:
    """One ``::error``/``::warning``/``::notice`` line per finding."""
    return "".join(render_report(report) for report in reports)


def render_report(report: FileReport) -> str:
    """The lines of one report (or of one part of a big file's report)."""
    record = record_of(report.path)
    path = escape_property(record[0] if record else report.path)
    if report.error is not None:
        return f"::error file={path},title=moneyfix::{escape_data(report.error)}\n"
    out = []
    for loc in locate(report):
        f = loc.finding
        level = _LEVEL.get(f.severity, "warning")
        title = escape_property(f"{f.code} {f.name}")
        where = (
            f"line={record[1]}"
            if record
            else f"line={loc.line},col={loc.column},"
            f"endLine={loc.end_line},endColumn={loc.end_column}"
        )
        out.append(f"::{level} file={path},{where},title={title}::{escape_data(f.message)}\n")
    return "".join(out)
