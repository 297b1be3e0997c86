"""The regex floor: the speed of one bare ``re.finditer(r"\\d+")`` pass over a text.

A Python scanner cannot read text faster than the regex engine finds its digits, and the
machine is shared, so every figure the benchmarks print stands beside this floor
measured in the same run on the same text: the ratio cancels the machine's load.
"""

from __future__ import annotations

import re
import time

_DIGITS = re.compile(r"\d+")


def floor_seconds(text: str, repeat: int = 3) -> float:
    """Best wall time of one pass of ``re.finditer(r"\\d+")`` over ``text``, every match
    taken (as a scanner must look at each)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for _match in _DIGITS.finditer(text):
            pass
        best = min(best, time.perf_counter() - started)
    return best
