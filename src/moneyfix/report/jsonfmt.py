"""``json`` and ``json-lines``: the machine-readable envelope of SPEC §9 (version 1)."""

from __future__ import annotations

import json
from typing import Any

from moneyfix.model import FileReport
from moneyfix.report._common import Located, Tally, finding_dict, locate, totals
from moneyfix.report.jsontext import pretty

VERSION = 1


def file_header(report: FileReport) -> dict[str, Any]:
    """``path``, ``date``, ``date_source`` and, for an unreadable file, ``error``."""
    out: dict[str, Any] = {
        "path": report.path,
        "date": report.date.isoformat() if report.date is not None else None,
        "date_source": report.date_source,
    }
    if report.error is not None:
        out["error"] = report.error
    return out


def render(reports: list[FileReport]) -> str:
    """Pretty-printed, UTF-8 kept readable (no ``\\u`` escapes for Cyrillic)."""
    writer = EnvelopeWriter()
    body = "".join(writer.report(report) for report in reports)
    return body + "".join(writer.end(totals(reports)))


class EnvelopeWriter:
    """The envelope a report (or a part of a big file's report) at a time, laid out as
    ``jsontext.pretty`` lays out the whole (two-space indents), so a run's findings need
    not be held to write it: ``{"version", "files": [...], "summary"}``, each file's
    entry open until the next report starts (a part adds its findings to it)."""

    def __init__(self) -> None:
        self._files = 0
        self._findings = -1
        """Findings in the open entry; -1: none is open."""

    def report(self, report: FileReport, part: bool = False) -> str:
        out = [] if self._files else [_HEAD]
        if part and self._findings >= 0 and report.error is None:
            out.extend(self._finding(loc) for loc in locate(report))
            return "".join(out)
        out.append(self._close())
        out.append("\n    {\n" if not self._files else ",\n    {\n")
        self._files += 1
        fields = [
            f'      "{key}": {_nested(value, 3)},\n' for key, value in file_header(report).items()
        ]
        out.extend(fields)
        out.append('      "findings": [')
        self._findings = 0
        if report.error is None:
            out.extend(self._finding(loc) for loc in locate(report))
        return "".join(out)

    def _finding(self, loc: Located) -> str:
        sep = "\n" if not self._findings else ",\n"
        self._findings += 1
        return f"{sep}        {_nested(finding_dict(loc), 4)}"

    def _close(self) -> str:
        """The end of the open file entry, if one is open."""
        if self._findings < 0:
            return ""
        end = "\n      ]\n    }" if self._findings else "]\n    }"
        self._findings = -1
        return end

    def end(self, tally: Tally) -> list[str]:
        """The close of the list of files and the summary: the document's end."""
        summary = {"files": tally.files, "findings": tally.findings, "fixable": tally.fixable}
        head = "" if self._files else _HEAD
        files_end = "\n  ]" if self._files else "]"
        return [f'{head}{self._close()}{files_end},\n  "summary": {_nested(summary, 1)}\n}}\n']


_HEAD = f'{{\n  "version": {VERSION},\n  "files": ['


def _nested(value: Any, depth: int) -> str:
    """``value`` as ``pretty`` writes it ``depth`` levels deep (its first line not indented)."""
    return pretty(value).rstrip("\n").replace("\n", "\n" + "  " * depth)


def render_lines(reports: list[FileReport]) -> str:
    """One compact object per finding with ``path`` first; an unreadable file gives
    ``{"path": ..., "error": ...}`` so a stream consumer still learns about it."""
    return "".join(render_report_lines(report) for report in reports)


def render_report_lines(report: FileReport) -> str:
    """The lines of one report (or of one part of a big file's report)."""
    if report.error is not None:
        obj: dict[str, Any] = {"path": report.path, "error": report.error}
        return json.dumps(obj, ensure_ascii=False) + "\n"
    out = []
    for loc in locate(report):
        obj = {"path": report.path, **finding_dict(loc)}
        out.append(json.dumps(obj, ensure_ascii=False) + "\n")
    return "".join(out)
