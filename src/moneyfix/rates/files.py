"""The on-disk rate format: one ``XXX.csv`` per currency with ``date,rate,source`` rows.

The same format is used for the bundled history (``rates/``), the user cache and any pinned
directory, so a diff of ``rates/`` shows exactly which rates changed and where they came from.
``rate`` is KZT per 1 unit of the currency as plain decimal text; ``source`` is the provenance
(``nbk:<origin>`` for official NBK numbers, ``derived:<origin>`` for crosses from other data),
with ``:carried`` appended on a day the source does not list, which takes the previous row's
rate as NBK does over weekends and holidays. Official sources that disagree on a day are
recorded in ``conflicts.csv`` next to the rate files. Writes are atomic (temporary file, fsync,
``os.replace``) so a crash never leaves a torn file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import operator
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

from moneyfix import regex_cache

HEADER = "date,rate,source"
CURRENCY_RE = regex_cache.compile(r"^[A-Z]{3}$")
SOURCE_RE = regex_cache.compile(r"^(nbk|derived)(:[a-z0-9][a-z0-9_.-]*(:carried)?)?$")
CARRIED = ":carried"
CONFLICTS_FILE = "conflicts.csv"
CONFLICTS_HEADER = "date,currency,rate,source,other_rate,other_source"

# A row as stored: value (KZT per unit) and provenance label.
Entry = tuple[Decimal, str]
MergePolicy = Literal["keep", "replace"]


class RatesFileError(ValueError):
    """A rate file (or a source table) cannot be read; the message names file and line."""


def source_rank(source: str) -> int:
    """Official NBK numbers outrank derived ones whatever the order of import."""
    return 2 if source.startswith("nbk") else 1


def is_carried(source: str) -> bool:
    """The row is a day the source does not list, carrying its previous row's rate."""
    return source.endswith(CARRIED)


def source_origin(source: str) -> str:
    """The source a row comes from, carried or not (``nbk:bakdaulet``)."""
    return source.removesuffix(CARRIED)


def decimal_text(value: Decimal) -> str:
    """Plain decimal notation without exponent or trailing fractional zeros (NBK style)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def currency_path(directory: Path, currency: str) -> Path:
    return directory / f"{currency}.csv"


def list_currencies(directory: Path) -> list[str]:
    """Currencies with a file in ``directory`` (temporary and other files are ignored)."""
    if not directory.is_dir():
        return []
    found = []
    for entry in os.scandir(directory):
        name = entry.name
        if name.endswith(".csv") and CURRENCY_RE.match(name[:-4]) and entry.is_file():
            found.append(name[:-4])
    return sorted(found)


@dataclass(frozen=True, slots=True)
class Series:
    """One currency's history, sorted by date: parallel lists for bisect-speed lookups."""

    dates: list[dt.date]
    values: list[Decimal]
    sources: list[str]


MIN_RATE = Decimal("1e-7")
MAX_RATE = Decimal("1e7")
"""Any currency's KZT rate lies far inside these (IRR is ~0.001, nothing reaches 10^6)."""


class RatesFileWarning(UserWarning):
    """A bad row of the user's own rates, skipped (the message names file and line)."""


