"""Rerun `check` over the unannotated pool and compare its alarms with the verdicts by hand.

    python bench/pool_check.py [../shared/corpus/pool] [--verdicts bench/pool_verdicts.csv]

Each excerpt is checked at the date and in the language its ``index.jsonl`` row gives
(undated where the row has none). Every error and warning finding is printed; then the
ones the verdict file calls false alarms, the ones it does not cover (unexplained), the
verdicts no finding matches any more, and a table of verdicts by code. The verdict file
holds facts only (pool id, span, code, verdict, a one-line reason), never the text.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from moneyfix.check import check_document
from moneyfix.config import Config
from moneyfix.model import Document, Finding
from moneyfix.rates.table import load_table

ROOT = Path(__file__).resolve().parent.parent
POOL = ROOT.parent / "shared" / "corpus" / "pool"
VERDICTS = Path(__file__).resolve().parent / "pool_verdicts.csv"
VERDICT_KINDS = ("real", "false")


class Key(NamedTuple):
    """What identifies a finding across runs: the excerpt, the span and the code."""

    id: str
    span: str
    code: str


def alarms(pool: Path) -> list[tuple[Key, Finding]]:
    """Every error/warning finding of the pool, each excerpt at its index date and language."""
    table = load_table()
    found = []
    for line in (pool / "index.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = (pool / "texts" / f"{row['id']}.txt").read_text(encoding="utf-8")
        day = dt.date.fromisoformat(row["date"]) if row.get("date") else None
        lang = row["language"].split("-")[0]
        doc = Document(row["id"], text, date=day, lang=lang)
        for finding in check_document(doc, Config(), table).findings:
            if finding.severity != "info":
                key = Key(row["id"], f"{finding.start}-{finding.end}", finding.code)
                found.append((key, finding))
    return found


def read_verdicts(path: Path) -> dict[Key, tuple[str, str]]:
    """(verdict, reason) by finding; a malformed row is an error naming its line."""
    verdicts = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if row.get("verdict") not in VERDICT_KINDS or not row.get("reason"):
                raise SystemExit(f"{path}:{number}: verdict must be real|false, with a reason")
            verdicts[Key(row["id"], row["span"], row["code"])] = (row["verdict"], row["reason"])
    return verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pool", type=Path, nargs="?", default=POOL)
    parser.add_argument("--verdicts", type=Path, default=VERDICTS)
    args = parser.parse_args()
    if not (args.pool / "index.jsonl").is_file():
        print(f"{args.pool}: no pool here (index.jsonl); nothing to check", file=sys.stderr)
        return 0
    verdicts = read_verdicts(args.verdicts) if args.verdicts.is_file() else {}
    found = alarms(args.pool)
    print(f"{len(found)} error/warning findings:")
    for key, finding in found:
        verdict = verdicts.get(key, ("?", ""))[0]
        where = f"{key.id} {key.span} {key.code} {finding.severity}"
        print(f"  [{verdict:5}] {where}: {finding.message}")
    seen = {key for key, _ in found}
    false = [k for k in seen if verdicts.get(k, ("",))[0] == "false"]
    unexplained = [k for k in seen if k not in verdicts]
    gone = [k for k in verdicts if k not in seen]
    for title, keys in (
        ("false alarms", false),
        ("unexplained (no verdict)", unexplained),
        ("verdicts no finding matches any more", gone),
    ):
        print(f"{title}: {len(keys)}")
        for key in sorted(keys):
            reason = verdicts.get(key, ("", ""))[1]
            print(f"  {key.id} {key.span} {key.code}  {reason}")
    table: Counter[tuple[str, str, str]] = Counter()
    for key in seen:
        table[(key.code, verdicts.get(key, ("?",))[0], "now")] += 1
    for key in gone:
        table[(key.code, verdicts[key][0], "gone")] += 1
    print("verdict table (code, verdict, still reported | gone):")
    for (code, verdict, state), count in sorted(table.items()):
        print(f"  {code} {verdict:5} {state:4} {count}")
    articles = len((args.pool / "index.jsonl").read_text(encoding="utf-8").splitlines())
    print(
        f"summary: {len(found)} alarms in {articles} excerpts; {len(false)} false, "
        f"{len(unexplained)} unexplained, {len(seen) - len(false) - len(unexplained)} real"
    )
    return 1 if false or unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
