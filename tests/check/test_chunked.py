"""A big file checked a chunk at a time finds what the whole file does, where it does.

Chunk sizes here are tiny (tens to hundreds of code points) so that a short article is
cut into many chunks; the real size is 1 MB. Memory itself is measured by
``bench/bench_memory.py``, not here.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import moneyfix.check
import moneyfix.chunked
import moneyfix.jobs
import moneyfix.sharing
from moneyfix.check import check_document
from moneyfix.chunked import check_file, check_parts, chunk_documents
from moneyfix.cli.app import app
from moneyfix.config import Config
from moneyfix.documents import DocumentError, read_document
from moneyfix.documents.chunks import CHUNK_SIZE, Chunk, read_chunks
from moneyfix.model import Document, FileReport
from moneyfix.rates.table import load_table
from moneyfix.report import render_findings
from moneyfix.report.positions import LineIndex
from moneyfix.report.review import review_items
from moneyfix.report.stream import FindingsWriter
from moneyfix.runner import Job, run_file
from moneyfix.scanning import stream_document

# Our own sentences. On 2020-11-24 (the dateline): MF001 (a missing "million"), MF003
# (a rate off by far more than the tolerance), a clean pair; undated, MF004 (two pairs
# of one paragraph that disagree with each other). Some are hard-wrapped.
PARAGRAPHS = (
    "The road fund will grow to 100 billion tenge (US$235.59) next year,\n"
    "the committee said on Monday.",
    "A new bridge over the river will cost 63 billion tenge (US$148.42 million).",
    "A monthly tram pass will cost 1,604 tenge ($5), up from 1,200 tenge.",
    "The school got 20 billion tenge ($52 million) and the clinic\n"
    "got 10 billion tenge ($23.5 million) for equipment.",
    "Nobody at the ministry would say when the work starts.",
)
DATELINE = "ASTANA, November 24, 2020\n\n"
SIZES = (40, 150, 400, 1_000_000)
FORMATS = ("full", "concise", "json", "json-lines", "github", "gitlab", "sarif", "junit")


def article(paragraphs: tuple[str, ...] = PARAGRAPHS, copies: int = 4, sep: str = "\n\n") -> str:
    return DATELINE + sep.join(paragraphs * copies) + "\n"


def whole_and_chunked(path: Path, size: int) -> tuple[FileReport, FileReport]:
    config, table = Config(), load_table()
    whole = check_document(read_document(path)[0][0], config, table)
    [chunked] = check_file(path, str(path), config, table, size=size)
    return whole, chunked


def assert_same_reports(whole: FileReport, chunked: FileReport) -> None:
    assert chunked.excerpts is not None and not chunked.text  # the text is not kept
    assert chunked.findings == whole.findings
    assert (chunked.date, chunked.date_source) == (whole.date, whole.date_source)
    for fmt in FORMATS:
        assert render_findings([chunked], fmt) == render_findings([whole], fmt), fmt
    assert review_items(chunked) == review_items(whole)


@pytest.mark.parametrize("size", SIZES)
def test_a_file_checked_in_chunks_gives_the_whole_file_report(tmp_path: Path, size: int) -> None:
    path = tmp_path / "article.txt"
    path.write_text(article(), encoding="utf-8")
    whole, chunked = whole_and_chunked(path, size)
    assert {"MF001", "MF003"} <= {f.code for f in whole.findings}
    assert_same_reports(whole, chunked)


@pytest.mark.parametrize("size", SIZES)
def test_crlf_line_ends_across_chunks(tmp_path: Path, size: int) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(article().replace("\n", "\r\n").encode("utf-8"))
    assert_same_reports(*whole_and_chunked(path, size))


def test_lines_and_columns_of_a_later_chunk_are_those_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    text = DATELINE + "\n\n".join(PARAGRAPHS[1:2] * 5 + PARAGRAPHS[:1]) + "\n"
    path.write_text(text, encoding="utf-8")
    _, chunked = whole_and_chunked(path, 60)
    [missing] = [f for f in chunked.findings if f.code == "MF001"]
    assert text[missing.start : missing.end] == "US$235.59"
    assert missing.start == text.index("US$235.59")
    # the dateline, a blank line, 5 one-line paragraphs each followed by a blank line
    first = f"{path}:13:47: MF001"
    assert render_findings([chunked], "concise").startswith(first)


def test_an_undated_file_is_told_once_that_it_has_no_date(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    euro = "The loan was 9 billion tenge (EUR18 million), the bank said."
    paragraphs = (PARAGRAPHS[3], PARAGRAPHS[4], euro, PARAGRAPHS[4])
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    whole, chunked = whole_and_chunked(path, 60)
    assert [f.code for f in chunked.findings] == ["MF006", "MF004"]
    assert_same_reports(whole, chunked)


def test_consistency_is_weighed_within_a_chunk(tmp_path: Path) -> None:
    """MF004 compares the conversions of one chunk (1 MB of paragraphs in a real run):
    a pair at odds with those of other paragraphs only is not reported in chunks."""
    path = tmp_path / "article.txt"
    path.write_text("\n\n".join(PARAGRAPHS[1:3] * 2) + "\n", encoding="utf-8")
    whole, chunked = whole_and_chunked(path, 60)
    assert [f.text for f in whole.findings if f.code == "MF004"] == ["$5", "$5"]
    assert [f.code for f in chunked.findings] == ["MF006"]
    [one_chunk] = check_file(path, str(path), Config(), load_table())
    assert one_chunk.findings == whole.findings


def test_a_pair_across_a_paragraph_break_is_not_cut_from_its_conversion(tmp_path: Path) -> None:
    """A conversion after a paragraph break still pairs (as in the whole file): the
    chunk ends at a paragraph that ends a sentence, not after one ending on an amount."""
    split = ("The tunnel will cost 100 billion tenge", "(US$235.59) when it opens.")
    path = tmp_path / "article.txt"
    path.write_text(article(PARAGRAPHS[1:2] + split + PARAGRAPHS[1:2], copies=3), "utf-8")
    whole, chunked = whole_and_chunked(path, 120)
    assert [f.code for f in whole.findings].count("MF001") == 3
    assert_same_reports(whole, chunked)


# Paragraphs of one long line each, as wire news is written: findings near a line's
# start, its middle and its end, two close together, a control character before one.
LONG_LINES = (
    "100 billion tenge (US$235.59) is what the ministry says the road fund is worth, "
    + "and the officials who spoke to reporters after the meeting did not explain it. " * 3,
    "After a long session the deputies agreed on the budget of the city, which has been "
    "debated since the spring, and the mayor said the new bridge will cost 63 billion "
    "tenge (US$148.42 million) while a monthly tram pass will cost 1,604 tenge ($5) from "
    "the first of the month, and that the plan is final.",
    "Nobody at the \x1b[2J ministry would say when the work on the new school starts, "
    "or who will pay for the roof of the old one, but the fund will grow to 100 billion "
    "tenge (US$235.59)",
    "The school got 20 billion tenge ($52 million) and the clinic got 10 billion tenge "
    "($23.5 million) for equipment, "
    + "as the statement released by the regional administration on Friday says. "
    * 2,
)


@pytest.mark.parametrize("size", [200, 700, 1_000_000])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_long_lines_are_kept_only_near_their_findings(
    tmp_path: Path, size: int, newline: str
) -> None:
    path = tmp_path / "article.txt"
    text = (DATELINE + "\n\n".join(LONG_LINES * 3) + "\n").replace("\n", newline)
    path.write_bytes(text.encode("utf-8"))
    whole, chunked = whole_and_chunked(path, size)
    assert [f.code for f in whole.findings].count("MF001") == 6
    assert_same_reports(whole, chunked)
    assert chunked.excerpts is not None
    kept = sum(len(e.text) for e in chunked.excerpts)
    assert kept < len(text) * 0.8  # no longer every line with a finding in full
    for excerpt in chunked.excerpts:
        assert text.startswith(excerpt.text, excerpt.start)
        assert not excerpt.text.startswith("\n") or text[excerpt.start - 1] != "\r"


MARKDOWN = (
    "---\ntitle: Budget\ndate: 2020-11-24\n---\n\n"
    "# Budget\n\n"
    + "\n\n".join(PARAGRAPHS)
    + "\n\n```\nThe sample says 100 billion tenge (US$235.59).\n\n\n"
    "It has blank lines, and 5 billion tenge ($90).\n```\n\n"
    "<!-- a comment with a blank line\n\nand 5 billion tenge ($90) -->\n\n"
    "- a list item with 63 billion tenge (US$148.42 million)\n\n"
    "    and an indented paragraph with 100 billion tenge (US$235.59)\n\n"
    + "\n\n".join(PARAGRAPHS)
    + "\n"
)


@pytest.mark.parametrize("size", SIZES)
def test_markdown_chunks_never_end_inside_code_comments_or_front_matter(
    tmp_path: Path, size: int
) -> None:
    path = tmp_path / "article.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    whole, chunked = whole_and_chunked(path, size)
    assert whole.date_source == "front-matter"
    assert_same_reports(whole, chunked)
    chunks = [c.text for c in read_chunks(path, str(path), "markdown", size)]
    for text in chunks:
        assert text.count("```") % 2 == 0 and text.count("<!--") == text.count("-->")
        assert not text.startswith((" ", "\t"))


@pytest.mark.parametrize("kind", ["text", "markdown"])
@pytest.mark.parametrize("size", [1, 30, 200])
def test_chunks_are_the_text_in_order_each_placed_in_the_file(
    tmp_path: Path, kind: str, size: int
) -> None:
    text = MARKDOWN.replace("\n", "\r\n", 5) + "a last line without a break"
    path = tmp_path / "article.md"
    path.write_bytes(text.encode("utf-8"))
    chunks = list(read_chunks(path, str(path), kind, size))
    assert "".join(c.text for c in chunks) == text
    index = LineIndex(text)
    for chunk in chunks:
        assert text.startswith(chunk.text, chunk.start)
        assert (chunk.line, chunk.column) == index.position(chunk.start)
        assert len(chunk.text) <= max(size, len(text))


def test_a_utf16_file_is_read_in_chunks_from_after_its_bom(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(b"\xff\xfe" + article().encode("utf-16-le"))
    assert_same_reports(*whole_and_chunked(path, 150))


def test_check_reads_a_big_file_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "article.txt"
    path.write_text(article(), encoding="utf-8")
    config_free = Job({}, mode="check")
    whole = run_file(path, config_free, load_table())
    monkeypatch.setattr(moneyfix.chunked, "CHUNKED_FROM", 100)
    chunked = run_file(path, config_free, load_table())
    assert chunked.error is None and chunked.reports[0].excerpts is not None
    assert chunked.reports[0].findings == whole.reports[0].findings
    # fixing rewrites and checks again the whole text: never in chunks
    fixed = run_file(path, Job({}, mode="fix"), load_table())
    assert fixed.reports[0].excerpts is None and fixed.reports[0].fixed


def test_a_legacy_encoding_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "статья.txt"
    text = "АСТАНА, 24 ноября 2020\n\nФонд вырастет до 100 млрд тенге (235,59 долл. США).\n"
    path.write_bytes(text.encode("cp1251"))
    monkeypatch.setattr(moneyfix.chunked, "CHUNKED_FROM", 10)
    result = run_file(path, Job({"encoding": "cp1251"}, mode="check"), load_table())
    assert result.error is None and result.reports[0].excerpts is None
    assert [f.code for f in result.reports[0].findings] == ["MF001"]


def test_a_binary_file_is_refused_before_any_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(article().encode("utf-8") + b"\x00\x01" + article().encode("utf-8"))
    monkeypatch.setattr(moneyfix.chunked, "CHUNKED_FROM", 10)
    result = run_file(path, Job({}, mode="check"), load_table())
    assert result.error == f"{path}: binary file"


def test_json_report_of_a_chunked_file_has_the_file_positions(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    text = article()
    path.write_text(text, encoding="utf-8")
    _, chunked = whole_and_chunked(path, 40)
    index = LineIndex(text)
    for finding in json.loads(render_findings([chunked], "json"))["files"][0]["findings"]:
        assert [finding["line"], finding["column"]] == list(index.position(finding["start"]))
        if finding["text"]:
            assert text[finding["start"] : finding["end"]] == finding["text"]


def test_scan_rows_of_a_file_in_chunks_are_those_of_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(article().replace("\n", "\r\n", 7).encode("utf-8"))
    whole = io.StringIO()
    stream_document(read_document(path)[0][0], "jsonl", whole)
    chunked = io.StringIO()
    rows = 0
    for doc, at in chunk_documents(path, str(path), Config(), size=60):
        rows += stream_document(doc, "jsonl", chunked, "auto", None, at, rows)
    assert chunked.getvalue() == whole.getvalue()
    assert rows == len(whole.getvalue().splitlines()) > 20


def article_and_markdown(tmp_path: Path, article_name: str) -> tuple[Path, Path]:
    """A big plain-text article and a small Markdown file, for runs over two files."""
    first = tmp_path / article_name
    first.write_text(article(), encoding="utf-8")
    second = tmp_path / "b.md"
    second.write_text(MARKDOWN, encoding="utf-8")
    return first, second


def test_scan_streams_big_files_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = article_and_markdown(tmp_path, "a.txt")
    args = ("scan", str(first), str(second), "--format", "jsonl")
    whole = CliRunner().invoke(app, args, catch_exceptions=False)
    reads: list[str] = []
    monkeypatch.setattr(moneyfix.chunked, "CHUNKED_FROM", 100)
    monkeypatch.setattr(moneyfix.chunked, "read_chunks", counted(reads))
    chunked = CliRunner().invoke(app, args, catch_exceptions=False)
    assert reads == [str(first), str(second)]
    assert chunked.exit_code == whole.exit_code == 0
    assert chunked.stdout == whole.stdout
    rows = [json.loads(line) for line in chunked.stdout.splitlines()]
    for path in (first, second):  # each file's rows numbered from 0 on, across its chunks
        indexes = [row["index"] for row in rows if row["path"] == str(path)]
        assert indexes == list(range(len(indexes))) and len(indexes) > 5


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_scan_over_workers_gives_the_rows_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    first, second = article_and_markdown(tmp_path, "2020-11-24-a.txt")
    monkeypatch.setattr(moneyfix.chunked, "CHUNKED_FROM", 100)
    small_chunks = functools.partial(moneyfix.chunked.chunk_documents, size=60)
    monkeypatch.setattr(moneyfix.chunked, "chunk_documents", small_chunks)
    args = ["scan", str(first), str(second), "--format", fmt, "--to", "USD"]
    alone = CliRunner().invoke(app, args, catch_exceptions=False)
    shared = CliRunner().invoke(app, [*args, "-j", "2"], catch_exceptions=False)
    assert shared.exit_code == alone.exit_code == 0
    assert shared.stdout == alone.stdout
    assert len(alone.stdout.splitlines()) > 20 and "USD" in alone.stdout


def test_scan_of_a_few_small_files_stays_in_one_process(
    tmp_path: Path, started_pools: list[int]
) -> None:
    first, second = article_and_markdown(tmp_path, "a.txt")
    result = CliRunner().invoke(app, ["scan", str(first), str(second), "--format", "jsonl"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) > 20
    assert started_pools == []


def test_scan_brings_in_a_worker_per_core_once_the_text_is_big(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    started_pools: list[int],
    pool_of_all_cores: list[int],
) -> None:
    first, second = article_and_markdown(tmp_path, "2020-11-24-a.txt")
    monkeypatch.setattr(moneyfix.chunked, "CHUNKED_FROM", 100)
    small_chunks = functools.partial(moneyfix.chunked.chunk_documents, size=60)
    monkeypatch.setattr(moneyfix.chunked, "chunk_documents", small_chunks)
    args = ["scan", str(first), str(second), "--format", "jsonl", "--to", "USD"]
    alone = CliRunner().invoke(app, [*args, "-j", "1"], catch_exceptions=False)
    monkeypatch.setattr(moneyfix.sharing, "WORKERS_AFTER", 200)
    default = CliRunner().invoke(app, args, catch_exceptions=False)
    assert default.exit_code == alone.exit_code == 0
    assert default.stdout == alone.stdout
    assert started_pools == pool_of_all_cores


def test_scan_wants_one_job_at_least(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(article(), encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(path), "--format", "jsonl", "-j", "0"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "moneyfix: option --jobs: expected a whole number >= 1"


def counted(reads: list[str]) -> Callable[..., Iterator[Chunk]]:
    """``read_chunks`` noting the files it reads."""

    def reading(path: Path, name: str, kind: str, size: int = CHUNK_SIZE) -> Iterator[Chunk]:
        reads.append(name)
        return read_chunks(path, name, kind, size)

    return reading


def records_file(tmp_path: Path) -> Path:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": n, "date": "2020-11-24", "body": DATELINE + text}, ensure_ascii=n % 2)
        for n, text in enumerate(PARAGRAPHS * 3)
    ]
    lines.insert(4, "")  # a blank line is no record, but counts as a line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("size", [1, 100, 1_000_000])
def test_a_jsonl_file_in_chunks_gives_each_record_its_report(tmp_path: Path, size: int) -> None:
    path = records_file(tmp_path)
    config = Config(text_field="body")
    table = load_table()
    documents = read_document(path, text_field="body")
    whole = [check_document(doc, config, table) for doc, _ in documents]
    chunked = check_file(path, str(path), config, table, size=size)
    assert [r.path for r in chunked] == [r.path for r in whole]
    assert chunked[-1].path == f"{path}:16"
    assert all(r.excerpts is not None and not r.text for r in chunked)
    assert [r.findings for r in chunked] == [r.findings for r in whole]
    for fmt in FORMATS:
        assert render_findings(chunked, fmt) == render_findings(whole, fmt), fmt


def test_a_broken_record_is_named_by_its_line_in_chunks(tmp_path: Path) -> None:
    path = records_file(tmp_path)
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines[11] = '{"body": "an unclosed string}\n'
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DocumentError, match=rf"^{re.escape(str(path))}:12: invalid JSON"):
        check_file(path, str(path), Config(text_field="body"), load_table(), size=100)


# --- the streamed report: check writes a big file's findings as each chunk is checked ---


def in_chunks(monkeypatch: pytest.MonkeyPatch, size: int = 60) -> list[int]:
    """Every file of 100 bytes or more checked in chunks of ``size`` code points; the
    list fills with the number of reports each such file gives."""
    made: list[int] = []

    def parts(*args: object, **kwargs: object) -> Iterator[tuple[FileReport, bool]]:
        made.append(0)
        for item in check_parts(*args, **{**kwargs, "size": size}):  # type: ignore[arg-type]
            made[-1] += 1
            yield item

    monkeypatch.setattr(moneyfix.chunked, "CHUNKED_FROM", 100)
    monkeypatch.setattr(moneyfix.chunked, "check_parts", parts)
    return made


def check_cli(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", *args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", [*FORMATS, "html"])
def test_check_streams_a_big_file_giving_the_whole_file_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    big = tmp_path / "big.txt"
    big.write_text(article(), encoding="utf-8")
    small = tmp_path / "small.md"
    small.write_text("The fund got 100 billion tenge (US$235.59).\n", encoding="utf-8")
    args = ("--output-format", fmt, str(big), str(small), "--date", "2020-11-24")
    whole = check_cli(*args)
    made = in_chunks(monkeypatch)
    chunked = check_cli(*args)
    assert made[0] > 5  # the big file in many parts; the small one read whole
    assert whole[0] == chunked[0] == 1
    if fmt == "html":  # the page's date and the rate chart differ; the review list not
        assert re.findall(r'"code":"(MF\d+)"', chunked[1]) == re.findall(
            r'"code":"(MF\d+)"', whole[1]
        )
        return
    assert chunked == whole


@pytest.mark.parametrize(
    "extra",
    [
        (),
        ("--statistics",),
        ("--statistics", "--output-format", "json"),
        ("-q",),
        ("--select", "MF003"),
    ],
)
def test_counts_of_a_streamed_check_are_those_of_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: tuple[str, ...]
) -> None:
    path = tmp_path / "article.txt"
    path.write_text(article(copies=6), encoding="utf-8")
    whole = check_cli(str(path), *extra)
    in_chunks(monkeypatch)
    assert check_cli(str(path), *extra) == whole
    assert ("Found 18 problems" in whole[1]) == (not extra)


def test_a_big_jsonl_file_is_streamed_a_record_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = records_file(tmp_path)
    args = ("--text-field", "body", "--output-format", "concise", str(path))
    whole = check_cli(*args)
    made = in_chunks(monkeypatch)
    assert check_cli(*args) == whole
    assert made == [15]  # one report per record


def test_a_broken_record_of_a_big_jsonl_file_is_its_only_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records are read once before any report is written: the file's error takes
    the place of its findings, as for a file read whole."""
    path = records_file(tmp_path)
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines[11] = '{"body": "an unclosed string}\n'
    path.write_text("".join(lines), encoding="utf-8")
    in_chunks(monkeypatch)
    code, out, err = check_cli("--text-field", "body", "--output-format", "concise", str(path))
    assert code == 2
    message = f"{path}:12: invalid JSON (Unterminated string starting at at column 10)"
    assert out.splitlines() == [f"{path}: error: {message}", "1 file could not be read."]
    assert err == f"moneyfix: {message}\n"