def read_rate_file(path: Path, lenient: bool = False) -> Series:
    """Parse one rate file; strict, because a silently wrong rate is worse than none.

    ``lenient`` (the user cache, written by ``rates update``): a bad row is skipped with a
    ``RatesFileWarning`` instead, so one bad fetch never breaks every later command."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
    except OSError as exc:
        raise RatesFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise RatesFileError(f"{path}: not UTF-8 text") from exc
    header, _, body = text.partition("\n")
    if header.strip().lstrip("\ufeff") != HEADER:
        raise RatesFileError(f"{path}:1: expected header {HEADER!r}")
    fast = _parse_fast(body)
    if fast is not None:
        return fast
    return _parse_checked(path, text.splitlines(), lenient)


def _parse_fast(body: str) -> Series | None:
    """Column-wise parse of a well-formed file (the common case); None on any doubt.

    The body is split into one flat field list. A line with too few or too many fields would
    shift every later field into the wrong column, where a date cannot pass as a rate and a
    date or rate cannot pass as a source label, so misalignment always fails validation.
    """
    if "\r" in body:
        return None
    if body and not body.endswith("\n"):
        body += "\n"
    fields = body.replace("\n", ",").split(",")
    fields.pop()  # the empty string after the final newline
    if len(fields) % 3 or body.count("\n") * 3 != len(fields):
        return None
    try:
        dates = list(map(dt.date.fromisoformat, fields[0::3]))
        values = list(map(Decimal, fields[1::3]))
        if values and not (min(values) >= MIN_RATE and max(values) <= MAX_RATE):
            return None
    except (ValueError, InvalidOperation):
        return None  # InvalidOperation also covers NaN, which refuses to be compared
    sources = list(map(sys.intern, fields[2::3]))
    if not all(SOURCE_RE.match(label) for label in set(sources)):
        return None
    if not all(map(operator.lt, dates, dates[1:])):  # each after the one before
        return None
    return Series(dates, values, sources)


def _parse_checked(path: Path, lines: list[str], lenient: bool = False) -> Series:
    """Row-by-row parse that names the first bad line (only runs for broken files)."""
    import warnings

    dates: list[dt.date] = []
    values: list[Decimal] = []
    sources: list[str] = []
    previous: dt.date | None = None
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        try:
            day, value, source = _row(line, previous)
        except ValueError as exc:
            if not lenient:
                raise RatesFileError(f"{path}:{number}: {exc}") from None
            warnings.warn(RatesFileWarning(f"{path}:{number}: {exc}; row skipped"), stacklevel=2)
            continue
        previous = day
        dates.append(day)
        values.append(value)
        sources.append(sys.intern(source))
    return Series(dates, values, sources)


def _row(line: str, previous: dt.date | None) -> tuple[dt.date, Decimal, str]:
    """One row's date, rate and source; ``ValueError`` saying what is wrong with it."""
    parts = line.split(",")
    if len(parts) != 3:
        raise ValueError(f"expected 3 fields, got {len(parts)}")
    try:
        day = dt.date.fromisoformat(parts[0])
    except ValueError:
        raise ValueError(f"bad date {parts[0]!r}") from None
    try:
        value = Decimal(parts[1])
    except InvalidOperation:
        raise ValueError(f"bad rate {parts[1]!r}") from None
    if not value.is_finite() or value <= 0:
        raise ValueError(f"rate must be positive, got {parts[1]!r}")
    if not MIN_RATE <= value <= MAX_RATE:
        raise ValueError(f"rate {parts[1]!r} is out of any currency's range")
    if not SOURCE_RE.match(parts[2]):
        raise ValueError(f"bad source {parts[2]!r} (want nbk[:name] or derived[:name])")
    if previous is not None and day <= previous:
        raise ValueError(f"date {day} not after {previous}")
    return day, value, parts[2]


