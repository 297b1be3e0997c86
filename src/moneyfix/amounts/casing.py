"""What a character matches ignoring case, written out as a plain character class.

The regex engine's alternation skips, without entering it, an alternative that starts
with a plain literal or class the next character fails; an alternative matched ignoring
case it must enter and leave, about 40 ns each. A prefix tree of the currency words has
dozens of branches at its root, so ``(?i:...)`` over it cost 3-4 us at every number the
tail is tried after, even where no word follows. Spelling each letter as the class of
what ``(?i:)`` accepts for it ("[dD]") keeps the same matches and lets the engine reject
branches at a glance.

The classes are what the engine itself decides: a character matches ``(?i:c)`` when its
simple lower case is ``c``'s or one of the few Unicode counts equal to it (``re``'s own
table of those: "ı" for "i", "ſ" for "s", "ᲀ" for "в"). The engine's case data are
internal (``_sre``, ``re._casefix``); where they are missing, ``any_case_class`` answers
None and the callers keep ``(?i:)``, which is only slower.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

_BMP = 0x10000
"""The characters searched for upper-case forms. Every character above the BMP lowers to
one of its own script (Deseret, Osage, Adlam, ...), so none is a case form of a letter
the lexicon spells; tests/amounts/test_casing.py checks that over the whole range."""


@functools.cache
def _case_data() -> tuple[Callable[[int], int], dict[int, tuple[int, ...]]] | None:
    """The engine's simple lower case, and its table of lower-case letters it counts as
    equal (``re._casefix``); None where this Python keeps them to itself."""
    try:
        from _sre import unicode_tolower  # type: ignore[import-not-found]
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
    except ImportError:
        return None
    return unicode_tolower, _EXTRA_CASES


@functools.cache
def _inverse_lower() -> dict[int, tuple[int, ...]]:
    """Each lower-case code point -> the others of the BMP that lower to it."""
    data = _case_data()
    assert data is not None
    to_lower = data[0]
    inverse: dict[int, list[int]] = {}
    for point in range(_BMP):
        lower = to_lower(point)
        if lower != point:
            inverse.setdefault(lower, []).append(point)
    return {lower: tuple(points) for lower, points in inverse.items()}


def case_variants(char: str) -> frozenset[str] | None:
    """Every character ``(?i:char)`` matches, ``char`` among them; None where this
    Python's engine does not expose its case data."""
    data = _case_data()
    if data is None:
        return None
    to_lower, extra_cases = data
    lower = to_lower(ord(char))
    equal = (lower, *extra_cases.get(lower, ()))
    inverse = _inverse_lower()
    points = {ord(char), *equal, *(p for e in equal for p in inverse.get(e, ()))}
    return frozenset(map(chr, points))


def any_case_class(char: str) -> str | None:
    """``char`` as a case-sensitive regex matching what ``(?i:char)`` does: "[dD]", or
    the escaped character itself when it has no case; None as ``case_variants``."""
    variants = case_variants(char)
    if variants is None:
        return None
    if len(variants) == 1:
        return re.escape(char)
    return "[" + "".join(re.escape(v) for v in sorted(variants)) + "]"
