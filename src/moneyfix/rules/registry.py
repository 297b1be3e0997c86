"""The rules: codes, names, default severities, what their fixes do, and an example each."""

from __future__ import annotations

from dataclasses import dataclass

from moneyfix.model import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    fix: str
    summary: str
    example: str
    default_on: bool = True


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "MF001", "missing-magnitude", "error", "safe: insert the magnitude word",
            "A conversion lacks its magnitude word: the figures agree with an official rate "
            "only once the word is there.",
            "100 billion tenge (US$235.59)  ->  100 billion tenge (US$235.59 million)",
        ),
        Rule(
            "MF002", "wrong-magnitude", "error", "display only: both readings are shown",
            "One side of a conversion has the wrong magnitude word; which side cannot be "
            "told, so both readings are given.",
            "3.91 billion tenge ($26 billion): either '3.91 trillion tenge' or '$26 million'",
        ),
        Rule(
            "MF003", "rate-mismatch", "warning", "unsafe: recompute at the official rate",
            "The rate a conversion implies differs from every official rate around the "
            "article's date by more than the tolerance and the printed precision allow.",
            "1,604 tenge (approximately $3) on 2020-10-09: 534.67 tenge/$ vs official 427.31",
        ),
        Rule(
            "MF004", "inconsistent-rates", "warning", "none",
            "Conversions in one document imply rates that disagree with each other beyond "
            "their precision; works without a date.",
            "10 billion tenge ($23.5 million) ... 20 billion tenge ($52 million)",
        ),
        Rule(
            "MF005", "missing-conversion", "info", "unsafe: insert the conversion",
            "A tenge amount has no conversion; `convert --add-missing` inserts one at the "
            "official rate of the article's date. Off by default.",
            "63 billion tenge  ->  63 billion tenge (US$148.42 million)",
            default_on=False,
        ),
        Rule(
            "MF006", "undated", "info", "none",
            "No document date was found, so conversions are checked for magnitude and "
            "consistency only. Give one with --date, front matter or the file name.",
            "moneyfix check article.txt --date 2020-11-24",
        ),
        Rule(
            "MF007", "implausible-rate", "error",
            "unsafe, with a date: recompute the conversion at the day's official rate",
            "No power of 1000 and no historical rate explains the pair: a mistyped figure, "
            "or a unit written for its subunit (the message says what a figure a hundred "
            "times off gives: '50 tenge (11 dollars)' read in cents).",
            "5 billion tenge ($90 million) implies 55.56 tenge/$, below any rate since 1996",
        ),
        Rule(
            "MF008", "stale-rates", "warning", "none",
            "The document's date is past the last known official rate; run "
            "`moneyfix rates update`.",
            "an article of 2026-11-20 checked with rates that end on 2026-09-11",
        ),
        Rule(
            "MF009", "index-mismatch", "warning", "unsafe: recompute at the index value",
            "An MRP (MCI, АЕК) figure restated in tenge disagrees with the index value in "
            "force at the article's date (bundled yearly table of the budget laws).",
            "100 MCI (369,000 tenge) on 2024-03-01: 1 MRP was 3,692 tenge, so 369,200 tenge",
        ),
        Rule(
            "MF100", "unused-suppression", "warning", "safe: remove the directive or its codes",
            "A suppression comment that suppresses nothing (like ruff's RUF100), or names a "
            "code no rule has; stale comments would hide the next real problem.",
            "<!-- moneyfix: ignore MF003 --> above a line with no MF003 finding",
        ),
    )
}  # fmt: skip


def enabled_codes(select: tuple[str, ...], ignore: tuple[str, ...]) -> frozenset[str]:
    """The rule codes a run applies: --select prefixes (or the defaults) minus --ignore."""

    def chosen(code: str, prefixes: tuple[str, ...]) -> bool:
        return any(p == "ALL" or code.startswith(p) for p in prefixes)

    on = {c for c, r in RULES.items() if (chosen(c, select) if select else r.default_on)}
    return frozenset(c for c in on if not chosen(c, ignore))
