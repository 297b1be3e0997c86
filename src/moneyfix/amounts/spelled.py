"""Amounts written in words: "Thirteen billion tenge", "half a billion", "two and a half
million dollars", and in Russian and Kazakh text "пять миллиардов тенге", "полтора
миллиона долларов", "бес миллиард теңге".

The readers run on a lower-cased copy of the text (same length, so offsets hold) and only
around the words that end such an amount, found with ``str.find``; the scanner decides
which of these readings stand (not inside an amount in digits, a currency to go with).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from moneyfix.amounts.lexicon import (
    CYRILLIC_FRACTIONS,
    CYRILLIC_LOWER,
    CYRILLIC_NUMBER_WORDS,
    NUMBER_WORDS,
    alternation,
    lexicon,
)
from moneyfix.amounts.numbers import read_number_words
from moneyfix.amounts.plain_search import occurrences


class Spelled(NamedTuple):
    """An amount in words: ``number`` before its magnitude word, and the currency word."""

    start: int
    end: int
    number: Decimal
    magnitude: str | None
    currency: str | None
    high: Decimal | None = None
    """The top of a range in words ("five-six billion": 5 to 6), else None."""


def spelled_amounts(text: str, lang: str, lowered: str, tenge: list[int]) -> list[Spelled]:
    """The amounts in words in ``text``, in text order (Cyrillic ones for ru/kk text).

    ``lowered`` is ``ascii_lowered(text)`` and ``tenge`` where "tenge" stands in it: the
    scanner looks for the word once, for these and for its tables' headings."""
    matches = _spelled_matches(lowered, tenge)
    if lang in ("ru", "kk"):
        matches += _cyrillic_spelled_matches(text)
    found = []
    for m in sorted(matches, key=lambda m: m.start()):
        if m["mag"] is None and m["cur"] is None:
            continue
        words = m["words"] or m.groupdict().get("half") or ""
        low, high = _unit_range(words)
        number = low if low is not None else _spelled_value(words)
        if number is not None:
            found.append(Spelled(m.start(), m.end(), number, m["mag"], m["cur"], high))
    return found


# A spelled amount ends in a magnitude or a currency word; finding those words with
# str.find and reading backwards from them is far cheaper than a regex over all text.
# ("illion" stands for million, billion and trillion: one pass over the text, not three.
# Rarer currencies are still read after a magnitude: "five billion roubles".)
# (" tenge" too: the scanner finds "tenge" for these and its tables in one pass.)
_SPELLED_TRIGGERS = ("illion", " thousand", " dollar", " euro")
_SPELLED_REACH = 80


@functools.cache
def _spelled_pattern() -> re.Pattern[str]:
    """Spelled-out amounts, on lower-cased text; compiled only for texts that have them."""
    lex = lexicon()
    number_words = alternation(w for w in NUMBER_WORDS if w != "a")
    currency = rf"(?:{alternation(lex.currency_words)}|(?:{alternation(lex.currency_stems)})\w*)"
    before_magnitude = r"(?=\s+(?:thousand|million|billion|trillion)\b)"
    fraction = r"\s+a\s+(?:half|quarter)\b"
    return re.compile(
        rf"(?P<words>(?:half\s+an?|(?:a\s+)?quarter\s+of\s+an?){before_magnitude}"
        rf"|(?:{number_words})(?:[\s-]+(?:{number_words}|and(?!{fraction})))*(?:\s+and{fraction})?"
        rf"|an?{before_magnitude})"
        rf"(?:\s+(?P<mag>thousand|million|billion|trillion)s?)?"
        rf"(?:\s+(?P<cur>{currency}(?!\w)))?(?!\w)"
    )


def _spelled_matches(lowered: str, tenge: list[int]) -> list[re.Match[str]]:
    """Matches of the spelled pattern around each trigger word preceded by a word."""
    # the space before each trigger: " million" from "illion", " thousand" as found
    spaces = [at - 1 for at in tenge if lowered[at - 1 : at] == " "]
    for trigger in _SPELLED_TRIGGERS:
        found = occurrences(lowered, trigger)
        if trigger == "illion":
            found = [lowered.rfind(" ", max(0, at - 3), at) for at in found]
        spaces += found
    starts: set[int] = set()
    for space in spaces:
        if space > 0 and lowered[space - 1].isalpha():
            word = lowered[lowered.rfind(" ", 0, space) + 1 : space].rpartition("-")[2]
            word = word.lstrip("([\"'“«")
            if word in NUMBER_WORDS or word in ("an", "half", "quarter"):
                starts.add(space)
    return _matches_around(_spelled_pattern, lowered, starts) if starts else []