def breaking_at_the_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An article whose last paragraph (in the last chunk) makes the checker raise."""
    path = tmp_path / "article.txt"
    path.write_text(article() + "\nThe last paragraph breaks the checker.\n", "utf-8")
    checking = moneyfix.check.check_document

    def failing(doc: Document, *args: object, **kwargs: object) -> FileReport:
        if "breaks the checker" in doc.text:
            raise ZeroDivisionError("a bug")
        return checking(doc, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(moneyfix.check, "check_document", failing)
    return path


def test_a_failure_partway_keeps_what_was_written_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug on a later chunk: the findings of the chunks before are in the report, then
    the file's one-line error; exit 2, no traceback."""
    path = breaking_at_the_end(tmp_path, monkeypatch)
    in_chunks(monkeypatch)
    code, out, err = check_cli("--output-format", "concise", str(path))
    assert code == 2
    lines = out.splitlines()
    assert len(lines) > 8 and all(": MF00" in line for line in lines[:-3])
    assert lines[-3:] == [
        f"{path}: error: internal error (ZeroDivisionError: a bug); nothing written",
        lines[-2],
        "1 file could not be read.",
    ]
    assert lines[-2].startswith("Found ")
    assert err == f"moneyfix: {path}: internal error (ZeroDivisionError: a bug); nothing written\n"


