"""``scan --format parquet``: the CSV rows as a typed Parquet table (the ``parquet`` extra).

The columns are those of ``scan --format csv`` (and ``--to``'s converted columns), with
their types: offsets and line/column as integers, flags as booleans, values as decimal
strings (exact, like every other format: no float ever holds a money value). Rows are
written a file at a time, so memory stays bounded by one file's amounts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from moneyfix.model import Amount, Document
from moneyfix.report.amounts import (
    CONVERTED_COLUMNS,
    CSV_COLUMNS,
    ConvertedValue,
    amount_dict,
)
from moneyfix.report.positions import LineIndex

__all__ = ["write_parquet"]

_INTEGERS = {"start", "end", "line", "column", "decimals"}
_FLAGS = {"approximate", "assumed_currency"}


def _schema(with_conversions: bool) -> Any:
    import pyarrow as pa

    columns = CSV_COLUMNS + (CONVERTED_COLUMNS if with_conversions else ())
    return pa.schema(
        [
            (c, pa.int64() if c in _INTEGERS else pa.bool_() if c in _FLAGS else pa.string())
            for c in columns
        ]
    )


def write_parquet(
    scanned: Iterable[tuple[Document, list[Amount]]],
    target: Path,
    convert: Callable[[Document], Callable[[Amount], ConvertedValue | None] | None],
) -> int:
    """Write every amount of every document to ``target``; returns the row count.

    ``convert`` gives the valuing function of a document (``None`` without ``--to``);
    the caller writes to a temporary file and renames it, so no half table is left.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    count = 0
    writer = None
    try:
        for doc, amounts in scanned:
            value_of = convert(doc)
            if writer is None:
                schema = _schema(value_of is not None)
                writer = pq.ParquetWriter(target, schema)
            index = LineIndex(doc.text)
            rows: dict[str, list[Any]] = {name: [] for name in schema.names}
            for amount in amounts:
                converted = value_of(amount) if value_of is not None else None
                obj = amount_dict(amount, index, converted, with_conv=value_of is not None)
                span = obj.pop("range")
                obj["range_low"] = span["low"] if span else None
                obj["range_high"] = span["high"] if span else None
                obj["path"] = doc.path
                for name in schema.names:
                    rows[name].append(obj[name])
            count += len(amounts)
            writer.write_table(pa.table(rows, schema=schema))
        if writer is None:
            writer = pq.ParquetWriter(target, _schema(False))
    finally:
        if writer is not None:
            writer.close()
    return count