def _matches_around(
    pattern: Callable[[], re.Pattern[str]], lowered: str, starts: set[int]
) -> list[re.Match[str]]:
    """Matches of ``pattern`` (compiled on first need) that span one of ``starts`` and
    begin a word, each once, in text order."""
    compiled = pattern()
    matches: dict[int, re.Match[str]] = {}
    for at in sorted(starts):
        window = max(0, at - _SPELLED_REACH)
        for m in compiled.finditer(lowered, window, at + _SPELLED_REACH):
            if m.start() <= at < m.end() and (
                m.start() == 0 or not lowered[m.start() - 1].isalpha()
            ):
                matches.setdefault(m.start(), m)
    return [matches[k] for k in sorted(matches)]


# Russian and Kazakh spelled amounts are read before a spelled magnitude and need a
# currency word after it ("пять миллиардов тенге"; "пять миллиардов" alone is too vague).
_CYRILLIC_TRIGGERS = ("тысяч", "миллион", "миллиард", "триллион", "мың")
_CYRILLIC_TO_LOWER = str.maketrans(
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ", "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
)


@functools.cache
def _cyrillic_spelled_pattern() -> re.Pattern[str]:
    lex = lexicon()
    words = alternation([*CYRILLIC_NUMBER_WORDS, *(w for w in CYRILLIC_FRACTIONS if w != "пол")])
    magnitudes = alternation(m for m in lex.magnitudes if m[0] in CYRILLIC_LOWER)
    currency = rf"(?:{alternation(lex.currency_words)}|(?:{alternation(lex.currency_stems)})\w*)"
    return re.compile(
        rf"(?<!\w)(?:(?P<words>(?:{words})(?:\s+(?:{words}))*)\s+|(?P<half>пол))"
        rf"(?P<mag>{magnitudes})(?!\w)\s+(?P<cur>{currency})(?!\w)"
    )


def _cyrillic_spelled_matches(text: str) -> list[re.Match[str]]:
    """Matches of the Cyrillic spelled pattern around each spelled magnitude.

    The pattern reads text with its Cyrillic capitals lowered, and nothing else:
    ``str.translate`` does that at ~150 ns a character, so only the windows around the
    magnitudes are translated. The magnitudes themselves are found in ``str.lower``'s
    copy (C speed): their letters are lowered the same way by both."""
    folded = text.lower()
    if len(folded) != len(text):  # "İ" lowers to two characters: offsets would shift
        folded = text.translate(_CYRILLIC_TO_LOWER)
    starts = {at for trigger in _CYRILLIC_TRIGGERS for at in occurrences(folded, trigger)}
    if not starts:
        return []
    return _matches_around(_cyrillic_spelled_pattern, _lowered_near(text, starts), starts)


def _lowered_near(text: str, starts: set[int]) -> str:
    """``text`` with its Cyrillic capitals lowered where ``_matches_around`` reads around
    ``starts`` (a character more before each window, for the pattern's look-behind)."""
    pieces: list[str] = []
    done = 0
    for at in sorted(starts):
        low = max(done, at - _SPELLED_REACH - 1)
        high = min(len(text), at + _SPELLED_REACH)
        pieces += (text[done:low], text[low:high].translate(_CYRILLIC_TO_LOWER))
        done = high
    pieces.append(text[done:])
    return "".join(pieces)


_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}


def _unit_range(words: str) -> tuple[Decimal | None, Decimal | None]:
    """'five-six' is 5 to 6, not 11: two units joined by a hyphen, rising, are a range
    ('twenty-five' joins tens and units, and stays one number)."""
    low, _, high = words.partition("-")
    first, second = NUMBER_WORDS.get(low.strip()), NUMBER_WORDS.get(high.strip())
    if first is None or second is None or not 0 < first < second <= 9:
        return None, None
    return Decimal(first), Decimal(second)


def _spelled_value(words: str) -> Decimal | None:
    """'five' -> 5, 'half a' -> 0.5, 'a quarter of a' -> 0.25, 'two and a half' -> 2.5,
    'двести пятьдесят' -> 250, 'полтора' -> 1.5, 'екі жүз' -> 200."""
    if words in CYRILLIC_FRACTIONS:
        return Decimal(CYRILLIC_FRACTIONS[words])
    if words[:1] in CYRILLIC_LOWER:
        cyrillic = read_number_words(words, CYRILLIC_NUMBER_WORDS)
        return None if cyrillic is None else Decimal(cyrillic)
    parts = words.split()
    if parts[0] in _FRACTIONS or parts[:2] == ["a", "quarter"]:
        return _FRACTIONS[parts[0] if parts[0] in _FRACTIONS else "quarter"]
    if parts[-1] in _FRACTIONS and parts[-3:-1] == ["and", "a"]:
        whole = read_number_words(" ".join(parts[:-3]))
        return None if whole is None else whole + _FRACTIONS[parts[-1]]
    number = read_number_words(words)
    return None if number is None else Decimal(number)