def in_workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """As :func:`in_chunks`, each chunk handed to a worker on its own (as a real chunk of
    1 MB is), so that several are read ahead and in flight."""
    monkeypatch.setattr(moneyfix.sharing, "BATCH", 1)
    return in_chunks(monkeypatch)


def two_jobs_pool() -> list[int]:
    """What ``started_pools`` holds after one run with ``-j 2`` that started a pool."""
    cores = os.cpu_count() or 1
    return [2] if cores > 1 else []


@pytest.mark.parametrize("fmt", ["full", "json"])
def test_a_big_file_checked_over_workers_gives_the_report_of_one_process(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    started_pools: list[int],
    pool_of_all_cores: list[int],
) -> None:
    path = tmp_path / "article.txt"
    path.write_text(article(copies=6), encoding="utf-8")
    made = in_workers(monkeypatch)
    alone = check_cli("--output-format", fmt, "-j", "1", str(path))
    assert started_pools == [] and made[0] > 10  # reports of chunks
    shared = check_cli("--output-format", fmt, "-j", "2", str(path))
    assert started_pools == two_jobs_pool()
    monkeypatch.setattr(moneyfix.jobs, "WORKERS_AFTER", 200)  # a big file
    default = check_cli("--output-format", fmt, str(path))
    assert started_pools == two_jobs_pool() + pool_of_all_cores
    assert shared == default == alone
    assert alone[0] == 1 and "MF001" in alone[1] and "MF003" in alone[1]


