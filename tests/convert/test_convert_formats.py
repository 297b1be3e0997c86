"""``moneyfix convert`` over directories of Markdown, HTML, text and JSONL files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from moneyfix.rates.table import load_table

from ._helpers import RATES, generator, run, tree

TABLE = load_table(Path(RATES))

ARTICLE = """---
title: Road budget
date: 2020-11-24
---

# Road budget

The ministry expects road spending to grow to 100 billion tenge (US$235.59) next year.
An earlier plan was worth nearly 63 billion tenge (US$148.42 million) in all.
A separate fund of 40 billion tenge was created for bridges.
"""

CLEAN = """---
date: 2020-11-24
---

The regional office reported nearly 63 billion tenge (US$148.42 million) in grants.
"""


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def test_markdown_tree_is_fixed_and_clean_files_stay_identical(tmp_path: Path) -> None:
    gen = generator()
    src, out = tmp_path / "src", tmp_path / "out"
    items = gen.write_tree(src, gen.articles(24, "md", seed=3, table=TABLE))
    report = tmp_path / "report.json"
    code, _, err = run(str(src), "--out", str(out), "-j", "1", "--report", str(report))
    assert code == 0, err
    outputs = tree(out)
    assert set(outputs) == {a.name for a in items}
    for article in items:
        assert outputs[article.name] == article.expected.encode("utf-8"), article.name
    clean = [a for a in items if a.text == a.expected]
    assert clean, "the generator makes some clean articles"
    for article in clean:
        assert outputs[article.name] == (src / article.name).read_bytes()
    data = json.loads(report.read_text("utf-8"))
    assert data["version"] == 1
    assert data["summary"]["files"] == 24
    assert data["summary"]["fixes"] > 0
    by_path = {Path(e["path"]).relative_to(src).as_posix(): e for e in data["files"]}
    for article in items:
        entry = by_path[article.name]
        doc = entry["documents"][0]
        assert doc["date"] == article.date.isoformat()
        assert doc["date_source"] == "front-matter"
        assert entry["status"] == ("unchanged" if article.text == article.expected else "changed")
        assert all(f["code"] == "MF001" and f["after"] == " million" for f in doc["fixes"])
        assert doc["remaining"] == {}


def test_spec_example_and_add_missing(tmp_path: Path) -> None:
    _write(tmp_path / "src", {"road.md": ARTICLE})
    code, _, err = run(str(tmp_path / "src"), "--out", str(tmp_path / "a"), "-j", "1")
    assert code == 0, err
    fixed = (tmp_path / "a/road.md").read_text("utf-8")
    assert "100 billion tenge (US$235.59 million) next year" in fixed
    assert "40 billion tenge was created" in fixed  # no conversion added unless asked
    code, _, err = run(
        str(tmp_path / "src"), "--out", str(tmp_path / "b"), "-j", "1", "--add-missing"
    )
    assert code == 0, err
    fixed = (tmp_path / "b/road.md").read_text("utf-8")
    assert "(US$235.59 million) next year" in fixed
    assert "40 billion tenge (US$93.99 million) was created" in fixed
    assert fixed.count("US$") == 3
    # converting the output again changes nothing: fixing is idempotent
    code, _, _ = run(str(tmp_path / "b"), "--out", str(tmp_path / "c"), "-j", "1", "--add-missing")
    assert code == 0
    assert (tmp_path / "c/road.md").read_text("utf-8") == fixed


def test_html_markup_untouched_outside_edits(tmp_path: Path) -> None:
    gen = generator()
    src, out = tmp_path / "src", tmp_path / "out"
    items = gen.write_tree(src, gen.articles(12, "html", seed=5, table=TABLE))
    code, _, err = run(str(src), "--out", str(out), "-j", "1")
    assert code == 0, err
    for article in items:
        got = (out / article.name).read_text("utf-8")
        assert got == article.expected
        assert "&amp; more</title>" in got and "&copy; Example News" in got


def test_jsonl_keeps_other_fields_and_key_order(tmp_path: Path) -> None:
    gen = generator()
    src = tmp_path / "src" / "export.jsonl"
    expected = gen.write_jsonl(src, gen.articles(450, "jsonl", seed=7, table=TABLE))
    report = tmp_path / "r.csv"
    out = tmp_path / "out"
    code, _, err = run(
        str(src), "--out", str(out), "-j", "1", "--id-field", "id", "--report", str(report)
    )
    assert code == 0, err
    got = (out / "export.jsonl").read_text("utf-8")
    assert got == expected
    for before, after in zip(src.read_text("utf-8").splitlines(), got.splitlines(), strict=True):
        a, b = json.loads(before), json.loads(after)
        assert list(a) == list(b)
        assert {k: v for k, v in a.items() if k != "text"} == {
            k: v for k, v in b.items() if k != "text"
        }
        if a["text"] == b["text"]:
            assert before == after  # unchanged lines byte-identical
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert len(rows) == 450
    assert rows[0]["id"] == "a-00000" and rows[0]["date_source"] == "field"
    assert rows[449]["document"].endswith("export.jsonl:450")
    assert sum(int(r["fixes"]) for r in rows) > 0


def test_html_report_highlights_changes_and_escapes(tmp_path: Path) -> None:
    text = ARTICLE.replace("next year.", "next year, said the <R&D> office.")
    _write(tmp_path / "src", {"road.md": text})
    report = tmp_path / "review.html"
    code, _, err = run(
        str(tmp_path / "src"), "--out", str(tmp_path / "out"), "-j", "1", "--report", str(report)
    )
    assert code == 0, err
    page = report.read_text("utf-8")
    # the review list is data for the page's script: the change, and the text around it
    # with "<" escaped so that it cannot open or close an element
    assert 'tenge (","before":"US$235.59","after":"US$235.59 million"' in page
    assert "\\u003cR&D>" in page and "<R&D>" not in page


def test_bad_file_is_reported_and_skipped(tmp_path: Path) -> None:
    _write(tmp_path / "src", {"good.md": ARTICLE, "clean.md": CLEAN})
    (tmp_path / "src/broken.md").write_bytes(b"caf\xe9 100 billion tenge\n")
    out = tmp_path / "out"
    code, _, err = run(str(tmp_path / "src"), "--out", str(out), "-j", "1", "-q")
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "broken.md" in lines[0] and "UTF-8" in lines[0]
    assert "Traceback" not in err
    assert sorted(tree(out)) == ["clean.md", "good.md"]


def test_in_place_rewrites_only_changed_files(tmp_path: Path) -> None:
    _write(tmp_path, {"road.md": ARTICLE, "clean.md": CLEAN})
    clean_stat = (tmp_path / "clean.md").stat()
    code, _, err = run(str(tmp_path), "--in-place", "-j", "1", "-q")
    assert code == 0, err
    assert "(US$235.59 million)" in (tmp_path / "road.md").read_text("utf-8")
    assert (tmp_path / "clean.md").stat().st_mtime_ns == clean_stat.st_mtime_ns
    assert not list(tmp_path.glob(".moneyfix-convert*"))


def test_date_from_chooses_the_source(tmp_path: Path) -> None:
    body = "The fund received 100 billion tenge (US$235.59) this week.\n"
    _write(tmp_path / "src", {"2020-11-24-fund.md": body, "undated.txt": body})
    report = tmp_path / "r.json"
    args = ["--out", str(tmp_path / "out"), "-j", "1", "--report", str(report), "-q"]
    code, _, err = run(str(tmp_path / "src"), *args, "--date-from", "filename")
    assert code == 0, err
    entries = {Path(e["path"]).name: e for e in json.loads(report.read_text())["files"]}
    assert entries["2020-11-24-fund.md"]["documents"][0]["date_source"] == "filename"
    assert entries["undated.txt"]["documents"][0]["date"] is None
    code, _, err = run(str(tmp_path / "src"), *args, "--date-from", "frontmatter")
    assert code == 0
    entries = {Path(e["path"]).name: e for e in json.loads(report.read_text())["files"]}
    assert entries["2020-11-24-fund.md"]["documents"][0]["date"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "exactly one of --out DIR and --in-place"),
        (["--in-place", "--out", "x"], "exactly one of --out DIR and --in-place"),
        (["--in-place", "--date-from", "moon"], "--date-from"),
        (["--in-place", "--report", "r.pdf"], "--report"),
        (["--in-place", "-j", "0"], "--jobs"),
        (["--in-place", "--to", "dollars"], "--to"),
    ],
)
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    _write(tmp_path, {"a.md": CLEAN})
    code, _, err = run(str(tmp_path / "a.md"), *args)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_missing_input_is_reported(tmp_path: Path) -> None:
    _write(tmp_path / "src", {"a.md": CLEAN})
    out = tmp_path / "out"
    code, _, err = run(str(tmp_path / "src"), str(tmp_path / "nope"), "-", "--out", str(out), "-q")
    assert code == 2
    assert "nope: no such file or directory" in err
    assert "-: convert reads files and directories, not stdin" in err
    assert tree(out) == {"a.md": CLEAN.encode()}
