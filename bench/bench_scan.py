"""Benchmark: amount-scanning throughput (MB/s) and peak memory on generated news text.

Four kinds of text: ``newswire`` (general news at an archive's density: a number every
~180 characters, money every ~900), ``newsmix`` (number-heavy news: prose with dates,
percentages and counts in nearly every sentence, money in one sentence in six),
``newslike`` (money-dense, like the annotated corpus) and ``newsintl`` (general news
in English, Russian and Kazakh, an amount every ~550 characters, with curly quotes,
dashes, no-break spaces and "₸": real news is not ASCII, and Python's string methods are
slower on text that is not). For each kind and each file size the text is written to a
temporary file and measured in a fresh child process pinned to one core, so that one
measurement's memory cannot leak into the next:

- throughput of ``moneyfix.find_amounts`` over the whole file, best of 3;
- peak RSS growth during scanning (``ru_maxrss`` after scanning minus after reading);
- ``tracemalloc`` peak during one scan, and what is still held afterwards (the results);
- the regex floor (``floor.py``) on the same text in the same process: each speed is also
  printed as a share of it, which machine load cancels out of.

Memory that does not grow with file size beyond the file itself shows as a peak/file
ratio that stays flat from 5 MB to 20 MB. Finally ``moneyfix scan FILE --format jsonl``
is timed end to end (with ``-j`` as given by ``--jobs``; without it, scan's default: one
process up to 2 MB of text, a worker per core after that), if that command exists yet.

    python bench/bench_scan.py            # 5 MB and 20 MB of each kind
    python bench/bench_scan.py --sizes 1,4 --repeat 1   # a quick look

MB here means 10^6 bytes of UTF-8.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

BENCH = Path(__file__).resolve().parent
MB = 1_000_000


def _pin_to_one_core() -> None:
    """Run on a single CPU so the figure means 'one core' on a busy machine too."""
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})


def _maxrss_bytes() -> int:
    """Peak resident set size of this process so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def child(path: str, repeat: int) -> None:
    """Measure one file in this (fresh) process and print the figures as JSON."""
    _pin_to_one_core()
    sys.path.insert(0, str(BENCH))
    import moneyfix

    moneyfix.find_amounts("warm-up: the lexicon is built on first use, 5 billion tenge")
    text = Path(path).read_text(encoding="utf-8")
    size = len(text.encode("utf-8"))
    rss_before = _maxrss_bytes()
    best = float("inf")
    count = 0
    for _ in range(repeat):
        start = time.perf_counter()
        amounts = moneyfix.find_amounts(text)
        best = min(best, time.perf_counter() - start)
        count = len(amounts)
        del amounts
    rss_growth = _maxrss_bytes() - rss_before

    from floor import floor_seconds

    floor = floor_seconds(text, repeat)
    tracemalloc.start()
    amounts = moneyfix.find_amounts(text)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "bytes": size,
                "chars": len(text),
                "amounts": count,
                "seconds": best,
                "floor_seconds": floor,
                "rss_growth": rss_growth,
                "traced_peak": peak,
                "traced_held": held,
                "amounts_held": len(amounts),
            }
        )
    )


def _generate(kind: str, size: int) -> str:
    import importlib

    sys.path.insert(0, str(BENCH))
    generator = importlib.import_module(kind)
    text: str = generator.text_of_size(size)
    return text


def _measure(path: Path, repeat: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--repeat", str(repeat)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def _scan_command() -> list[str] | None:
    """The ``moneyfix scan`` command line, or None while it is still a placeholder."""
    exe = shutil.which("moneyfix")
    command = [exe] if exe else [sys.executable, "-m", "moneyfix"]
    probe = subprocess.run([*command, "scan", "--help"], capture_output=True, text=True)
    if probe.returncode != 0 or "--format" not in probe.stdout or "placeholder" in probe.stdout:
        return None
    return command


def _time_scan(command: list[str], path: Path, repeat: int, jobs: int | None) -> tuple[float, int]:
    """Best wall time of ``moneyfix scan FILE --format jsonl [-j JOBS] > /dev/null`` and its
    exit code (``-j`` only when given: a scan from before the option is timed as ever)."""
    best = float("inf")
    code = 0
    workers = ["-j", str(jobs)] if jobs is not None else []
    for _ in range(repeat):
        with open(os.devnull, "w") as sink:
            start = time.perf_counter()
            code = subprocess.run(
                [*command, "scan", str(path), "--format", "jsonl", *workers], stdout=sink
            ).returncode
            best = min(best, time.perf_counter() - start)
    return best, code


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,20", help="file sizes in MB (default 5,20)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept")
    parser.add_argument("--kinds", default="newswire,newsmix,newslike,newsintl")
    parser.add_argument("--jobs", type=int, help="scan's worker processes (-j; default: scan's)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.repeat)
        return

    sizes = [float(s) for s in args.sizes.split(",")]
    kinds = args.kinds.split(",")
    scan = _scan_command()
    scan_note = f" (scan -j {args.jobs})" if args.jobs is not None else " (scan's default -j)"
    rows = []
    with tempfile.TemporaryDirectory(prefix="moneyfix-bench-") as tmp:
        for kind in kinds:
            for size_mb in sizes:
                path = Path(tmp) / f"{kind}-{size_mb:g}MB.txt"
                path.write_text(_generate(kind, int(size_mb * MB)), encoding="utf-8")
                figures = _measure(path, args.repeat)
                if scan is not None:
                    figures["scan_seconds"], figures["scan_exit"] = _time_scan(
                        scan, path, args.repeat, args.jobs
                    )
                rows.append((kind, figures))
                path.unlink()

    header = (
        f"{'text':<9} {'file MB':>7} {'amounts':>8} {'floor MB/s':>10} {'MB/s':>7} {'x floor':>7} "
        f"{'RSS +MB':>8} {'traced peak MB':>14} {'held MB':>8} {'peak/file':>9}"
    )
    if scan is not None:
        header += f" {'scan MB/s':>9} {'x floor':>7}"
    print(f"find_amounts, one core, best of {args.repeat}{scan_note}:")
    print(header)
    for kind, f in rows:
        line = (
            f"{kind:<9} {f['bytes'] / MB:>7.1f} {int(f['amounts']):>8} "
            f"{f['bytes'] / MB / f['floor_seconds']:>10.1f} "
            f"{f['bytes'] / MB / f['seconds']:>7.2f} {f['floor_seconds'] / f['seconds']:>7.2f} "
            f"{f['rss_growth'] / MB:>8.1f} "
            f"{f['traced_peak'] / MB:>14.1f} {f['traced_held'] / MB:>8.1f} "
            f"{f['traced_peak'] / f['bytes']:>9.2f}"
        )
        if scan is not None:
            note = "" if f["scan_exit"] == 0 else f" (exit {int(f['scan_exit'])})"
            line += (
                f" {f['bytes'] / MB / f['scan_seconds']:>9.2f}"
                f" {f['floor_seconds'] / f['scan_seconds']:>7.2f}{note}"
            )
        print(line)
    print(
        "floor: one re.finditer(r'\\d+') pass over the same text in the same process; "
        "x floor: speed as a share of it (issue 15: find_amounts >= 0.5, scan >= 0.40)."
    )
    print(
        "RSS +MB: peak resident memory added while scanning, beyond the text already read; "
        "traced peak: Python allocations during one scan; held: what the results keep."
    )
    if scan is None:
        print("note: `moneyfix scan` is still a placeholder; end-to-end timing skipped.")


if __name__ == "__main__":
    main()
