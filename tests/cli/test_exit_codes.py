"""Exit codes of ``check`` and ``fix`` on every path (SPEC §8), and what gets written.

0: nothing at or above ``--fail-on``; 1: findings; 2: usage error, unreadable input or
invalid config, reported as one line naming the file and the problem, other files still
checked, nothing written.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from ._run import (
    CORRECT,
    DATE,
    FIXED,
    IMPLAUSIBLE,
    MISSING_MAGNITUDE,
    RATE_MISMATCH,
    article,
    error_lines,
    moneyfix,
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _codes(stdout: str) -> list[str]:
    return [f["code"] for file in json.loads(stdout)["files"] for f in file["findings"]]


# --- 0 and 1 ---------------------------------------------------------------------------


def test_clean_file_exits_0(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", CORRECT)
    result = moneyfix("check", DATE, "a.txt")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_findings_exit_1(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--output-format", "json", "a.txt")
    assert result.exit_code == 1
    assert _codes(result.stdout) == ["MF001"]


def test_directory_is_walked(tmp_path: Path) -> None:
    article(tmp_path, "news/a.txt", CORRECT)
    article(tmp_path, "news/deep/b.md", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--output-format", "json", "news")
    assert result.exit_code == 1
    paths = [Path(f["path"]).as_posix() for f in json.loads(result.stdout)["files"]]
    assert paths == ["news/a.txt", "news/deep/b.md"]


def test_exit_zero(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE + IMPLAUSIBLE)
    result = moneyfix("check", DATE, "--exit-zero", "a.txt")
    assert result.exit_code == 0
    assert "MF001" in result.stdout and "MF007" in result.stdout


@pytest.mark.parametrize(
    ("text", "date", "fail_on", "code"),
    [
        (RATE_MISMATCH, DATE, "error", 0),  # a warning only
        (RATE_MISMATCH, DATE, "warning", 1),
        (RATE_MISMATCH, DATE, "info", 1),
        (MISSING_MAGNITUDE, DATE, "error", 1),
        (CORRECT, None, "warning", 0),  # MF006 is info
        (CORRECT, None, "error", 0),
        (CORRECT, None, "info", 1),
    ],
)
def test_fail_on(tmp_path: Path, text: str, date: str | None, fail_on: str, code: int) -> None:
    article(tmp_path, "a.txt", text)
    args = ["check", "--fail-on", fail_on, "a.txt"] + ([date] if date else [])
    assert moneyfix(*args).exit_code == code


def test_fail_on_from_config(tmp_path: Path) -> None:
    article(tmp_path, "moneyfix.toml", 'fail-on = "error"\n')
    article(tmp_path, "a.txt", RATE_MISMATCH)
    assert moneyfix("check", DATE, "a.txt").exit_code == 0
    assert moneyfix("check", DATE, "--fail-on", "warning", "a.txt").exit_code == 1


# --- 2: usage errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["--date", "2020-13-45"], "--date"),
        (["--date", "last tuesday"], "--date"),
        (["--select", "MF999"], "MF999"),
        (["--ignore", "XY001"], "XY001"),
        (["--output-format", "xml"], "--output-format"),
        (["--fail-on", "fatal"], "--fail-on"),
        (["--tolerance", "lots"], "--tolerance"),
    ],
)
def test_bad_option_value_exits_2_with_one_line(
    tmp_path: Path, args: list[str], mentions: str
) -> None:
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    for command in ("check", "fix"):
        result = moneyfix(command, *args, "a.txt")
        assert result.exit_code == 2
        (line,) = error_lines(result)
        assert mentions in line
        assert "Traceback" not in result.output
        assert target.read_text("utf-8") == MISSING_MAGNITUDE


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", CORRECT)
    assert moneyfix("check", "--colour", "a.txt").exit_code == 2


def test_no_path_checks_the_working_directory(tmp_path: Path) -> None:
    article(tmp_path, "news/a.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--output-format", "json")
    assert result.exit_code == 1
    paths = [Path(f["path"]).as_posix() for f in json.loads(result.stdout)["files"]]
    assert paths == ["news/a.txt"]


# --- 2: bad files, the others still checked ---------------------------------------------


def test_missing_file_does_not_stop_the_others(tmp_path: Path) -> None:
    article(tmp_path, "good.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--output-format", "json", "nosuch.txt", "good.txt")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "nosuch.txt" in line
    files = json.loads(result.stdout)["files"]
    good = [f for f in files if f["path"] == "good.txt"]
    assert [x["code"] for x in good[0]["findings"]] == ["MF001"]


def test_invalid_utf8_is_one_line_and_the_good_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"The caf\xe9 cost 100 billion tenge (US$235.59).\n")
    article(tmp_path, "good.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--output-format", "concise", "bad.txt", "good.txt")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "bad.txt" in line and "UTF-8" in line
    assert "good.txt:1:" in result.stdout
    assert "Traceback" not in result.output


def test_invalid_utf8_is_never_rewritten(tmp_path: Path) -> None:
    data = b"The caf\xe9 cost 100 billion tenge (US$235.59).\n"
    (tmp_path / "bad.txt").write_bytes(data)
    good = article(tmp_path, "good.txt", MISSING_MAGNITUDE)
    result = moneyfix("fix", DATE, "bad.txt", "good.txt")
    assert result.exit_code == 2
    assert (tmp_path / "bad.txt").read_bytes() == data
    assert good.read_text("utf-8") == FIXED


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode"
)
def test_unreadable_file(tmp_path: Path) -> None:
    locked = article(tmp_path, "locked.txt", MISSING_MAGNITUDE)
    article(tmp_path, "good.txt", MISSING_MAGNITUDE)
    locked.chmod(0)
    try:
        result = moneyfix("check", DATE, "--output-format", "concise", "locked.txt", "good.txt")
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "locked.txt" in line
    assert "good.txt:1:" in result.stdout


def test_dangling_symlink_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    article(tmp_path, "good.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--output-format", "concise", "gone.txt", "good.txt")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "gone.txt" in line
    assert "good.txt:1:" in result.stdout


def test_invalid_config_key(tmp_path: Path) -> None:
    article(tmp_path, "cfg/moneyfix.toml", 'colour = "red"\n')
    bad = article(tmp_path, "cfg/a.txt", MISSING_MAGNITUDE)
    good = article(tmp_path, "b.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--output-format", "concise", "cfg/a.txt", "b.txt")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "moneyfix.toml" in line and "colour" in line
    assert "b.txt:1:" in result.stdout
    fixed = moneyfix("fix", DATE, "cfg/a.txt", "b.txt")
    assert fixed.exit_code == 2
    assert bad.read_text("utf-8") == MISSING_MAGNITUDE
    assert good.read_text("utf-8") == FIXED


def test_unparseable_config_file(tmp_path: Path) -> None:
    article(tmp_path, "moneyfix.toml", "select = [MF001\n")
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    for command in ("check", "fix"):
        result = moneyfix(command, DATE, "a.txt")
        assert result.exit_code == 2
        assert any("moneyfix.toml" in line for line in error_lines(result))
        assert target.read_text("utf-8") == MISSING_MAGNITUDE


def test_explicit_config_file_with_a_bad_value(tmp_path: Path) -> None:
    config = article(tmp_path, "strict.toml", "tolerance = -1\n")
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix("fix", DATE, "--config", str(config), "a.txt")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "strict.toml" in line and "tolerance" in line
    assert target.read_text("utf-8") == MISSING_MAGNITUDE


def test_unparseable_date_in_front_matter(tmp_path: Path) -> None:
    """A date that is there but unreadable is an error, not a silently undated article."""
    article(tmp_path, "a.md", "---\ndate: 2020-02-31\n---\n\n" + MISSING_MAGNITUDE)
    article(tmp_path, "b.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--output-format", "concise", "a.md", "b.txt")
    # --date wins over front matter, so the bad front matter does not matter here ...
    assert result.exit_code == 1
    result = moneyfix("check", "--output-format", "concise", "a.md", "b.txt")
    # ... but without --date it must be reported, and b.txt still checked.
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "a.md" in line and "2020-02-31" in line
    assert "b.txt:1:" in result.stdout


# --- --diff ------------------------------------------------------------------------------


def test_diff_exits_1_when_it_shows_a_fix(tmp_path: Path) -> None:
    """CI can gate on "needs fixing": a pending fix is a failure, like ruff's --diff."""
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--diff", "a.txt")
    assert result.exit_code == 1
    assert "-" + MISSING_MAGNITUDE in result.stdout
    assert "+" + FIXED in result.stdout
    assert target.read_text("utf-8") == MISSING_MAGNITUDE


