"""Suppression comments from the command line: unknown codes, unused ones (MF100) and
``--add-ignore`` for adopting the tool on a back catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._run import CORRECT, DATE, IMPLAUSIBLE, MISSING_MAGNITUDE, RATE_MISMATCH, article
from ._run import moneyfix as run


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _findings(*args: str) -> list[tuple[str, int, str]]:
    result = run("check", DATE, "--output-format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [
        (f["code"], f["line"], f["message"])
        for file in json.loads(result.stdout)["files"]
        for f in file["findings"]
    ]


def test_unknown_code_in_a_comment_is_reported(tmp_path: Path) -> None:
    article(tmp_path, "a.md", "<!-- moneyfix: ignore MF999 -->\n" + MISSING_MAGNITUDE)
    assert _findings("a.md") == [
        ("MF100", 1, "suppression: unknown rule code: MF999"),
        ("MF001", 2, _findings_message()),
    ]


def _findings_message() -> str:
    article(Path.cwd(), "plain.txt", MISSING_MAGNITUDE)
    ((_, _, message),) = _findings("plain.txt")
    return message


def test_unused_suppression_is_reported_and_fixed(tmp_path: Path) -> None:
    text = "Intro.\n<!-- moneyfix: ignore MF003 -->\n" + CORRECT
    target = article(tmp_path, "a.md", text)
    assert _findings("a.md") == [
        ("MF100", 2, "unused suppression (ignore MF003): nothing to suppress here")
    ]
    assert run("fix", DATE, "a.md").exit_code == 0
    assert target.read_text("utf-8") == "Intro.\n" + CORRECT


def test_partly_used_suppression_keeps_the_used_code(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", "moneyfix: ignore MF001, MF003\n" + MISSING_MAGNITUDE)
    assert _findings("a.txt") == [
        ("MF100", 1, "unused suppression of MF003: nothing to suppress here")
    ]
    assert run("fix", DATE, "a.txt").exit_code == 0
    assert target.read_text("utf-8") == "moneyfix: ignore MF001\n" + MISSING_MAGNITUDE


def test_used_suppression_is_not_reported(tmp_path: Path) -> None:
    article(tmp_path, "a.md", "<!-- moneyfix: disable MF001 -->\n" + MISSING_MAGNITUDE)
    assert _findings("a.md") == []


def test_suppression_of_a_rule_not_selected_is_not_unused(tmp_path: Path) -> None:
    article(tmp_path, "a.md", "<!-- moneyfix: ignore MF005 -->\n" + CORRECT)
    assert _findings("a.md") == []
    assert _findings("--extend-select", "MF005", "a.md")[0][0] == "MF100"


def test_mf100_can_be_ignored(tmp_path: Path) -> None:
    article(tmp_path, "a.md", "<!-- moneyfix: ignore MF003 -->\n" + CORRECT)
    assert _findings("--ignore", "MF100", "a.md") == []


def test_add_ignore_silences_every_current_finding(tmp_path: Path) -> None:
    md = article(tmp_path, "a.md", "# Budget\n\n" + MISSING_MAGNITUDE + "\n" + IMPLAUSIBLE)
    txt = article(tmp_path, "b.txt", "  " + MISSING_MAGNITUDE + RATE_MISMATCH)
    html = article(tmp_path, "c.html", "<p>" + MISSING_MAGNITUDE.strip() + "</p>\n")
    result = run("check", DATE, "--add-ignore", "a.md", "b.txt", "c.html")
    assert result.exit_code == 0
    assert result.stderr == "Suppressed 5 finding(s) in 3 file(s).\n"
    assert md.read_text("utf-8") == (
        "# Budget\n\n<!-- moneyfix: ignore MF001 -->\n"
        + MISSING_MAGNITUDE
        + "\n<!-- moneyfix: ignore MF007 -->\n"
        + IMPLAUSIBLE
    )
    assert txt.read_text("utf-8") == (
        "  moneyfix: ignore MF001\n  "
        + MISSING_MAGNITUDE
        + "moneyfix: ignore MF003\n"
        + RATE_MISMATCH
    )
    assert html.read_text("utf-8") == (
        "<!-- moneyfix: ignore MF001 -->\n<p>" + MISSING_MAGNITUDE.strip() + "</p>\n"
    )
    again = run("check", DATE, "a.md", "b.txt", "c.html")
    assert again.exit_code == 0
    assert again.stdout == "No problems found.\n"


def test_add_ignore_inside_a_paragraph_ends_the_line_above(tmp_path: Path) -> None:
    target = article(tmp_path, "a.md", "The ministry said on Monday that\n" + MISSING_MAGNITUDE)
    assert run("check", DATE, "--add-ignore", "a.md").exit_code == 0
    assert target.read_text("utf-8") == (
        "The ministry said on Monday that <!-- moneyfix: ignore MF001 -->\n" + MISSING_MAGNITUDE
    )
    assert _findings("a.md") == []


def test_add_ignore_for_a_whole_document_finding(tmp_path: Path) -> None:
    target = article(tmp_path, "a.txt", CORRECT)
    assert run("check", "--add-ignore", "a.txt").exit_code == 0  # MF006: undated
    assert target.read_text("utf-8") == CORRECT + "moneyfix: ignore-file MF006\n"
    assert run("check", "--fail-on", "info", "a.txt").exit_code == 0


def test_add_ignore_with_fix_is_a_usage_error(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    assert run("fix", DATE, "--add-ignore", "a.txt").exit_code == 2
    assert run("check", DATE, "--add-ignore", "--diff", "a.txt").exit_code == 2
