"""``moneyfix convert --engine spark``: JSONL and Parquet inputs converted by a Spark job.

Each input (a local path or any URI Spark reads: ``hdfs://``, ``s3a://``, ...) becomes
an output of the same name under ``--out``, written by Spark as a directory of part
files whose concatenation in name order is the record layout of the input:

- JSONL: every line converted by ``records.convert_line``, the function the
  single-machine ``convert`` applies to each line of a block, so other fields, their
  order and unchanged lines stay byte for byte;
- Parquet: the text column replaced by its fixed text, every other column kept.

Rows keep their order (line numbers are given before the work is spread out). A line or
row that cannot be converted keeps its text and is reported; the job goes on, and the
run exits 2. The report (``--report``) has the single-machine layout, one entry per
input, fed from the executors' results a partition at a time. There is no resuming: a
rerun overwrites the outputs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from moneyfix.config import Config
from moneyfix.convert.progress import Counters
from moneyfix.convert.worker import Options

__all__ = ["SparkInput", "convert_with_spark", "spark_inputs"]

_JSONL = (".jsonl", ".ndjson")
_ROW = "__moneyfix_row"
_DOCS = "__moneyfix_documents"
_ERROR = "__moneyfix_error"


@dataclass(frozen=True)
class SparkInput:
    """One input of the job: where it is, its kind, and its output's name."""

    uri: str
    kind: str
    """``jsonl`` or ``parquet``."""
    name: str


def spark_inputs(paths: list[str]) -> tuple[list[SparkInput], list[str]]:
    """The JSONL and Parquet inputs of the arguments, and one-line errors for the rest.

    A local directory is searched for ``.jsonl``/``.ndjson``/``.parquet`` files (a
    directory named ``*.parquet`` is one Parquet dataset); a URI is taken as it is.
    """
    from pathlib import Path

    inputs: list[SparkInput] = []
    errors: list[str] = []
    for arg in paths:
        local = "://" not in arg
        path = Path(arg)
        if local and path.is_dir() and path.suffix.lower() != ".parquet":
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in (*_JSONL, ".parquet"))
            found = [p for p in found if not any(q.suffix == ".parquet" for q in p.parents)]
            if not found:
                errors.append(f"{arg}: no .jsonl or .parquet input in this directory")
            for item in found:
                inputs.append(_input(str(item), item.relative_to(path).as_posix()))
            continue
        if local and not path.exists():
            errors.append(f"{arg}: no such file or directory")
            continue
        suffix = Path(arg.rstrip("/")).suffix.lower()
        if suffix not in (*_JSONL, ".parquet"):
            errors.append(f"{arg}: the Spark engine reads .jsonl and .parquet inputs")
            continue
        inputs.append(_input(arg, Path(arg.rstrip("/")).name))
    return inputs, errors


def _input(uri: str, name: str) -> SparkInput:
    kind = "parquet" if name.lower().endswith(".parquet") else "jsonl"
    return SparkInput(uri, kind, name)


@dataclass
class SparkRun:
    """Totals and errors of the job, and the report entries as they come back."""

    counters: Counters = field(default_factory=Counters)
    errors: list[str] = field(default_factory=list)


def convert_with_spark(
    paths: list[str],
    out: str,
    options: Options,
    config: Config,
    master: str | None,
    report: Callable[[dict[str, Any]], None] | None = None,
    say: Callable[[str], None] | None = None,
) -> SparkRun:
    """Convert every input with a Spark session on ``master`` (default ``local[*]``)."""
    from moneyfix.spark import require_pyspark

    require_pyspark()
    say = say or (lambda line: None)
    run = SparkRun()
    inputs, errors = spark_inputs(paths)
    for error in errors:
        run.errors.append(error)
        say(error)
    if not inputs:
        return run
    session = _session(master)
    for unit in inputs:
        target = f"{out.rstrip('/')}/{unit.name}"
        try:
            entry = _convert_one(session, unit, target, options, config)
        except Exception as exc:  # a Spark failure of one input (unreadable, bad schema)
            message = f"{unit.uri}: {_first_line(exc)}"
            run.errors.append(message)
            run.counters.files += 1
            run.counters.failed += 1
            say(message)
            entry = _entry(unit, None, "failed", message, [])
        else:
            _count(run, entry, say)
        if report is not None:
            report(entry)
    return run


