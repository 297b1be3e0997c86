"""``check`` options that behave as ruff's: what a user of linters expects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import moneyfix

from ._run import (
    CORRECT,
    DATE,
    FIXED,
    IMPLAUSIBLE,
    MISSING_MAGNITUDE,
    RATE_MISMATCH,
    article,
    error_lines,
)
from ._run import moneyfix as run

NO_CONVERSION = "The city will spend 63 billion tenge on new buses.\n"
"""MF005 (off by default) on 2020-11-24."""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _codes(stdout: str) -> list[str]:
    return [f["code"] for file in json.loads(stdout)["files"] for f in file["findings"]]


def _json(*args: str) -> list[str]:
    result = run("check", DATE, "--output-format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return _codes(result.stdout)


def test_repeated_select_combines(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE + RATE_MISMATCH + IMPLAUSIBLE)
    assert _json("--select", "MF001", "a.txt") == ["MF001"]
    assert _json("--select", "MF001", "--select", "MF003", "a.txt") == ["MF001", "MF003"]
    assert _json("--select", "MF001,MF007", "--select", "MF003", "a.txt") == [
        "MF001",
        "MF003",
        "MF007",
    ]


def test_repeated_ignore_combines(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE + RATE_MISMATCH + IMPLAUSIBLE)
    assert _json("--ignore", "MF001", "--ignore", "MF007", "a.txt") == ["MF003"]


def test_extend_select_adds_to_the_default_set(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE + NO_CONVERSION)
    assert _json("a.txt") == ["MF001"]
    assert _json("--extend-select", "MF005", "a.txt") == ["MF001", "MF005"]
    assert _json("--select", "MF007", "--extend-select", "MF005", "a.txt") == ["MF005"]


def test_extend_select_in_the_config(tmp_path: Path) -> None:
    article(tmp_path, "moneyfix.toml", 'extend-select = ["MF005"]\n')
    article(tmp_path, "a.txt", MISSING_MAGNITUDE + NO_CONVERSION)
    assert _json("a.txt") == ["MF001", "MF005"]


def test_unknown_code_in_extend_select_is_a_usage_error(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", CORRECT)
    result = run("check", "--extend-select", "MF999", "a.txt")
    assert result.exit_code == 2
    assert error_lines(result) == [
        "moneyfix: option --extend-select: unknown rule code 'MF999' (see `moneyfix rule`)"
    ]


def test_per_file_ignores_on_the_command_line(tmp_path: Path) -> None:
    article(tmp_path, "news/a.txt", MISSING_MAGNITUDE + IMPLAUSIBLE)
    article(tmp_path, "drafts/b.txt", MISSING_MAGNITUDE + IMPLAUSIBLE)
    result = run(
        "check", DATE, "--output-format", "json", "--per-file-ignores", "drafts/*:MF001", "."
    )
    files = {Path(f["path"]).as_posix(): f for f in json.loads(result.stdout)["files"]}
    assert [f["code"] for f in files["news/a.txt"]["findings"]] == ["MF001", "MF007"]
    assert [f["code"] for f in files["drafts/b.txt"]["findings"]] == ["MF007"]


def test_per_file_ignores_in_the_config_are_relative_to_it(tmp_path: Path) -> None:
    article(
        tmp_path,
        "site/pyproject.toml",
        '[tool.moneyfix.per-file-ignores]\n"archive/**" = ["MF001", "MF007"]\n',
    )
    article(tmp_path, "site/archive/2019/a.txt", MISSING_MAGNITUDE + IMPLAUSIBLE)
    article(tmp_path, "site/news/b.txt", MISSING_MAGNITUDE)
    result = run("check", DATE, "--output-format", "json", "site")
    files = {Path(f["path"]).as_posix(): f for f in json.loads(result.stdout)["files"]}
    assert files["site/archive/2019/a.txt"]["findings"] == []
    assert [f["code"] for f in files["site/news/b.txt"]["findings"]] == ["MF001"]


@pytest.mark.parametrize("value", ["drafts/*.txt", "drafts/*.txt:XX1"])
def test_per_file_ignores_without_codes_is_a_usage_error(tmp_path: Path, value: str) -> None:
    article(tmp_path, "a.txt", CORRECT)
    result = run("check", "--per-file-ignores", value, "a.txt")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "--per-file-ignores" in line


def test_statistics_counts_per_rule(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE + MISSING_MAGNITUDE)
    article(tmp_path, "b.txt", MISSING_MAGNITUDE)
    result = run("check", "--statistics", "a.txt", "b.txt")  # undated: MF006, no fix
    assert result.exit_code == 1
    assert result.stdout == "3\tMF001\t[*] missing-magnitude\n2\tMF006\t    undated\n"


def test_statistics_as_json(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE + MISSING_MAGNITUDE)
    result = run("check", DATE, "--statistics", "--output-format", "json", "a.txt")
    assert json.loads(result.stdout) == [
        {"code": "MF001", "name": "missing-magnitude", "count": 2, "fixable": 2}
    ]


def test_show_fixes_lists_what_fix_applied(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE + IMPLAUSIBLE)
    result = run("fix", DATE, "--show-fixes", "a.txt")
    assert result.exit_code == 1  # MF007 remains
    assert target.read_text("utf-8") == FIXED + IMPLAUSIBLE
    assert "Fixed 1 problem:\n  a.txt:1:42: MF001 US$235.59 → US$235.59 million (safe)\n" in (
        result.stdout
    )


def test_show_fixes_without_fix_lists_what_is_available(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE + RATE_MISMATCH)
    result = run("check", DATE, "--show-fixes", "--output-format", "concise", "a.txt")
    assert target.read_text("utf-8") == MISSING_MAGNITUDE + RATE_MISMATCH
    assert result.stderr.splitlines() == [
        "2 fixes available (`moneyfix fix`):",
        "  a.txt:1:42: MF001 US$235.59 → US$235.59 million (safe)",
        "  a.txt:2:43: MF003 $5 → $4 (unsafe)",
    ]


def test_quiet_prints_findings_only(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    article(tmp_path, "b.txt", CORRECT)
    loud = run("check", DATE, "--output-format", "concise", "a.txt")
    assert loud.stdout.splitlines()[-1] == "Found 1 problem (1 fixable)."
    quiet = run("check", DATE, "--output-format", "concise", "-q", "a.txt")
    assert quiet.exit_code == 1
    assert quiet.stdout == loud.stdout.splitlines(keepends=True)[0]
    clean = run("check", DATE, "-q", "b.txt")
    assert (clean.exit_code, clean.stdout, clean.stderr) == (0, "", "")
    fixed = run("fix", DATE, "-q", "--output-format", "concise", "a.txt")
    assert (fixed.exit_code, fixed.stdout, fixed.stderr) == (0, "", "")


def test_exit_non_zero_on_fix(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = run("fix", DATE, "--exit-non-zero-on-fix", "a.txt")
    assert result.exit_code == 1
    assert target.read_text("utf-8") == FIXED
    again = run("fix", DATE, "--exit-non-zero-on-fix", "a.txt")
    assert again.exit_code == 0  # nothing left to fix


def test_short_version_flag() -> None:
    result = run("-V")
    assert (result.exit_code, result.stdout) == (0, f"moneyfix {moneyfix.__version__}\n")


# --- config keys that used to be accepted and ignored --------------------------------------


def test_config_fix_applies_the_fixes(tmp_path: Path) -> None:
    article(tmp_path, "moneyfix.toml", "fix = true\n")
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    assert run("check", DATE, "a.txt").exit_code == 0
    assert target.read_text("utf-8") == FIXED


def test_no_fix_overrides_the_config(tmp_path: Path) -> None:
    article(tmp_path, "moneyfix.toml", "fix = true\n")
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    assert run("check", DATE, "--no-fix", "a.txt").exit_code == 1
    assert target.read_text("utf-8") == MISSING_MAGNITUDE


def test_config_exit_zero(tmp_path: Path) -> None:
    article(tmp_path, "moneyfix.toml", "exit-zero = true\n")
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = run("check", DATE, "a.txt")
    assert result.exit_code == 0
    assert "MF001" in result.stdout


def test_config_include_and_exclude_shape_the_walk(tmp_path: Path) -> None:
    article(tmp_path, "moneyfix.toml", 'include = ["news/**"]\nexclude = ["*-draft.txt"]\n')
    article(tmp_path, "news/a.txt", MISSING_MAGNITUDE)
    article(tmp_path, "news/b-draft.txt", MISSING_MAGNITUDE)
    article(tmp_path, "other/c.txt", MISSING_MAGNITUDE)
    result = run("check", DATE, "--output-format", "json")
    paths = [Path(f["path"]).as_posix() for f in json.loads(result.stdout)["files"]]
    assert paths == ["news/a.txt"]


def test_extend_exclude_adds_to_the_config_exclude(tmp_path: Path) -> None:
    article(tmp_path, "moneyfix.toml", 'exclude = ["old"]\n')
    article(tmp_path, "old/a.txt", MISSING_MAGNITUDE)
    article(tmp_path, "tmp/b.txt", MISSING_MAGNITUDE)
    article(tmp_path, "news/c.txt", MISSING_MAGNITUDE)
    result = run("check", DATE, "--output-format", "json", "--extend-exclude", "tmp")
    paths = [Path(f["path"]).as_posix() for f in json.loads(result.stdout)["files"]]
    assert paths == ["news/c.txt"]
    replaced = run("check", DATE, "--output-format", "json", "--exclude", "tmp")
    paths = [Path(f["path"]).as_posix() for f in json.loads(replaced.stdout)["files"]]
    assert paths == ["news/c.txt", "old/a.txt"]


def test_output_format_of_the_config_found_upward_from_the_path(tmp_path: Path) -> None:
    article(tmp_path, "site/pyproject.toml", '[tool.moneyfix]\noutput-format = "concise"\n')
    article(tmp_path, "site/news/a.txt", MISSING_MAGNITUDE)
    result = run("check", DATE, "site/news/a.txt")
    assert result.stdout.splitlines()[0].startswith("site/news/a.txt:1:42: MF001 [*] ")


def test_unknown_config_key_is_rejected(tmp_path: Path) -> None:
    article(tmp_path, "moneyfix.toml", 'output = "report.txt"\n')
    article(tmp_path, "a.txt", CORRECT)
    result = run("check", DATE, "a.txt")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "moneyfix.toml" in line and "unknown key 'output'" in line
