"""Hostile and broken input (issue 13, defects 4, 5 and 8): a one-line error naming the
file, exit 2, the other files still checked; never a traceback, a hang or a silent "clean"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ._run import DATE, FIXED, MISSING_MAGNITUDE, article, error_lines, moneyfix

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


# --- defect 5: what is not a regular file is never read ----------------------------------


@pytest.mark.parametrize("command", ["check", "scan", "fix"])
def test_a_fifo_argument_is_refused_not_waited_on(tmp_path: Path, command: str) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix(command, DATE, "pipe.txt", "a.txt")
    assert result.exit_code == 2
    assert error_lines(result) == ["moneyfix: pipe.txt: " + _NOT_REGULAR]
    if command == "fix":  # the other file was still read
        assert (tmp_path / "a.txt").read_text() == FIXED
    else:
        assert "a.txt" in result.stdout


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_argument_is_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    result = moneyfix("check", device)
    assert result.exit_code == 2
    assert error_lines(result) == [f"moneyfix: {device}: " + _NOT_REGULAR]
    assert "No problems found." not in result.stdout


def test_convert_refuses_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    result = moneyfix("convert", "pipe.md", "--out", "out")
    assert result.exit_code == 2
    assert "pipe.md: " + _NOT_REGULAR in result.stderr


_NOT_REGULAR = "not a regular file (a device, FIFO or socket is never read)"


# --- defect 4: inputs that crashed -------------------------------------------------------


def test_a_number_of_a_million_digits_is_not_money(tmp_path: Path) -> None:
    article(tmp_path, "big.txt", f"It cost {'9' * 1_000_000} billion tenge.\n" + MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--output-format", "concise", "big.txt")
    assert result.exit_code == 1
    assert result.stdout.count("MF001") == 1


def test_deeply_nested_jsonl_is_a_one_line_error(tmp_path: Path) -> None:
    deep = '{"text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    article(tmp_path, "deep.jsonl", deep)
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "deep.jsonl", "a.txt")
    assert result.exit_code == 2
    assert error_lines(result) == ["moneyfix: deep.jsonl:1: JSON nested too deeply"]
    assert "MF001" in result.stdout


def test_deeply_nested_ld_json_in_html_is_ignored(tmp_path: Path) -> None:
    script = '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    article(tmp_path, "a.html", f"<html><head>{script}</head><body><p>{MISSING_MAGNITUDE}</p>")
    result = moneyfix("check", DATE, "a.html")
    assert result.exit_code == 1
    assert "MF001" in result.stdout


def test_a_lone_surrogate_in_jsonl_text_is_a_one_line_error(tmp_path: Path) -> None:
    article(tmp_path, "s.jsonl", '{"text": "a\\ud800b 100 billion tenge (US$235.59)"}\n')
    for command in ("check", "fix", "scan"):
        result = moneyfix(command, DATE, "s.jsonl")
        assert result.exit_code == 2, command
        assert error_lines(result) == [
            "moneyfix: s.jsonl:1: field 'text' holds a lone surrogate escape (not text)"
        ]
    assert (
        tmp_path / "s.jsonl"
    ).read_text() == '{"text": "a\\ud800b 100 billion tenge (US$235.59)"}\n'


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("window_after = 100000000000", "window_after: expected at most 3660 days"),
        ("window_before = 100000", "window_before: expected at most 3660 days"),
        ("max_staleness = 99999999999", "max_staleness: expected at most 3660 days"),
        ('select = ["MF999"]', "select: unknown rule code 'MF999' (see `moneyfix rule`)"),
    ],
)
def test_out_of_range_config_is_rejected(tmp_path: Path, config: str, message: str) -> None:
    article(tmp_path, "pyproject.toml", f"[tool.moneyfix]\n{config}\n")
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "a.txt")
    assert result.exit_code == 2
    assert any(line.endswith(message) for line in error_lines(result)), result.stderr


def test_closed_stdout_is_a_one_line_error(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "moneyfix", "check", DATE, "a.txt"],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.decode() == "moneyfix: standard output is closed; nothing to write to\n"


# --- defect 8: wrong but silent ----------------------------------------------------------


def test_a_missing_rates_dir_is_an_error(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    for command in ("check", "scan"):
        result = moneyfix(command, DATE, "--rates-dir", "nowhere", "a.txt")
        assert result.exit_code == 2
        assert error_lines(result) == ["moneyfix: nowhere: rates directory does not exist"]


def test_a_rates_dir_without_rates_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--rates-dir", "empty", "a.txt")
    assert result.exit_code == 2
    assert error_lines(result) == [
        "moneyfix: empty: rates directory holds no rates (no CUR.csv file)"
    ]
    assert "No problems found." not in result.stdout


def test_fix_does_not_say_clean_when_the_write_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = article(tmp_path, "a.txt", MISSING_MAGNITUDE)

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = moneyfix("fix", DATE, "a.txt")
    assert result.exit_code == 2
    assert error_lines(result) == ["moneyfix: a.txt: cannot write (No space left on device)"]
    assert "No problems found." not in result.stdout
    assert path.read_text() == MISSING_MAGNITUDE
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_terminal_escapes_in_the_input_are_shown_escaped(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", "\x1b[2J\x1b]0;owned\x07" + MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "a.txt")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    line = next(s for s in result.stdout.splitlines() if s.startswith("1 | "))
    caret = next(s for s in result.stdout.splitlines() if "^" in s)
    assert line.startswith("1 | \\x1b[2J\\x1b]0;owned\\x07The fund")
    assert line[caret.index("^") :].startswith("US$235.59")


def test_a_bug_on_one_file_costs_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moneyfix import runner

    real = runner.check_document

    def fragile(doc, config, table):  # type: ignore[no-untyped-def]
        if doc.path == "bad.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc, config, table)

    monkeypatch.setattr(runner, "check_document", fragile)
    article(tmp_path, "bad.txt", MISSING_MAGNITUDE)
    article(tmp_path, "good.txt", MISSING_MAGNITUDE)
    result = moneyfix("fix", DATE, "bad.txt", "good.txt")
    assert result.exit_code == 2
    assert error_lines(result) == [
        "moneyfix: bad.txt: internal error (RecursionError: maximum recursion depth exceeded);"
        " nothing written"
    ]
    assert (tmp_path / "good.txt").read_text() == FIXED
    assert (tmp_path / "bad.txt").read_text() == MISSING_MAGNITUDE
