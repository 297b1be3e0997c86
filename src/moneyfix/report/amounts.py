"""Scan formats as data: ``json`` (SPEC §9 envelope), ``jsonl`` and ``csv``.

A conversion into another currency (``scan --to USD``) is computed elsewhere, from
the rates at each article's date; here it is only data to print, passed as a mapping
``(path, amount index) -> ConvertedValue``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any, NamedTuple, TextIO

from moneyfix.model import Amount, FileReport, Pair
from moneyfix.report._common import decimal_str
from moneyfix.report.positions import LineIndex


class ConvertedValue(NamedTuple):
    """An amount's value in another currency; a plain ``(value, currency, date)`` works too."""

    value: Decimal
    currency: str
    rate_date: dt.date | None = None
    """The date of the rate used (the article's date, or the latest rate before it)."""


Conversions = Mapping[tuple[str, int], ConvertedValue]

CSV_COLUMNS = (
    "path",
    "start",
    "end",
    "line",
    "column",
    "text",
    "value",
    "currency",
    "magnitude",
    "decimals",
    "approximate",
    "qualifier",
    "range_low",
    "range_high",
    "assumed_currency",
    "ambiguous",
)
CONVERTED_COLUMNS = ("converted_value", "converted_currency", "converted_rate_date")


def converted_fields(converted: ConvertedValue | None) -> dict[str, str | None]:
    if converted is None:
        return dict.fromkeys(CONVERTED_COLUMNS)
    value, currency, *rest = converted
    rate_date = rest[0] if rest else None
    return {
        "converted_value": decimal_str(value),
        "converted_currency": currency,
        "converted_rate_date": rate_date.isoformat() if rate_date is not None else None,
    }


def amount_dict(
    amount: Amount,
    index: LineIndex,
    converted: ConvertedValue | None = None,
    *,
    with_conv: bool,
    shift: int = 0,
) -> dict[str, Any]:
    """The fields of SPEC §3 plus line/column, Decimals as plain decimal strings.

    ``shift``: where the text the amount was found in starts in the file (a chunk's
    amounts are placed by the writer, not copied to move them)."""
    start, end = amount.start + shift, amount.end + shift
    line, column, end_line, end_column = index.span(start, end)
    out: dict[str, Any] = {
        "start": start,
        "end": end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "text": amount.text,
        "value": decimal_str(amount.value),
        "currency": amount.currency,
        "magnitude": amount.magnitude,
        "decimals": amount.decimals,
        "approximate": amount.approximate,
        "qualifier": amount.qualifier,
        "range": (
            {"low": decimal_str(amount.range[0]), "high": decimal_str(amount.range[1])}
            if amount.range is not None
            else None
        ),
        "assumed_currency": amount.assumed_currency,
        "ambiguous": amount.ambiguous,
    }
    if amount.subunit is not None:  # "11 cents": only there, so other amounts read as before
        out["subunit"] = amount.subunit
    if with_conv:
        out.update(converted_fields(converted))
    return out


def pair_dict(pair: Pair) -> dict[str, Any]:
    return {
        "primary": pair.primary,
        "conversion": pair.conversion,
        "kind": pair.kind,
        "implied_rate": decimal_str(pair.implied_rate) if pair.implied_rate is not None else None,
    }


def _amount_dicts(report: FileReport, conversions: Conversions | None) -> list[dict[str, Any]]:
    index = LineIndex(report.text)
    with_conv = conversions is not None
    conv = conversions or {}
    return [
        amount_dict(a, index, conv.get((report.path, i)), with_conv=with_conv)
        for i, a in enumerate(report.amounts)
    ]


def envelope(reports: list[FileReport], conversions: Conversions | None = None) -> dict[str, Any]:
    """``scan --format json``: amounts in the report's order, so pair indices hold."""
    from moneyfix.report.jsonfmt import VERSION, file_header

    files = []
    for report in reports:
        entry = file_header(report)
        if report.error is None:
            entry["amounts"] = _amount_dicts(report, conversions)
            entry["pairs"] = [pair_dict(p) for p in report.pairs]
        else:
            entry["amounts"] = []
            entry["pairs"] = []
        files.append(entry)
    return {
        "version": VERSION,
        "files": files,
        "summary": {
            "files": len(reports),
            "amounts": sum(len(r.amounts) for r in reports if r.error is None),
            "pairs": sum(len(r.pairs) for r in reports if r.error is None),
        },
    }


