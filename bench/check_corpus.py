"""Run `check` over an annotated corpus, each passage at its printed date, and list findings.

    python bench/check_corpus.py ../shared/corpus/dev [--all]

Prints every error and warning finding (with --all, info too) so each can be judged by
hand: a real problem of the text, or a false alarm of moneyfix.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from moneyfix.check import check_document
from moneyfix.config import Config
from moneyfix.model import Document
from moneyfix.rates.table import load_table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--all", action="store_true", help="list info findings too")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"{args.folder}: no corpus folder here; nothing to check", file=sys.stderr)
        return 0
    table = load_table()
    counts: Counter[str] = Counter()
    for meta_path in sorted(args.folder.glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        text = meta_path.with_suffix(".txt").read_text(encoding="utf-8")
        date = meta.get("date") or meta.get("date_inferred")
        try:
            day = dt.date.fromisoformat(date) if date else None
        except ValueError:  # "2022", "2025-04/05": not a day
            day = None
        lang = meta["language"].split("-")[0]
        doc = Document(meta_path.stem, text, date=day, lang=lang if lang != "es" else "en")
        report = check_document(doc, Config(), table)
        for f in report.findings:
            counts[f.code] += 1
            if f.severity != "info" or args.all:
                print(f"{meta['id']} {day} {f.code} {f.severity}: {f.message}")
    print("findings by code:", dict(sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
