"""Golden articles: the JSON report of ``check`` and the text after ``fix``, compared exactly.

The cases are the specification of each rule on whole files (see ``_cases.py`` for the
layout); exit codes and idempotence are checked on every one of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moneyfix.model import SEVERITY_ORDER

from ._cases import Case, all_cases, compare, copy_input, invoke

CASES = all_cases()
IDS = [case.name for case in CASES]


def _options(case: Case, keep: tuple[str, ...]) -> list[str]:
    """The case's options that a command without the others accepts (scan: --date, --lang)."""
    out: list[str] = []
    args = list(case.args)
    for i, arg in enumerate(args):
        name = arg.split("=", 1)[0]
        if name in keep:
            out.append(arg)
            if "=" not in arg and i + 1 < len(args):
                out.append(args[i + 1])
    return out


def _problems(report: dict[str, object]) -> int:
    files = report["files"]
    assert isinstance(files, list)
    return sum(
        1
        for f in files
        for finding in f["findings"]
        if SEVERITY_ORDER[finding["severity"]] >= SEVERITY_ORDER["warning"]
    )


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_check_report(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = copy_input(case, tmp_path).name
    result = invoke(["check", "--output-format", "json", *case.args, name])
    assert result.stderr == ""
    compare(case.report, result.stdout.encode("utf-8"))
    report = json.loads(result.stdout)
    assert result.exit_code == (1 if _problems(report) else 0)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_fix(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = copy_input(case, tmp_path)
    original = target.read_bytes()
    before = target.stat().st_mtime_ns
    result = invoke(["fix", "--output-format", "concise", *case.args, target.name])
    assert result.exit_code in (0, 1), result.output
    fixed = target.read_bytes()
    compare(case.fixed, fixed)
    if fixed == original:
        assert target.stat().st_mtime_ns == before, "an unchanged file was rewritten"
    # Fixing the fixed text changes nothing and leaves nothing fixable at that level.
    again = invoke(["fix", "--output-format", "json", *case.args, target.name])
    assert target.read_bytes() == fixed
    unsafe = "--unsafe-fixes" in case.args
    for file in json.loads(again.stdout)["files"]:
        for finding in file["findings"]:
            fix = finding["fix"]
            if fix is not None:
                assert fix["applicability"] not in (("safe", "unsafe") if unsafe else ("safe",))
    assert again.exit_code == (1 if _problems(json.loads(again.stdout)) else 0)


@pytest.mark.parametrize("case", [c for c in CASES if c.wants_scan], ids=lambda c: c.name)
def test_scan_report(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = copy_input(case, tmp_path).name
    result = invoke(["scan", "--format", "json", *_options(case, ("--date", "--lang")), name])
    assert result.exit_code == 0, result.output
    compare(case.scan, result.stdout.encode("utf-8"))


def test_every_rule_has_a_case() -> None:
    """One golden article per rule code, named after it."""
    names = " ".join(IDS)
    for code in ("mf001", "mf002", "mf003", "mf004", "mf005", "mf006", "mf007", "mf008"):
        assert code in names
