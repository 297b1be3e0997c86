"""The scanner: finds amounts of money in text and reads them.

Small "head" patterns find where an amount can start (a number that something
money-like follows, a currency sign, a code such as KZT); one shared "tail" pattern reads
the range, magnitude and currency after it. Everything else (hedges, the currency of a
bare "38bn", spelled-out numbers, ranges written twice) is decided around the candidates.
"""

from __future__ import annotations

import functools
import gc
import re
import sys
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

from moneyfix import hedges, regex_cache
from moneyfix.amounts import lexicon as lexicon_module
from moneyfix.amounts.lexicon import (
    BARE_CENTS,
    CURRENCIES,
    CURRENCY_ADJECTIVE_STEMS,
    CURRENCY_QUALIFIERS_AFTER,
    CURRENCY_QUALIFIERS_BEFORE,
    CYRILLIC,
    LETTER_MAGNITUDES,
    NOT_MONEY,
    SUBUNIT_EXPONENT,
    SUBUNIT_STEMS,
    SUBUNIT_WORDS,
    Lexicon,
    alternation,
    cased,
    lexicon,
)
from moneyfix.amounts.notations import with_written_rates
from moneyfix.amounts.numbers import NumberStyle, number_style, read_number
from moneyfix.amounts.plain_search import ascii_lowered, occurrences
from moneyfix.amounts.spans import overlaps_any
from moneyfix.amounts.spelled import spelled_amounts
from moneyfix.hedges import HEDGES, HEDGES_AFTER
from moneyfix.model import Amount, new_amount
from moneyfix.regex_cache import compile_all

_SPACE = r"[ \u00a0\u2009\u202f]"
# English business press writes tenge as a "T" glued to the number ("T1.5 billion",
# "T841 per kilogram"), its stand-in for "₸".
_TENGE_LETTER = "T"
# A line break inside a paragraph, where hard-wrapped Markdown, text or HTML source splits
# an amount ("US$235.59\nmillion"): only before a lower-case word, so that a list or table
# whose next line starts with "Tenge" or a code is not read as one amount.
_BREAK = rf"{_SPACE}*+\r?\n[ \t]*+(?=[^\W\d_A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])"
# Blanks before a word, a sign or a line break are read possessively ("*+"): what
# follows never starts with a blank, so giving some back to retry cannot match, and each
# retry read the whole tree of currency words again.
# A number, led by a digit not preceded by a digit or a mark: grouped thousands
# ("1,775,303,400", "27 160,4") or plain digits with an optional decimal part. A decimal
# comma may be followed by a space before Cyrillic ("481, 29 теңге"), a slip real
# Kazakh text makes. The first digit stands outside the atomic rest: a pattern that
# starts on a plain character class ([0-9], cheaper to test than \d) lets the regex
# engine skip prose at C speed. At most six groups (below 10^21, beyond any money): a
# number may start at every group of a long run ("123 456 789 ..."), and unbounded
# groups would read the rest of the run from each of them, quadratic in its length.
_MAX_GROUPS = 6
_NUM = (
    # Not inside a number, nor after a stray character inside one ("19?979": not 979),
    # nor a code's digits ("AI-92/93 – 106 tenge", "АИ-92", "Covid-19": not the low end of
    # a range; a Cyrillic word in lower case before a dash is prose: "бағасы-139 теңге").
    rf"[0-9](?<![\d.,][0-9])(?<!\d[?\ufffd][0-9])(?<![A-Za-zА-ЯЁӘІҢҒҮҰҚӨҺ]-[0-9])(?<!\d/[0-9])(?>\d{{0,2}}(?:(?:,|{_SPACE})\d{{3}}){{1,{_MAX_GROUPS}}}(?!\d)"
    rf"(?:[.,]\d+)?"
    rf"|\d*(?:[.,]\d+|,[ ]\d{{1,2}}(?=\s*[{CYRILLIC}]))?)"
)
# One number of a list that shares the currency word of its last item ("notes of 200,
# 500, 1,000 and 20,000 tenge"; "13 и 15 тенге"), with the separator after it, ending
# where the next item starts. A comma before a space separates here (no decimal slip).
_LIST_ITEM = (
    rf"(?P<num>[0-9](?<![\d.,][0-9])(?>\d{{0,2}}(?:(?:,|{_SPACE})\d{{3}})+(?!\d)"
    rf"(?:[.,]\d+)?|\d*(?:[.,]\d+)?))"
    rf"(?P<sep>{_SPACE}*,{_SPACE}*(?:(?P<and>and|or){_SPACE}+)?"
    rf"|{_SPACE}+(?P<conj>and|or|и|или|және|немесе){_SPACE}+)$"
)


class _Patterns(NamedTuple):
    bare: re.Pattern[str]
    """A bare number, or the first digit of one a code or word may lead (``prefixed``)."""
    sign: re.Pattern[str]
    sign_chars: tuple[str, ...]
    """The characters the sign head starts with, found with ``str.find``."""
    prefix: re.Pattern[str]
    tail: re.Pattern[str]
    hedge_after: re.Pattern[str]
    part: re.Pattern[str]
    conversion_next: re.Pattern[str]
    list_item: re.Pattern[str]
    currency_of: dict[str, str]
    magnitude_of: dict[str, int]
    marks: frozenset[str]
    """The currency signs and codes."""


def _first_letters(*groups: Iterable[str]) -> str:
    """A lookahead for the first characters of ``groups``' words, put before a prefix
    tree matched ignoring case: the regex engine rejects a plain alternative on its first
    character at once, but enters each case-insensitive one, so a tree of a hundred
    branches costs microseconds where nothing matches. Inside ``(?i:)`` the class
    accepts every character any branch's first letter does."""
    firsts = sorted({word[0] for group in groups for word in group})
    return "(?=[" + "".join(re.escape(c) for c in firsts) + "])"


def _currency_after(words: list[str], stems: list[str], codes: str, symbols: str) -> str:
    qualifiers = [w.lower() for w in CURRENCY_QUALIFIERS_BEFORE]
    before = alternation(qualifiers)
    adjectives = alternation(CURRENCY_ADJECTIVE_STEMS)
    after = alternation(CURRENCY_QUALIFIERS_AFTER)
    # A Kazakh case ending may follow an abbreviation or a code after a hyphen:
    # "40 млн долл.-ға", "5 млн USD-ге".
    suffix = rf"(?:-[{CYRILLIC}]+)?"
    # (A bare "c" is cents only glued and closing a parenthesis: "(11c)".)
    return (
        rf"(?:(?i:(?:{_first_letters(qualifiers, CURRENCY_ADJECTIVE_STEMS)}"
        rf"(?:{before}|(?:{adjectives})[{CYRILLIC}]*){_SPACE}+)?"
        rf"{_first_letters(words, stems)}"
        rf"(?:{alternation(words)}|(?:{alternation(stems)})\w*(?:(?<=\.){suffix})?)"
        rf"(?:{_SPACE}+{_first_letters(CURRENCY_QUALIFIERS_AFTER)}(?:{after}))?)(?!\w)"
        rf"|(?:{codes}){suffix}(?![\w/])|(?:{symbols})"
        r"|c(?=\)))"
    )


