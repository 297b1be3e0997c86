"""Benchmark: start-up time of the CLI against a bare interpreter.

Editors run moneyfix from pre-commit hooks and editors' save actions, where every
invocation pays the start-up cost; issue 2 asks for ``moneyfix scan``/``--version`` within
150 ms of ``python -c pass``. Each command runs 10 times (after one warm-up run that fills
the OS file cache); the median wall time is reported with its difference from bare Python.

    python bench/bench_startup.py [--runs 10] [--budget-ms 150]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SMALL_ARTICLE = (
    "ASTANA, 24 November 2020. The regional budget for roads will grow to nearly\n"
    "63 billion tenge (US$148.42 million) next year, officials said on Tuesday.\n"
)


def _median_ms(command: list[str], runs: int) -> tuple[float, int]:
    """Median wall time in ms over ``runs`` runs, and the last exit code."""
    times = []
    code = 0
    with open(os.devnull, "w") as sink:
        subprocess.run(command, stdout=sink, stderr=sink)  # warm-up
        for _ in range(runs):
            start = time.perf_counter()
            code = subprocess.run(command, stdout=sink, stderr=sink).returncode
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--budget-ms", type=float, default=150.0)
    args = parser.parse_args(argv)

    exe = shutil.which("moneyfix")
    cli = [exe] if exe else [sys.executable, "-m", "moneyfix"]
    with tempfile.TemporaryDirectory(prefix="moneyfix-startup-") as tmp:
        article = Path(tmp) / "2020-11-24-roads.txt"
        article.write_text(SMALL_ARTICLE, encoding="utf-8")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "moneyfix --version": [*cli, "--version"],
            "python -m moneyfix --version": [sys.executable, "-m", "moneyfix", "--version"],
            "moneyfix scan <small file>": [*cli, "scan", str(article)],
            "moneyfix scan <small> --format jsonl": [
                *cli,
                "scan",
                str(article),
                "--format",
                "jsonl",
            ],
        }
        results = {name: _median_ms(command, args.runs) for name, command in commands.items()}

    base = results["python -c pass"][0]
    over_budget = False
    print(f"start-up, median of {args.runs} runs (budget: {args.budget_ms:g} ms over bare python)")
    print(f"{'command':<38} {'median ms':>9} {'+ms':>7}  verdict")
    for name, (ms, code) in results.items():
        extra = ms - base
        verdict = "" if name == "python -c pass" else ("ok" if extra <= args.budget_ms else "SLOW")
        if code != 0:
            verdict += f" (exit {code})"
        over_budget |= verdict.startswith("SLOW")
        print(f"{name:<38} {ms:>9.1f} {extra:>+7.1f}  {verdict}")
    return 1 if over_budget else 0


if __name__ == "__main__":
    sys.exit(main())
