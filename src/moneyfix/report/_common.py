"""Pieces every output format shares: located findings, counts, plain-data dicts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from moneyfix import regex_cache
from moneyfix.model import SEVERITY_ORDER, FileReport, Finding, Fix
from moneyfix.report.positions import LineIndex, index_of

_RECORD = regex_cache.compile(r"(.+\.(?:jsonl|ndjson)):([0-9]+)")


def record_of(path: str) -> tuple[str, int] | None:
    """A JSONL record's report path ``file.jsonl:LINE`` as (file, line), else None.

    Formats read by CI tools point a record's findings at its line in the file: offsets
    inside the record's text are not positions in the file (the text is a JSON string).
    """
    found = _RECORD.fullmatch(path)
    return (found.group(1), int(found.group(2))) if found else None


def decimal_str(value: Decimal) -> str:
    """A Decimal as plain digits: ``str()`` would give ``6.3E+10`` for a scaled value."""
    return format(value, "f")


class Located(NamedTuple):
    """A finding with its start and (exclusive) end as line/column."""

    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int


def locate(report: FileReport, index: LineIndex | None = None) -> list[Located]:
    """The report's findings in text order, each with its line/column span."""
    if index is None:
        index = index_of(report)
    out = []
    for f in sorted(report.findings, key=lambda f: (f.start, f.end, f.code, f.message)):
        line, column = index.position(f.start)
        end_line, end_column = index.position(f.end)
        out.append(Located(f, line, column, end_line, end_column))
    return out


def is_fixable(finding: Finding) -> bool:
    """A fix ``moneyfix fix`` can apply (safe, or unsafe with ``--unsafe-fixes``)."""
    fix = finding.fix
    return fix is not None and fix.applicability != "display" and bool(fix.edits)


@dataclass(slots=True)
class Tally:
    """Counts of a run's reports, added one at a time: what the summary lines, the
    statistics and the exit code need, so a streamed report keeps no finding."""

    files: int = 0
    findings: int = 0
    fixable: int = 0
    unsafe: int = 0
    fixed: int = 0
    errors: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    """Findings per rule code, in the order first met."""
    fixable_codes: Counter[str] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)
    severities: Counter[str] = field(default_factory=Counter)

    def add(self, report: FileReport, part: bool = False) -> None:
        """Count ``report``; ``part``: a further part of the report before it (a big file
        read in chunks), not a file of its own. Findings of an unreadable file do not
        count."""
        self.files += not part
        self.fixed += report.fixed
        if report.error is not None:
            self.errors += 1
            return
        for f in report.findings:
            self.findings += 1
            self.codes[f.code] += 1
            self.names.setdefault(f.code, f.name)
            self.severities[f.severity] += 1
            if is_fixable(f):
                self.fixable += 1
                self.fixable_codes[f.code] += 1
                if f.fix is not None and f.fix.applicability == "unsafe":
                    self.unsafe += 1

    def at_or_above(self, level: str) -> int:
        """How many findings are of severity ``level`` or worse."""
        threshold = SEVERITY_ORDER[level]
        return sum(n for sev, n in self.severities.items() if SEVERITY_ORDER[sev] >= threshold)


def totals(reports: list[FileReport]) -> Tally:
    """The counts of ``reports``, one report a file."""
    tally = Tally()
    for report in reports:
        tally.add(report)
    return tally


def summary_lines(t: Tally) -> list[tuple[str, str]]:
    """The closing lines of the human formats, each with its kind (fixed, found, clean,
    errors): a run where a file could not be read never says "No problems found"."""
    out = []
    if t.fixed:
        out.append(("fixed", f"Fixed {plural(t.fixed, 'problem')}."))
    if t.findings:
        detail = f"{t.fixable} fixable"
        if t.unsafe:
            detail += f", {t.unsafe} of them with --unsafe-fixes"
        out.append(("found", f"Found {plural(t.findings, 'problem')} ({detail})."))
    elif not t.errors:
        out.append(("clean", "No problems found."))
    if t.errors:
        out.append(("errors", f"{plural(t.errors, 'file')} could not be read."))
    return out


def fix_dict(fix: Fix | None) -> dict[str, Any] | None:
    """SPEC §9 ``fix`` object."""
    if fix is None:
        return None
    return {
        "applicability": fix.applicability,
        "edits": [
            {"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits
        ],
    }


def finding_dict(loc: Located) -> dict[str, Any]:
    """SPEC §9 finding object, keys in the documented order."""
    f = loc.finding
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "start": f.start,
        "end": f.end,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "text": f.text,
        "fix": fix_dict(f.fix),
        "evidence": dict(f.evidence),
    }


def fix_preview(index: LineIndex, finding: Finding) -> tuple[str, str] | None:
    """Before and after of the smallest span covering the finding and its edits.

    An insertion (``start == end``) has no "before" of its own, so the finding's text is
    the context that makes ``US$235.59 → US$235.59 million`` readable.
    """
    fix = finding.fix
    if fix is None or not fix.edits:
        return None
    edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
    lo = min(finding.start, edits[0].start)
    hi = max(finding.end, max(e.end for e in edits))
    text, base = index.around(lo, hi)
    parts = []
    pos = lo
    for e in edits:
        parts.append(text[pos - base : e.start - base])
        parts.append(e.replacement)
        pos = max(pos, e.end)
    parts.append(text[pos - base : hi - base])
    return text[lo - base : hi - base], "".join(parts)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def one_line(s: str) -> str:
    """Messages stay on their line in line-oriented formats."""
    return " ".join(s.splitlines()) if ("\n" in s or "\r" in s) else s
