"""``check --show-fixes``: every fix applied (or, without ``--fix``, available), one a line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from moneyfix.report._common import fix_preview, is_fixable, one_line, plural
from moneyfix.report.positions import LineIndex, index_of

if TYPE_CHECKING:
    from moneyfix.model import Finding
    from moneyfix.runner import FileResult


def render(results: list[FileResult], applied: bool) -> str:
    """``path:line:col: CODE before → after (applicability)`` per fix, under a count."""
    fixes: list[tuple[str, LineIndex, Finding]] = []
    for result in results:
        if applied:
            indexes: dict[str, LineIndex] = {}
            fixes.extend(
                (path, indexes.get(path) or indexes.setdefault(path, LineIndex(text)), f)
                for path, text, f in result.applied
            )
            continue
        for report in result.reports:
            if report.error is None and any(is_fixable(f) for f in report.findings):
                index = index_of(report)
                fixes.extend((report.path, index, f) for f in report.findings if is_fixable(f))
    if not fixes:
        return "No fixes applied.\n" if applied else "No fixes available.\n"
    count = len(fixes)
    if applied:
        head = f"Fixed {plural(count, 'problem')}:"
    else:
        head = f"{plural(count, 'fix', 'fixes')} available (`moneyfix fix`):"
    lines = [head + "\n"]
    for path, index, f in fixes:
        line, column = index.position(f.start)
        before, after = fix_preview(index, f) or (f.text, f.text)
        kind = f.fix.applicability if f.fix else "safe"
        lines.append(
            f"  {path}:{line}:{column}: {f.code} {one_line(before)} → {one_line(after)} ({kind})\n"
        )
    return "".join(lines)
