"""Parquet on one machine: `convert` fixes the text column, `scan -o x.parquet` lists amounts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ._helpers import run

pa = pytest.importorskip("pyarrow", reason="Parquet needs pyarrow (the parquet extra)")
pq = pytest.importorskip("pyarrow.parquet")

WRONG = "The fund will get 100 billion tenge (US$235.59) for new roofs."
RIGHT = "The fund will get 100 billion tenge (US$235.59 million) for new roofs."
CLEAN = "The city counted 5 new bridges and 40 schools."
DAY = dt.date(2020, 11, 24)


def _write(path: Path, bodies: list[str | None], dates: list[object]) -> None:
    table = pa.table(
        {
            "id": list(range(1, len(bodies) + 1)),
            "body": pa.array(bodies, type=pa.string()),
            "published": dates,
            "tags": [["economy"]] * len(bodies),
        }
    )
    pq.write_table(table, path)


def test_rows_are_fixed_and_every_other_column_kept(tmp_path: Path) -> None:
    source = tmp_path / "in" / "news.parquet"
    source.parent.mkdir()
    _write(source, [WRONG, CLEAN, RIGHT], [DAY, DAY, DAY])
    report = tmp_path / "report.json"
    code, _, err = run(
        str(source.parent),
        "--out",
        str(tmp_path / "out"),
        "--text-field",
        "body",
        "--date-field",
        "published",
        "--report",
        str(report),
        "-q",
    )
    assert code == 0, err
    out = pq.read_table(tmp_path / "out" / "news.parquet")
    assert out.schema == pq.read_table(source).schema
    assert out.column("body").to_pylist() == [RIGHT, CLEAN, RIGHT]
    assert out.column("id").to_pylist() == [1, 2, 3]
    assert out.column("tags").to_pylist() == [["economy"]] * 3
    entry = json.loads(report.read_text("utf-8"))["files"][0]
    assert entry["status"] == "changed"
    paths = [d["path"] for d in entry["documents"]]
    assert paths == [f"{source}:1", f"{source}:2", f"{source}:3"]
    assert entry["documents"][0]["fixes"] == [
        {"code": "MF001", "line": 1, "before": "", "after": " million"}
    ]


def test_an_unchanged_table_is_copied_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "clean.parquet"
    _write(source, [CLEAN, RIGHT], ["2020-11-24", "2020-11-24"])
    code, _, err = run(str(source), "--out", str(tmp_path / "out"), "--text-field", "body", "-q")
    assert code == 0, err
    assert (tmp_path / "out" / "clean.parquet").read_bytes() == source.read_bytes()


def test_a_bad_row_is_reported_and_the_others_still_fixed(tmp_path: Path) -> None:
    source = tmp_path / "mixed.parquet"
    _write(source, [WRONG, None, WRONG], ["2020-11-24", "2020-11-24", "next Tuesday"])
    code, _, err = run(
        str(source),
        "--out",
        str(tmp_path / "out"),
        "--text-field",
        "body",
        "--date-field",
        "published",
        "-q",
    )
    assert code == 2
    assert f"{source}:2: no text" in err
    assert f"{source}:3: date 'next Tuesday' is not a date" in err
    out = pq.read_table(tmp_path / "out" / "mixed.parquet")
    assert out.column("body").to_pylist() == [RIGHT, None, WRONG]


def test_a_table_without_the_text_column_fails_with_one_line(tmp_path: Path) -> None:
    source = tmp_path / "other.parquet"
    _write(source, [WRONG], [DAY])
    code, _, err = run(str(source), "--out", str(tmp_path / "out"), "-q")
    assert code == 2
    assert err.strip() == f"moneyfix: {source}: no column 'text' (set --text-field)"
    assert not (tmp_path / "out" / "other.parquet").exists()


def test_a_file_that_is_not_parquet_fails_with_one_line(tmp_path: Path) -> None:
    source = tmp_path / "broken.parquet"
    source.write_bytes(b"not a parquet file at all")
    code, _, err = run(str(source), "--out", str(tmp_path / "out"), "-q")
    assert code == 2
    assert err.startswith(f"moneyfix: {source}: cannot read as Parquet")
    assert len(err.strip().splitlines()) == 1


def test_scan_writes_typed_rows_with_exact_values(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from moneyfix.cli.app import app

    article = tmp_path / "2020-11-24-fund.txt"
    article.write_text(RIGHT + "\n", "utf-8")
    target = tmp_path / "amounts.parquet"
    result = CliRunner().invoke(
        app, ["scan", str(article), "--format", "parquet", "-o", str(target)]
    )
    assert result.exit_code == 0, result.stderr
    rows = pq.read_table(target).to_pylist()
    assert [(r["text"], r["value"], r["currency"], r["line"]) for r in rows] == [
        ("100 billion tenge", "100000000000", "KZT", 1),
        ("US$235.59 million", "235590000", "USD", 1),
    ]
    assert pq.read_table(target).schema.field("start").type == pa.int64()


def test_scan_parquet_needs_an_output_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from moneyfix.cli.app import app

    article = tmp_path / "a.txt"
    article.write_text(RIGHT, "utf-8")
    result = CliRunner().invoke(app, ["scan", str(article), "--format", "parquet"])
    assert result.exit_code == 2
    assert "give the file to write with -o FILE" in result.stderr