def test_diff_exits_1_while_unfixable_findings_remain(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE + IMPLAUSIBLE)
    result = moneyfix("check", DATE, "--diff", "a.txt")
    assert result.exit_code == 1
    assert "+" + FIXED in result.stdout
    assert target.read_text("utf-8") == MISSING_MAGNITUDE + IMPLAUSIBLE


def test_diff_and_unsafe_fixes(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", RATE_MISMATCH)
    result = moneyfix("check", DATE, "--diff", "a.txt")
    assert result.exit_code == 1  # the warning needs --unsafe-fixes
    assert result.stdout == ""
    result = moneyfix("check", DATE, "--diff", "--unsafe-fixes", "a.txt")
    assert result.exit_code == 1  # a diff is shown
    assert "+A monthly bus pass will cost 1,604 tenge ($4).\n" in result.stdout
    assert target.read_text("utf-8") == RATE_MISMATCH


def test_diff_respects_fail_on(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", RATE_MISMATCH)  # a warning whose fix is unsafe: no diff
    assert moneyfix("check", DATE, "--diff", "a.txt").exit_code == 1
    result = moneyfix("check", DATE, "--diff", "--fail-on", "error", "a.txt")
    assert (result.exit_code, result.stdout) == (0, "")


def test_diff_exits_0_when_clean(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", CORRECT)
    result = moneyfix("check", DATE, "--diff", "a.txt")
    assert (result.exit_code, result.stdout) == (0, "")


def test_diff_honours_output(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--diff", "-o", "fix.diff", "a.txt")
    assert (result.exit_code, result.stdout) == (1, "")
    written = (tmp_path / "fix.diff").read_text("utf-8")
    assert written.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert "+" + FIXED in written


def test_fix_diff_writes_nothing(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix("fix", DATE, "--diff", "a.txt")
    assert result.exit_code == 1
    assert "+" + FIXED in result.stdout
    assert target.read_text("utf-8") == MISSING_MAGNITUDE


# --- fix ---------------------------------------------------------------------------------


def test_fix_writes_and_second_run_changes_nothing(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE + CORRECT)
    first = moneyfix("fix", DATE, "a.txt")
    assert first.exit_code == 0
    assert target.read_text("utf-8") == FIXED + CORRECT
    mtime = target.stat().st_mtime_ns
    second = moneyfix("fix", DATE, "a.txt")
    assert second.exit_code == 0
    assert target.read_text("utf-8") == FIXED + CORRECT
    assert target.stat().st_mtime_ns == mtime
    assert moneyfix("check", DATE, "a.txt").exit_code == 0


def test_fix_exits_1_while_unfixable_findings_remain(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE + IMPLAUSIBLE)
    result = moneyfix("fix", DATE, "--output-format", "json", "a.txt")
    assert result.exit_code == 1
    assert _codes(result.stdout) == ["MF007"]
    assert target.read_text("utf-8") == FIXED + IMPLAUSIBLE


def test_check_fix_flag_is_fix(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    assert moneyfix("check", DATE, "--fix", "a.txt").exit_code == 0
    assert target.read_text("utf-8") == FIXED


def test_fix_keeps_permissions(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    target.chmod(0o640)
    assert moneyfix("fix", DATE, "a.txt").exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o640


def test_fix_only_unsafe_with_the_flag(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", RATE_MISMATCH)
    assert moneyfix("fix", DATE, "a.txt").exit_code == 1
    assert target.read_text("utf-8") == RATE_MISMATCH
    assert moneyfix("fix", DATE, "--unsafe-fixes", "a.txt").exit_code == 0
    assert target.read_text("utf-8") == "A monthly bus pass will cost 1,604 tenge ($4).\n"


def test_report_to_file(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--output-format", "json", "-o", "out.json", "a.txt")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert _codes((tmp_path / "out.json").read_text("utf-8")) == ["MF001"]


def test_a_report_file_keeps_its_mode_and_is_not_rewritten_unchanged(tmp_path: Path) -> None:
    """``-o`` is written as the report comes, to a file put in place at the end: the
    mode of the file it replaces is kept, a missing directory made, and a report that
    did not change leaves the file as it was."""
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    target = tmp_path / "reports" / "check.txt"
    assert moneyfix("check", DATE, "-o", str(target), "a.txt").exit_code == 1
    first = target.read_text("utf-8")
    assert first.startswith("a.txt:1:42: MF001 [error]") and first.endswith("(1 fixable).\n")
    target.chmod(0o640)
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    assert moneyfix("check", DATE, "-o", str(target), "a.txt").exit_code == 1
    assert target.stat().st_mtime_ns == 1_000_000_000
    article(tmp_path, "a.txt", MISSING_MAGNITUDE + RATE_MISMATCH)
    assert moneyfix("check", DATE, "-o", str(target), "a.txt").exit_code == 1
    assert target.read_text("utf-8").count("[warning]") == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["check.txt"]


# --- stdin -------------------------------------------------------------------------------


def test_stdin_with_filename(tmp_path: Path) -> None:
    result = moneyfix(
        "check",
        "--output-format",
        "json",
        "--stdin-filename",
        "2020-11-24-fund.txt",
        "-",
        stdin=MISSING_MAGNITUDE,
    )
    assert result.exit_code == 1
    (file,) = json.loads(result.stdout)["files"]
    assert file["path"] == "2020-11-24-fund.txt"
    assert file["date"] == "2020-11-24"
    assert [f["code"] for f in file["findings"]] == ["MF001"]
    assert list(tmp_path.iterdir()) == []


def test_stdin_markdown_by_its_name() -> None:
    text = "---\ndate: 2020-11-24\n---\n\n`100 billion tenge (US$235.59)` in code.\n"
    result = moneyfix("check", "--stdin-filename", "note.md", "-", stdin=text)
    assert result.exit_code == 0


def test_stdin_invalid_utf8() -> None:
    result = moneyfix("check", DATE, "--stdin-filename", "x.txt", "-", stdin=b"caf\xe9\n")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "x.txt" in line


def test_fix_stdin_prints_the_fixed_text(tmp_path: Path) -> None:
    """Like ``black -`` and ``ruff check --fix -``: the fixed text goes to stdout."""
    result = moneyfix(
        "fix", "--stdin-filename", "2020-11-24-fund.txt", "-", stdin=MISSING_MAGNITUDE
    )
    assert result.exit_code == 0
    assert result.stdout == FIXED
    assert list(tmp_path.iterdir()) == []


def test_diff_stdin(tmp_path: Path) -> None:
    result = moneyfix(
        "check", "--diff", "--stdin-filename", "2020-11-24-a.txt", "-", stdin=MISSING_MAGNITUDE
    )
    assert result.exit_code == 1
    assert "+" + FIXED in result.stdout
