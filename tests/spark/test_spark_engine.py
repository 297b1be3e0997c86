"""The Spark engine gives what the single-machine ``convert`` gives, record for record.

A local Spark session (``local[2]``, Java 17 on the machine) runs the same 300
generated records as JSONL and as Parquet through ``convert --engine spark`` and through
the ordinary ``convert``; outputs and reports must be equal. The session splits inputs
into partitions of 160 KiB and Arrow batches of 64 rows, so these few hundred records
already cross partitions and batches (the order kept across them is part of what is
checked). The DataFrame functions
``check``, ``fix`` and ``scan`` are tested on rows of our own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import resource
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from convert._helpers import generator, run

WRONG = "The fund will get 100 billion tenge (US$235.59) for new roofs."
RIGHT = "The fund will get 100 billion tenge (US$235.59 million) for new roofs."
RECORDS = 300


def _have_spark() -> str | None:
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark and pyarrow are not installed (pip install 'moneyfix[spark]')"
    if shutil.which("java") is None:
        return "Spark needs a Java runtime (java is not on PATH)"
    return None


needs_spark = pytest.mark.skipif(_have_spark() is not None, reason=_have_spark() or "")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("moneyfix tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        # a short-lived JVM: the quick compiler only and one GC thread halve its CPU time
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.files.maxPartitionBytes", "160k")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _parts(directory: Path, suffix: str) -> list[Path]:
    return sorted(
        p for p in directory.iterdir() if p.name.startswith("part-") and p.suffix == suffix
    )


def _documents(report: Path) -> list[dict[str, Any]]:
    return [d for f in json.loads(report.read_text("utf-8"))["files"] for d in f["documents"]]


@needs_spark
def test_jsonl_output_and_report_equal_the_single_machine_run(spark: Any, tmp_path: Path) -> None:
    make = generator()
    source = tmp_path / "news.jsonl"
    expected = make.write_jsonl(source, make.articles(RECORDS, "jsonl", seed=7))
    code, _, err = run(
        str(source), "--out", str(tmp_path / "one"), "--report", str(tmp_path / "one.json"), "-q"
    )
    assert code == 0, err
    code, _, err = run(
        str(source),
        "--out",
        str(tmp_path / "spark"),
        "--engine",
        "spark",
        "--report",
        str(tmp_path / "spark.json"),
        "-q",
    )
    assert code == 0, err
    single = (tmp_path / "one" / "news.jsonl").read_text("utf-8")
    assert single == expected  # the generator's fully fixed text
    parts = _parts(tmp_path / "spark" / "news.jsonl", ".txt")
    assert len(parts) > 1  # several partitions, their order kept
    assert "".join(p.read_text("utf-8") for p in parts) == single
    one, many = _documents(tmp_path / "one.json"), _documents(tmp_path / "spark.json")
    assert len(one) == RECORDS
    assert many == one
    assert sum(len(d["fixes"]) for d in one) > RECORDS // 2  # the batch really had errors


@needs_spark
def test_parquet_output_and_report_equal_the_single_machine_run(spark: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    make = generator()
    articles = list(make.articles(RECORDS, "jsonl", seed=11))
    table = pa.table(
        {
            "id": [f"a-{n:05d}" for n in range(RECORDS)],
            "text": [a.body for a in articles],
            "date": [a.date for a in articles],
            "views": list(range(RECORDS)),
        }
    )
    source = tmp_path / "news.parquet"
    # four row groups, uncompressed: about 390 KB, so the job reads it in several partitions
    pq.write_table(table, source, row_group_size=RECORDS // 4, compression="none")
    code, _, err = run(
        str(source), "--out", str(tmp_path / "one"), "--report", str(tmp_path / "one.json"), "-q"
    )
    assert code == 0, err
    code, _, err = run(
        str(source),
        "--out",
        str(tmp_path / "spark"),
        "--engine",
        "spark",
        "--report",
        str(tmp_path / "spark.json"),
        "-q",
    )
    assert code == 0, err
    single = pq.read_table(tmp_path / "one" / "news.parquet")
    assert single.column("text").to_pylist() == [a.expected_body for a in articles]
    parts = _parts(tmp_path / "spark" / "news.parquet", ".parquet")
    assert len(parts) > 1  # several partitions, their order kept
    distributed = pa.concat_tables([pq.read_table(p) for p in parts])
    for column in ("id", "text", "date", "views"):
        assert distributed.column(column).to_pylist() == single.column(column).to_pylist()
    assert _documents(tmp_path / "spark.json") == _documents(tmp_path / "one.json")


@needs_spark
def test_a_bad_record_is_reported_and_the_job_goes_on(spark: Any, tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": 1, "date": "2020-11-24", "text": WRONG}),
        json.dumps({"id": 2, "date": "soon", "text": WRONG}),
        json.dumps({"id": 3, "date": "2020-11-24", "text": WRONG}),
    ]
    source.write_text("\n".join(lines) + "\n", "utf-8")
    code, _, err = run(str(source), "--out", str(tmp_path / "out"), "--engine", "spark", "-q")
    assert code == 2
    assert f"{source}:2: date 'soon' is not a date" in err
    parts = _parts(tmp_path / "out" / "mixed.jsonl", ".txt")
    out = [json.loads(line) for p in parts for line in p.read_text("utf-8").splitlines()]
    assert [r["text"] for r in out] == [RIGHT, WRONG, RIGHT]


@contextlib.contextmanager
def _file_size_limit(limit: int) -> Iterator[None]:
    """Files this process writes cannot grow past ``limit`` bytes (EFBIG; Python ignores
    SIGXFSZ); the Spark JVM, started before, keeps its own limit, so only the driver's
    report meets it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


