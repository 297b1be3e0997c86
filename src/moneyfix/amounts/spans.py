"""Whether a span meets one of many, in logarithmic time: the readers that add amounts
late (table cells, rate notations) drop those that fall on an amount already read, and
a long text holds tens of thousands of each."""

from __future__ import annotations

from bisect import bisect_left


def overlaps_any(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the spans ``starts[i]:ends[i]``, which are
    in text order and apart (so their ends rise too: only the last one starting before
    ``end`` can reach past ``start``)."""
    before = bisect_left(starts, end) - 1
    return before >= 0 and ends[before] > start
