"""``sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, IDEs).

Columns and char offsets are code points, the unit moneyfix uses everywhere; the run
says so with ``columnKind: unicodeCodePoints`` (SARIF 2.1.0 §3.14.17), so consumers do
not read them as UTF-16 units.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from moneyfix.model import FileReport, Finding
from moneyfix.report._common import Located, locate, record_of
from moneyfix.report.jsontext import pretty
from moneyfix.report.positions import LineIndex, index_of

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative URI reference for ``path`` (forward slashes, percent-encoded)."""
    return quote(path.replace("\\", "/"), safe="/:@!$&'()*+,;=-._~")


def _region(index: LineIndex, start: int, end: int) -> dict[str, Any]:
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": start,
        "charLength": end - start,
    }


def _fixes(uri: str, index: LineIndex, f: Finding) -> list[dict[str, Any]]:
    if f.fix is None or not f.fix.edits:
        return []
    replacements = [
        {
            "deletedRegion": _region(index, e.start, e.end),
            "insertedContent": {"text": e.replacement},
        }
        for e in sorted(f.fix.edits, key=lambda e: (e.start, e.end))
    ]
    return [
        {
            "description": {"text": f"{f.fix.applicability} fix"},
            "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
            "properties": {"applicability": f.fix.applicability},
        }
    ]


def _result(uri: str, index: LineIndex, loc: Located, rule_index: int) -> dict[str, Any]:
    f = loc.finding
    region = _region(index, f.start, f.end)
    region["snippet"] = {"text": f.text}
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": _LEVEL.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
    }
    fixes = _fixes(uri, index, f)
    if fixes:
        result["fixes"] = fixes
    if f.evidence:
        result["properties"] = {"evidence": dict(f.evidence)}
    return result


def log(reports: list[FileReport], version: str | None = None) -> dict[str, Any]:
    """The SARIF log as plain data: one run, rules for the codes that occur."""
    if version is None:
        from moneyfix import __version__ as version
    names: dict[str, str] = {}
    for report in reports:
        if report.error is None:
            for f in report.findings:
                names.setdefault(f.code, f.name)
    codes = sorted(names)
    rule_index = {code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code,
            "name": names[code],
            "shortDescription": {"text": names[code].replace("-", " ")},
        }
        for code in codes
    ]
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        record = record_of(report.path)
        uri = artifact_uri(record[0] if record else report.path)
        if report.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{report.path}: {report.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
            continue
        index = index_of(report)
        for loc in locate(report, index):
            result = _result(uri, index, loc, rule_index[loc.finding.code])
            if record:  # a JSONL record: its line in the file; offsets and fixes are the text's
                result.pop("fixes", None)
                result["locations"][0]["physicalLocation"]["region"] = {"startLine": record[1]}
            results.append(result)
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "moneyfix", "version": version, "rules": rules}},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(reports: list[FileReport], version: str | None = None) -> str:
    return pretty(log(reports, version))
