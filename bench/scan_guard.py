"""Guard for scanner speed work: ``scan --format jsonl`` output, byte for byte.

A speed change to the scanner must not change a single amount. This runs
``moneyfix scan --format jsonl`` over about 20 MB of generated text (general news,
number-heavy news, money-dense text and multilingual typographic news,
``newswire``/``newsmix``/``newslike``/``newsintl``) and over
the shared corpus texts (dev and pool, where present), with the code of a given source
tree, and either records the output or compares it with a recording:

    python bench/scan_guard.py record /tmp/base.jsonl --src /work/main/src   # before
    python bench/scan_guard.py compare /tmp/base.jsonl                       # after

``compare`` prints the first differing line of each input and exits 1 on any
difference. Paths in the rows are relative to a scratch directory, so recordings
made in different runs compare equal.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHARED = ROOT.parent / "shared" / "corpus"
MB = 1_000_000
KINDS = ("newswire", "newsmix", "newslike", "newsintl")


def _inputs(tmp: Path, megabytes: float) -> list[str]:
    """Write the generated texts into ``tmp``; the corpus texts are read in place."""
    import importlib

    sys.path.insert(0, str(BENCH))
    names = []
    for kind in KINDS:
        generator = importlib.import_module(kind)
        name = f"{kind}.txt"
        size = int(megabytes * MB / len(KINDS))
        (tmp / name).write_text(generator.text_of_size(size), encoding="utf-8")
        names.append(name)
    for folder in (SHARED / "dev", SHARED / "pool" / "texts"):
        if folder.is_dir():
            names.extend(str(p) for p in sorted(folder.glob("*.txt")))
    return names


def scan_output(src: Path, megabytes: float) -> dict[str, bytes]:
    """The jsonl rows of each input, with the package at ``src`` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    rows: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="moneyfix-guard-") as scratch:
        tmp = Path(scratch)
        names = _inputs(tmp, megabytes)
        # One process per generated file, one for all corpus texts: a failure names its input.
        groups = [[n] for n in names if "/" not in n] + [[n for n in names if "/" in n]]
        for group in groups:
            if not group:
                continue
            run = subprocess.run(
                [sys.executable, "-m", "moneyfix", "scan", "--format", "jsonl", *group],
                cwd=tmp,
                env=env,
                capture_output=True,
                check=False,
            )
            if run.returncode != 0:
                raise SystemExit(f"scan failed on {group[0]}...: {run.stderr.decode()[-500:]}")
            key = group[0] if len(group) == 1 else "corpus"
            rows[key] = run.stdout
    return rows


def _rows(data: bytes) -> int:
    return data.count(b"\n")


def _write(path: Path, rows: dict[str, bytes]) -> None:
    with path.open("wb") as out:
        for key, data in rows.items():
            out.write(f"#== {key} {_rows(data)}\n".encode())
            out.write(data)


def _read(path: Path) -> dict[str, bytes]:
    lines: dict[str, list[bytes]] = {}
    with path.open("rb") as source:
        key = None
        for line in source:
            if line.startswith(b"#== "):
                key = line.split()[1].decode()
                lines[key] = []
            elif key is not None:
                lines[key].append(line)
    return {key: b"".join(rows) for key, rows in lines.items()}


def _first_difference(old: bytes, new: bytes) -> str:
    for number, (a, b) in enumerate(zip(old.splitlines(), new.splitlines(), strict=False), 1):
        if a != b:
            return f"line {number}:\n  - {a.decode()[:300]}\n  + {b.decode()[:300]}"
    return f"row count {_rows(old)} -> {_rows(new)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("recording", type=Path)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="package tree to run")
    parser.add_argument("--mb", type=float, default=20, help="generated text, in MB")
    args = parser.parse_args(argv)
    rows = scan_output(args.src.resolve(), args.mb)
    if args.action == "record":
        _write(args.recording, rows)
        total = sum(_rows(data) for data in rows.values())
        print(f"recorded {total} rows from {len(rows)} inputs into {args.recording}")
        return 0
    old = _read(args.recording)
    differ = 0
    for key in sorted(old.keys() | rows.keys()):
        before, after = old.get(key, b""), rows.get(key, b"")
        if before != after:
            differ += 1
            print(f"{key}: differs at {_first_difference(before, after)}")
    total = sum(_rows(data) for data in rows.values())
    print("identical" if not differ else f"{differ} inputs differ", f"({total} rows)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