def render_json(reports: list[FileReport], conversions: Conversions | None = None) -> str:
    from moneyfix.report.jsontext import pretty

    return pretty(envelope(reports, conversions))


def render_jsonl(reports: list[FileReport], conversions: Conversions | None = None) -> str:
    """One object per amount with ``path`` and ``index`` (its place in the file's list)."""
    out: list[str] = []
    for report in reports:
        if report.error is not None:
            continue  # unreadable files are reported on stderr, not as amounts
        row = JsonlRow(report.path, LineIndex(report.text), with_conv=conversions is not None)
        conv = conversions or {}
        out.extend(row(a, i, conv.get((report.path, i))) for i, a in enumerate(report.amounts))
    return "".join(out)


class JsonlRow:
    """Writes an amount's ``jsonl`` line: the text ``json.dumps(ensure_ascii=False)`` gives
    for ``{"path", "index", **amount_dict(...)}``, byte for byte, without building the
    dict. A 20 MB archive holds 100,000 amounts and more; through a dict and the
    encoder each costs as much as finding it. ``shift`` as for :func:`amount_dict`."""

    __slots__ = ("_head", "_shift", "_span", "_with_conv")

    def __init__(self, path: str, index: LineIndex, *, with_conv: bool, shift: int = 0) -> None:
        self._head = row_head(path)
        self._span = index.span
        self._with_conv = with_conv
        self._shift = shift

    def __call__(self, amount: Amount, number: int, converted: ConvertedValue | None) -> str:
        return f"{self._head}{number}{self.rest(amount, converted)}"

    def rest(self, amount: Amount, converted: ConvertedValue | None) -> str:
        """The line after the row's number: what a worker scanning one chunk of a file
        writes, not knowing how many rows the chunks before it have."""
        start = amount.start + self._shift
        end = amount.end + self._shift
        line, column, end_line, end_column = self._span(start, end)
        rng = amount.range
        conv = ""
        if self._with_conv:
            fields = converted_fields(converted)
            conv = (
                f', "converted_value": {_nullable(fields["converted_value"])}'
                f', "converted_currency": {_WORDS[fields["converted_currency"]]}'
                f', "converted_rate_date": {_nullable(fields["converted_rate_date"])}'
            )
        low_high = "null" if rng is None else f'{{"low": "{rng[0]:f}", "high": "{rng[1]:f}"}}'
        subunit = "" if amount.subunit is None else f', "subunit": {_string(amount.subunit)}'
        return (
            f', "start": {start}, "end": {end}, '
            f'"line": {line}, "column": {column}, "end_line": {end_line}, '
            f'"end_column": {end_column}, "text": {_string(amount.text)}, '
            f'"value": "{amount.value:f}", "currency": {_WORDS[amount.currency]}, '
            f'"magnitude": {_WORDS[amount.magnitude]}, "decimals": {amount.decimals}, '
            f'"approximate": {_BOOL[amount.approximate]}, '
            f'"qualifier": {_WORDS[amount.qualifier]}, "range": {low_high}, '
            f'"assumed_currency": {_BOOL[amount.assumed_currency]}, '
            f'"ambiguous": {_WORDS[amount.ambiguous]}{subunit}{conv}}}\n'
        )


def row_head(path: str) -> str:
    """A ``jsonl`` row of ``path`` up to its number."""
    return f'{{"path": {_string(path)}, "index": '


_BOOL = {False: "false", True: "true"}

_string = encode_basestring
"""A JSON string as ``json.dumps(ensure_ascii=False)`` writes it."""


class _Encoded(dict[str | None, str]):
    """JSON text of a string or ``null``, kept for the few that recur (currency codes,
    magnitudes, qualifiers): a row asks for four, and a lookup is cheaper than a call.
    Bounded, so a stream of distinct strings is encoded each time, not hoarded."""

    def __missing__(self, value: str | None) -> str:
        encoded = "null" if value is None else _string(value)
        if len(self) < 4096:
            self[value] = encoded
        return encoded