def test_records_checked_over_workers_give_the_reports_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started_pools: list[int]
) -> None:
    path = records_file(tmp_path)
    args = ("--text-field", "body", "--output-format", "json", str(path))
    in_workers(monkeypatch)
    alone = check_cli(*args, "-j", "1")
    assert check_cli(*args, "-j", "2") == alone
    assert started_pools == two_jobs_pool()
    assert alone[0] == 1 and len(json.loads(alone[1])["files"]) == 15


def test_a_read_error_partway_comes_after_the_chunks_before_it_with_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers take chunks read ahead; the reports before the failing chunk are still
    all written, then the file's error, as with one process."""
    path = tmp_path / "article.txt"
    path.write_text(article(copies=6), encoding="utf-8")
    reading = moneyfix.chunked.read_chunks

    def failing(*args: object, **kwargs: object) -> Iterator[Chunk]:
        for n, chunk in enumerate(reading(*args, **kwargs)):  # type: ignore[arg-type]
            if n == 12:
                raise DocumentError(f"{path}: read error: the disk went away")
            yield chunk

    monkeypatch.setattr(moneyfix.chunked, "read_chunks", failing)
    in_workers(monkeypatch)
    alone = check_cli("--output-format", "concise", "-j", "1", str(path))
    assert check_cli("--output-format", "concise", "-j", "2", str(path)) == alone
    code, out, err = alone
    assert code == 2 and err == f"moneyfix: {path}: read error: the disk went away\n"
    assert sum(": MF00" in line for line in out.splitlines()) >= 3