_PREFIX_WORDS = frozenset({*CURRENCIES, "Tenge", "TENGE", "RMB", _TENGE_LETTER})
# The prefix words by their last character: where one ends right before a number.
_PREFIX_BY_LAST = {
    last: tuple(w for w in sorted(_PREFIX_WORDS) if w[-1] == last)
    for last in {w[-1] for w in _PREFIX_WORDS}
}
_SPACES = frozenset(" \u00a0\u2009\u202f")  # _SPACE's characters


def _after_prefix() -> str:
    """A lookbehind, at a number's first digit, for what may be the end of a prefix word
    before it (glued or one space between): its last letter if that is a capital (rare
    before digits), else its last two ("nge" ends many words before numbers). A cheap
    test at every number; ``_prefix_starts`` then reads the words themselves."""
    capitals = sorted({w[-1] for w in _PREFIX_WORDS if w[-1].isupper()})
    pairs = sorted({w[-2:] for w in _PREFIX_WORDS if not w[-1].isupper()})
    ends = [f"[{''.join(capitals)}]", *(re.escape(p) for p in pairs)]
    return "(?:" + "|".join(rf"(?<={e}[0-9])|(?<={e}{_SPACE}[0-9])" for e in ends) + ")"


# Magnitudes English joins to the number with a hyphen in compound adjectives.
_HYPHEN_MAGNITUDE = r"(?i:thousand|million|billion|trillion)(?![^\W\d_])"


def _sign_chars(lex: Lexicon) -> tuple[str, ...]:
    return tuple(s for s in lex.symbols if len(s) == 1 and not s.isalpha())


@functools.cache
def _patterns() -> _Patterns:
    lex = lexicon()
    inputs = _source_inputs(lex)
    sources = (
        regex_cache.built_sources("scanner", inputs, lambda: _sources(lex))
        if inputs is not None
        else _sources(lex)
    )
    tail, bare, sign, prefix, hedge_after, part, conversion_next, list_item = compile_all(
        "scanner", sources
    )
    return _Patterns(
        bare=bare,
        sign=sign,
        sign_chars=_sign_chars(lex),
        prefix=prefix,
        tail=tail,
        hedge_after=hedge_after,
        part=part,
        conversion_next=conversion_next,
        list_item=list_item,
        currency_of={**{k.lower(): v for k, v in lex.currency_words.items()}, **lex.symbols},
        magnitude_of={k.lower(): v for k, v in lex.magnitudes.items()},
        marks=frozenset({*lex.symbols, *lex.codes}),
    )


def _source_inputs(lex: Lexicon) -> bytes | None:
    """Everything the scanner's patterns are built from: the lexicon and the code (with
    its tables) of this module, the lexicon's and the hedges'. Building the patterns
    from these costs a tenth of a short run; a run that finds them kept for the same
    inputs skips it. ``None`` when a module's code cannot be read."""
    try:
        code = b"".join(
            Path(m.__file__ or "").read_bytes()
            for m in (sys.modules[__name__], lexicon_module, hedges)
        )
    except OSError:
        return None
    return code + repr({**lex._asdict(), "codes": sorted(lex.codes)}).encode()


def _sources(lex: Lexicon) -> tuple[str, ...]:
    """The scanner's patterns, built from the lexicon."""
    # The tail runs only where a head was found, so its words can be matched ignoring
    # case: a quarter of the size of spelling every casing out, and as many times faster
    # to compile.
    # Subunits are read where currency names are ("11 cents", "40 тиын"), the whole
    # forms before the stems: "евроцентов" is no "евро" with an ending.
    words = [w for w in (*lex.currency_words, *SUBUNIT_WORDS) if w[0].isalpha()]
    stems = [*lex.currency_stems, *SUBUNIT_STEMS]
    codes = alternation(lex.codes)
    signs = "".join(re.escape(s) for s in _sign_chars(lex))
    symbols = alternation((*lex.symbols, *(w for w in SUBUNIT_WORDS if not w[0].isalpha())))
    currency = _currency_after(words, stems, codes, symbols)
    subunit = rf"(?i:{alternation(SUBUNIT_WORDS)}(?!\w)|(?:{alternation(SUBUNIT_STEMS)})\w*)"
    magnitudes = [m for m in lex.magnitudes if m not in LETTER_MAGNITUDES]
    magnitude = (
        rf"(?:(?i:{_first_letters(magnitudes)}{alternation(magnitudes)})"
        r"|[kKmMbB])(?![^\W\d_])"
    )
    # A magnitude may be followed by more parts: "1trln56bln" ("and" joins are read later).
    # "млрд. тенге", "mln. tenge", "млн. $ прибыли": a dot after an abbreviation is its
    # own only when the sentence goes on in lower case or with a sign that starts no
    # amount; "US$1 trln." ends a sentence, and so does "5 bln. $3 million ...".
    # Before the next part of a compound too: "17 млрд. 523 млн. тенге".
    magnitude = (
        rf"(?:{magnitude})"
        rf"(?:\.(?=[ \u00a0]?(?:[^\W\d_A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]|[{signs}](?![ \u00a0]?\d)"
        rf"|{_NUM}{_SPACE}?(?:{magnitude}))))?"
    )
    # One part per magnitude at most ("1 трлн 56 млрд 300 млн 20 тыс."): unbounded, a run
    # of "12 млн 12 млн ..." would be read to its end from each of its numbers.
    parts = len(set(lex.magnitudes.values()))
    more = rf"(?:{_SPACE}?{_NUM}{_SPACE}?(?:{magnitude})){{0,{parts - 1}}}"
    range_sep = rf"(?:{_SPACE}?[-–—]{_SPACE}?|{_SPACE}+(?:to|до|and){_SPACE}+)"
    # (_from_anchor reads the tail's groups by position, in this order.)
    tail = (
        rf"(?:(?P<rsep>{range_sep})(?P<num2>{_NUM}))?"
        # (any run of blanks: HTML tags and entities are blanked to spaces, however long
        # "<span class=...>" is; a hyphen in compounds such as "a $3-million grant")
        rf"(?P<mag>(?:(?:{_BREAK}|{_SPACE}*+)(?:{magnitude})|-{_HYPHEN_MAGNITUDE}){more})?"
        # Russian writes "$1 тыс. 333" for 1,333.
        rf"(?P<units>(?<=тыс\.){_SPACE}\d{{3}}(?!\d|[.,]\d))?"
        # (or in parentheses: "500 mln (AQSH dollary)")
        rf"(?:(?P<cspace>{_BREAK}|{_SPACE}*+(?P<paren>\()?|-(?=[^\W\d_]))(?P<cur>{currency})"
        r"(?(paren)\)))?"
        # Subunits after the main unit: "150 теңге 46 тиын", "2 сома 20 тыйынов".
        rf"(?P<sub>{_SPACE}+(?P<count>\d{{1,2}}){_SPACE}+(?P<subword>{subunit}))?"
    )
    # What may follow a bare number that is money: the first three letters of a
    # magnitude, currency or range word (a short word whole), a sign or a dash. Most
    # numbers in prose ("39 degrees", "26.6 percent") fail this one cheap test.
    followers = [
        *cased(lex.magnitudes),
        *cased(w for w in lex.currency_words if w[0].isalpha()),
        *cased(lex.currency_stems),
        *cased(CURRENCY_QUALIFIERS_BEFORE),
        *cased(CURRENCY_ADJECTIVE_STEMS),
        *cased(w for w in SUBUNIT_WORDS if w[0].isalpha()),
        *cased(SUBUNIT_STEMS),
        *lex.codes,
        *("to", "and", "до"),
    ]
    # A stem takes endings ("юаней", "сомов"), so only a short whole word must end there.
    prefixes = {*cased(lex.currency_stems), *cased(CURRENCY_ADJECTIVE_STEMS), *cased(SUBUNIT_STEMS)}
    short = {w for w in followers if len(w) <= 3 and w not in prefixes}
    guard = (
        rf"(?=(?:{_BREAK}|{_SPACE}*+)(?:{alternation({w[:3] for w in followers if w not in short})}"
        rf"|(?:{alternation(short)}|[kKmMbB])(?![^\W\d_])|[-–—{signs}¢]|c\)))"
    )
    # Where an amount can start: each head is small and starts on a plain character
    # class or literal, so the engine skips prose fast; the one large tail (range,
    # magnitude, currency) is compiled once and matched where a head was found.
    sources = (
        # Atomic: once read greedily, retrying shorter readings only costs time.
        rf"(?>{tail})",
        # A bare number, when what follows could make it money; else the first digit of
        # a number a prefix word may lead (``prefixed``), where the prefix head is tried:
        # one scan over the digits serves both heads.
        # (Not right after a currency sign, glued or spaced: the sign's head reads it.
        # Every digit of every number is tried here: the number's own first test, not
        # inside a number, comes first, so the other digits fail after one look back.)
        rf"(?P<num>[0-9](?<![\d.,][0-9])(?:(?<![{signs}][0-9])(?<![{signs}] [0-9])"
        rf"{_NUM.removeprefix('[0-9]')}{guard}|{_after_prefix()}(?P<prefixed>)))",
        # ("US$.40", "$.5 million": cents and fractions written without the leading 0)
        rf"(?P<sign>[{signs}]){_SPACE}?(?P<num>{_NUM}|\.\d+(?![.,]?\d))",
        # A code or "Tenge" before the number ("KZT 7.5 billion"); checked in _from_anchor.
        # (A plain alternation, not a prefix tree: its first letters let the engine skip
        # to candidates.)
        rf"(?P<prefix>{'|'.join(sorted(_PREFIX_WORDS))}){_SPACE}?(?P<num>{_NUM})",
        rf"\s+({alternation(HEDGES_AFTER)})(?!\w)",
        rf"(?P<num>{_NUM}){_SPACE}?(?P<mag>{magnitude})",
        rf"{_SPACE}*\((?:[^()\d]{{0,20}})?(?:[{signs}]|{codes})",
        _LIST_ITEM,
    )
    return sources


