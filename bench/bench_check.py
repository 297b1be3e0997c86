"""Benchmark: ``check`` against ``scan`` and the regex floor, on one big file and on many
small ones (issue 15: check within 2x of scan on 20 MB; 1,000 files/s with ``-j 2``).

1. One generated file of general news (``newswire``, 20 MB by default), dated by its
   name: ``moneyfix scan FILE --format jsonl`` and ``moneyfix check FILE`` end to end
   (start-up, reading, rules, the report in the default ``full`` format), one after the
   other in the same run, beside the regex floor (``floor.py``) on the same text.
2. ``moneyfix check DIR`` on generated dated Markdown articles (3,000 by default, about
   1-2 KB of text each, ``make_archive``) with ``-j 1`` and ``-j 2``: files/s, beside the
   floor's files/s over the same text.
3. The library alone (``check_document`` against ``scan_document`` on the same
   ``Document`` objects, file reading and report rendering left out): money-dense
   ``newslike`` and number-heavy ``newsmix``, as ~4 KB articles and as one document.

Each command's CPU time (user + system, from ``getrusage``) is printed beside its wall
time: on a shared machine the wall clock also counts waiting for a core, CPU time does
not. Ratios are of figures measured in the same run.

    python bench/bench_check.py                            # 20 MB, 3,000 files, 1 MB
    python bench/bench_check.py --size 2 --files 1000 --library 0.5 --repeat 1

MB here means 10^6 bytes of UTF-8.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_archive
import newswire
from floor import floor_seconds
from moneyfix.check import check_document
from moneyfix.config import Config
from moneyfix.model import Document
from moneyfix.rates.table import RateTable, load_table
from moneyfix.scanning import scan_document

MB = 1_000_000
DAY = dt.date(2020, 11, 24)
ARTICLE = 4_000


def _cli() -> list[str]:
    exe = shutil.which("moneyfix")
    return [exe] if exe else [sys.executable, "-m", "moneyfix"]


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command (its output discarded)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def big_file(size_mb: float, rounds: int) -> None:
    """``scan`` and ``check`` of one big dated file, end to end, one after the other in
    each of ``rounds`` rounds (load from elsewhere falls on both): the best of each, and
    the median of the rounds' check/scan ratios."""
    text = newswire.text_of_size(int(size_mb * MB))
    size = len(text.encode("utf-8")) / MB
    floor = floor_seconds(text, 1)
    runs: dict[str, list[tuple[float, float]]] = {"scan --format jsonl": [], "check": []}
    with tempfile.TemporaryDirectory(prefix="moneyfix-check-") as tmp:
        path = Path(tmp) / f"{DAY.isoformat()}-newswire.txt"
        path.write_text(text, encoding="utf-8")
        del text
        for _ in range(rounds):
            runs["scan --format jsonl"].append(
                timed([*_cli(), "scan", str(path), "--format", "jsonl"])
            )
            runs["check"].append(timed([*_cli(), "check", str(path)]))
    print(f"one newswire file of {size:.1f} MB, dated; floor {size / floor:.1f} MB/s; "
          f"best of {rounds}")  # fmt: skip
    print(f"{'command':<22} {'wall s':>7} {'MB/s':>6} {'x floor':>7} {'CPU s':>6}")
    best = {name: min(times) for name, times in runs.items()}
    for name, (wall, cpu) in best.items():
        print(f"{name:<22} {wall:7.2f} {size / wall:6.2f} {floor / wall:7.3f} {cpu:6.2f}")
    scan, check = best["scan --format jsonl"], best["check"]
    ratio, cpu_ratio = check[0] / scan[0], check[1] / scan[1]
    median = statistics.median(c[0] / s[0] for s, c in zip(*runs.values(), strict=True))
    verdict = "within" if ratio <= 2 else "NOT within"
    print(f"check/scan: {ratio:.2f}x wall (rounds' median {median:.2f}x), {cpu_ratio:.2f}x CPU:"
          f" {verdict} the 2x target")  # fmt: skip


def many_files(count: int) -> None:
    """``check DIR`` of ``count`` small articles with one and two jobs, and with ``-j``
    left out (a worker per core from 2 MB of files on)."""
    with tempfile.TemporaryDirectory(prefix="moneyfix-check-") as tmp:
        root = Path(tmp)
        make_archive.write_tree(root, make_archive.articles(count))
        texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))]
        floor = floor_seconds("".join(texts), 1)
        size = sum(len(t.encode("utf-8")) for t in texts) / MB
        print(
            f"\n{count} dated Markdown articles, {size:.1f} MB; floor {count / floor:.0f} files/s"
        )
        print(f"{'command':<22} {'wall s':>7} {'files/s':>8} {'x floor':>7} {'CPU s':>6}")
        for name, jobs in (("-j 1", ["-j", "1"]), ("-j 2", ["-j", "2"]), ("(default)", [])):
            command = [*_cli(), "check", tmp, "--output-format", "concise", *jobs]
            wall, cpu = timed(command)
            print(f"{'check DIR ' + name:<22} {wall:7.2f} {count / wall:8.0f}"
                  f" {floor / wall:7.4f} {cpu:6.2f}")  # fmt: skip


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


def library(size_mb: float, repeat: int) -> None:
    """``check_document`` against ``scan_document`` in this process."""
    started = time.perf_counter()
    table = load_table()
    table.bounds("USD")  # force the lazily loaded history in
    print(f"\nthe library alone; rate table load: {1000 * (time.perf_counter() - started):.1f} ms")
    print(f"{'corpus':<9} {'shape':<16} {'MB':>5} {'floor MB/s':>10} {'scan MB/s':>10}"
          f" {'x floor':>7} {'check MB/s':>11} {'x floor':>7} {'check/scan':>11}"
          f" {'findings':>9}")  # fmt: skip
    for name, module in _corpora().items():
        text = module.text_of_size(int(size_mb * MB))
        size = len(text.encode("utf-8")) / MB
        shapes = {
            f"articles ~{ARTICLE // 1000}KB": _articles(text, ARTICLE),
            "one document": [_document(text, f"{name}.txt")],
        }
        for shape, docs in shapes.items():
            scan, check, findings = measure(docs, table, repeat)
            floor = floor_seconds(text, repeat)
            print(f"{name:<9} {shape:<16} {size:5.2f} {size / floor:10.1f} {size / scan:10.2f}"
                  f" {floor / scan:7.3f} {size / check:11.2f} {floor / check:7.3f}"
                  f" {check / scan:10.2f}x {findings:9d}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=20.0, help="MB of the big file (0: skip)")
    parser.add_argument("--files", type=int, default=3000, help="small articles (0: skip)")
    parser.add_argument(
        "--library", type=float, default=1.0, help="MB per corpus for the library (0: skip)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="big file and library: best of N")
    args = parser.parse_args()
    if args.size:
        big_file(args.size, args.repeat)
    if args.files:
        many_files(args.files)
    if args.library:
        library(args.library, args.repeat)
    print("floor: one re.finditer(r'\\d+') pass over the same text; x floor: speed as a share")


if __name__ == "__main__":
    main()
