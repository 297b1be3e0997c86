"""Generator of one document full of conversions, our own sentences, at one day's rate."""

from __future__ import annotations

import datetime as dt
import random

DAY = dt.date(2020, 11, 24)
USD_KZT = 425.59  # NBK's official rate on DAY


def pairs_text(count: int, seed: int = 5) -> str:
    """``count`` paragraphs of our own, each with one conversion at DAY's rate; every
    fourth leaves out "million" after the dollars (an MF001 with a fix)."""
    rng = random.Random(seed)
    paragraphs = []
    for i in range(count):
        kzt = rng.randint(10, 999) + rng.randint(0, 9) / 10
        usd = kzt * 1000 / USD_KZT
        magnitude = "" if i % 4 == 3 else " million"
        paragraphs.append(
            f"Item {i}: the district will spend {kzt:.1f} billion tenge "
            f"(US${usd:.2f}{magnitude}) on roads and schools, officials said."
        )
    return "\n\n".join(paragraphs) + "\n"
