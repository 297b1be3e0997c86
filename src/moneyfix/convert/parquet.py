"""Parquet tables in ``convert``: every row's text fixed, every other column kept.

A Parquet file holds articles as rows (a text column, maybe a date column); it is read a
batch of rows at a time with pyarrow (the ``parquet`` extra), each row fixed by
``records.fix_record`` (the same steps as a JSONL record), and written to a temporary file
beside the target with the input's schema, renamed into place when complete. A row's
report path is ``FILE:ROW`` (1-based), like a JSONL record's ``FILE:LINE``. A row that
cannot be converted (a date value that is not a date) keeps its text and is reported;
the other rows are still converted.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moneyfix.config import Config
from moneyfix.convert.records import date_value, fix_record
from moneyfix.rates.table import RateTable

__all__ = ["MissingExtra", "ParquetResult", "TableError", "convert_parquet", "require_pyarrow"]

_BATCH_ROWS = 2048


class MissingExtra(Exception):
    """An optional dependency is not installed; the message names the extra to install."""


class TableError(Exception):
    """A table that cannot be converted (unreadable file, no such text column)."""


def require_pyarrow() -> Any:
    """The pyarrow module, or a one-line error naming the extra that brings it."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MissingExtra("Parquet needs pyarrow: pip install 'moneyfix[parquet]'") from None
    return pyarrow


@dataclass
class ParquetResult:
    """What became of one Parquet file: its rows' report documents and their errors."""

    changed: bool = False
    documents: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """One line per row that could not be converted."""
    fixes: int = 0


def convert_parquet(
    source: Path, target: Path, name: str, config: Config, table: RateTable, options: Any
) -> ParquetResult:
    """Fix the rows of ``source`` into ``target`` (written only when something changed:
    the caller copies an unchanged input byte for byte)."""
    pa = require_pyarrow()
    import pyarrow.parquet as pq

    try:
        reader = pq.ParquetFile(source)
    except (OSError, pa.ArrowException) as exc:
        raise TableError(f"{name}: cannot read as Parquet ({exc})") from None
    schema = reader.schema_arrow
    text_col, date_col = config.text_field, config.date_field
    if text_col not in schema.names:
        raise TableError(f"{name}: no column {text_col!r} (set --text-field)")
    if not pa.types.is_string(schema.field(text_col).type) and not pa.types.is_large_string(
        schema.field(text_col).type
    ):
        raise TableError(f"{name}: column {text_col!r} is not text")
    has_date = date_col in schema.names
    result = ParquetResult()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".moneyfix-tmp")
    os.close(fd)
    try:
        with pq.ParquetWriter(tmp, schema) as writer:
            row = 0
            for batch in reader.iter_batches(batch_size=_BATCH_ROWS):
                texts = batch.column(text_col).to_pylist()
                dates = batch.column(date_col).to_pylist() if has_date else [None] * len(texts)
                new_texts = []
                for text, day in zip(texts, dates, strict=True):
                    row += 1
                    fixed = fix_record(
                        f"{name}:{row}", text, date_value(day), config, table, options
                    )
                    if fixed.error is not None:
                        result.errors.append(fixed.error)
                        new_texts.append(text)
                        continue
                    result.documents.append(fixed.summary)
                    result.fixes += fixed.fixes
                    result.changed |= fixed.text != text
                    new_texts.append(fixed.text)
                column = pa.array(new_texts, type=schema.field(text_col).type)
                index = schema.get_field_index(text_col)
                writer.write_batch(batch.set_column(index, schema.field(text_col), column))
        if result.changed:
            os.chmod(tmp, os.stat(source).st_mode & 0o777)
            os.replace(tmp, target)
    except (OSError, pa.ArrowException) as exc:
        raise TableError(f"{name}: cannot convert ({exc})") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return result