@functools.lru_cache(maxsize=4096)
def _currency_code(surface: str) -> str | None:
    pats = _patterns()
    lex = lexicon()
    code = surface.partition("-")[0]  # "USD-ге": a code with a Kazakh case ending
    if code in lex.codes:
        return code
    key = surface.lower()
    if key in pats.currency_of:
        return pats.currency_of[key]
    if surface in lex.symbols:
        return lex.symbols[surface]
    for word in key.split():
        for stem, code in lex.currency_stems.items():
            if word.startswith(stem):
                return code
    for word in key.split():
        if word in pats.currency_of:
            return pats.currency_of[word]
    return None


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    value: Decimal
    currency: str | None
    magnitude: str | None
    decimals: int
    range: tuple[Decimal, Decimal] | None = None
    assumed: bool = False
    ambiguous: str | None = None
    letter_magnitude: bool = False
    weak: bool = False
    """Money only if the text names tenge elsewhere: a "T841" without a magnitude."""
    subunit: str | None = None


@functools.lru_cache(maxsize=1024)
def magnitude_exponent(magnitude: str | None) -> int:
    """Power of ten a magnitude word stands for: 'billion' -> 9, None -> 0. (Kept: a
    text writes few magnitudes, each many times.)"""
    if magnitude is None:
        return 0
    key = magnitude.lower().strip()
    table = _patterns().magnitude_of
    return table.get(key) or table.get(key.rstrip("."), 0)


def _read_parts(text: str, style: NumberStyle) -> tuple[Decimal, int, str | None, str | None]:
    """Sum 'NUM MAG' parts: '1trln56bln' -> 1056 billion. Returns value, decimals, magnitude."""
    total = Decimal(0)
    decimals = 0
    first_magnitude: str | None = None
    ambiguous = None
    for index, part in enumerate(_patterns().part.finditer(text)):
        value, shown, why = read_number(part["num"], style)
        total += value.scaleb(magnitude_exponent(part["mag"]))
        if index == 0:
            decimals, first_magnitude, ambiguous = shown, part["mag"], why
    return total, decimals, first_magnitude, ambiguous


@functools.lru_cache(maxsize=1024)
def _magnitude_part(mag: str) -> tuple[str, int] | None:
    """A tail's magnitude part read: its word and exponent (" billion" -> "billion", 9),
    or None when it holds more numbers ("trln56bln"). (Kept: a text writes few, each
    many times.)"""
    if _DIGIT.search(mag):
        return None
    magnitude = mag.lstrip(" \u00a0\u2009\u202f\r\n\t-")
    return magnitude, magnitude_exponent(magnitude)


def _read_value(
    number: str, mag: str | None, style: NumberStyle
) -> tuple[Decimal, int, str | None, str | None]:
    """A number with its magnitude part: value, decimals, magnitude word, ambiguity."""
    if not mag:
        value, decimals, ambiguous = read_number(number, style)
        return value, decimals, None, ambiguous
    part = _magnitude_part(mag)
    if part is None:
        return _read_parts(number + mag, style)
    value, decimals, ambiguous = read_number(number, style)
    return value.scaleb(part[1]), decimals, part[0], ambiguous


# Before a sign, glued ("US$5") or, for the United States, spaced ("US $5").
_SIGN_PREFIXES = regex_cache.compile(r"(?:U\.S\.|US|us|CN)$|(?<![\w.])(?:U\.S\.|US) $")
_DIGIT = regex_cache.compile(r"\d")
_BETWEEN = regex_cache.compile(r"(?i:between)\s+$")
# "from X to Y", "(rose) by X to Y": a change and a new level, two amounts, not a range
_FROM = regex_cache.compile(r"(?i:from|by)\s+$")
_BARE_DOLLAR = ("dollar", "доллар", "долл")
_YEAR = regex_cache.compile(r"(?:19|20)\d\d")


_MAX_DIGITS = 40


def _too_long(number: str) -> bool:
    return len(number) > _MAX_DIGITS and sum(ch.isdigit() for ch in number) > _MAX_DIGITS


