"""Benchmark: instructions executed (valgrind callgrind), a figure machine load cannot move.

Wall-clock figures on a shared machine swing by 20-30% from one minute to the next, which
hides a 10% change. Instruction counts are repeatable for the same interpreter and input,
so a before/after comparison of the scanner or of start-up can be trusted even when the
machine is busy. Reported in millions of instructions (Mi):

- start-up: ``python -c pass``, ``import typer`` (the floor of any typer command),
  ``moneyfix --version``, ``moneyfix scan`` and ``moneyfix check`` on one small dated
  article (warm user cache); a launcher script (pyenv's shims) is counted with the
  interpreter it starts;
- the scanner: ``find_amounts`` over generated general news (``newswire``) and money-dense
  text (``newslike``), minus the cost of starting and importing, beside the regex floor's
  pass over the same text (``floor.py``) as a ratio: a figure of the scanner's work that
  no load moves (instructions are not time: the floor's loop in C retires more of them
  per cycle than the interpreter does);
- with ``--pairs``: ``moneyfix check`` of one document of N conversions (``conversions``),
  N doubling, less the start-up of a check of the small article, and the ratio of each
  step to the one before: the doubling ratio of ``bench_doubling.py`` with no machine in
  it (a linear ``check`` gives 2.00; wall-clock adds the slower memory of a bigger heap).

    python bench/count_instructions.py [--kb 500] [--pairs 500,1000,2000,4000]

Needs valgrind (Debian: ``apt-get install valgrind``); runs ~50x slower than natively.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newslike
import newswire
from bench_startup import bytecode_env, measured_code
from conversions import DAY, pairs_text

ARTICLE = (
    "ASTANA, 24 November 2020. The regional budget for roads will grow to nearly\n"
    "63 billion tenge (US$148.42 million) next year, officials said on Tuesday.\n"
)
SCAN = """
import re
import sys
from moneyfix.amounts import find_amounts
text = open(sys.argv[1], encoding="utf-8").read()
find_amounts("warm-up: 5 tenge")
if sys.argv[2] == "scan":
    find_amounts(text, "en")
elif sys.argv[2] == "floor":
    for _ in re.finditer(r"\\d+", text):
        pass
"""


def instructions(command: list[str]) -> int:
    """Instructions the command executed, children included."""
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--trace-children=yes",
            "--callgrind-out-file=/dev/null",
            *command,
        ],
        capture_output=True,
        text=True,
        check=False,
        env=bytecode_env(),
    )
    counts = [
        int(line.rsplit(":", 1)[1]) for line in run.stderr.splitlines() if "Collected :" in line
    ]
    if counts:  # one per process
        return sum(counts)
    raise RuntimeError(f"no count from valgrind for {command}: {run.stderr[-300:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=500, help="size of each scanned text")
    parser.add_argument("--pairs", help="conversions per document, doubling (e.g. 500,1000,2000)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing to count", file=sys.stderr)
        return 2
    exe = shutil.which("moneyfix")
    cli = [exe] if exe else [sys.executable, "-m", "moneyfix"]
    with tempfile.TemporaryDirectory(prefix="moneyfix-count-") as tmp:
        article = Path(tmp) / "2020-11-24-roads.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        for command in ("scan", "check"):  # bytecode, user cache: as a second run finds them
            subprocess.run(
                [*cli, command, str(article)], capture_output=True, check=False, env=bytecode_env()
            )
        print(f"start-up (Mi instructions); code: {measured_code()}")
        for name, command in {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import typer'": [sys.executable, "-c", "import typer"],
            "moneyfix --version": [*cli, "--version"],
            "moneyfix scan <small file>": [*cli, "scan", str(article)],
            "moneyfix check <small file>": [*cli, "check", str(article)],
        }.items():
            print(f"  {name:<30} {instructions(command) / 1e6:8.0f}")

        script = Path(tmp) / "scan.py"
        script.write_text(SCAN, encoding="utf-8")
        print(f"find_amounts on {args.kb} KB (Mi instructions, per MB)")
        for kind, module in (("newswire", newswire), ("newslike", newslike)):
            text = Path(tmp) / f"{kind}.txt"
            text.write_text(module.text_of_size(args.kb * 1000), encoding="utf-8")
            base = [sys.executable, str(script), str(text)]
            subprocess.run([*base, "load"], check=False, env=bytecode_env())  # bytecode
            load = instructions([*base, "load"])
            scanned = instructions([*base, "scan"]) - load
            floor = instructions([*base, "floor"]) - load
            per_mb = scanned / 1e6 / (args.kb / 1000)
            print(
                f"  {kind:<30} {scanned / 1e6:8.0f}   ({per_mb:.0f} per MB;"
                f" the floor {floor / 1e6:.0f}, x{floor / scanned:.2f} in instructions)"
            )
        if args.pairs:
            _check_doubling(cli, article, [int(n) for n in args.pairs.split(",")], Path(tmp))
    return 0


def _check_doubling(cli: list[str], article: Path, counts: list[int], tmp: Path) -> None:
    """``check`` of one document of each count of conversions: instructions beyond a
    small check's, and each count's ratio to the one before."""
    options = ["--date", DAY.isoformat(), "--output-format", "json"]
    start_up = instructions([*cli, "check", str(article), *options])
    print(f"check of one document of N conversions (Mi instructions beyond {start_up / 1e6:.0f})")
    before = 0
    for count in counts:
        document = tmp / f"pairs-{count}.txt"
        document.write_text(pairs_text(count), encoding="utf-8")
        spent = instructions([*cli, "check", str(document), *options]) - start_up
        ratio = f"x{spent / before:.2f}" if before else ""
        print(f"  {count:>6,} conversions {spent / 1e6:10.0f} {ratio:>7}")
        before = spent


if __name__ == "__main__":
    sys.exit(main())
