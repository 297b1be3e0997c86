"""Findings in a JSONL record point CI tools at the record's line of the file."""

from __future__ import annotations

import json
from typing import Any

from moneyfix.model import Edit, FileReport, Finding, Fix
from moneyfix.report import render_findings

_TEXT = "The city will spend 100 billion tenge (US$235.59) on roads."


def _record_report() -> FileReport:
    start = _TEXT.index("US$")
    finding = Finding(
        "MF001",
        "missing-magnitude",
        "error",
        "lacks its magnitude word",
        start,
        start + 9,
        "US$235.59",
        Fix("safe", (Edit(start + 9, start + 9, " million"),)),
    )
    return FileReport(path="export.jsonl:3", text=_TEXT, findings=[finding])


def test_github_annotation_names_the_file_and_the_record_line() -> None:
    out = render_findings([_record_report()], "github")
    assert out.startswith("::error file=export.jsonl,line=3,title=MF001")


def test_gitlab_issue_names_the_file_and_the_record_line() -> None:
    (issue,) = json.loads(render_findings([_record_report()], "gitlab"))
    assert issue["location"] == {"path": "export.jsonl", "lines": {"begin": 3, "end": 3}}


def test_sarif_result_has_the_record_line_and_no_text_offsets(
    sarif_schema: dict[str, Any],
) -> None:
    import jsonschema

    log = json.loads(render_findings([_record_report()], "sarif"))
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    (result,) = log["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "export.jsonl"}, "region": {"startLine": 3}}
    assert "fixes" not in result
