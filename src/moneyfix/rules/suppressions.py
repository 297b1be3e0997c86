"""MF100 unused-suppression: directives that suppressed nothing, and unknown codes.

Like ruff's RUF100, so a back catalogue silenced with ``check --add-ignore`` does not
keep comments that no longer hide anything (and would hide the next real problem).
"""

from __future__ import annotations

from moneyfix.documents.suppress import Problem, Suppressions, Unused, unused_directives
from moneyfix.model import Edit, Finding, Fix
from moneyfix.rules.registry import RULES

_RULE = RULES["MF100"]


def suppression_findings(
    text: str, suppressions: Suppressions, used: set[tuple[int, str]], enabled: frozenset[str]
) -> list[Finding]:
    """MF100 findings of a document, given which directives suppressed which codes."""
    out = [_problem(text, p) for p in suppressions.problems]
    out.extend(_unused(text, u) for u in unused_directives(suppressions, used, enabled))
    return out


def _finding(text: str, start: int, end: int, message: str, fix: Fix | None) -> Finding:
    return Finding(
        _RULE.code, _RULE.name, _RULE.severity, message, start, end, text[start:end], fix
    )


def _problem(text: str, problem: Problem) -> Finding:
    return _finding(text, problem.start, problem.end, f"suppression: {problem.message}", None)


def _unused(text: str, unused: Unused) -> Finding:
    d = unused.directive
    kept = [c for c in d.listed if c not in unused.codes]
    if unused.codes and kept:
        message = f"unused suppression of {', '.join(unused.codes)}: nothing to suppress here"
        start, end = d.codes_span
        edit = Edit(start, end, " " + ", ".join(kept))
    else:
        shown = ", ".join(d.listed) or "every rule"
        message = f"unused suppression ({d.verb} {shown}): nothing to suppress here"
        edit = _removal(text, d.start, d.end)
    return _finding(text, d.start, d.end, message, Fix("safe", (edit,)))


def _removal(text: str, start: int, end: int) -> Edit:
    """Delete the directive, with its line when it stands alone on it."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    breaks = [at for at in (text.find("\n", end), text.find("\r", end)) if at >= 0]
    line_end = min(breaks) + 1 if breaks else len(text)
    if text[line_end - 1 : line_end + 1] == "\r\n":
        line_end += 1
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        return Edit(line_start, line_end, "")
    while start > line_start and text[start - 1] in " \t":
        start -= 1
    return Edit(start, end, "")
