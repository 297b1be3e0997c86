"""``moneyfix rule``, ``moneyfix --version`` and the pre-commit hook definitions."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

import moneyfix
from moneyfix.cli.app import main
from moneyfix.rules.registry import RULES

from ._run import error_lines
from ._run import moneyfix as run

ROOT = Path(__file__).resolve().parents[2]


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"moneyfix {moneyfix.__version__}\n"


@pytest.mark.parametrize("argv", [["--version"], ["--version", "scan"]])
def test_version_from_the_console_script(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["moneyfix", *argv])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"moneyfix {moneyfix.__version__}\n"


def test_help_from_the_console_script_lists_every_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["moneyfix", "--help"])
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    listed = capsys.readouterr().out
    for command in ("check", "fix", "scan", "rule", "rates", "convert"):
        assert re.search(rf"\b{command}\b", listed), command


def test_rule_lists_every_rule() -> None:
    result = run("rule")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == sorted(RULES)
    mf005 = next(line for line in lines if line.startswith("MF005"))
    assert "off by default" in mf005
    for line in lines:
        code, name, severity = line.split()[:3]
        assert (name, severity) == (RULES[code].name, RULES[code].severity)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_explains_one(code: str) -> None:
    result = run("rule", code)
    assert result.exit_code == 0
    rule = RULES[code]
    assert result.stdout.startswith(f"{code} {rule.name} ({rule.severity}")
    assert "Example:" in result.stdout
    assert rule.example in result.stdout


def test_rule_code_is_case_insensitive() -> None:
    assert run("rule", "mf001").stdout == run("rule", "MF001").stdout


def test_rule_example_of_mf001() -> None:
    out = run("rule", "MF001").stdout
    assert "100 billion tenge (US$235.59)" in out
    assert "US$235.59 million" in out


@pytest.mark.parametrize("code", ["MF999", "E501", "MF"])
def test_unknown_rule_code(code: str) -> None:
    result = run("rule", code)
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert code in line
    assert result.stdout == ""


def test_no_command_shows_help() -> None:
    result = run()
    assert "check" in result.output and "fix" in result.output


# --- .pre-commit-hooks.yaml ---------------------------------------------------------------


def _hooks() -> dict[str, dict[str, Any]]:
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(data, list)
    return {hook["id"]: hook for hook in data}


def test_pre_commit_hooks() -> None:
    hooks = _hooks()
    assert set(hooks) == {"moneyfix", "moneyfix-fix"}
    assert hooks["moneyfix"]["entry"] == "moneyfix check"
    assert hooks["moneyfix-fix"]["entry"] == "moneyfix fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["text"]
        assert {"id", "name", "entry", "language"} <= set(hook)


@pytest.mark.parametrize(
    ("name", "matched"),
    [
        ("news/2020-11-24-forum.txt", True),
        ("drafts/budget.md", True),
        ("site/story.html", True),
        ("site/old.htm", True),
        ("data/export.jsonl", False),
        ("src/tool.py", False),
        ("notes.txt.bak", False),
    ],
)
def test_pre_commit_file_pattern(name: str, matched: bool) -> None:
    for hook in _hooks().values():
        assert bool(re.search(hook["files"], name)) is matched


def test_pre_commit_entry_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What pre-commit runs: the entry followed by the staged file names."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "2020-11-24-a.txt").write_text(
        "The fund will grow to 100 billion tenge (US$235.59).\n", "utf-8"
    )
    (tmp_path / "2020-11-24-b.md").write_text(
        "The bridge will cost 63 billion tenge (US$148.42 million).\n", "utf-8"
    )
    files = ["2020-11-24-a.txt", "2020-11-24-b.md"]
    hooks = _hooks()
    assert run(*hooks["moneyfix"]["entry"].split()[1:], *files).exit_code == 1
    assert run(*hooks["moneyfix-fix"]["entry"].split()[1:], *files).exit_code == 0
    assert run(*hooks["moneyfix"]["entry"].split()[1:], *files).exit_code == 0


def test_the_documented_pre_commit_rev_is_a_release_tag_or_the_version() -> None:
    """The README's snippet names `rev: vX.Y.Z`; it must be the package's own version (the
    tag the release carries), so a user copying it gets a rev that exists."""
    readme = (ROOT / "README.md").read_text("utf-8")
    (rev,) = re.findall(r"^\s+rev: (\S+)", readme, re.M)
    assert rev == f"v{moneyfix.__version__}"
