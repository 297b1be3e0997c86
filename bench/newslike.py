"""Generate news-like English text about budgets and conversions, for benchmarks.

The sentences are our own templates filled with random figures; roughly one sentence in
three states money, as in business news.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from textgen import joined

_TEMPLATES = (
    "The regional akimat said it will spend {kzt} billion tenge (US${usd} million) on new schools.",
    "Officials expect the plan to cost about {kzt} billion tenge, or ${usd} million, by {year}.",
    "Exports rose {pct} percent year-on-year in {year}, according to the statistics bureau.",
    "The minister told reporters on Tuesday that {n} families had already received housing.",
    "More than {n} people attended the forum, which ran for {days} days in the capital.",
    "The fund gave KZT{kzt}bn to small businesses and another {small} million tenge to farmers.",
    "Analysts at the bank forecast growth of {pct} percent for {year}, citing higher oil output.",
    "Construction of the bypass road, {km} kilometres long, should be finished by {year}.",
    "Revenue reached {kzt} trillion tenge in the first half, while spending grew {pct} percent.",
    "A spokesperson declined to comment on the schedule or on the names of the contractors.",
)


def paragraphs(seed: int = 7) -> Iterator[str]:
    """An endless stream of paragraphs of three to six sentences."""
    rng = random.Random(seed)
    while True:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            template = rng.choice(_TEMPLATES)
            sentences.append(
                template.format(
                    kzt=f"{rng.randint(1, 999)}.{rng.randint(0, 9)}",
                    usd=f"{rng.randint(1, 999)}.{rng.randint(10, 99)}",
                    year=rng.randint(1998, 2026),
                    pct=f"{rng.randint(1, 30)}.{rng.randint(0, 9)}",
                    n=f"{rng.randint(1, 99)},{rng.randint(100, 999)}",
                    days=rng.randint(2, 5),
                    small=rng.randint(10, 900),
                    km=rng.randint(5, 400),
                )
            )
        yield " ".join(sentences)


def text_of_size(size: int, seed: int = 7) -> str:
    """About ``size`` characters of paragraphs separated by blank lines."""
    return joined(paragraphs(seed), size)
