"""``gitlab``: a Code Quality report (a JSON array of issues) for merge-request widgets.

The fingerprint must survive unrelated edits above a finding, so it hashes what the
finding is (path, code, the flagged text and its occurrence number), not where it is.
"""

from __future__ import annotations

import hashlib
from typing import Any

from moneyfix.model import FileReport
from moneyfix.report._common import locate, record_of
from moneyfix.report.jsontext import pretty

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def fingerprint(path: str, code: str, text: str, occurrence: int) -> str:
    """Stable sha256 of the parts joined with NUL (which none of them contains)."""
    raw = "\0".join((path, code, text, str(occurrence)))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def issues(reports: list[FileReport]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for report in reports:
        if report.error is not None:
            out.append(
                {
                    "description": f"could not be checked: {report.error}",
                    "check_name": "moneyfix/error",
                    "fingerprint": fingerprint(report.path, "error", report.error, 0),
                    "severity": "critical",
                    "location": {"path": report.path, "lines": {"begin": 1}},
                }
            )
            continue
        seen: dict[tuple[str, str], int] = {}
        for loc in locate(report):
            f = loc.finding
            key = (f.code, f.text)
            occurrence = seen.get(key, 0)
            seen[key] = occurrence + 1
            record = record_of(report.path)
            path, begin, end = (
                (record[0], record[1], record[1])
                if record
                else (report.path, loc.line, loc.end_line)
            )
            out.append(
                {
                    "description": f"{f.code} {f.name}: {f.message}",
                    "check_name": f.code,
                    "fingerprint": fingerprint(report.path, f.code, f.text, occurrence),
                    "severity": _SEVERITY.get(f.severity, "minor"),
                    "location": {"path": path, "lines": {"begin": begin, "end": end}},
                }
            )
    return out


def render(reports: list[FileReport]) -> str:
    return pretty(issues(reports))