def _session(master: str | None) -> Any:
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("moneyfix convert").config(
        "spark.ui.showConsoleProgress", "false"
    )
    if master:
        builder = builder.master(master)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _entry(
    unit: SparkInput, output: str | None, status: str, error: str | None, docs: list[Any]
) -> dict[str, Any]:
    return {
        "path": unit.uri,
        "output": output,
        "status": status,
        "error": error,
        "documents": docs,
    }


def _count(run: SparkRun, entry: dict[str, Any], say: Callable[[str], None]) -> None:
    c = run.counters
    c.files += 1
    changed = entry["status"] == "changed"
    c.changed += changed
    c.unchanged += not changed
    for doc in entry["documents"]:
        c.documents += 1
        c.findings += sum(doc["findings"].values())
        c.fixes += len(doc["fixes"])
    for error in entry.pop("_row_errors", []):
        run.errors.append(error)
        say(error)


def _convert_one(
    session: Any, unit: SparkInput, target: str, options: Options, config: Config
) -> dict[str, Any]:
    from pyspark import StorageLevel

    if unit.kind == "jsonl":
        rows = session.read.text(unit.uri)
        text, keep = "value", ["value"]
    else:
        rows = session.read.parquet(unit.uri)
        text, keep = config.text_field, list(rows.columns)
        if text not in keep:
            raise ValueError(f"no column {text!r} (set --text-field)")
    numbered = rows.rdd.zipWithIndex().map(lambda pair: (*pair[0], pair[1] + 1))
    numbered_df = numbered.toDF([*rows.columns, _ROW])
    schema = f"{_DOCS} string, {_ERROR} string"
    from pyspark.sql.types import StructType, _parse_datatype_string

    extra = _parse_datatype_string(schema)
    assert isinstance(extra, StructType)
    out_schema = StructType([*rows.schema.fields, *extra.fields])
    work = _batches(unit, text, keep, options, config)
    done = numbered_df.mapInArrow(work, out_schema).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        documents: list[Any] = []
        row_errors: list[str] = []
        changed = False
        for row in done.select(_DOCS, _ERROR).toLocalIterator():
            if row[_ERROR] is not None:
                row_errors.append(row[_ERROR])
            docs = json.loads(row[_DOCS])
            changed |= any(doc["fixes"] for doc in docs)
            documents.extend(docs)
        writer = done.select(*keep).write.mode("overwrite")
        if unit.kind == "jsonl":
            writer.text(target)
        else:
            writer.parquet(target)
    finally:
        done.unpersist()
    entry = _entry(unit, target, "changed" if changed else "unchanged", None, documents)
    if row_errors:
        more = len(row_errors) - 1
        entry["error"] = row_errors[0] + (f" (and {more} more rows)" if more else "")
        entry["_row_errors"] = row_errors
    return entry


def _batches(
    unit: SparkInput, text: str, keep: list[str], options: Options, config: Config
) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The executor side: Arrow batches of numbered rows in, converted rows out."""
    name, kind, date_column = unit.uri, unit.kind, config.date_field

    def convert(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        from moneyfix.convert.records import convert_line, date_value, fix_record
        from moneyfix.convert.worker import table_for

        table = table_for(options.rates_dir)
        for batch in batches:
            texts = batch.column(text).to_pylist()
            numbers = batch.column(_ROW).to_pylist()
            has_date = kind == "parquet" and date_column in batch.schema.names
            dates = batch.column(date_column).to_pylist() if has_date else [None] * len(texts)
            new_texts, docs, errors = [], [], []
            for body, number, day in zip(texts, numbers, dates, strict=True):
                if kind == "jsonl":
                    new, found, error = convert_line(name, number, body, config, table, options)
                else:
                    fixed = fix_record(
                        f"{name}:{number}", body, date_value(day), config, table, options
                    )
                    error = fixed.error
                    new = body if error is not None else fixed.text
                    found = [] if error is not None else [fixed.summary]
                new_texts.append(new)
                docs.append(json.dumps(found, ensure_ascii=False))
                errors.append(error)
            columns = [
                pa.array(new_texts, type=batch.schema.field(text).type)
                if column == text
                else batch.column(column)
                for column in keep
            ]
            columns += [pa.array(docs, type=pa.string()), pa.array(errors, type=pa.string())]
            yield pa.RecordBatch.from_arrays(columns, names=[*keep, _DOCS, _ERROR])

    return convert
