"""Score the amount parser against an annotated corpus (format of ../shared/corpus/).

    python bench/eval_corpus.py ../shared/corpus/dev [--lang en] [--misses]

Strict: a predicted amount counts when its span, value and currency all equal the
annotation's. Lenient: the spans overlap. Prints precision, recall and F1 per language.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from moneyfix import find_amounts
from moneyfix.pairs import find_pairs


def _gold_key(a: dict[str, object]) -> tuple[int, int, Decimal, str]:
    value = Decimal(str(a["value"])).normalize()
    if value < 0:  # the sign is outside the span; the annotation keeps it on the value
        value = -value
    return (int(a["start"]), int(a["end"]), value, str(a["currency"]))  # type: ignore[call-overload]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lang", help="only passages in this language (en, ru, kk)")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"{args.folder}: no corpus folder here; nothing to score", file=sys.stderr)
        return 0
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp, fp, fn, lenient_tp
    pair_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for meta_path in sorted(args.folder.glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        lang = meta["language"].split("-")[0]
        if args.lang and lang != args.lang:
            continue
        text = meta_path.with_suffix(".txt").read_text(encoding="utf-8")
        gold = {_gold_key(a) for a in meta["amounts"]}
        amounts = find_amounts(text, lang=lang)
        found = {(a.start, a.end, a.value.normalize(), str(a.currency)) for a in amounts}
        gold_pairs = {
            (meta["amounts"][p["primary"]]["start"], meta["amounts"][p["conversion"]]["start"])
            for p in meta["pairs"]
        }
        found_pairs = {
            (amounts[p.primary].start, amounts[p.conversion].start)
            for p in find_pairs(text, amounts)
        }
        pc = pair_counts[lang]
        pc[0] += len(gold_pairs & found_pairs)
        pc[1] += len(found_pairs - gold_pairs)
        pc[2] += len(gold_pairs - found_pairs)
        if args.misses:
            for s, _ in sorted(gold_pairs - found_pairs):
                print(f"PAIR-MISS {meta['id']} {text[s : s + 60]!r}")
            for s, _ in sorted(found_pairs - gold_pairs):
                print(f"PAIR-FALSE {meta['id']} {text[s : s + 60]!r}")
        c = counts[lang]
        c[0] += len(gold & found)
        c[1] += len(found - gold)
        c[2] += len(gold - found)
        c[3] += sum(1 for g in gold if any(f[0] < g[1] and g[0] < f[1] for f in found))
        if args.misses:
            for s, e, v, cur in sorted(gold - found):
                print(f"MISS {meta['id']} {text[s:e]!r} {v} {cur}")
            for s, e, v, cur in sorted(found - gold):
                print(f"FALSE {meta['id']} {text[s:e]!r} {v} {cur}")
    for lang, (tp, fp, fn, lenient) in sorted(counts.items()):
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        gold_total = tp + fn
        print(
            f"{lang}: strict P={precision:.3f} R={recall:.3f} F1={f1:.3f} "
            f"(tp={tp} fp={fp} fn={fn}); lenient recall={lenient / gold_total:.3f}"
        )
    for lang, (tp, fp, fn) in sorted(pair_counts.items()):
        print(f"{lang}: pairs {_prf(tp, fp, fn)}")
    return 0


def _prf(tp: int, fp: int, fn: int) -> str:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"P={precision:.3f} R={recall:.3f} F1={f1:.3f} (tp={tp} fp={fp} fn={fn})"


if __name__ == "__main__":
    sys.exit(main())
