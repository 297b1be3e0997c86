"""Benchmark: ``convert --engine spark`` (local[2]) against ``convert -j 2`` on one JSONL file.

The same generated records (``make_archive.py``: a third clean, the rest with a
conversion missing its "million") are converted by both engines in child processes;
the outputs are checked to be equal (the Spark parts concatenated in name order). The
fixed cost of the Spark engine (JVM and session start, Python workers, the jobs of one
input) is measured on a one-record file and printed separately, so the records/s of
both engines can be compared with and without it.

    python bench/bench_spark.py                   # 100,000 records (many minutes)
    python bench/bench_spark.py --records 20000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from make_archive import articles, write_jsonl  # noqa: E402


def _convert(source: Path, out: Path, *engine: str) -> float:
    command = [sys.executable, "-m", "moneyfix", "convert", str(source), "--out", str(out), "-q"]
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    started = time.perf_counter()
    subprocess.run([*command, *engine], check=True, env=env, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _spark_text(directory: Path) -> str:
    parts = sorted(p for p in directory.iterdir() if p.name.startswith("part-"))
    return "".join(p.read_text("utf-8") for p in parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    spark = ("--engine", "spark", "--master", "local[2]")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        one = root / "one.jsonl"
        write_jsonl(one, articles(1, "jsonl", seed=3))
        fixed = _convert(one, root / "warm", *spark)
        source = root / "news.jsonl"
        write_jsonl(source, articles(args.records, "jsonl", seed=5))
        local = _convert(source, root / "local", "-j", "2")
        distributed = _convert(source, root / "spark", *spark)
        same = _spark_text(root / "spark" / "news.jsonl") == (
            root / "local" / "news.jsonl"
        ).read_text("utf-8")
    n = args.records
    print(f"records: {n:,} (outputs equal: {same})")
    print(f"convert -j 2:             {local:8.1f} s  {n / local:8.0f} records/s")
    print(f"convert --engine spark:   {distributed:8.1f} s  {n / distributed:8.0f} records/s")
    steady = max(distributed - fixed, 1e-9)
    print(f"  fixed cost (1 record):  {fixed:8.1f} s; without it {n / steady:8.0f} records/s")
    print(f"spark / local time ratio: {distributed / local:8.2f}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