def _from_anchor(
    head: re.Match[str], kind: str, m: re.Match[str], text: str, style: NumberStyle
) -> _Draft | None:
    """Read a head (``kind``: "sign", "prefix" or "" for a bare number) and its tail;
    None when it is not money."""
    sign = head["sign"] if kind == "sign" else None
    prefix = head["prefix"] if kind == "prefix" else None
    # (all ten at once, by position: they cost about what two read by name do)
    rsep, num2, mag, units, cspace, _, cur, sub, count, subword = m.groups()
    if not (sign or prefix or mag or cur):
        return None  # a bare number is money only with a magnitude or currency after it
    number = head["num"]
    end = m.end()
    if (len(number) > _MAX_DIGITS or end - m.start() > _MAX_DIGITS) and (
        _too_long(number) or _too_long(m.group())
    ):
        return None  # no money is written with that many digits; its value would overflow
    start = head.start()
    if cur is None and cspace:
        end -= len(cspace)
    if prefix and (
        prefix not in _PREFIX_WORDS
        or (start and (text[start - 1].isalnum() or text[start - 1] == "/"))
    ):
        return None  # "USD/KZT 442.85" is a rate ticker; "XKZT5" is not a code
    if prefix == _TENGE_LETTER and (
        head.start("num") != start + 1 or cur or (not mag and _WORD_NEXT.match(text, m.end()))
    ):
        return None  # only glued, and not a model name: "T 92", "T20s", "T-34", "T4 visa"
    subunit = cur if cur and _subunit_code(cur) else None  # as written: "US cents"
    if (sign or prefix) and cur and (subunit or cur in _patterns().marks):
        cur = subunit = None  # "$ 452.92 € 484.99", "USD 470 EUR 511": the next figure's sign
        end = m.start("cspace")
    if subunit == "c" and (kind or cspace):
        return None  # a letter counts only glued to a bare number: "(11c)", not "5 c)"
    if sign:
        glued = _SIGN_PREFIXES.search(text, max(0, start - 5), start)
        if glued:
            start = glued.start()
            sign = glued.group() + sign
    value, decimals, magnitude, ambiguous = _read_value(number, mag, style)
    letter = magnitude is not None and magnitude.lower() in LETTER_MAGNITUDES
    if letter and not (sign or prefix or cur):
        return None
    if units:
        value += int(units)
    rng = None
    if num2 is not None and "and" in rsep and not _BETWEEN.search(text, max(0, start - 12), start):
        # "5 and 7 billion tenge" outside "between ... and": only the second is money
        start = m.start("num2")
        value, decimals, magnitude, ambiguous = _read_value(num2, mag, style)
    elif num2 is not None:
        high = _read_value(num2, mag, style)[0]
        if high <= value:
            return None
        rng = (value, high)
    marker = prefix or sign or cur
    currency = "KZT" if prefix == _TENGE_LETTER else _currency_code(marker) if marker else None
    if subunit:  # "11 cents": 0.11 USD
        currency = _subunit_code(subunit)
        value = value.scaleb(SUBUNIT_EXPONENT)
        rng = rng and (rng[0].scaleb(SUBUNIT_EXPONENT), rng[1].scaleb(SUBUNIT_EXPONENT))
    if sub and cur and not subunit and rng is None:
        if _subunit_code(subword) == currency:  # "150 теңге 46 тиын"
            value += Decimal(count).scaleb(SUBUNIT_EXPONENT)
            decimals = -SUBUNIT_EXPONENT
        else:
            end = m.start("sub")  # another currency's subunit is an amount of its own
    if currency in NOT_MONEY and rng is None and _YEAR.fullmatch(head["num"]):
        return None  # "the 2024 MRP is 3,692 tenge", "in 2023 MCI launched": a year
    assumed = sign == "$" or (not (prefix or sign) and _bare_dollar(cur))
    if subunit:
        assumed = subunit == "c" or subunit.lower() in BARE_CENTS
    weak = prefix == _TENGE_LETTER and not mag
    return _Draft(
        start,
        end,
        value,
        currency,
        magnitude,
        decimals,
        rng,
        assumed,
        ambiguous,
        letter,
        weak,
        subunit,
    )


@functools.lru_cache(maxsize=1024)
def _subunit_code(surface: str) -> str | None:
    """The currency a subunit belongs to: 'cents' -> USD, 'тиынов' -> KZT, 'ақш центі' -> USD."""
    key = " ".join(surface.lower().split())
    for word in (key, *key.split()):
        if word in SUBUNIT_WORDS:
            return SUBUNIT_WORDS[word]
        for stem, code in SUBUNIT_STEMS.items():
            if word.startswith(stem):
                return code
    return "USD" if key == "c" else None


# What may not follow a "T" figure: a letter or a digit after a space ("T4 visa",
# "T20 World Cup" are names).
_WORD_NEXT = regex_cache.compile(rf"[^\W_]|{_SPACE}(?:[A-Z]|[0-9])")


@functools.lru_cache(maxsize=1024)
def _bare_dollar(cur: str | None) -> bool:
    """A '$' or 'dollars' after the number, without 'US' or 'США', is read as US dollars,
    and the amount says so. (Kept: a text writes few currency words, each many times.)"""
    if not cur:
        return False
    if cur == "$":
        return True
    lowered = cur.lower()
    return lowered.startswith(_BARE_DOLLAR) and not any(
        q in lowered for q in CURRENCY_QUALIFIERS_AFTER
    )


def _style(text: str, lang: str) -> NumberStyle:
    """Russian and Kazakh mark decimals with a comma; English groups thousands with one."""
    return number_style(text, lang in ("ru", "kk", "kk-Latn"))


def _spelled(
    text: str, drafts: list[_Draft], lang: str, lowered: str, tenge: list[int]
) -> list[_Draft]:
    """Amounts in words ('Thirteen billion tenge', 'пять миллиардов тенге') that no amount
    in digits covers; '(ten million)' right after an equal amount takes its currency."""
    found = []
    starts = [d.start for d in drafts]  # drafts are in text order and do not overlap
    for words in spelled_amounts(text, lang, lowered, tenge):
        before = bisect_right(starts, words.start) - 1
        nearest = drafts[before] if before >= 0 else None
        if nearest is not None and nearest.end > words.start:
            continue  # inside an amount already read
        if before + 1 < len(drafts) and drafts[before + 1].start < words.end:
            continue
        value = words.number.scaleb(magnitude_exponent(words.magnitude))
        currency = _currency_code(words.currency) if words.currency else None
        if currency is None:
            currency = _restated_currency(text, words.start, words.end, nearest, value)
            if currency is None:
                continue
        assumed = _bare_dollar(words.currency)
        span = None
        if words.high is not None:
            span = (value, words.high.scaleb(magnitude_exponent(words.magnitude)))
        found.append(
            _Draft(words.start, words.end, value, currency, words.magnitude, 0, span, assumed)
        )
    return found


def _restated_currency(
    text: str, start: int, end: int, before: _Draft | None, value: Decimal
) -> str | None:
    """A currency-less number in parentheses right after an equal amount restates it."""
    if not (text[start - 1 : start] == "(" and text[end : end + 1] == ")") or before is None:
        return None
    if start - before.end <= 3 and before.value == value:
        return before.currency
    return None


