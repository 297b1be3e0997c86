"""Benchmark: the HTML review page for a large archive, built and (optionally) opened in Chromium.

The entries are what ``convert`` workers send for real findings: a few sentences of our
own (one right, MF001, MF002, MF003, MF007) are checked at their dates, turned into
review items and chart points, and repeated over ``--files`` files with spread dates,
a third of them with a finding. Prints the time to add the entries and write the page,
the peak memory of this process, the page size, and with ``--browser`` the time
headless Chromium takes to open it, filter it by rule and jump to a chart dot's entry.

    python bench/bench_review_page.py                     # 100,000 files
    python bench/bench_review_page.py --files 3000 --browser
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import tempfile
import time
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

from moneyfix.check import check_document
from moneyfix.model import Document
from moneyfix.rates.table import load_table
from moneyfix.report.html import ReviewPage
from moneyfix.report.review import review_items, review_points

_SENTENCE = "The district council approved {kzt} billion tenge ({usd}) for the new water pipes."
_START = dt.date(2016, 1, 4)


def _documents() -> list[tuple[dt.date, list[dict[str, Any]], list[list[Any]]]]:
    """(date, items, points) of one right pair and one pair of each planted code, at 30 dates."""
    table = load_table()
    out = []
    for step in range(30):
        day = _START + dt.timedelta(days=step * 107)
        rate = table.lookup("USD", day).value
        old = table.lookup("USD", dt.date(2015, 3, 2)).value

        def usd(r: Decimal, word: str = " million") -> str:
            value = (Decimal(240_000) / r).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
            return f"US${value:,}{word}"

        for written in (usd(rate), usd(rate, ""), usd(rate, " billion"), usd(old), usd(rate * 9)):
            text = _SENTENCE.format(kzt=240, usd=written)
            report = check_document(Document("story.md", text, date=day), table=table)
            items = review_items(report)
            out.append((day, items, review_points(report, items)))
    return out


def _entries(files: int) -> Any:
    docs = _documents()
    right = [d for d in docs if not d[1]]
    wrong = [d for d in docs if d[1]]
    for number in range(files):
        day, items, points = (
            wrong[number % len(wrong)] if number % 3 == 0 else right[number % len(right)]
        )
        path = f"archive/{day.year}/{day.month:02d}/story-{number:06d}.md"
        status = "changed" if any(i["code"] == "MF001" for i in items) else "unchanged"
        doc = {"path": path, "id": None, "date": day.isoformat(), "items": items, "points": points}
        yield {"path": path, "status": status, "error": None, "documents": [doc]}


def _browser(page_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        print("browser: no chromium found")
        return
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=args
        )
        page = context.new_page()
        started = time.perf_counter()
        page.goto(page_path.as_uri(), timeout=300_000)
        page.wait_for_selector("body[data-ready='1']", timeout=300_000)
        opened = time.perf_counter() - started
        started = time.perf_counter()
        page.select_option("#f-rule", "MF003")
        page.wait_for_function("document.querySelector('#list .item')?.dataset.code === 'MF003'")
        filtered = time.perf_counter() - started
        started = time.perf_counter()
        last = page.locator("a.pt-link").last
        item = last.locator("circle").get_attribute("data-item")
        last.dispatch_event("click")
        page.wait_for_selector(f"#i{item}.target")
        jumped = time.perf_counter() - started
        context.close()
    print(
        f"browser: open {opened:.2f} s, filter by rule {filtered:.2f} s, "
        f"dot -> entry {jumped:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        target = Path(work) / "review.html"
        entries = list(_entries(args.files))
        started = time.perf_counter()
        page = ReviewPage("moneyfix convert report")
        for entry in entries:
            page.add(entry)
        with open(target, "w", encoding="utf-8") as out:
            page.write(out, [("files", args.files)], [("files", str(args.files))], load_table())
        seconds = time.perf_counter() - started
        size = os.path.getsize(target)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        findings = sum(len(e["documents"][0]["items"]) for e in entries)
        print(
            f"{args.files} files, {findings} findings: page {size / 1e6:.2f} MB, "
            f"built in {seconds:.2f} s, peak memory {peak:.0f} MB (entries held by the bench)"
        )
        if args.browser:
            _browser(target)


if __name__ == "__main__":
    main()