def read_entries(path: Path) -> dict[dt.date, Entry]:
    """A rate file as a mapping (empty when the file does not exist yet)."""
    if not path.exists():
        return {}
    series = read_rate_file(path)
    return dict(zip(series.dates, zip(series.values, series.sources, strict=True), strict=True))


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` so that readers see either the old or the new file, never a mix
    (``moneyfix.fixes.write_new``: temporary file, fsync, rename; mode kept)."""
    from moneyfix.fixes import WriteError, write_new

    try:
        write_new(path, text.encode("utf-8"))
    except WriteError as exc:
        raise OSError(str(exc)) from None


def format_entries(entries: Mapping[dt.date, Entry]) -> str:
    out = [HEADER]
    for day in sorted(entries):
        value, source = entries[day]
        out.append(f"{day.isoformat()},{decimal_text(value)},{source}")
    return "\n".join(out) + "\n"


def write_rate_file(path: Path, entries: Mapping[dt.date, Entry]) -> None:
    atomic_write_text(path, format_entries(entries))


@dataclass(frozen=True, slots=True, order=True)
class Conflict:
    """Two official sources disagree on one day: the row kept and the one set aside."""

    date: dt.date
    currency: str
    rate: Decimal
    source: str
    other_rate: Decimal
    other_source: str


@dataclass
class MergeStats:
    """What a merge did, so imports and updates can report it."""

    added: int = 0
    replaced: int = 0
    kept: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    """Official rows whose value disagreed with another official row for the same date."""


def merge_entries(
    existing: dict[dt.date, Entry],
    new: Iterable[tuple[dt.date, Decimal, str]],
    policy: MergePolicy,
    stats: MergeStats,
    currency: str = "",
) -> None:
    """Merge rows in place: higher rank wins; at equal rank ``policy`` decides, except that
    a listed row replaces a carried one of the same rate."""
    for day, value, source in new:
        old = existing.get(day)
        if old is None:
            existing[day] = (value, source)
            stats.added += 1
            continue
        old_value, old_source = old
        if old_value == value and old_source == source:
            stats.kept += 1
            continue
        new_rank, old_rank = source_rank(source), source_rank(old_source)
        # The same rate listed by a source is better evidence than a day carried over.
        listed = value == old_value and is_carried(old_source) and not is_carried(source)
        wins = new_rank > old_rank or (new_rank == old_rank and (policy == "replace" or listed))
        if new_rank == old_rank == 2 and old_value != value:
            kept, lost = ((value, source), old) if wins else (old, (value, source))
            stats.conflicts.append(Conflict(day, currency, *kept, *lost))
        if wins:
            existing[day] = (value, source)
            stats.replaced += 1
        else:
            stats.kept += 1


def read_conflicts(directory: Path) -> list[Conflict]:
    """The official disagreements recorded in ``directory`` (none when there is no file)."""
    path = directory / CONFLICTS_FILE
    if not path.exists():
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RatesFileError(f"{path}: cannot read: {exc}") from None
    if not lines or lines[0] != CONFLICTS_HEADER:
        raise RatesFileError(f"{path}:1: expected header {CONFLICTS_HEADER!r}")
    found = []
    for number, line in enumerate(lines[1:], start=2):
        parts = line.split(",")
        try:
            day, code, rate, source, other_rate, other_source = parts
            found.append(
                Conflict(
                    dt.date.fromisoformat(day),
                    code,
                    Decimal(rate),
                    source,
                    Decimal(other_rate),
                    other_source,
                )
            )
        except (ValueError, InvalidOperation):
            raise RatesFileError(f"{path}:{number}: bad conflict row {line!r}") from None
    return found


def format_conflicts(conflicts: Iterable[Conflict]) -> str:
    rows = sorted(set(conflicts))
    out = [CONFLICTS_HEADER]
    out.extend(
        f"{c.date.isoformat()},{c.currency},{decimal_text(c.rate)},{c.source},"
        f"{decimal_text(c.other_rate)},{c.other_source}"
        for c in rows
    )
    return "\n".join(out) + "\n"


LOCK_TIMEOUT = 120.0
"""Seconds a merge waits for another moneyfix merging into the same directory."""


def merge_into_directory(
    directory: Path,
    rows: Mapping[str, Iterable[tuple[dt.date, Decimal, str]]],
    policy: MergePolicy,
) -> dict[str, MergeStats]:
    """Merge rows per currency into ``directory``, one atomic file replace per currency.

    Each merge reads, merges and rewrites whole files, so two runs at once (a scheduled
    ``rates update`` and a manual one, parallel CI jobs) could each write a file without
    the other's rows; merges into one directory therefore take turns under a file lock.
    """
    with _merge_lock(directory):
        return _merge(directory, rows, policy)


@contextlib.contextmanager
def _merge_lock(directory: Path) -> Iterator[None]:
    from filelock import FileLock, Timeout

    from moneyfix.user_cache import lock_file

    path = lock_file(directory)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:  # no writable cache: merge unguarded, as a single run always may
        yield
        return
    try:
        with FileLock(path, timeout=LOCK_TIMEOUT):
            yield
    except Timeout:
        raise RatesFileError(
            f"{directory}: another moneyfix has been writing rates here for over "
            f"{LOCK_TIMEOUT:g} s (lock {path}); try again when it has finished"
        ) from None


def _merge(
    directory: Path,
    rows: Mapping[str, Iterable[tuple[dt.date, Decimal, str]]],
    policy: MergePolicy,
) -> dict[str, MergeStats]:
    result: dict[str, MergeStats] = {}
    for currency in sorted(rows):
        if not CURRENCY_RE.match(currency):
            raise RatesFileError(f"bad currency code {currency!r}")
        path = currency_path(directory, currency)
        entries = read_entries(path)
        stats = MergeStats()
        merge_entries(entries, rows[currency], policy, stats, currency)
        if stats.added or stats.replaced or not path.exists():
            write_rate_file(path, entries)
        result[currency] = stats
    found = [c for stats in result.values() for c in stats.conflicts]
    if found:
        known = read_conflicts(directory)
        atomic_write_text(directory / CONFLICTS_FILE, format_conflicts([*known, *found]))
    return result
