"""What ``check`` reads (the walk, encodings, JSONL fields) and how a file it cannot read
shows in every output format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._run import DATE, FIXED, MISSING_MAGNITUDE, article, error_lines
from ._run import moneyfix as run

RUSSIAN = "Бюджет фонда вырастет до 100 млрд тенге ($235,59) в следующем году.\n"
RUSSIAN_FIXED = "Бюджет фонда вырастет до 100 млрд тенге ($235,59 млн) в следующем году.\n"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _paths(*args: str) -> list[str]:
    result = run("check", DATE, "--output-format", "json", *args)
    return [Path(f["path"]).as_posix() for f in json.loads(result.stdout)["files"]]


# --- the walk ------------------------------------------------------------------------------


def test_gitignore_and_ignore_files_are_honoured(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    article(tmp_path, ".gitignore", "drafts/\n*.bak.txt\n!keep.bak.txt\n")
    article(tmp_path, "news/.ignore", "2019/\n")
    for name in ("a.txt", "x.bak.txt", "keep.bak.txt", "drafts/b.txt", "news/2019/c.txt"):
        article(tmp_path, name, MISSING_MAGNITUDE)
    article(tmp_path, "news/2020/d.txt", MISSING_MAGNITUDE)
    assert _paths() == ["a.txt", "keep.bak.txt", "news/2020/d.txt"]
    assert _paths("news") == ["news/2020/d.txt"]  # the root's .gitignore applies below it too
    assert _paths("--no-respect-gitignore") == [
        "a.txt",
        "drafts/b.txt",
        "keep.bak.txt",
        "news/2019/c.txt",
        "news/2020/d.txt",
        "x.bak.txt",
    ]


def test_gitignore_of_the_repository_applies_to_a_subdirectory_argument(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    article(tmp_path, ".gitignore", "news/generated/\n")
    article(tmp_path, "news/generated/a.txt", MISSING_MAGNITUDE)
    article(tmp_path, "news/b.txt", MISSING_MAGNITUDE)
    assert _paths("news") == ["news/b.txt"]


def test_common_directories_are_skipped_unless_named(tmp_path: Path) -> None:
    for name in ("node_modules/pkg/a.md", "build/b.md", ".git/c.md", "docs/d.md"):
        article(tmp_path, name, MISSING_MAGNITUDE)
    assert _paths() == ["docs/d.md"]
    assert _paths("build/b.md") == ["build/b.md"]  # a file named explicitly is checked


def test_every_readable_suffix_is_walked(tmp_path: Path) -> None:
    article(tmp_path, "a.text", MISSING_MAGNITUDE)
    article(tmp_path, "b.ndjson", json.dumps({"text": MISSING_MAGNITUDE}) + "\n")
    article(tmp_path, "c.markdown", MISSING_MAGNITUDE)
    article(tmp_path, "d.rst", MISSING_MAGNITUDE)
    assert _paths() == ["a.text", "b.ndjson:1", "c.markdown"]


def test_exclude_works_for_scan_too(tmp_path: Path) -> None:
    article(tmp_path, "moneyfix.toml", 'exclude = ["old"]\n')
    article(tmp_path, "old/a.txt", MISSING_MAGNITUDE)
    article(tmp_path, "new/b.txt", MISSING_MAGNITUDE)
    result = run("scan", "--format", "json")
    assert [Path(f["path"]).as_posix() for f in json.loads(result.stdout)["files"]] == ["new/b.txt"]
    result = run("scan", "--format", "json", "--extend-exclude", "new")
    assert json.loads(result.stdout)["files"] == []


# --- encodings -----------------------------------------------------------------------------


def test_windows_1251_is_detected_and_written_back_in_it(tmp_path: Path) -> None:
    target = tmp_path / "ru.txt"
    target.write_bytes(RUSSIAN.encode("cp1251"))
    result = run("check", DATE, "--output-format", "concise", "ru.txt")
    assert result.exit_code == 1
    assert result.stdout.startswith("ru.txt:1:42: MF001 [*] ")
    assert run("fix", DATE, "ru.txt").exit_code == 0
    assert target.read_bytes() == RUSSIAN_FIXED.encode("cp1251")


def test_encoding_option_reads_a_legacy_file(tmp_path: Path) -> None:
    target = tmp_path / "ru.txt"
    target.write_bytes(RUSSIAN.encode("koi8_r"))
    assert run("fix", DATE, "--encoding", "koi8-r", "ru.txt").exit_code == 0
    assert target.read_bytes() == RUSSIAN_FIXED.encode("koi8_r")


def test_undetectable_bytes_ask_for_an_encoding(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(MISSING_MAGNITUDE.encode() + b"\xff\n")
    result = run("check", DATE, "a.txt")
    assert result.exit_code == 2
    assert error_lines(result) == [
        "moneyfix: a.txt: not valid UTF-8 (byte 0xff at offset 63); "
        "give its encoding with --encoding"
    ]


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    article(tmp_path, "a.txt", MISSING_MAGNITUDE)
    result = run("check", "--encoding", "klingon", "a.txt")
    assert result.exit_code == 2
    assert error_lines(result) == ["moneyfix: option --encoding: unknown encoding 'klingon'"]


# --- JSONL fields --------------------------------------------------------------------------


def test_jsonl_record_without_the_text_field_is_an_error(tmp_path: Path) -> None:
    article(tmp_path, "a.jsonl", '{"text": "x"}\n{"body": "y"}\n')
    result = run("check", DATE, "a.jsonl")
    assert result.exit_code == 2
    assert error_lines(result) == ["moneyfix: a.jsonl:2: no field 'text' (see --text-field)"]


def test_jsonl_dotted_text_field(tmp_path: Path) -> None:
    target = article(tmp_path, "a.jsonl", json.dumps({"article": {"body": MISSING_MAGNITUDE}}))
    result = run("fix", DATE, "--text-field", "article.body", "a.jsonl")
    assert result.exit_code == 0
    assert json.loads(target.read_text("utf-8")) == {"article": {"body": FIXED}}


# --- an unreadable file in every format ----------------------------------------------------


@pytest.fixture
def one_bad(tmp_path: Path) -> None:
    article(tmp_path, "good.txt", MISSING_MAGNITUDE)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")


def _formatted(fmt: str) -> str:
    result = run("check", DATE, "--output-format", fmt, "bad.txt", "good.txt", "gone.txt")
    assert result.exit_code == 2
    assert error_lines(result) == [
        "moneyfix: bad.txt: binary file",
        "moneyfix: gone.txt: no such file or directory",
    ]
    return result.stdout


@pytest.mark.usefixtures("one_bad")
def test_unreadable_files_in_sarif() -> None:
    run_ = json.loads(_formatted("sarif"))["runs"][0]
    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == [
        "bad.txt: binary file",
        "gone.txt: no such file or directory",
    ]
    assert [r["ruleId"] for r in run_["results"]] == ["MF001"]


@pytest.mark.usefixtures("one_bad")
def test_unreadable_files_in_junit() -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(_formatted("junit"))
    assert root.get("errors") == "2"
    errors = {case.get("classname"): case.find("error") for case in root.iter("testcase")}
    bad, gone = errors["bad.txt"], errors["gone.txt"]
    assert bad is not None and bad.get("message") == "binary file"
    assert gone is not None and gone.get("message") == "no such file or directory"


@pytest.mark.usefixtures("one_bad")
def test_unreadable_files_in_gitlab_and_github() -> None:
    issues = json.loads(_formatted("gitlab"))
    assert [(i["check_name"], i["location"]["path"]) for i in issues] == [
        ("moneyfix/error", "bad.txt"),
        ("MF001", "good.txt"),
        ("moneyfix/error", "gone.txt"),
    ]
    lines = _formatted("github").splitlines()
    assert lines[0] == "::error file=bad.txt,title=moneyfix::binary file"
    assert lines[2] == "::error file=gone.txt,title=moneyfix::no such file or directory"


@pytest.mark.usefixtures("one_bad")
def test_unreadable_files_in_json() -> None:
    files = json.loads(_formatted("json"))["files"]
    assert [(f["path"], f.get("error")) for f in files] == [
        ("bad.txt", "binary file"),
        ("good.txt", None),
        ("gone.txt", "no such file or directory"),
    ]


def test_the_human_summary_never_says_no_problems_when_a_file_was_not_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    for fmt in ("full", "concise"):
        result = run("check", DATE, "--output-format", fmt, "bad.txt")
        assert result.exit_code == 2
        assert "No problems found." not in result.stdout
        assert result.stdout.splitlines()[-1] == "1 file could not be read."


# --- Markdown front matter read with a YAML parser --------------------------------------


@pytest.mark.parametrize(
    "front",
    [
        "date: >-\n  2020-11-24\n",
        "date: '2020-11-24'\n",
        'title: "Roads: the plan"\ndate: 2020-11-24T09:30:00+05:00\n',
        "tags:\n  - budget\n  - roads\ndate: 2020-11-24\n",
    ],
    ids=["block-scalar", "quoted", "datetime", "after-a-list"],
)
def test_front_matter_dates_in_yaml_forms(tmp_path: Path, front: str) -> None:
    article(tmp_path, "a.md", "---\n" + front + "---\n\n" + MISSING_MAGNITUDE)
    result = run("check", "--output-format", "json", "a.md")
    (file,) = json.loads(result.stdout)["files"]
    assert (file["date"], file["date_source"]) == ("2020-11-24", "front-matter")
    assert [f["code"] for f in file["findings"]] == ["MF001"]


def test_front_matter_impossible_date_is_still_an_error(tmp_path: Path) -> None:
    article(tmp_path, "a.md", "---\ndate: 2020-02-31\n---\n\n" + MISSING_MAGNITUDE)
    result = run("check", "a.md")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "a.md" in line and "2020-02-31" in line


# --- Markdown code found as CommonMark reads it -------------------------------------------


def test_markdown_code_blocks_are_not_checked(tmp_path: Path) -> None:
    code = "    " + MISSING_MAGNITUDE  # an indented code block
    listed = "- A list item:\n\n      " + MISSING_MAGNITUDE  # code inside a list item
    fenced = "> ~~~\n> " + MISSING_MAGNITUDE + "> ~~~\n"  # a fence in a quote
    pre = "<pre>\n" + MISSING_MAGNITUDE + "</pre>\n"  # a raw HTML block
    text = "Intro.\n\n" + "\n".join((code, listed, fenced, pre)) + "\n" + MISSING_MAGNITUDE
    target = article(tmp_path, "a.md", text)
    result = run("check", DATE, "--output-format", "concise", "-q", "a.md")
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"a.md:{text.count(chr(10))}:42: MF001 ")  # the prose line only
    assert run("fix", DATE, "a.md").exit_code == 0
    assert target.read_text("utf-8") == text[: -len(MISSING_MAGNITUDE)] + FIXED


def test_markdown_indented_prose_in_a_list_is_still_checked(tmp_path: Path) -> None:
    article(tmp_path, "a.md", "- First point.\n  " + MISSING_MAGNITUDE)
    result = run("check", DATE, "--output-format", "concise", "-q", "a.md")
    assert result.stdout.startswith("a.md:2:44: MF001 ")
