"""One article with several findings in every output format, as golden files.

The same CLI run a user makes (``check --output-format FMT``); the SARIF log is also
validated against the official OASIS 2.1.0 schema.
"""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest

from moneyfix.report import FORMAT_SUFFIXES

from ._cases import GOLDEN, compare, invoke, without_version

CASE = GOLDEN / "formats"
EXTENSIONS = FORMAT_SUFFIXES


def _run(fmt: str, workdir: Path) -> tuple[int, str]:
    shutil.copyfile(CASE / "input.txt", workdir / "input.txt")
    args = shlex.split((CASE / "args").read_text("utf-8"))
    result = invoke(["check", "--output-format", fmt, *args, "input.txt"])
    assert result.stderr == ""
    return result.exit_code, result.stdout


@pytest.mark.parametrize("fmt", [f for f in EXTENSIONS if f != "html"])  # html: test_review_page
def test_format_golden(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = _run(fmt, tmp_path)
    assert code == 1
    if fmt == "sarif":
        out = without_version(out)
    compare(CASE / f"expected.{fmt}.{EXTENSIONS[fmt]}", out.encode("utf-8"))


def test_formats_agree_on_the_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every machine-readable format carries the same codes at the same places."""
    monkeypatch.chdir(tmp_path)
    report = json.loads(_run("json", tmp_path)[1])
    wanted = [(f["code"], f["line"], f["column"]) for f in report["files"][0]["findings"]]
    lines = [json.loads(line) for line in _run("json-lines", tmp_path)[1].splitlines()]
    assert [(f["code"], f["line"], f["column"]) for f in lines] == wanted
    sarif = json.loads(_run("sarif", tmp_path)[1])
    results = sarif["runs"][0]["results"]
    got = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    ]
    assert got == wanted
    gitlab = json.loads(_run("gitlab", tmp_path)[1])
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in gitlab] == [
        (code, line) for code, line, _ in wanted
    ]


def test_sarif_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_schema: dict[str, Any]
) -> None:
    import jsonschema

    monkeypatch.chdir(tmp_path)
    schema = sarif_schema
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator(schema).validate(json.loads(_run("sarif", tmp_path)[1]))
