"""Score the amount parser against an annotated corpus (format of ../shared/corpus/).

    python bench/eval_corpus.py ../shared/corpus/dev [--lang en] [--misses]
    python bench/eval_corpus.py ../shared/corpus/pool [--save now.jsonl] [--compare was.jsonl]

Strict: a predicted amount counts when its span, value and currency all equal the
annotation's. Lenient: the spans overlap. Prints precision, recall and F1 per language.

The pool (unannotated, ``index.jsonl`` + ``texts/``) has no answers to score against, so
it is reported: amounts and pairs found per language, and every amount whose reading
looks doubtful, with why, for a person to judge. ``--save`` keeps every reading,
``--compare`` lists what changed since a saved run: regressions show on unseen text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

from moneyfix import find_amounts
from moneyfix.api import LANGS
from moneyfix.model import Amount
from moneyfix.pairs import find_pairs


def _gold_key(a: dict[str, object]) -> tuple[int, int, Decimal, str]:
    value = Decimal(str(a["value"])).normalize()  # negative where a minus stands before
    return (int(a["start"]), int(a["end"]), value, str(a["currency"]))  # type: ignore[call-overload]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lang", help="only passages in this language (en, ru, kk)")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    parser.add_argument("--save", type=Path, help="pool: write every reading here (JSON lines)")
    parser.add_argument("--compare", type=Path, help="pool: list changes since a --save file")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"{args.folder}: no corpus folder here; nothing to score", file=sys.stderr)
        return 0
    if (args.folder / "index.jsonl").is_file():
        return _pool(args.folder, args.lang, args.save, args.compare)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp, fp, fn, lenient_tp
    pair_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for meta_path in sorted(args.folder.glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        lang = meta["language"].split("-")[0]
        if args.lang and lang != args.lang:
            continue
        text = meta_path.with_suffix(".txt").read_text(encoding="utf-8")
        gold = {_gold_key(a) for a in meta["amounts"]}
        # a passage in another language (es) is read with the English number style
        amounts = find_amounts(text, lang=lang if lang in LANGS else "en")
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


Reading = dict[str, object]


def _pool(folder: Path, only: str | None, save: Path | None, compare: Path | None) -> int:
    """Report what the scanner reads in the unannotated pool (see the module docstring)."""
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # texts, amounts, pairs, odd
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    readings: list[Reading] = []
    doubts: list[str] = []
    for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        language = meta["language"]
        if only and language.split("-")[0] != only:
            continue
        text = (folder / "texts" / f"{meta['id']}.txt").read_text(encoding="utf-8")
        code = language.split("-")[0]
        amounts = find_amounts(text, lang=code if code in LANGS else "en")
        pairs = find_pairs(text, amounts)
        row = found[language]
        row[0] += 1
        row[1] += len(amounts)
        row[2] += len(pairs)
        kinds[language].update(p.kind for p in pairs)
        for amount in amounts:
            readings.append(_reading(meta["id"], amount))
            why = _doubts(text, amount, amounts)
            if why:
                row[3] += 1
                doubts.append(
                    f"{meta['id']} {amount.shown!r} {amount.value} {amount.currency}: {why}"
                )
    print("pool: language texts amounts pairs doubtful  (pairs by kind)")
    for language, (texts, count, paired, odd) in sorted(found.items()):
        by_kind = ", ".join(f"{k} {n}" for k, n in sorted(kinds[language].items()))
        print(f"pool: {language:<8} {texts:>5} {count:>7} {paired:>5} {odd:>8}  ({by_kind})")
    for doubt in doubts:
        print(f"DOUBT {doubt}")
    if save is not None:
        save.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in readings))
    if compare is not None:
        _compare(compare, readings)
    return 0


def _reading(passage: str, amount: Amount) -> Reading:
    return {
        "id": passage,
        "start": amount.start,
        "end": amount.end,
        "text": amount.shown,
        "value": str(amount.value.normalize()),
        "currency": amount.currency,
        "assumed": amount.assumed_currency,
    }


# Beyond these, a sum is more likely misread than real: a year's GDP of Kazakhstan is
# about 10^14 tenge, the world's about 10^14 dollars.
_MOST = {"KZT": Decimal("1e15"), "MRP": Decimal("1e7")}
_MOST_OTHER = Decimal("1e13")
_DOLLAR = re.compile(r"\$|dollar|доллар|долл", re.IGNORECASE)
_TICKER_GAP = re.compile(r"[\s|/]*")


def _doubts(text: str, amount: Amount, amounts: list[Amount]) -> str:
    """Why a reading deserves a look (empty when it looks right)."""
    why = []
    if amount.assumed_currency and not _DOLLAR.search(amount.text):
        why.append("currency from context")  # (a bare "$" or "dollars" is read as USD)
    if amount.ambiguous:
        why.append("number ambiguous")
    value = abs(amount.value)
    if value > _MOST.get(str(amount.currency), _MOST_OTHER):
        why.append("implausibly large")
    if amount.currency == "KZT" and value < 1:
        why.append("under one tenge")
    if amount.range is not None and amount.range[0] and amount.range[1] / amount.range[0] > 50:
        why.append("range spans a factor over 50")
    if amount.magnitude is None and _YEAR.fullmatch(amount.text.strip("$€£₸₽¥ ")):
        why.append("a year?")
    if any(
        other is not amount
        and _TICKER_GAP.fullmatch(text, min(other.end, amount.end), max(other.start, amount.start))
        and other.currency != amount.currency
        and "MRP" not in (other.currency, amount.currency)
        for other in amounts
    ):
        why.append("next to another currency with nothing between (a ticker?)")
    return "; ".join(why)


_YEAR = re.compile(r"(?:19|20)\d\d")


def _compare(path: Path, readings: list[Reading]) -> None:
    """Print the readings gained, lost and changed since the run saved at ``path``."""

    def key(r: Reading) -> tuple[object, ...]:
        return (r["id"], r["start"], r["end"])

    before = {key(r): r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    after = {key(r): r for r in readings}
    for k in sorted(before.keys() - after.keys(), key=str):
        print(f"LOST {_shown(before[k])}")
    for k in sorted(after.keys() - before.keys(), key=str):
        print(f"GAINED {_shown(after[k])}")
    for k in sorted(before.keys() & after.keys(), key=str):
        if before[k] != after[k]:
            print(f"CHANGED {_shown(before[k])} -> {after[k]['value']} {after[k]['currency']}")
    print(f"compare: {len(before)} before, {len(after)} now")


def _shown(r: Reading) -> str:
    assumed = " (assumed)" if r["assumed"] else ""
    return f"{r['id']} {r['text']!r} {r['value']} {r['currency']}{assumed}"


def _prf(tp: int, fp: int, fn: int) -> str:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"P={precision:.3f} R={recall:.3f} F1={f1:.3f} (tp={tp} fp={fp} fn={fn})"


if __name__ == "__main__":
    sys.exit(main())
