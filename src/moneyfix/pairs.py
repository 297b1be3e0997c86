"""Conversion pairs: an amount and its restatement in another currency.

A pair is recognised from what stands between two neighbouring amounts: an opening
parenthesis or bracket ("X (Y)", "X [Y]"), ", or" ("X, or Y"), a dash ("X – approximately
Y"), an equivalence ("X, equivalent to Y", "X, which is about Y", "X, что эквивалентно
Y"), each optionally with a hedge before Y. A written exchange rate ("1 USD = 513.45 tenge",
"(188.35 tenge = $1)", "520 tenge per 1 dollar") is a pair of kind ``explicit-rate``: it
is recognised so that it is never checked as a conversion.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from moneyfix.amounts.lexicon import NOT_MONEY
from moneyfix.model import Amount, Pair, PairKind
from moneyfix.regex_cache import compile_all

_HEDGE = (
    r"(?:about|around|approximately|approx\.|nearly|almost|roughly|some|over|more than|"
    r"less than|under|just over|just under|up to|at least|an estimated|estimated|"
    r"equivalent to|equal to|circa|c\.|~|≈|около|более|свыше|почти|примерно|порядка|"
    r"шамамен|шамасы|жуық)"
)
_EQUIVALENT = r"(?:в\s+эквиваленте|что\s+(?:эквивалентно|составляет|равно))"
_CONNECTORS: tuple[tuple[PairKind, str], ...] = (
    # "(Y)", "[Y]", "(or about Y)", "(i.e. Y)", "(т.е. Y)", "(в эквиваленте Y)"
    (
        "parenthesis",
        rf"(?i)\s*[(\[]\s*(?:(?:{_EQUIVALENT}|or|или|i\.\s?e\.,?|т\.\s?е\.)\s*)?"
        rf"(?:{_HEDGE}\s*)?",
    ),
    ("or", rf"(?i)\s*,?\s+(?:or|или|немесе)\s+(?:{_HEDGE}\s+)?"),
    ("dash", rf"(?i)\s*[–—]\s*(?:{_HEDGE}\s+)?|\s+-\s+(?:{_HEDGE}\s+)?"),
    # ", equivalent to $Y", ", which is about $Y", ", что эквивалентно $Y"
    (
        "equivalent",
        rf"(?i)\s*,\s*(?:(?:equivalent|equal)\s+to|(?:which|that)\s+is|{_EQUIVALENT})"
        rf"\s+(?:{_HEDGE}\s+)?",
    ),
)
_RATE_CONNECTOR = r"(?i)\s*(?:=|per|for|за|үшін)\s*"
# "(US$235 per capita)", "($235 a month)": a rate per person or per period is another
# fact, not the primary amount in another currency (unless the primary is one too).
_PER_UNIT = (
    r"(?i)[ \u00a0]*(?:per\b|(?:for\s+)?(?:each|every)\b|apiece\b"
    r"|an?\s+(?:month|year|day|week|head|person)\b"
    r"|на\s+(?:душу|человека)|в\s+(?:месяц|год|день)|айына|жылына)"
)
_MAX_GAP = 40


def find_pairs(text: str, amounts: list[Amount]) -> list[Pair]:
    """Pairs among ``amounts`` (in text order), each amount in at most one pair."""
    pairs: list[Pair] = []
    used: set[int] = set()
    for index in range(len(amounts) - 1):
        if index in used:
            continue
        first, second = amounts[index], amounts[index + 1]
        if second.start - first.end > _MAX_GAP:
            continue
        kind = _kind(text, first, second)
        if kind is None:
            continue
        pairs.append(Pair(index, index + 1, kind, implied_rate(first, second)))
        used.update((index, index + 1))
    return pairs


@functools.cache
def _patterns() -> tuple[
    re.Pattern[str], re.Pattern[str], tuple[tuple[PairKind, re.Pattern[str]], ...]
]:
    """The rate connector, the per-unit tail and the pair connectors, compiled (from the
    user cache) once."""
    sources = (_RATE_CONNECTOR, _PER_UNIT, *(source for _, source in _CONNECTORS))
    rate, per_unit, *connectors = compile_all("pairs", sources)
    return rate, per_unit, tuple(zip((kind for kind, _ in _CONNECTORS), connectors, strict=True))


def _kind(text: str, first: Amount, second: Amount) -> PairKind | None:
    if first.currency is None or second.currency is None or first.currency == second.currency:
        return None
    if first.currency in NOT_MONEY or second.currency in NOT_MONEY:
        return None  # "15 MRP (64,875 tenge)" states the index's value, not a conversion
    between = text[first.end : second.start]
    rate_connector, per_unit, connectors = _patterns()
    if Decimal(1) in (first.value, second.value) and (
        rate_connector.fullmatch(between) or (between.isspace() and first.value == 1)
    ):
        return "explicit-rate"  # also "1 долларға 477,73 теңге": one unit, then its price
    if second.value == 1 and rate_connector.match(text, second.end):
        return None  # "X ($1 = 188 tenge)": the parenthesis states a rate, not X in dollars
    if per_unit.match(text, second.end) and not per_unit.match(text, first.end):
        return None
    for kind, connector in connectors:
        if connector.fullmatch(between):
            return kind
    return None


def implied_rate(first: Amount, second: Amount) -> Decimal | None:
    """KZT per unit of the other currency; without KZT, units of the first per the second."""
    if first.currency == "KZT" or second.currency != "KZT":
        numerator, denominator = first.value, second.value
    else:
        numerator, denominator = second.value, first.value
    if denominator == 0:
        return None
    # A minus stands outside both spans, and a restatement often drops it
    # ("-5 billion tenge ($10 million)"): the rate is one of sizes.
    return abs(numerator / denominator)


def rate_currencies(first: Amount, second: Amount) -> tuple[str, str]:
    """(units-of, per-one) for the implied rate of a pair: ('KZT', 'USD') for tenge/dollars."""
    assert first.currency is not None and second.currency is not None
    if first.currency == "KZT" or second.currency != "KZT":
        return first.currency, second.currency
    return second.currency, first.currency
