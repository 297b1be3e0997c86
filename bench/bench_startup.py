"""Benchmark: start-up time of the CLI against a bare interpreter.

Editors run moneyfix from pre-commit hooks and editors' save actions, where every
invocation pays the start-up cost; issue 15 asks for ``moneyfix scan``/``check`` on a small
file within 60 ms of ``python -c pass`` and ``--version`` within 40 ms. The commands run in
rounds, each command once a round (after one warm-up round that fills the OS file cache and
writes the bytecode an installed package has), so that load from elsewhere on a shared
machine falls on all of them alike; the median wall time is reported with the median of
each round's difference from bare Python. ``import typer`` alone is the floor of any
command that parses its options with typer.

    python bench/bench_startup.py [--runs 20]
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


BUDGETS_MS = {
    "moneyfix --version": 40.0,
    "python -m moneyfix --version": 40.0,
    "moneyfix scan <small file>": 60.0,
    "moneyfix scan <small> --format jsonl": 60.0,
    "moneyfix check <small file>": 60.0,
}
"""Issue 15's budgets over bare Python; the floor and the first run are reported alongside."""
COLD = " (empty cache)"
"""Commands named with this run with a new, empty user cache each time: the first run after
installing (or after an upgrade), which builds the lexicon and compiles the patterns."""


def _rounds(
    commands: dict[str, list[str]], runs: int, scratch: Path
) -> dict[str, list[tuple[float, int]]]:
    """Wall time in ms and exit code of every command, one run of each per round."""
    times: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    base = bytecode_env()
    with open(os.devnull, "w") as sink:
        for command in commands.values():  # warm-up
            subprocess.run(command, stdout=sink, stderr=sink, env=base)
        for round_ in range(runs):
            for name, command in commands.items():
                env = base
                if name.endswith(COLD):
                    env = {**base, "XDG_CACHE_HOME": str(scratch / f"cache-{round_}")}
                start = time.perf_counter()
                code = subprocess.run(command, stdout=sink, stderr=sink, env=env).returncode
                times[name].append(((time.perf_counter() - start) * 1000, code))
    return times


def measured_code() -> str:
    """Where the ``moneyfix`` the commands run is imported from: the installed entry point
    runs whatever this interpreter finds first, a checkout on ``PYTHONPATH`` (a worktree's
    ``src``) before the editable install."""
    found = subprocess.run(
        [sys.executable, "-c", "import moneyfix; print(moneyfix.__file__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        return "not importable"
    return str(Path(found.stdout.strip()).parent)


def bytecode_env() -> dict[str, str]:
    """This environment without ``PYTHONDONTWRITEBYTECODE``: an installed package has its
    bytecode, and a checkout run with it set would compile every module it changed from
    source at every start (~320 Mi instructions of a small scan), so the commands measured
    write theirs in the warm-up run."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)

    exe = shutil.which("moneyfix")
    cli = [exe] if exe else [sys.executable, "-m", "moneyfix"]
    with tempfile.TemporaryDirectory(prefix="moneyfix-startup-") as tmp:
        article = Path(tmp) / "2020-11-24-roads.txt"
        article.write_text(SMALL_ARTICLE, encoding="utf-8")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import typer' (the floor)": [sys.executable, "-c", "import typer"],
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
    print(f"start-up, {args.runs} rounds; budgets in ms over bare python; code: {measured_code()}")
    print(f"{'command':<44} {'median ms':>9} {'+ms':>7}  budget")
    for name, runs in times.items():
        median = statistics.median(ms for ms, _ in runs)
        extra = statistics.median(ms - bare for (ms, _), (bare, _) in zip(runs, base, strict=True))
        verdict = ""
        if name in BUDGETS_MS:
            budget = BUDGETS_MS[name]
            verdict = f"{budget:>4g}  " + ("ok" if extra <= budget else "SLOW")
        if any(code != 0 for _, code in runs):
            verdict += f" (exit {runs[-1][1]})"
        over_budget |= "SLOW" in verdict
        print(f"{name:<44} {median:>9.1f} {extra:>+7.1f}  {verdict}")
    return 1 if over_budget else 0


if __name__ == "__main__":
    sys.exit(main())
