"""``json`` and ``json-lines``: the machine-readable envelope of SPEC §9 (version 1)."""

from __future__ import annotations

import json
from typing import Any

from moneyfix.model import FileReport
from moneyfix.report._common import finding_dict, locate, totals
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


def envelope(reports: list[FileReport]) -> dict[str, Any]:
    """The ``check --output-format json`` document as plain data."""
    files = []
    for report in reports:
        entry = file_header(report)
        entry["findings"] = (
            [] if report.error is not None else [finding_dict(loc) for loc in locate(report)]
        )
        files.append(entry)
    t = totals(reports)
    return {
        "version": VERSION,
        "files": files,
        "summary": {"files": t.files, "findings": t.findings, "fixable": t.fixable},
    }


def render(reports: list[FileReport]) -> str:
    """Pretty-printed, UTF-8 kept readable (no ``\\u`` escapes for Cyrillic)."""
    return pretty(envelope(reports))


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
