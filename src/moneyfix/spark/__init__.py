"""moneyfix inside Apache Spark: check, fix and scan a DataFrame's text column.

    >>> from moneyfix import spark as mf                          # doctest: +SKIP
    >>> checked = mf.check(df, text="body", date="published")     # doctest: +SKIP
    >>> checked.select("findings").show()                         # doctest: +SKIP

Each function adds columns and keeps every other column and the row order. The work
runs on the executors in Arrow batches (``mapInArrow``); each executor's Python worker
loads the rate table once and reuses it for every batch. A row goes through the same
functions as a record of the single-machine ``convert`` (``moneyfix.convert.records``),
so the two engines give the same results. A row that cannot be handled (its date value
is not a date, its text is null) gets a message in the ``error`` column; the job goes on.

Needs the ``spark`` extra: ``pip install 'moneyfix[spark]'`` (pyspark >= 3.5, pyarrow).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from moneyfix.config import Config
from moneyfix.convert.parquet import MissingExtra

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["FINDING_FIELDS", "check", "fix", "require_pyspark", "scan"]

FINDING_FIELDS = (
    "code string, severity string, message string, start int, end int, text string, "
    "fix string, applicability string"
)
"""The struct of one element of ``findings`` (``fix``: the span as the fix rewrites it)."""
_AMOUNT_FIELDS = (
    "start int, end int, text string, value string, currency string, magnitude string, "
    "approximate boolean, qualifier string, range_low string, range_high string, "
    "assumed_currency boolean"
)


def require_pyspark() -> None:
    """A one-line error naming the extra when pyspark is not installed."""
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError:
        raise MissingExtra(
            "the Spark engine needs pyspark: pip install 'moneyfix[spark]'"
        ) from None


def check(
    df: DataFrame,
    text: str = "text",
    date: str | None = None,
    *,
    config: Config | None = None,
    rates_dir: str | None = None,
    column: str = "findings",
) -> DataFrame:
    """``df`` with ``column`` (array of findings, struct ``FINDING_FIELDS``) and ``error``."""
    from moneyfix.convert.records import check_record

    settings = _Settings(text, date, config or Config(), rates_dir)

    def row(path: str, body: str | None, day: str | None, table: Any) -> dict[str, Any]:
        findings, error = check_record(path, body, day, settings.config, table)
        return {column: findings, "error": error}

    return _map(df, settings, f"`{column}` array<struct<{FINDING_FIELDS}>>, error string", row)


def fix(
    df: DataFrame,
    text: str = "text",
    date: str | None = None,
    *,
    config: Config | None = None,
    unsafe_fixes: bool = False,
    rates_dir: str | None = None,
    column: str = "fixed_text",
) -> DataFrame:
    """``df`` with ``column`` (the text after the fixes ``convert`` applies), ``fixes``
    (how many) and ``error``; ``unsafe_fixes`` also applies the unsafe ones."""
    from moneyfix.convert.records import fix_record
    from moneyfix.convert.worker import Options

    base = config or Config()
    settings = _Settings(text, date, base.merged(unsafe_fixes=unsafe_fixes), rates_dir)
    options = Options(unsafe_fixes=unsafe_fixes, rates_dir=rates_dir)

    def row(path: str, body: str | None, day: str | None, table: Any) -> dict[str, Any]:
        fixed = fix_record(path, body, day, settings.config, table, options)
        new = body if fixed.error is not None else fixed.text
        return {column: new, "fixes": fixed.fixes, "error": fixed.error}

    return _map(df, settings, f"`{column}` string, fixes int, error string", row)


def scan(
    df: DataFrame,
    text: str = "text",
    date: str | None = None,
    *,
    lang: str = "auto",
    column: str = "amounts",
) -> DataFrame:
    """``df`` with ``column`` (every amount; values as decimal strings) and ``error``."""
    from moneyfix.convert.records import scan_record

    settings = _Settings(text, date, Config(), None)

    def row(path: str, body: str | None, day: str | None, table: Any) -> dict[str, Any]:
        amounts, error = scan_record(path, body, day, lang)
        return {column: amounts, "error": error}

    return _map(df, settings, f"`{column}` array<struct<{_AMOUNT_FIELDS}>>, error string", row)


class _Settings:
    """What every executor needs (pickled into the task): columns, config, rates."""

    def __init__(self, text: str, date: str | None, config: Config, rates_dir: str | None):
        self.text = text
        self.date = date
        self.config = config
        self.rates_dir = rates_dir


def _map(
    df: DataFrame,
    settings: _Settings,
    added: str,
    row: Callable[[str, str | None, str | None, Any], dict[str, Any]],
) -> DataFrame:
    """``df`` with the ``added`` columns (DDL) filled by ``row`` for every row."""
    require_pyspark()
    from pyspark.sql.types import StructType, _parse_datatype_string

    extra = _parse_datatype_string(added)
    assert isinstance(extra, StructType)
    clash = [f.name for f in extra.fields if f.name in df.columns]
    if clash:
        raise ValueError(f"the DataFrame already has a column {clash[0]!r}")
    for name in (settings.text, settings.date):
        if name is not None and name not in df.columns:
            raise ValueError(f"the DataFrame has no column {name!r}")
    schema = StructType([*df.schema.fields, *extra.fields])
    names = [f.name for f in extra.fields]

    def batches(items: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        from moneyfix.convert.records import date_value
        from moneyfix.convert.worker import table_for

        table = table_for(settings.rates_dir)
        arrow_schema = None
        for batch in items:
            texts = batch.column(settings.text).to_pylist()
            if settings.date is None:
                dates: list[Any] = [None] * len(texts)
            else:
                dates = batch.column(settings.date).to_pylist()
            values: dict[str, list[Any]] = {name: [] for name in names}
            for body, day in zip(texts, dates, strict=True):
                for name, value in row("record", body, date_value(day), table).items():
                    values[name].append(value)
            if arrow_schema is None:
                from pyspark.sql.pandas.types import to_arrow_schema

                arrow_schema = to_arrow_schema(extra)
            columns = batch.columns + [
                pa.array(values[name], type=arrow_schema.field(name).type) for name in names
            ]
            yield pa.RecordBatch.from_arrays(columns, names=[*batch.schema.names, *names])

    return df.mapInArrow(batches, schema)
