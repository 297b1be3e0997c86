"""Benchmark: peak memory and time of ``check`` and ``scan`` on one huge file.

A dated article of N MB of generated news (``newslike``: money-dense, or ``newswire``:
general news) is written to a temporary file, paragraph by paragraph, and each command
runs on it in a fresh process under ``/usr/bin/time -v`` (its peak RSS is the figure):

- ``moneyfix check FILE --output-format json -o /dev/null``
- ``moneyfix scan FILE --format jsonl -o /dev/null``

A file of 16 MB or more is read in chunks (``moneyfix.chunked``), so peak memory should
stay flat from 20 MB to 500 MB. The file is deleted afterwards; check ``df`` first for
the big sizes.

    python bench/bench_memory.py                   # 20 MB and 50 MB of newslike
    python bench/bench_memory.py --sizes 500 --kind newswire --commands scan

MB here means 10^6 bytes of UTF-8.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
MB = 1_000_000
DATELINE = "ALMATY, March 3, 2021\n\n"
COMMANDS = {
    "check": ["check", "--output-format", "json", "-o", os.devnull, "--exit-zero"],
    "scan": ["scan", "--format", "jsonl", "-o", os.devnull],
}


def write_article(path: Path, kind: str, size: int) -> None:
    """``size`` bytes (about) of paragraphs after a dateline, written as they come."""
    sys.path.insert(0, str(BENCH))
    paragraphs = importlib.import_module(kind).paragraphs()
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(DATELINE)
        while written < size:
            block = "\n\n".join(next(paragraphs) for _ in range(1000)) + "\n\n"
            out.write(block)
            written += len(block.encode("utf-8"))


def measure(command: str, path: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and the exit code of one run."""
    time_bin = shutil.which("time") or "/usr/bin/time"
    args = [time_bin, "-v", sys.executable, "-m", "moneyfix", *COMMANDS[command][:1], str(path)]
    args += COMMANDS[command][1:]
    began = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - began
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if peak is None:
        raise SystemExit(f"no peak RSS from {time_bin}: {done.stderr[-500:]}")
    return wall, int(peak.group(1)) * 1024 / MB, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,50", help="file sizes in MB, comma-separated")
    parser.add_argument("--kind", default="newslike", choices=("newslike", "newswire"))
    parser.add_argument("--commands", default="scan,check", help="scan, check or both")
    parser.add_argument("--dir", default=tempfile.gettempdir(), help="where the file goes")
    args = parser.parse_args()
    print(f"{'command':8} {'MB':>6} {'seconds':>8} {'MB/s':>6} {'peak RSS MB':>12}  exit")
    sys.stdout.reconfigure(line_buffering=True)
    for size in (int(s) for s in args.sizes.split(",")):
        free = shutil.disk_usage(args.dir).free
        if free < 3 * size * MB:
            raise SystemExit(f"{args.dir}: {free // MB} MB free, {3 * size} MB wanted")
        fd, name = tempfile.mkstemp(prefix="moneyfix-bench-", suffix=".txt", dir=args.dir)
        os.close(fd)
        path = Path(name)
        try:
            write_article(path, args.kind, size * MB)
            actual = path.stat().st_size / MB
            for command in args.commands.split(","):
                wall, peak, code = measure(command, path)
                speed = actual / wall
                print(f"{command:8} {actual:6.0f} {wall:8.1f} {speed:6.2f} {peak:12.0f}  {code}")
        finally:
            path.unlink()


if __name__ == "__main__":
    main()