_WORDS = _Encoded()


def _nullable(value: str | None) -> str:
    return "null" if value is None else _string(value)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render_csv(reports: list[FileReport], conversions: Conversions | None = None) -> str:
    """Header and one row per amount; empty cells for null, ``true``/``false`` for flags."""
    import csv
    import io

    columns = CSV_COLUMNS + (CONVERTED_COLUMNS if conversions is not None else ())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for report in reports:
        if report.error is not None:
            continue
        for obj in _amount_dicts(report, conversions):
            writer.writerow(_csv_row(report.path, obj, conversions is not None))
    return buffer.getvalue()


def _csv_row(path: str, obj: dict[str, Any], with_conversions: bool) -> list[str]:
    columns = CSV_COLUMNS + (CONVERTED_COLUMNS if with_conversions else ())
    rng = obj.pop("range")
    row = {
        "path": path,
        **obj,
        "range_low": rng["low"] if rng else None,
        "range_high": rng["high"] if rng else None,
    }
    return [_cell(row[c]) for c in columns]


_BATCH = 512
"""Rows joined into one write: a write per row cost a tenth of a money-dense scan."""


def stream_rows(
    fmt: str,
    path: str,
    text: str | LineIndex,
    amounts: Iterable[Amount],
    out: TextIO,
    convert: Callable[[Amount], ConvertedValue | None] | None = None,
    first: int = 0,
    shift: int = 0,
) -> int:
    """Write ``jsonl`` or ``csv`` rows for amounts as they come (at most ``_BATCH`` rows
    are kept), the same rows the renderers above give. Returns the number of rows; the
    csv header is the caller's (:func:`csv_header`). ``text`` may be the positions of a
    chunk of the file, whose rows are numbered from ``first``, its amounts' offsets
    counted from ``shift`` (where the chunk starts)."""
    index = LineIndex(text) if isinstance(text, str) else text
    return write_rows(fmt, path, row_texts(fmt, path, index, amounts, convert, shift), out, first)


def row_texts(
    fmt: str,
    path: str,
    index: LineIndex,
    amounts: Iterable[Amount],
    convert: Callable[[Amount], ConvertedValue | None] | None = None,
    shift: int = 0,
) -> Iterator[str]:
    """Each amount's row as :func:`write_rows` takes it: a ``csv`` line, or a ``jsonl``
    line after its number (:meth:`JsonlRow.rest`); ``shift`` as for :func:`amount_dict`."""
    with_conv = convert is not None
    if fmt == "jsonl":
        rest = JsonlRow(path, index, with_conv=with_conv, shift=shift).rest
        for amount in amounts:
            yield rest(amount, convert(amount) if convert is not None else None)
        return
    import csv

    lines = _Lines()
    writer = csv.writer(lines, lineterminator="\n")
    for amount in amounts:
        converted = convert(amount) if convert is not None else None
        obj = amount_dict(amount, index, converted, with_conv=with_conv, shift=shift)
        writer.writerow(_csv_row(path, obj, with_conv))
        yield lines.pop()


class _Lines(list[str]):
    """Where a ``csv.writer`` puts each line it writes, for :func:`row_texts` to take."""

    def write(self, line: str) -> None:
        self.append(line)


def write_rows(fmt: str, path: str, rows: Iterable[str], out: TextIO, first: int = 0) -> int:
    """Write :func:`row_texts` rows of ``path``, ``_BATCH`` at a time, ``jsonl`` ones
    numbered from ``first``. Returns the number of rows."""
    head = row_head(path) if fmt == "jsonl" else None
    batch: list[str] = []
    number = first
    for row in rows:
        batch.append(row if head is None else f"{head}{number}{row}")
        number += 1
        if len(batch) == _BATCH:
            out.write("".join(batch))
            batch.clear()
    if batch:
        out.write("".join(batch))
    return number - first


def csv_header(with_conversions: bool) -> str:
    return ",".join(CSV_COLUMNS + (CONVERTED_COLUMNS if with_conversions else ())) + "\n"
