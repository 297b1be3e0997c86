"""Benchmark: does each step's cost grow linearly? Double the input, print the time ratio.

A step that is linear takes twice as long on twice the input (ratio 2.0); one that is
quadratic takes four times as long. Issue 15 asks for every ratio to stay under 2.3.
Three series, each timed step by step through the library (one process, one core):

- ``hostile``: the inputs fault testing found quadratic (issue 13): runs of "12 млн",
  "5 billion " repeated, thousands of spaced 3-digit groups, "<b " repeated in Markdown;
  and short tables under a unit heading, each followed by an amount (issue 15);
- ``news``: one large dated document of money-dense news (``newslike``), 1 … 16 MB;
- ``pairs``: one document of 1k … 16k conversions, a quarter of them missing "million"
  (so ``fix`` has as many edits to make).

Steps: ``read`` (bytes to a Document), ``scan`` (amounts and pairs), ``check`` (all
rules but MF004), ``MF004`` (the consistency rule, timed apart inside ``check``),
``report`` (every ``check`` output format, and the ``scan`` formats), ``fix`` (edits
chosen and applied, the result checked again; MF004's share left out here too).
``floor`` is one ``re.finditer(r"\\d+")`` pass over the same text: its
ratio shows how evenly the machine ran (2.0 is a steady machine), and each size's row
shows ``check`` as a multiple of it. A series stops early when one step takes
longer than ``--budget`` seconds (shown as ``stopped``).

    python bench/bench_doubling.py                      # all series, default sizes
    python bench/bench_doubling.py --series news --mb 1,2,4,8,16
    python bench/bench_doubling.py --series pairs --pairs 1000,2000,4000,8000,16000
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import moneyfix.check
from conversions import DAY, pairs_text
from floor import floor_seconds
from moneyfix.check import check_document
from moneyfix.config import Config
from moneyfix.documents import load_document
from moneyfix.model import Document
from moneyfix.rates.table import RateTable, load_table
from moneyfix.report import CHECK_FORMATS, SCAN_FORMATS, render_amounts, render_findings
from moneyfix.runner import FixError, fix_document
from moneyfix.scanning import scan_document

MB = 1_000_000
STEPS = ("read", "scan", "check", "MF004", "report", "fix")
LINEAR = ("read", "scan", "check", "report", "fix")
"""The steps the verdict is on; MF004 (being rewritten, issue 10) is shown apart."""

HOSTILE = {
    # name: (file name, unit repeated, repetitions at the smallest size)
    '"12 млн " x N': ("runs.txt", "12 млн ", 4_000),
    '"5 billion " x N': ("runs.txt", "5 billion ", 4_000),
    '"123 " x N': ("groups.txt", "123 ", 50_000),
    '"<b " x N (Markdown)': ("tags.md", "<b ", 50_000),
    # a table under its unit's heading, then an amount: each cell was tested against
    # every amount of the document
    "table + amount x N": (
        "tables.txt",
        "Paid, billion tenge 300 200 50\nThen 7 billion tenge.\n\n",
        2_000,
    ),
}


def news_text(size: int) -> str:
    import newslike

    text: str = newslike.text_of_size(size)
    return text


_MF004_SPENT: list[float] = []
_inconsistent_pairs = moneyfix.check.inconsistent_pairs


def _timed_mf004(*args: Any) -> Any:
    """MF004 as ``check`` calls it, its time noted (the rule runs inside ``check``)."""
    started = time.perf_counter()
    found = _inconsistent_pairs(*args)
    _MF004_SPENT.append(time.perf_counter() - started)
    return found


moneyfix.check.inconsistent_pairs = _timed_mf004


MEASURABLE = 0.05
"""Seconds below which a time is too small for a ratio (timer and scheduling noise)."""
REPEAT = [1]
"""Runs of each step, the best kept (``--repeat``)."""


def _timed(step: Callable[[], object]) -> tuple[float, float]:
    """Best seconds of ``step``, less the time MF004 took in it, and that time."""
    best = (float("inf"), 0.0)
    for _ in range(REPEAT[0]):
        del _MF004_SPENT[:]
        started = time.perf_counter()
        step()
        spent = time.perf_counter() - started
        best = min(best, (spent - sum(_MF004_SPENT), sum(_MF004_SPENT)))
    return best


def measure(name: str, data: bytes, table: RateTable) -> dict[str, float]:
    """Seconds of each step on one input (one run each: the sizes are large)."""
    config = Config()
    times: dict[str, float] = {}
    docs: list[Document] = []

    def read() -> None:
        docs[:] = [d for d, _ in load_document(data, name, date=DAY)]

    times["read"], _ = _timed(read)
    (doc,) = docs
    times["scan"], _ = _timed(lambda: scan_document(doc))
    reports = []

    def check() -> None:
        reports[:] = [check_document(doc, config, table)]

    times["check"], times["MF004"] = _timed(check)
    (report,) = reports

    def render_all() -> None:
        for fmt in CHECK_FORMATS:
            render_findings([report], fmt)
        for fmt in SCAN_FORMATS:
            render_amounts([report], fmt)

    times["report"], _ = _timed(render_all)

    def fix() -> None:
        with contextlib.suppress(FixError):  # refusing is a result too, and costs as much
            fix_document(doc, report, config, table)

    times["fix"], _ = _timed(fix)
    times["floor"] = floor_seconds(doc.text)
    times["findings"] = len(report.findings)
    times["pairs"] = len(report.pairs)
    return times


def series(
    title: str, inputs: list[tuple[str, str, bytes]], table: RateTable, budget: float
) -> float:
    """Measure each input (doubling sizes) and print times and ratios; the worst ratio."""
    print(f"\n{title}")
    header = f"{'size':>14} {'pairs':>6} {'finds':>6}"
    header += "".join(f" {s:>13}" for s in (*STEPS, "floor")) + f" {'check/floor':>11}"
    print(header)
    rows: list[dict[str, float]] = []
    for label, name, data in inputs:
        times = measure(name, data, table)
        cells = []
        for step in (*STEPS, "floor"):
            cell = f"{times[step]:.3f}s"
            if rows and rows[-1][step] > MEASURABLE:
                cell += f" x{times[step] / rows[-1][step]:.2f}"
            cells.append(f" {cell:>13}")
        row = f"{label:>14} {int(times['pairs']):>6} {int(times['findings']):>6}"
        print(row + "".join(cells) + f" {times['check'] / times['floor']:>10.0f}x", flush=True)
        rows.append(times)
        if max(times[s] for s in STEPS) > budget:
            print(f"{'':>14} stopped: a step took over {budget:g} s")
            break
    # Over the whole series, per doubling (the geometric mean of the ratios above): one
    # busy moment on a shared machine moves one ratio, not this.
    overall = {
        step: (rows[-1][step] / rows[0][step]) ** (1 / (len(rows) - 1))
        for step in (*STEPS, "floor")
        if len(rows) > 1 and rows[0][step] > MEASURABLE
    }
    cells = "".join(
        f" {'x' + format(overall[step], '.2f') if step in overall else '':>13}"
        for step in (*STEPS, "floor")
    )
    print(f"{'per doubling':>28}{cells}")
    return max((overall[step] for step in LINEAR if step in overall), default=0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", default="hostile,news,pairs")
    parser.add_argument("--mb", default="1,2,4,8", help="sizes of the news series in MB")
    parser.add_argument("--pairs", default="1000,2000,4000,8000,16000")
    parser.add_argument("--doublings", type=int, default=3, help="for the hostile inputs")
    parser.add_argument("--repeat", type=int, default=1, help="runs per step, best kept")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds; stop a series")
    args = parser.parse_args(argv)
    chosen = args.series.split(",")

    REPEAT[0] = args.repeat
    table = load_table()
    table.bounds("USD")  # load the history before timing
    measure("warm-up.md", pairs_text(4).encode(), table)  # and import every step's modules
    worst = 0.0
    if "hostile" in chosen:
        for title, (name, unit, count) in HOSTILE.items():
            inputs = []
            for k in range(args.doublings + 1):
                n = count * 2**k
                inputs.append((f"{n:,}", name, (unit * n).encode()))
            worst = max(worst, series(title, inputs, table, args.budget))
    if "news" in chosen:
        inputs = [
            (f"{mb:g} MB", "news.txt", news_text(int(mb * MB)).encode())
            for mb in map(float, args.mb.split(","))
        ]
        worst = max(worst, series("newslike, one document", inputs, table, args.budget))
    if "pairs" in chosen:
        inputs = [
            (f"{int(n):,} pairs", "pairs.txt", pairs_text(int(n)).encode())
            for n in args.pairs.split(",")
        ]
        worst = max(worst, series("conversions in one document", inputs, table, args.budget))
    verdict = "under" if worst <= 2.3 else "NOT under"
    steps = ", ".join(LINEAR)
    print(f"\nworst series ratio per doubling ({steps}) {worst:.2f}: {verdict} the 2.3 target")
    return 0 if worst <= 2.3 else 1


if __name__ == "__main__":
    sys.exit(main())
