"""Benchmark: start-up time of the CLI against a bare interpreter.

Editors run moneyfix from pre-commit hooks and editors' save actions, where every
invocation pays the start-up cost; issue 2 asks for ``moneyfix scan``/``--version`` within
150 ms of ``python -c pass``. The commands run in rounds, each command once a round (after
one warm-up round that fills the OS file cache), so that load from elsewhere on a shared
machine falls on all of them alike; the median wall time is reported with the median of
each round's difference from bare Python.

    python bench/bench_startup.py [--runs 20] [--budget-ms 150]
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


BUDGETED = (
    "moneyfix --version",
    "python -m moneyfix --version",
    "moneyfix scan <small file>",
    "moneyfix scan <small> --format jsonl",
)
"""The commands issue 2's budget is for; ``check`` (which also loads rates and rules) and
the first run are reported alongside."""
COLD = " (empty cache)"
"""Commands named with this run with a new, empty user cache each time: the first run after
installing (or after an upgrade), which builds the lexicon and compiles the patterns."""


def _rounds(
    commands: dict[str, list[str]], runs: int, scratch: Path
) -> dict[str, list[tuple[float, int]]]:
    """Wall time in ms and exit code of every command, one run of each per round."""
    times: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    with open(os.devnull, "w") as sink:
        for command in commands.values():  # warm-up
            subprocess.run(command, stdout=sink, stderr=sink)
        for round_ in range(runs):
            for name, command in commands.items():
                env = None
                if name.endswith(COLD):
                    env = {**os.environ, "XDG_CACHE_HOME": str(scratch / f"cache-{round_}")}
                start = time.perf_counter()
                code = subprocess.run(command, stdout=sink, stderr=sink, env=env).returncode
                times[name].append(((time.perf_counter() - start) * 1000, code))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
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
            "moneyfix check <small file>": [*cli, "check", str(article)],
            "moneyfix scan <small file>" + COLD: [*cli, "scan", str(article)],
        }
        times = _rounds(commands, args.runs, Path(tmp))

    base = times["python -c pass"]
    over_budget = False
    print(f"start-up, {args.runs} rounds (budget: {args.budget_ms:g} ms over bare python)")
    print(f"{'command':<44} {'median ms':>9} {'+ms':>7}  verdict")
    for name, runs in times.items():
        median = statistics.median(ms for ms, _ in runs)
        extra = statistics.median(ms - bare for (ms, _), (bare, _) in zip(runs, base, strict=True))
        verdict = ""
        if name in BUDGETED:
            verdict = "ok" if extra <= args.budget_ms else "SLOW"
        if any(code != 0 for _, code in runs):
            verdict += f" (exit {runs[-1][1]})"
        over_budget |= verdict.startswith("SLOW")
        print(f"{name:<44} {median:>9.1f} {extra:>+7.1f}  {verdict}")
    return 1 if over_budget else 0


if __name__ == "__main__":
    sys.exit(main())
