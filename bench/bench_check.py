"""Benchmark: ``check`` throughput (MB/s) against ``scan``'s on the same generated text.

Issue 4 asks for checking within 2x of scanning: the rules (pairs, rate windows, period
averages, consistency) must cost less than reading the amounts does. Both run through the
library on the same ``Document`` objects, so file reading and report rendering are left
out; the rate table is loaded once beforehand (its load time is printed apart).

Two corpora: ``newslike`` (money-dense) and, if present, ``newsmix`` (ordinary news).
Each is measured as articles of about 4 KB (the everyday case) and as one large
document (which shows anything worse than linear in the number of pairs, such as the
document-wide consistency rule).

    python bench/bench_check.py                 # 2 MB of each corpus, best of 3
    python bench/bench_check.py --size 0.5 --repeat 1

MB here means 10^6 bytes of UTF-8.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import floor_seconds
from moneyfix.check import check_document
from moneyfix.config import Config
from moneyfix.model import Document
from moneyfix.rates.table import RateTable, load_table
from moneyfix.scanning import scan_document

MB = 1_000_000
DAY = dt.date(2020, 11, 24)
ARTICLE = 4_000


def _corpora() -> dict[str, ModuleType]:
    found = {"newslike": importlib.import_module("newslike")}
    with contextlib.suppress(ModuleNotFoundError):
        found["newsmix"] = importlib.import_module("newsmix")
    return found


def _articles(text: str, size: int) -> list[Document]:
    """The text cut at paragraph breaks into documents of about ``size`` characters."""
    docs: list[Document] = []
    start = 0
    while start < len(text):
        cut = text.find("\n\n", start + size)
        end = len(text) if cut < 0 else cut + 2
        docs.append(_document(text[start:end], f"article-{len(docs)}.txt"))
        start = end
    return docs


def _document(text: str, name: str) -> Document:
    return Document(path=name, text=text, date=DAY, date_source="option")


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def measure(docs: list[Document], table: RateTable, repeat: int) -> tuple[float, float, int]:
    """Seconds for scan and for check over ``docs``, and the number of findings."""
    config = Config()
    scan = _best(lambda: [scan_document(d) for d in docs], repeat)
    check = _best(lambda: [check_document(d, config, table) for d in docs], repeat)
    findings = sum(len(check_document(d, config, table).findings) for d in docs)
    return scan, check, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=2.0, help="MB of text per corpus")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    parser.add_argument(
        "--files", type=int, default=3000, help="articles for the files/s figure (0: skip)"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    table = load_table()
    table.bounds("USD")  # force the lazily loaded history in
    print(f"rate table load: {1000 * (time.perf_counter() - started):.1f} ms")
    print(f"{'corpus':<9} {'shape':<16} {'MB':>5} {'floor MB/s':>10} {'scan MB/s':>10}"
          f" {'x floor':>7} {'check MB/s':>11} {'x floor':>7} {'check/scan':>11}"
          f" {'findings':>9}")  # fmt: skip
    worst = 0.0
    for name, module in _corpora().items():
        text = module.text_of_size(int(args.size * MB))
        size = len(text.encode("utf-8")) / MB
        shapes = {
            f"articles ~{ARTICLE // 1000}KB": _articles(text, ARTICLE),
            "one document": [_document(text, f"{name}.txt")],
        }
        for shape, docs in shapes.items():
            scan, check, findings = measure(docs, table, args.repeat)
            floor = floor_seconds(text, args.repeat)
            ratio = check / scan
            worst = max(worst, ratio)
            print(f"{name:<9} {shape:<16} {size:5.2f} {size / floor:10.1f} {size / scan:10.2f}"
                  f" {floor / scan:7.3f} {size / check:11.2f} {floor / check:7.3f}"
                  f" {ratio:10.2f}x {findings:9d}")  # fmt: skip
    verdict = "within" if worst <= 2 else "NOT within"
    print(f"worst check/scan time ratio {worst:.2f}x: {verdict} the 2x target")
    print("floor: one re.finditer(r'\\d+') pass over the same text; x floor: speed as a share")
    if args.files:
        files_per_second(args.files)


def files_per_second(count: int) -> None:
    """``moneyfix check DIR`` end to end (one process, start-up included) on ``count``
    dated Markdown articles of about 1 KB: the batch case of issue 15 (1,000 files/s)."""
    import shutil
    import subprocess
    import tempfile

    import make_archive

    exe = shutil.which("moneyfix")
    cli = [exe] if exe else [sys.executable, "-m", "moneyfix"]
    with tempfile.TemporaryDirectory(prefix="moneyfix-check-") as tmp:
        make_archive.write_tree(Path(tmp), make_archive.articles(count))
        started = time.perf_counter()
        subprocess.run(
            [*cli, "check", tmp, "--output-format", "concise"], capture_output=True, check=False
        )
        seconds = time.perf_counter() - started
    print(f"check of {count} Markdown articles: {seconds:.2f} s, {count / seconds:.0f} files/s")


if __name__ == "__main__":
    main()
