"""Options with a fixed set of values (``--lang``, ``--output-format``) refuse any other, on
the command line and in the config: one line naming the option or the file, the values
accepted, exit 2, nothing read or written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._run import CORRECT, DATE, MISSING_MAGNITUDE, article, error_lines, moneyfix

LANG_ERROR = "lang: expected one of auto, en, ru, kk, kk-Latn"
FORMAT_ERROR = (
    "output-format: expected one of full, concise, json, json-lines, github, gitlab, sarif, "
    "junit, html"
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("command", ["check", "fix", "scan"])
def test_an_unknown_lang_option_is_a_usage_error(tmp_path: Path, command: str) -> None:
    path = article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix(command, DATE, "--lang", "xx", "a.txt")
    assert result.exit_code == 2
    assert error_lines(result) == [f"moneyfix: option --{LANG_ERROR}"]
    assert result.stdout == ""
    assert path.read_text("utf-8") == MISSING_MAGNITUDE


@pytest.mark.parametrize("value", ["EN", "de", "kk-Cyrl", ""])
def test_only_the_listed_spellings_are_languages(tmp_path: Path, value: str) -> None:
    article(tmp_path, "a.txt", CORRECT)
    result = moneyfix("check", DATE, f"--lang={value}", "a.txt")
    assert result.exit_code == 2
    assert error_lines(result) == [f"moneyfix: option --{LANG_ERROR}"]


@pytest.mark.parametrize("command", ["check", "scan"])
def test_an_unknown_lang_in_the_config_names_the_file(tmp_path: Path, command: str) -> None:
    config = article(tmp_path, "news/moneyfix.toml", 'lang = "xx"\n')
    article(tmp_path, "news/a.txt", CORRECT)
    result = moneyfix(command, DATE, "news/a.txt")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.endswith(f"{config}: {LANG_ERROR}"), line
    assert "Traceback" not in result.stdout + result.stderr


def test_an_unknown_lang_in_a_pyproject_names_the_file(tmp_path: Path) -> None:
    config = article(tmp_path, "pyproject.toml", '[tool.moneyfix]\nlang = "russian"\n')
    article(tmp_path, "a.txt", CORRECT)
    result = moneyfix("scan", "a.txt")
    assert result.exit_code == 2
    assert error_lines(result) == [f"moneyfix: {config}: {LANG_ERROR}"]


def test_convert_refuses_an_unknown_lang_in_the_config(tmp_path: Path) -> None:
    config = article(tmp_path, "moneyfix.toml", 'lang = "xx"\n')
    source = article(tmp_path, "news/a.txt", MISSING_MAGNITUDE)
    result = moneyfix("convert", "news", "--out", "out", DATE, "-q")
    assert result.exit_code == 2
    assert error_lines(result) == [f"moneyfix: {config}: {LANG_ERROR}"]
    assert not (tmp_path / "out" / "a.txt").exists()
    assert source.read_text("utf-8") == MISSING_MAGNITUDE


@pytest.mark.parametrize("lang", ["auto", "en", "ru", "kk", "kk-Latn"])
def test_every_listed_lang_is_accepted(tmp_path: Path, lang: str) -> None:
    article(tmp_path, "moneyfix.toml", f'lang = "{lang}"\n')
    article(tmp_path, "a.txt", "The plan costs 5 billion tenge.\n")
    config_run = moneyfix("scan", "--format", "json", "a.txt")
    option_run = moneyfix("scan", "--format", "json", "--lang", lang, "a.txt")
    for result in (config_run, option_run):
        assert result.exit_code == 0, result.stderr
        (file,) = json.loads(result.stdout)["files"]
        assert [a["text"] for a in file["amounts"]] == ["5 billion tenge"]


def test_help_lists_the_languages() -> None:
    for command in ("check", "scan"):
        assert "kk-Latn" in moneyfix(command, "--help").stdout


def test_an_unknown_output_format_is_a_usage_error(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "--output-format", "yaml", "a.txt")
    assert result.exit_code == 2
    assert error_lines(result) == [f"moneyfix: option --{FORMAT_ERROR}"]
    assert result.stdout == ""


def test_an_unknown_output_format_in_the_config_names_the_file(tmp_path: Path) -> None:
    config = article(tmp_path, "moneyfix.toml", 'output-format = "yaml"\n')
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = moneyfix("check", DATE, "a.txt")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.endswith(f"{config}: {FORMAT_ERROR}"), line
