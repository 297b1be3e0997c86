"""``sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, IDEs).

Columns and char offsets are code points, the unit moneyfix uses everywhere; the run
says so with ``columnKind: unicodeCodePoints`` (SARIF 2.1.0 §3.14.17), so consumers do
not read them as UTF-16 units.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from moneyfix.model import FileReport, Finding
from moneyfix.report._common import Located, Tally, locate, record_of, totals
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


def _result(uri: str, index: LineIndex, loc: Located, rule_index: int | str) -> dict[str, Any]:
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


def render(reports: list[FileReport], version: str | None = None) -> str:
    writer = LogWriter(version)
    for report in reports:
        writer.report(report)
    return "".join(writer.end(totals(reports)))


class LogWriter:
    """The log a report (or a part of a big file's report) at a time: one run, rules for
    the codes that occur. The rules and the run's notifications come first but are
    known only at the end, so each result is written as it comes to a temporary file,
    its rule index a marker, and ``end`` gives the head, then the results read back
    with their indexes: the findings are never all held."""

    def __init__(self, version: str | None = None) -> None:
        if version is None:
            from moneyfix import __version__ as version
        self._version = version
        self._results = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._count = 0
        self._names: dict[str, str] = {}
        self._notifications: list[dict[str, Any]] = []

    def report(self, report: FileReport, part: bool = False) -> str:
        """Nothing yet: the results wait in the temporary file."""
        record = record_of(report.path)
        uri = artifact_uri(record[0] if record else report.path)
        if report.error is not None:
            self._notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{report.path}: {report.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
            return ""
        index = index_of(report)
        for loc in locate(report, index):
            code = loc.finding.code
            self._names.setdefault(code, loc.finding.name)
            result = _result(uri, index, loc, _MARK.format(code))
            if record:  # a JSONL record: its line in the file; offsets and fixes are the text's
                result.pop("fixes", None)
                result["locations"][0]["physicalLocation"]["region"] = {"startLine": record[1]}
            sep = "\n" if not self._count else ",\n"
            self._results.write(f"{sep}        {_nested(result, 4)}")
            self._count += 1
        return ""

    def end(self, tally: Tally) -> Iterator[str]:
        """The log's text, in pieces: the head, the results, the close."""
        codes = sorted(self._names)
        rules = [
            {
                "id": code,
                "name": self._names[code],
                "shortDescription": {"text": self._names[code].replace("-", " ")},
            }
            for code in codes
        ]
        invocation: dict[str, Any] = {"executionSuccessful": not self._notifications}
        if self._notifications:
            invocation["toolExecutionNotifications"] = self._notifications
        run = {
            "tool": {"driver": {"name": "moneyfix", "version": self._version, "rules": rules}},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": [],
        }
        text = pretty({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]})
        cut = text.rindex('"results": []') + len('"results": [')
        yield text[:cut]
        indexes = {_nested(_MARK.format(code), 0): str(i) for i, code in enumerate(codes)}
        marked = re.compile("|".join(re.escape(m) for m in indexes) or "(?!)")
        with self._results as results:
            results.seek(0)
            for line in results:
                yield marked.sub(lambda m: indexes[m.group()], line)
        yield ("\n      " if self._count else "") + text[cut:]


_MARK = "\x00{}\x00"
"""A result's rule index until the end (NUL never occurs in a finding: the text of a
binary file is refused)."""


def _nested(value: Any, depth: int) -> str:
    """``value`` as ``pretty`` writes it ``depth`` levels deep (its first line not indented)."""
    return pretty(value).rstrip("\n").replace("\n", "\n" + "  " * depth)
