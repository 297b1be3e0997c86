"""Atomic writes: a failed or interrupted write leaves the previous, valid file."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rates_helpers import day, write_rates

from moneyfix.rates import load_table
from moneyfix.rates.files import decimal_text, read_entries, write_rate_file
from moneyfix.rates.nbk import DayRates, NbkClient
from moneyfix.rates.update import update_rates


def test_decimal_text() -> None:
    assert decimal_text(Decimal("184.50")) == "184.5"
    assert decimal_text(Decimal("130.00")) == "130"
    assert decimal_text(Decimal("1.12") / 1000) == "0.00112"
    assert decimal_text(Decimal("1E+2")) == "100"


def test_failed_replace_keeps_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_rates(tmp_path, "USD", [("2020-01-01", "380", "nbk:a")])
    before = path.read_bytes()

    def broken_replace(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_rate_file(path, {day("2020-01-02"): (Decimal("381"), "nbk:a")})
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["USD.csv"]


def test_written_file_is_readable_and_sorted(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "EUR.csv"
    write_rate_file(
        path,
        {
            day("2020-01-02"): (Decimal("420"), "nbk:a"),
            day("2020-01-01"): (Decimal("419"), "nbk:a"),
        },
    )
    assert path.read_text().splitlines() == [
        "date,rate,source",
        "2020-01-01,419,nbk:a",
        "2020-01-02,420,nbk:a",
    ]
    assert (path.stat().st_mode & 0o777) == 0o644


class InterruptingClient(NbkClient):
    """Yields some days, then behaves like Ctrl-C in the middle of an update."""

    def __init__(self, good_days: int) -> None:
        super().__init__()
        self.good_days = good_days

    def fetch_days(self, days: Iterable[dt.date]) -> Iterator[DayRates]:
        for index, when in enumerate(days):
            if index == self.good_days:
                raise KeyboardInterrupt
            yield DayRates(when, "ok", {"USD": Decimal("470") + index})


def test_interrupted_update_leaves_a_valid_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    write_rates(cache, "USD", [("2026-01-01", "460", "nbk:api")])
    days = [dt.date(2026, 1, 2) + dt.timedelta(days=i) for i in range(10)]
    with pytest.raises(KeyboardInterrupt):
        update_rates(cache, days, client=InterruptingClient(good_days=5), flush_every=2)
    entries = read_entries(cache / "USD.csv")
    assert len(entries) == 6  # the old row plus the five days fetched before the interrupt
    assert load_table(cache).lookup("USD", dt.date(2026, 1, 6)).value == Decimal("474")
    assert [p.name for p in cache.iterdir()] == ["USD.csv"]


def _merge_days(directory: str, first_day: int, count: int) -> None:
    """A separate process merging ``count`` days of USD, one merge per day."""
    from moneyfix.rates.files import merge_into_directory

    start = dt.date(2020, 1, 1) + dt.timedelta(days=first_day)
    for offset in range(count):
        day_ = start + dt.timedelta(days=offset)
        merge_into_directory(Path(directory), {"USD": [(day_, Decimal("400"), "nbk:a")]}, "keep")


def test_merges_running_at_once_keep_every_row(tmp_path: Path) -> None:
    """Two processes merging into one file: each reads, merges and rewrites the whole file,
    so without taking turns one would overwrite rows the other had just added."""
    import multiprocessing

    target = tmp_path / "rates"
    workers = [
        multiprocessing.get_context("spawn").Process(
            target=_merge_days, args=(str(target), first, 40)
        )
        for first in (0, 40)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0

    assert len(read_entries(target / "USD.csv")) == 80
    assert sorted(p.name for p in target.iterdir()) == ["USD.csv"]  # the lock lives elsewhere


def test_a_merge_waiting_too_long_for_another_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    from moneyfix.rates import RatesFileError, files
    from moneyfix.user_cache import lock_file

    target = tmp_path / "rates"
    monkeypatch.setattr(files, "LOCK_TIMEOUT", 0.2)
    held = lock_file(target)
    held.parent.mkdir(parents=True)
    with FileLock(held), pytest.raises(RatesFileError, match="another moneyfix") as refused:
        files.merge_into_directory(
            target, {"USD": [(day("2020-01-02"), Decimal(1), "nbk:a")]}, "keep"
        )
    assert str(target) in str(refused.value)
    assert not (target / "USD.csv").exists()