def test_a_failure_partway_in_a_worker_is_the_file_error_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = breaking_at_the_end(tmp_path, monkeypatch)
    in_workers(monkeypatch)
    alone = check_cli("--output-format", "concise", "-j", "1", str(path))
    assert check_cli("--output-format", "concise", "-j", "2", str(path)) == alone
    assert alone[0] == 2 and "internal error (ZeroDivisionError: a bug)" in alone[2]


def test_an_undated_file_is_told_where_its_first_conversion_is(tmp_path: Path) -> None:
    """MF006 (and MF008) are findings of the document: when the first chunk has no
    conversion to say it of, they are placed where the first chunk that does starts,
    so a streamed report stays in text order."""
    plain = PARAGRAPHS[4]
    path = tmp_path / "article.txt"
    path.write_text("\n\n".join([plain] * 3 + [PARAGRAPHS[1]]) + "\n", encoding="utf-8")
    [report] = check_file(path, str(path), Config(), load_table(), size=60)
    [undated] = report.findings
    assert undated.code == "MF006"
    assert undated.start == undated.end == 3 * (len(plain) + 2)
    assert render_findings([report], "concise").startswith(f"{path}:7:1: MF006")


@pytest.mark.parametrize("fmt", ["concise", "json"])
def test_the_writer_writes_each_part_as_it_comes(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text(article(), encoding="utf-8")
    out = io.StringIO()
    writer = FindingsWriter(out, fmt)
    parts = list(check_parts(path, str(path), Config(), load_table(), size=60))
    written = []
    for report, part in parts:
        writer.add(report, part)
        written.append(len(out.getvalue()))
    assert written == sorted(set(written))  # every part with findings wrote them at once
    writer.close()
    [whole] = check_file(path, str(path), Config(), load_table(), size=60)
    assert out.getvalue() == render_findings([whole], fmt)


@pytest.mark.parametrize("fmt", ["sarif", "junit", "gitlab"])
def test_a_document_that_opens_with_what_the_run_found_is_written_at_the_end(
    tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_text(article(), encoding="utf-8")
    out = io.StringIO()
    writer = FindingsWriter(out, fmt)
    for report, part in check_parts(path, str(path), Config(), load_table(), size=60):
        writer.add(report, part)
    assert out.getvalue() == ""  # the rules met, or the counts, come first
    writer.close()
    [whole] = check_file(path, str(path), Config(), load_table(), size=60)
    assert out.getvalue() == render_findings([whole], fmt)


def test_stdin_fix_diff_and_a_report_file_of_a_big_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What reads a big file whole still does: stdin, fix, --diff; -o gets the report."""
    text = article()
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    in_chunks(monkeypatch)
    piped = check_cli(
        "-", "--stdin-filename", "article.txt", "--output-format", "concise", stdin=text
    )
    assert piped[0] == 1 and piped[1].count(": MF001") == 4
    diff = CliRunner().invoke(app, ["fix", "--diff", str(path)], catch_exceptions=False)
    assert diff.exit_code == 1 and diff.stdout.count("+The road fund will grow to") == 4
    assert path.read_text("utf-8") == text
    report = tmp_path / "report.txt"
    written = check_cli(str(path), "-o", str(report))
    assert written[0] == 1 and written[1] == ""
    assert report.read_text("utf-8") == check_cli(str(path))[1]
    fixed = CliRunner().invoke(app, ["fix", str(path)], catch_exceptions=False)
    assert fixed.exit_code == 1  # MF003 and MF004 are left
    assert path.read_text("utf-8").count("(US$235.59 million)") == 4