_NOT_MONEY_NEXT = regex_cache.compile(rf"{_SPACE}*(?:[%‰]|per\s?cent|percent|процент|пайыз)", re.I)
# What _NOT_MONEY_NEXT may start with: a cheap first test.
_NOT_MONEY_FIRSTS = frozenset({*_SPACES, "%", "‰", "p", "P", "п", "П"})
_AFTER_BARE = regex_cache.compile(
    rf"{_SPACE}*(?:$|[^\w\s]|\n|(?:and|or|in|to|from|of|for|by|at|on|with|was|were|is|are|"
    rf"will|would|has|have|had|above|below|more|less|higher|lower|"
    rf"выше|ниже|больше|меньше|"
    rf"и|в|на|до|из|от|мен|және)(?![\w{CYRILLIC}]))",
    re.I,
)


def _context_currency(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """Give currency-less magnitudes ('38bn', '17.8 trillion') the document's money.

    They count only where the document states money elsewhere and the number is not
    followed by a noun ("7 million people"); they take the document's main currency,
    tenge when it has any.
    """
    for draft in drafts:
        if draft.currency is None and _TENGE_EQUIVALENT.match(text, draft.end):
            draft.currency = "KZT"  # stated, though not by a currency word
    known = Counter(d.currency for d in drafts if d.currency)
    if not known:
        return [d for d in drafts if d.currency]
    main = "KZT" if "KZT" in known else known.most_common(1)[0][0]
    kept: list[_Draft] = []
    for index, draft in enumerate(drafts):
        if draft.currency is None:
            if draft.letter_magnitude or not _AFTER_BARE.match(text, draft.end):
                continue
            nearby = _elided_before_conversion(text, draft, kept, drafts[index + 1 : index + 2])
            if nearby is None:
                nearby = _money_nearby(text, draft, kept)
            if nearby is None:
                nearby = _money_ahead(text, draft, drafts[index + 1 : index + 2])
            if nearby is None and magnitude_exponent(draft.magnitude) < 9:
                continue
            draft.currency = nearby or main
            draft.assumed = True
        kept.append(draft)
    return kept


# "4,1 миллиарда в тенговом эквиваленте", "2 billion in tenge equivalent"
_TENGE_EQUIVALENT = regex_cache.compile(
    r"\s+(?:в\s+тенговом\s+эквиваленте|in\s+(?:the\s+)?tenge\s+equivalent)(?!\w)", re.I
)
# Between a bare magnitude and the money it shares the currency of: a range's "to", or
# a parallel clause of the same size ("70 миллионов, другое ТОО — 50 миллионов тенге").
_TO_NEXT = regex_cache.compile(r"\s*(?:[–—-]|to|до|and|or|и|или|және|немесе)\s+$", re.I)
_CLAUSE_NEXT = regex_cache.compile(r"(?:[,;]|\s+(?:and|и|а|және|[–—]))[^.!?\n\d]{0,40}$", re.I)


def _money_ahead(text: str, draft: _Draft, after: list[_Draft]) -> str | None:
    """The currency of the amount right after a bare magnitude that shares it: one a "to"
    leads to, of any size ("от 393 тысяч до 1,1 миллиона тенге"), or one of the same
    size in a parallel clause of the same sentence."""
    if not after or after[0].currency is None or after[0].assumed:
        return None
    following = after[0]
    if _TO_NEXT.fullmatch(text, draft.end, following.start):
        return following.currency
    same = magnitude_exponent(draft.magnitude) == magnitude_exponent(following.magnitude)
    if same and _CLAUSE_NEXT.fullmatch(text, draft.end, following.start):
        return following.currency
    return None


_OPENS_CONVERSION = regex_cache.compile(r"\s*[(\[][^()\d]{0,20}")


def _elided_before_conversion(
    text: str, draft: _Draft, before: list[_Draft], after: list[_Draft]
) -> str | None:
    """The currency of a bare magnitude its conversion follows in parentheses ("$50
    thousand before, 30 thousand now (14.8 million tenge)"): another than the
    conversion's, so the paragraph's latest other money."""
    if not after or after[0].currency is None:
        return None
    if not _OPENS_CONVERSION.fullmatch(text, draft.end, after[0].start):
        return None
    for earlier in reversed(before):
        if draft.start - earlier.end > 300 or "\n" in text[earlier.end : draft.start]:
            break
        if earlier.currency not in (None, after[0].currency, *NOT_MONEY):
            return earlier.currency
    return None


_PARALLEL_BEFORE = regex_cache.compile(
    r"(?:\b(?:from|to|and|or|of|which|including)|[–—,-])\s+$", re.I
)


def _money_nearby(text: str, draft: _Draft, before: list[_Draft]) -> str | None:
    """The currency of a bare magnitude shown to be money by what is around it: a parallel
    phrase right after money of that size in the same paragraph takes that money's
    currency ("180 thousand tenge ..., from 240 thousand"; "US$9.87 million, of which 2
    million"; not "40 million tenge ...; its population is 2 million"), and one a
    conversion follows ("300 thousand ($2 thousand)") the document's (empty string).
    Thousands and millions count people and tonnes too, so this is all they go by."""
    if _PARALLEL_BEFORE.search(text, max(0, draft.start - 12), draft.start):
        for earlier in reversed(before):
            if draft.start - earlier.end > 300 or "\n" in text[earlier.end : draft.start]:
                break
            same = (
                earlier.magnitude and earlier.magnitude.lower() == (draft.magnitude or "").lower()
            )
            if same and earlier.currency:
                return earlier.currency
    if _patterns().conversion_next.match(text, draft.end):
        return ""
    return None


# "выросла до 350 000 тенге" is "rose to", not "up to": a verb before "до" makes it a target.
_VERB_BEFORE = regex_cache.compile(
    r"(?:л|ла|ло|ли|лся|лась|лось|лись|ет|ит|ут|ют|ат|ят|ется|ится)\s+$"
)


_MINUS_WORD_END = regex_cache.compile(r"(?i:minus|минус)\s+$")
_HEDGE_WORDS = frozenset(HEDGES)
# The last word of each hedge, and the lengths in words of the hedges it ends, longest
# first ("than": "a little more than", "no less than", "more than"): a cheap first test,
# and only the phrases of those lengths read.
_HEDGE_LENGTHS = {
    last: tuple(sorted({len(h.split()) for h in HEDGES if h.split()[-1] == last}, reverse=True))
    for last in {h.split()[-1] for h in HEDGES}
}
_HEDGE_ENDINGS = frozenset(_HEDGE_LENGTHS)
_WORD_SPLIT = regex_cache.compile(r"[\s(\[\"'“«]+")
_HEDGE_REACH = 24
_HEDGE_SIGNS = frozenset("~≈")
_HEDGE_AFTER_START = frozenset(w[0] for w in HEDGES_AFTER)  # a cheap first test


def _hedge(text: str, draft: _Draft) -> str | None:
    """The hedge just before the amount ("more than", "~"), or a Kazakh one just after it."""
    before = _hedge_before(text, draft) if _may_follow_hedge(text, draft) else None
    if before is not None:
        return before
    if text[draft.end + 1 : draft.end + 2] in _HEDGE_AFTER_START:  # "5 млрд теңгеден астам"
        after = _patterns().hedge_after.match(text, draft.end)
        return after.group(1) if after else None
    return None


# The last three letters of each hedge, lower case, and the hedges shorter than that
# ("to", "of", "до"): a cheap first test of the word before an amount.
_HEDGE_LAST_LETTERS = frozenset(h[-3:] for h in _HEDGE_ENDINGS if len(h) >= 3)
_HEDGE_SHORT = frozenset(h for h in _HEDGE_ENDINGS if len(h) < 3)


def _may_follow_hedge(text: str, draft: _Draft) -> bool:
    """False where no hedge can stand before the amount: most amounts follow a word that
    ends in no hedge's last letters, and this test costs a fifth of reading the words."""
    start = draft.start
    mark = text[start - 1 : start]
    if mark == " " and start >= 4 and not text[start - 2].isspace():
        last = text[start - 4 : start - 1]  # the common case: one space after a word
    elif mark in _HEDGE_SIGNS or draft.value < 0:
        return True  # (the hedge may stand before a minus word)
    elif not mark.isspace():
        return False
    else:
        last = text[max(0, start - _HEDGE_REACH) : start].rstrip()[-3:]
    if last[-1:] in _HEDGE_SIGNS:
        return True
    last = last.lower()
    return (
        last in _HEDGE_LAST_LETTERS
        or (last[-2:] in _HEDGE_SHORT and (len(last) < 3 or not last[0].isalnum()))
        or draft.value < 0
    )


def _hedge_before(text: str, draft: _Draft) -> str | None:
    window = text[max(0, draft.start - _HEDGE_REACH) : draft.start]
    if draft.value < 0:  # "about minus $109 million": the hedge stands before the minus
        window = _MINUS_WORD_END.sub("", window)
    stripped = window.rstrip(" \u00a0")
    if stripped[-1:] in _HEDGE_SIGNS and not stripped[-2:-1].isdigit():
        return stripped[-1]  # "(~$3bn)", "≈ 5 billion tenge"; not "5~6"
    last = window.rsplit(None, 1)[-1].lower() if window[-1:].isspace() and window.strip() else ""
    lengths = _HEDGE_LENGTHS.get(last.lstrip("([\"'“«"))
    if lengths:
        words = _WORD_SPLIT.split(window.strip())
        whole = draft.start <= _HEDGE_REACH or window[0].isspace()
        for count in lengths:
            if len(words) < count or (len(words) == count and not whole):
                continue
            phrase = " ".join(words[-count:])
            if phrase.lower() in _HEDGE_WORDS and not (
                phrase == "до"
                and (
                    _VERB_BEFORE.search(window, 0, len(window) - 3)
                    or (len(words) > 1 and _ends_an_amount(words[-2]))
                )
            ):
                return phrase
    return None


def _ends_an_amount(word: str) -> bool:
    """'млрд', 'тенге', '5': "на $1,8 млрд до $55,6 млрд" and "с 300 тыс. тенге до 345
    тыс." go from one amount to another, so their "до" is "to", not "up to"."""
    word = word.lower().rstrip(".")
    return word[-1:].isdigit() or magnitude_exponent(word) > 0 or _currency_code(word) is not None


def _without_overlaps(drafts: list[_Draft]) -> list[_Draft]:
    """Where two readings overlap ("KZT 300bln" and "300bln"), keep the one that starts
    first and, among those, the longest."""
    # Sorted by (start, -end), ties kept in order: as two stable sorts by attributes, no
    # Python key function called for each draft.
    ordered = sorted(drafts, key=_END, reverse=True)
    ordered.sort(key=_START)
    kept: list[_Draft] = []
    reach = -1  # where the last kept draft ends
    for draft in ordered:
        if draft.start < reach:
            continue
        kept.append(draft)
        reach = draft.end
    return kept


_START = attrgetter("start")
_END = attrgetter("end")


def _prefix_starts(text: str, at: int) -> list[int]:
    """Where a prefix word starts that ends right before the digit at ``at`` or one space
    before it, in text order."""
    starts = []
    for end in (at - 1, at) if text[at - 1] in _SPACES else (at,):
        for word in _PREFIX_BY_LAST.get(text[end - 1 : end], ()):
            if end >= len(word) and text.startswith(word, end - len(word)):
                starts.append(end - len(word))
    return sorted(starts)


def _matches_at(text: str, head: re.Pattern[str], starts: tuple[str, ...]) -> list[re.Match[str]]:
    """The matches of ``head`` at each occurrence of one of the characters ``starts``.
    ``str.find`` looks for one character at memchr speed: for the currency signs, 1 ms
    per 5 MB of news against 17 ms for the regex engine's scan for a character class."""
    found = []
    for start in starts:
        for pos in occurrences(text, start):
            match = head.match(text, pos)
            if match is not None:
                found.append(match)
    return found


def _bare_heads(
    text: str, pats: _Patterns, prefixed: list[re.Match[str]]
) -> Iterator[re.Match[str]]:
    """The matches of the bare-number head, one at a time (a long text holds a hundred
    thousand), and into ``prefixed`` those of the prefix head, from the same scan over
    the digits: the prefix head is tried only where a prefix word ends before a number,
    each match after the last one, as its own scan over the text would go on."""
    prefix_end = 0
    for found in pats.bare.finditer(text):
        at = found.start()
        if found["prefixed"] is None:
            yield found
        if at and (text[at - 1] in _PREFIX_BY_LAST or text[at - 2 : at - 1] in _PREFIX_BY_LAST):
            for start in _prefix_starts(text, at):
                head = pats.prefix.match(text, start) if start >= prefix_end else None
                if head is not None:
                    prefixed.append(head)
                    prefix_end = head.end()


def find_amounts(text: str, lang: str = "en", *, offset: int = 0) -> list[Amount]:
    """Every amount of money in ``text``, in order, with exact code-point spans.

    ``offset`` shifts the spans, for a ``text`` that is a piece of a longer document.

    The cyclic garbage collector is paused while it runs (and restored as it was): the
    scan creates no reference cycles, but its drafts, matches and amounts (160,000 in
    20 MB of money-dense text) set off collections that walk every object alive,
    measured at ~15% of the scan's time there.
    """
    if not gc.isenabled():
        return _find_amounts(text, lang, offset)
    gc.disable()
    try:
        return _find_amounts(text, lang, offset)
    finally:
        gc.enable()


def _find_amounts(text: str, lang: str, offset: int) -> list[Amount]:
    pats = _patterns()
    style = _style(text, lang)
    drafts: list[_Draft] = []
    tail = pats.tail
    prefixed: list[re.Match[str]] = []  # filled as the bare heads are read
    for kind, heads in (
        ("", _bare_heads(text, pats, prefixed)),
        ("sign", _matches_at(text, pats.sign, pats.sign_chars)),
        ("prefix", prefixed),
    ):
        for found in heads:
            rest = tail.match(text, found.end())
            if rest is None:
                continue
            after = rest.end()
            if text[after : after + 1] in _NOT_MONEY_FIRSTS and _NOT_MONEY_NEXT.match(text, after):
                continue
            draft = _from_anchor(found, kind, rest, text, style)
            if draft is not None:
                drafts.append(draft)
    drafts = _without_tickers(text, _without_overlaps(drafts))
    lowered = ascii_lowered(text)
    tenge = occurrences(lowered, "tenge")  # one pass for the spelled amounts and tables
    drafts = _without_overlaps(drafts + _spelled(text, drafts, lang, lowered, tenge))
    del lowered  # a copy of the whole text, not held through the passes below
    drafts = _context_currency(text, _joined_compounds(text, drafts))
    drafts = _with_listed(text, drafts, style)
    if "\n" in text:
        drafts = _with_table_cells(text, drafts, style, tenge)
    if not style.comma_decimal:
        drafts = _joined_ranges(text, drafts)
    if any(d.weak for d in drafts):
        drafts = _with_tenge_letters(text, drafts)
    if any(d.subunit == "c" for d in drafts):
        drafts = _with_cent_letters(text, drafts)
    amounts = [_amount(text, _signed(text, draft), offset) for draft in drafts]
    return with_written_rates(text, amounts, style, offset)


def _with_tenge_letters(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """A "T841" without a magnitude is tenge where the text has tenge stated otherwise
    ("T1.5 billion", "KZT", "tenge") or states it as a price ("T841 per kilogram"), and a
    name such as "T1" or "T90" where it has not."""
    if any(d.currency == "KZT" and (not d.weak or _PER.match(text, d.end)) for d in drafts):
        return drafts
    return [d for d in drafts if not d.weak]


def _with_cent_letters(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """An "11c" is cents only as a conversion: alone in the parenthesis right after
    money, a hedge at most before it ("50 tenge (11c)", "(about 11c)"); elsewhere it is
    a name ("iPhone 5c", "(model 5c)")."""
    kept: list[_Draft] = []
    for draft in drafts:
        if draft.subunit == "c":
            gap = text[kept[-1].end : draft.start].rstrip() if kept else ""
            hedge = _hedge(text, draft)
            if hedge and gap.lower().endswith(hedge.lower()):
                gap = gap[: -len(hedge)]
            if not (kept and kept[-1].currency and _OPENS_ALONE.fullmatch(gap)):
                continue
        kept.append(draft)
    return kept


_OPENS_ALONE = regex_cache.compile(r"\s*[(\[]\s*")
_PER = regex_cache.compile(rf"{_SPACE}+per{_SPACE}")
_TICKER_GAP = regex_cache.compile(r"[ \t\u00a0|·•]*")


def _without_tickers(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """A page's rate ticker ("$ 452.92 € 484.99 ₽ 5.12"): figures led by signs or codes
    in different currencies side by side, nothing but blanks between. Not amounts."""
    ticker: set[int] = set()
    for index in range(len(drafts) - 1):
        first, second = drafts[index], drafts[index + 1]
        if (
            _ticker_figure(text, first)
            and _ticker_figure(text, second)
            and first.currency != second.currency
            and _TICKER_GAP.fullmatch(text, first.end, second.start)
        ):
            ticker.update((index, index + 1))
    return [d for i, d in enumerate(drafts) if i not in ticker] if ticker else drafts


def _ticker_figure(text: str, draft: _Draft) -> bool:
    return draft.magnitude is None and draft.range is None and not text[draft.start].isdigit()


# A minus before an amount: a hyphen or minus sign glued after a blank or an opening
# mark ("a deficit of -1,364 billion tenge"); an en dash only where it opens a table's
# cell (at a line's start, after a tab or "|"), for in prose a glued en dash is the dash
# of "wages in finance –335,3 мың теңге"; a minus spaced after such a dash ("credits –
# - 6 929,0"); or the word ("minus 40.5 billion tenge"), but not "plus minus three tenge"
# (a band either way) nor a change in parentheses after a figure ("(минус 0,31 тенге)",
# its size, like "(+6%)").
_MINUS = regex_cache.compile(
    r"(?:(?:^|(?<=[\s(\[:;/]))[-−]|(?:^|(?<=[\n\t|]))–|(?<=[–—:] )[-−]\s"
    r"|(?<!\()(?<!(?i:plus) )(?<!(?i:плюс) )(?i:minus|минус)\s+)$"
)


# A cheap first test, before the pattern.
_MINUS_SIGNS = frozenset("-−–")
_MINUS_WORDS = frozenset({"minus", "минус"})


def _signed(text: str, draft: _Draft) -> _Draft:
    """The draft with a negative value where a minus stands before it (outside the span)."""
    start = draft.start
    mark = text[start - 1 : start]
    if not (
        mark in _MINUS_SIGNS
        or (
            mark.isspace()
            and (
                text[start - 2 : start - 1] in _MINUS_SIGNS
                or text[start - 6 : start - 1].lower() in _MINUS_WORDS
            )
        )
    ) or not _MINUS.search(text, max(0, start - 8), start):
        return draft
    draft.value = -draft.value
    if draft.range is not None:
        draft.range = (-draft.range[1], -draft.range[0])
    return draft


_LIST_REACH = 40


def _with_listed(text: str, drafts: list[_Draft], style: NumberStyle) -> list[_Draft]:
    """The drafts, and before each amount that ends a list the list's other numbers,
    which share its currency and magnitude: "5, 10 and 15 million dollars" is three
    amounts. The list must end in a conjunction ("In 2019, 5 billion tenge" is no list);
    a lone year before one ("in 2019 and 5 billion tenge") is not an item."""
    out: list[_Draft] = []
    item = _patterns().list_item
    for draft in drafts:
        floor = out[-1].end if out else 0
        listed: list[_Draft] = []
        if draft.currency and draft.range is None and text[draft.start].isdigit():
            at = draft.start
            exponent = magnitude_exponent(draft.magnitude)
            if draft.subunit:  # "5, 10 and 15 cents"
                exponent += SUBUNIT_EXPONENT
            while at > floor and _may_end_a_list_item(text, at):
                found = item.search(text, max(floor, at - _LIST_REACH), at)
                if found is None or (not listed and not (found["and"] or found["conj"])):
                    break
                value, decimals, ambiguous = read_number(found["num"], style)
                listed.append(
                    _Draft(
                        found.start(),
                        found.end("num"),
                        value.scaleb(exponent),
                        draft.currency,
                        draft.magnitude,
                        decimals,
                        assumed=True,
                        ambiguous=ambiguous,
                        subunit=draft.subunit,
                    )
                )
                at = found.start()
            if len(listed) == 1 and _YEAR.fullmatch(text, listed[0].start, listed[0].end):
                listed = []
        out.extend(reversed(listed))
        out.append(draft)
    return out


# A table's unit: a magnitude and "tenge" with no number before them on the line
# ("Total paid, billion tenge 300 200 50", a column heading "тыс. тенге" of its own).
_TENGE_CASES = ("tenge", "Tenge")  # (found with the spelled amounts' pass, case-free)
_UNIT_WORDS = ("тенге", "теңге", "KZT")
_UNIT_BEFORE = regex_cache.compile(r"(?<![\w.])(?P<mag>[^\W\d_]+\.?)[ \t]+(?:of[ \t]+)?$")
# (A space separates cells: "300 200 50" is three numbers, not one grouped by spaces.)
_CELL = regex_cache.compile(r"[0-9](?:[\d,.]|\u00a0(?=\d))*(?<![,.])|[ \t|]+|\([^()\n]{1,20}\)")
_ROW_LABEL_MAX = 60


def _with_table_cells(
    text: str, drafts: list[_Draft], style: NumberStyle, tenge: list[int]
) -> list[_Draft]:
    """Numbers in a table whose heading states the unit ("billion tenge", "тыс. тенге"):
    the rest of the heading's line when it holds only numbers, and, under a heading on a
    short line of its own, the rows below it (a label, then only numbers) up to a blank
    line. They are tenge of that size, currency assumed; years and what an amount
    already covers are skipped."""
    cells: list[_Draft] = []
    starts = [d.start for d in drafts]
    for word, found in (
        ("tenge", [at for at in tenge if text.startswith(_TENGE_CASES, at)]),
        *((word, occurrences(text, word)) for word in _UNIT_WORDS),
    ):
        for at in found:
            inside = bisect_right(starts, at) - 1
            if inside < 0 or drafts[inside].end <= at:  # not an amount's own word
                cells.extend(_unit_cells(text, at, at + len(word), style))
    if not cells:
        return drafts
    ends = [d.end for d in drafts]
    fresh = [c for c in cells if not overlaps_any(starts, ends, c.start, c.end)]
    return sorted(drafts + _without_overlaps(fresh), key=lambda d: d.start)


def _unit_cells(text: str, start: int, end: int, style: NumberStyle) -> list[_Draft]:
    near = max(0, start - 30)
    near = text.rfind("\n", near, start) + 1 or near
    if _DIGIT.search(text, near, start) or text[end : end + 1].isalnum():
        return []  # a number's unit ("5 billion tenge"), the common case, is no heading
    unit = _UNIT_BEFORE.search(text, near, start)
    exponent = magnitude_exponent(unit["mag"]) if unit else 0
    line_start = text.rfind("\n", 0, start) + 1
    if not exponent or _DIGIT.search(text, line_start, start):
        return []
    line_end = _line_end(text, end)
    row = _row_cells(text, end, line_end, exponent, style)
    if row or line_end - line_start > _ROW_LABEL_MAX:
        return row
    found: list[_Draft] = []
    at = line_end + 1
    while at < len(text) and text[at] != "\n":
        stop = _line_end(text, at)
        label_end = _DIGIT.search(text, at, stop)
        if label_end is None and stop - at > _ROW_LABEL_MAX:
            break  # prose: the table has ended
        if label_end is not None:
            found += _row_cells(text, label_end.start(), stop, exponent, style)
        at = stop + 1
    return found


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def _row_cells(text: str, start: int, end: int, exponent: int, style: NumberStyle) -> list[_Draft]:
    """The numbers of ``text[start:end]`` if it holds only numbers (and short notes in
    parentheses); none otherwise."""
    cells = []
    at = start
    while at < end:
        cell = _CELL.match(text, at, end)
        if cell is None:
            return []
        number = cell.group()
        if number[0].isdigit() and not _YEAR.fullmatch(number):
            value, decimals, ambiguous = read_number(number, style)
            cells.append(
                _Draft(
                    cell.start(),
                    cell.end(),
                    value.scaleb(exponent),
                    "KZT",
                    None,
                    decimals,
                    assumed=True,
                    ambiguous=ambiguous,
                )
            )
        at = cell.end()
    return cells


_LIST_ENDINGS = tuple(
    f"{space}{word}{space}"
    for word in ("and", "or", "и", "или", "және", "немесе")
    for space in (" ", "\u00a0")
)


def _may_end_a_list_item(text: str, at: int) -> bool:
    """A cheap first test: a comma or a conjunction just before ``at``."""
    before = text[max(0, at - 9) : at]
    return before.rstrip(" \u00a0").endswith(",") or before.endswith(_LIST_ENDINGS)


_AND = regex_cache.compile(r"\s+and\s+|\s+и\s+")


def _joined_compounds(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """'1 billion and 300 million US dollars' is one sum: a bare larger magnitude joined by
    "and" to a smaller one that carries the currency. Equal or rising magnitudes ("5
    billion and 7 billion tenge", "$5 million and 7 million shares") stay apart."""
    out: list[_Draft] = []
    for draft in drafts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.currency is None
            and prev.range is None
            and draft.range is None
            and magnitude_exponent(prev.magnitude) > magnitude_exponent(draft.magnitude) > 0
            and _AND.fullmatch(text, prev.end, draft.start)
        ):
            prev.end = draft.end
            prev.value += draft.value
            prev.currency = draft.currency
            prev.assumed = draft.assumed
            continue
        out.append(draft)
    return out


_RANGE_JOIN = regex_cache.compile(r"\s*[-–—]\s*|\s+to\s+|\s+and\s+")
_RANGE_WORDS = frozenset(("-", "–", "—", "to", "and"))  # a cheap first test


def _may_join(first: str) -> bool:
    """Whether a gap starting with ``first`` may hold only a range word, tested before
    the gap is cut out (between amounts far apart it is long)."""
    return first.isspace() or first in _RANGE_FIRSTS


_RANGE_FIRSTS = frozenset(w[0] for w in _RANGE_WORDS)


def _joined_ranges(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """'$5 million to $6 million', '$5 million-$6 million', 'between $5 million and $7
    million': one range. ("and" only after "between"; "from X to Y" and "by X to Y" are
    a change of two amounts; Russian and Kazakh text writes such pairs as two amounts,
    so this applies to English.)"""
    out: list[_Draft] = []
    for draft in drafts:
        prev = out[-1] if out else None
        joiner = (
            _RANGE_JOIN.fullmatch(text, prev.end, draft.start)
            if prev
            and _may_join(text[prev.end : prev.end + 1])
            and text[prev.end : draft.start].strip() in _RANGE_WORDS
            else None
        )
        if (
            prev is not None
            and joiner is not None
            and prev.range is None
            and draft.range is None
            and prev.currency == draft.currency
            and prev.value < draft.value
            and (
                "and" not in joiner.group()
                or _BETWEEN.search(text, max(0, prev.start - 12), prev.start)
            )
            and not _FROM.search(text, max(0, prev.start - 12), prev.start)
        ):
            prev.end = draft.end
            prev.range = (prev.value, draft.value)
            continue
        out.append(draft)
    return out


def _amount(text: str, draft: _Draft, offset: int) -> Amount:
    qualifier = _hedge(text, draft)
    return new_amount(  # positional: this runs for every amount of an archive
        draft.start + offset,
        draft.end + offset,
        text[draft.start : draft.end],
        draft.value,
        draft.currency,
        draft.magnitude,
        draft.decimals,
        qualifier is not None,
        qualifier,
        draft.range,
        draft.assumed,
        draft.ambiguous,
        draft.subunit,
    )