@needs_spark
def test_a_report_that_does_not_fit_costs_the_report_only(spark: Any, tmp_path: Path) -> None:
    source = tmp_path / "news.jsonl"
    records = [{"id": n, "date": "2020-11-24", "text": WRONG} for n in range(8)]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    (tmp_path / "reports").mkdir()
    report = tmp_path / "reports" / "report.json"
    args = [str(source), "--out", str(tmp_path / "out"), "--engine", "spark"]

    with _file_size_limit(1024):  # the report of 8 fixed records needs about 2 KiB
        code, _, err = run(*args, "--report", str(report), "-q")

    assert code == 2
    assert err.splitlines() == [f"moneyfix: {report}: cannot write the report (File too large)"]
    assert list((tmp_path / "reports").iterdir()) == []  # no report, no temporary file
    parts = _parts(tmp_path / "out" / "news.jsonl", ".txt")
    out = [json.loads(line) for p in parts for line in p.read_text("utf-8").splitlines()]
    assert out == [{**r, "text": RIGHT} for r in records]


@needs_spark
def test_dataframe_check_fix_and_scan(spark: Any) -> None:
    from moneyfix import spark as mf

    rows = [
        ("a", WRONG, dt.date(2020, 11, 24)),
        ("b", RIGHT, dt.date(2020, 11, 24)),
        ("c", None, None),
    ]
    df = spark.createDataFrame(rows, "id string, body string, published date")

    checked = {r["id"]: r for r in mf.check(df, text="body", date="published").collect()}
    assert [(f["code"], f["text"], f["fix"]) for f in checked["a"]["findings"]] == [
        ("MF001", "US$235.59", "US$235.59 million")
    ]
    assert checked["b"]["findings"] == [] and checked["b"]["error"] is None
    assert checked["c"]["error"] == "record: no text"

    fixed = {r["id"]: r for r in mf.fix(df, text="body", date="published").collect()}
    assert (fixed["a"]["fixed_text"], fixed["a"]["fixes"]) == (RIGHT, 1)
    assert (fixed["b"]["fixed_text"], fixed["b"]["fixes"]) == (RIGHT, 0)
    assert fixed["a"]["body"] == WRONG  # the input column is kept as it was

    scanned = {r["id"]: r for r in mf.scan(df, text="body").collect()}
    assert [(a["text"], a["value"], a["currency"]) for a in scanned["b"]["amounts"]] == [
        ("100 billion tenge", "100000000000", "KZT"),
        ("US$235.59 million", "235590000", "USD"),
    ]


@needs_spark
def test_dataframe_functions_refuse_a_missing_or_taken_column(spark: Any) -> None:
    from moneyfix import spark as mf

    df = spark.createDataFrame([("x", "y")], "body string, findings string")
    with pytest.raises(ValueError, match="no column 'text'"):
        mf.fix(df)
    with pytest.raises(ValueError, match="already has a column 'findings'"):
        mf.check(df, text="body")


def test_without_pyspark_the_engine_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"text": RIGHT, "date": "2020-11-24"}) + "\n", "utf-8")
    monkeypatch.setitem(sys.modules, "pyspark", None)
    code, _, err = run(str(source), "--out", str(tmp_path / "out"), "--engine", "spark")
    assert code == 2
    assert err.strip() == (
        "moneyfix: the Spark engine needs pyspark: pip install 'moneyfix[spark]'"
    )
