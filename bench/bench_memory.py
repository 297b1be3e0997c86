"""Benchmark: peak memory and time of ``check`` and ``scan`` on one huge file.

A dated article of N MB of generated news (``newslike``: money-dense, or ``newswire``:
general news) is written to a temporary file, paragraph by paragraph, and each command
runs on it in a fresh process under ``/usr/bin/time -v`` (its peak RSS is the figure):

- ``moneyfix check FILE --output-format FORMAT -o /dev/null`` for each of ``--formats``
  (``full`` by default; ``full``, ``concise``, ``github``, ``json-lines``, ``json`` and
  ``sarif`` are written a chunk at a time, ``junit``, ``gitlab`` and ``html`` hold the
  findings until the end)
- ``moneyfix scan FILE --format jsonl -o /dev/null``

A file of 16 MB or more is read in chunks (``moneyfix.chunked``), so peak memory should
stay flat from 20 MB to 500 MB. The file is deleted afterwards (``--keep`` leaves it,
and ``--file`` measures one already there); check ``df`` first for the big sizes.

    python bench/bench_memory.py                   # 20 MB and 50 MB of newslike
    python bench/bench_memory.py --sizes 500 --kind newswire --commands scan
    python bench/bench_memory.py --file big.txt --formats full,concise,json

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


def command_args(command: str, fmt: str) -> list[str]:
    """The moneyfix arguments of one measured run (the file goes after the command)."""
    if command == "scan":
        return ["scan", "--format", "jsonl", "-o", os.devnull]
    return ["check", "--output-format", fmt, "-o", os.devnull, "--exit-zero"]


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


def measure(command: str, fmt: str, path: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and the exit code of one run."""
    time_bin = shutil.which("time") or "/usr/bin/time"
    given = command_args(command, fmt)
    args = [time_bin, "-v", sys.executable, "-m", "moneyfix", given[0], str(path), *given[1:]]
    began = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - began
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if peak is None:
        raise SystemExit(f"no peak RSS from {time_bin}: {done.stderr[-500:]}")
    return wall, int(peak.group(1)) * 1024 / MB, done.returncode


def runs(commands: str, formats: str) -> list[tuple[str, str]]:
    """(command, check format) to measure, in order."""
    out = []
    for command in commands.split(","):
        kinds = formats.split(",") if command == "check" else ["jsonl"]
        out.extend((command, fmt) for fmt in kinds)
    return out


def report(path: Path, measured: list[tuple[str, str]]) -> None:
    actual = path.stat().st_size / MB
    for command, fmt in measured:
        wall, peak, code = measure(command, fmt, path)
        speed = actual / wall
        label = f"{command} {fmt}"
        print(f"{label:18} {actual:6.0f} {wall:8.1f} {speed:6.2f} {peak:12.0f}  {code}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20,50", help="file sizes in MB, comma-separated")
    parser.add_argument("--kind", default="newslike", choices=("newslike", "newswire"))
    parser.add_argument("--commands", default="scan,check", help="scan, check or both")
    parser.add_argument("--formats", default="full", help="check's output formats, comma-separated")
    parser.add_argument("--dir", default=tempfile.gettempdir(), help="where the file goes")
    parser.add_argument("--keep", action="store_true", help="leave the generated file")
    parser.add_argument("--file", type=Path, help="measure this file instead of generating one")
    args = parser.parse_args()
    measured = runs(args.commands, args.formats)
    print(f"{'command':18} {'MB':>6} {'seconds':>8} {'MB/s':>6} {'peak RSS MB':>12}  exit")
    sys.stdout.reconfigure(line_buffering=True)
    if args.file is not None:
        report(args.file, measured)
        return
    for size in (int(s) for s in args.sizes.split(",")):
        free = shutil.disk_usage(args.dir).free
        if free < 3 * size * MB:
            raise SystemExit(f"{args.dir}: {free // MB} MB free, {3 * size} MB wanted")
        fd, name = tempfile.mkstemp(prefix="moneyfix-bench-", suffix=".txt", dir=args.dir)
        os.close(fd)
        path = Path(name)
        try:
            write_article(path, args.kind, size * MB)
            report(path, measured)
        finally:
            if args.keep:
                print(f"kept {path}")
            else:
                path.unlink()


if __name__ == "__main__":
    main()
