"""Conversion pairs: an amount and its restatement in another currency.

A pair is recognised from what stands between two neighbouring amounts: an opening
parenthesis or bracket ("X (Y)", "X [Y]"), ", or" ("X, or Y"), a dash ("X – approximately
Y", "X — это порядка Y"), an equivalence ("X, equivalent to Y", "X, which is about Y",
"X, что эквивалентно Y", "X, яғни Y") or the next sentence ("X. This is about Y"). A
word or two may stand between the primary and its parenthesis ("a 5 billion tenge grant
(€10 million)", "500 млн теңгеге дейін ($1 млн)"), and two amounts from one figure to
another convert to two ("from X1 to X2 (from Y1 to Y2)"). Hedges are the scanner's
(each amount's ``qualifier``, from one shared list), so any hedge it reads may stand
before the conversion. A written exchange rate ("1 USD = 513.45 tenge", "(188.35 tenge =
$1)", "520 tenge per 1 dollar", "147,55/$1", "1 евро - 180,25"; a one-unit primary is
always a rate's base) is a pair of kind ``explicit-rate``, and an MRP figure
restated in tenge ("15 MRP (55,380 tenge)") one of kind ``index``: both are recognised so
that they are never checked as conversions.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import NamedTuple

from moneyfix.amounts.lexicon import NOT_MONEY
from moneyfix.model import Amount, Pair, PairKind
from moneyfix.regex_cache import compile_all

_EQUIVALENT = r"(?:в\s+эквиваленте|что\s+(?:эквивалентно|составляет|равно))"
# Words that may open a conversion's parenthesis, before any hedge.
_LEAD = (
    rf"(?:{_EQUIVALENT}|(?:equivalent|equal)\s+to|or|или|немесе|i\.\s?e\.,?|т\.\s?е\.|"
    r"то\s+есть|яғни|это|бұл|by|на)"
)
# A few words between the primary and its parenthesis: a noun ("tenge grant", "of net
# loss"), a postposition ("теңгеге дейін"); not a capitalised name, a number or a
# joining word.
_JOINING = r"(?:and|or|to|from|than|versus|vs|plus|и|или|до|от|с|а|но|немесе|және)\b"
_WORD = rf"(?!{_JOINING})[^\W\d_]+(?:-[^\W\d_]+)*"
_WORDS = rf"(?:\s+(?-i:(?![A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])){_WORD}){{0,3}}"
# "one dollar cost 383.43 tenge", "jumped to 412 tenge", "1 рубль … равен 6,02 тенге"
_UNIT_PRICED = r"(?i)(?:\s+(?!(?:and|or|plus|и|или|немесе|және)\b)[^\W\d_]+){1,4}\s+"
_OPEN = rf"\s*(?:\.?,)?\s*[(\[]\s*(?:{_LEAD}\s*)?"  # also "$1,025.2 m., (KZT152.7 bn.)"
_CONNECTORS: tuple[tuple[PairKind, str], ...] = (
    # "(Y)", "[Y]", "(or about Y)", "(i.e. Y)", "(т.е. Y)", "(в эквиваленте Y)"
    ("parenthesis", rf"(?i){_WORDS}{_OPEN}"),
    ("or", r"(?i)\s*,?\s+(?:or|или|немесе)\s+|[ \u00a0]*/[ \u00a0]*"),
    ("dash", r"(?i)(?:\s*[–—]|\s+-)\s+(?:(?:это|бұл)\s+)?"),
    # ", equivalent to $Y", ", which is about $Y", ", что эквивалентно $Y", ", яғни $Y"
    (
        "equivalent",
        rf"(?i)\s*,\s*(?:(?:equivalent|equal)\s+to|(?:which|that)\s+is|i\.\s?e\.,?|"
        rf"{_EQUIVALENT}|то\s+есть|т\.\s?е\.|яғни)\s+",
    ),
    # "X. This is approximately Y.", "X. Это порядка Y.", "X. Бұл шамамен Y."
    (
        "equivalent",
        r"(?i)\.\s+(?-i:This|That|Это|Бұл)(?:'s|\s+(?:is|equals|amounts\s+to|"
        r"(?:is\s+)?(?:equivalent|equal)\s+to|составляет|эквивалентно|равно))?\s+",
    ),
)
# Between the two figures of "from X1 to X2" ("X1 and X2"), and what opens their conversion.
_RANGE_TO = r"(?i)\s*(?:to|and|до|и|және|-|–|—)\s*"
_RANGE_OPEN = rf"(?i){_WORDS}{_OPEN}(?:(?:from|between|от)\s+)?"
_RATE_CONNECTOR = r"(?i)\s*(?:=|/|per|for|to|за|үшін)\s*"
# "(US$235 per capita)", "($235 a month)": a rate per person or per period is another
# fact, not the primary amount in another currency (unless the primary is one too).
_PER_UNIT = (
    r"(?i)[ \u00a0]*(?:per\b|(?:for\s+)?(?:each|every)\b|apiece\b"
    r"|an?\s+(?:month|year|day|week|head|person)\b"
    r"|на\s+(?:душу|человека)|в\s+(?:месяц|год|день)|айына|жылына)"
)
_MAX_GAP = 40


class _Patterns(NamedTuple):
    rate: re.Pattern[str]
    unit_priced: re.Pattern[str]
    per_unit: re.Pattern[str]
    range_to: re.Pattern[str]
    range_open: re.Pattern[str]
    connectors: tuple[tuple[PairKind, re.Pattern[str]], ...]


def find_pairs(text: str, amounts: list[Amount]) -> list[Pair]:
    """Pairs among ``amounts`` (in text order), each amount in at most one pair."""
    pairs: list[Pair] = []
    used: set[int] = set()
    for index in range(len(amounts) - 1):
        if index in used:
            continue
        two_by_two = _two_by_two(text, amounts[index : index + 4])
        if two_by_two is not None:
            for primary in (index, index + 1):
                first, second = amounts[primary], amounts[primary + 2]
                pairs.append(Pair(primary, primary + 2, two_by_two, implied_rate(first, second)))
            used.update(range(index, index + 4))
            continue
        first, second = amounts[index], amounts[index + 1]
        if second.start - first.end > _MAX_GAP:
            continue
        kind = _kind(text, first, second)
        if kind is None:
            continue
        rate = written_rate(first, second) if kind == "explicit-rate" else None
        pairs.append(Pair(index, index + 1, kind, rate or implied_rate(first, second)))
        used.update((index, index + 1))
    return pairs


def written_rate(first: Amount, second: Amount) -> Decimal | None:
    """A written rate without tenge ("EUR/USD 1.08"): units of the other currency per
    the one unit; with tenge (or no one unit) None, for the rate is then tenge per unit."""
    if "KZT" in (first.currency, second.currency) or _unit(first) == _unit(second):
        return None
    unit, other = (first, second) if _unit(first) else (second, first)
    return other.value / unit.value


@functools.cache
def _patterns() -> _Patterns:
    """The pair patterns, compiled (from the user cache) once."""
    sources = (
        _RATE_CONNECTOR,
        _UNIT_PRICED,
        _PER_UNIT,
        _RANGE_TO,
        _RANGE_OPEN,
        *(source for _, source in _CONNECTORS),
    )
    rate, unit_priced, per_unit, range_to, range_open, *connectors = compile_all("pairs", sources)
    kinds = (kind for kind, _ in _CONNECTORS)
    connected = tuple(zip(kinds, connectors, strict=True))
    return _Patterns(rate, unit_priced, per_unit, range_to, range_open, connected)


def _between(text: str, first: Amount, second: Amount) -> str:
    """The text joining two amounts, without the hedges the scanner read there: the
    conversion's before it ("(about $5 million)") and a Kazakh one after the primary
    ("5 млрд теңгеден астам ($10 млн)")."""
    between = text[first.end : second.start]
    if first.qualifier:
        rest = between.lstrip()
        if rest[: len(first.qualifier)].lower() == first.qualifier.lower():
            between = " " + rest[len(first.qualifier) :]
    if second.qualifier:
        rest = between.rstrip()
        if rest[len(rest) - len(second.qualifier) :].lower() == second.qualifier.lower():
            between = rest[: len(rest) - len(second.qualifier)] + " "
    return between


def _convertible(first: Amount, second: Amount) -> bool:
    """Two amounts one of which could restate the other: different currencies, both
    money, or an index and tenge."""
    currencies = {first.currency, second.currency}
    if None in currencies or len(currencies) == 1:
        return False
    return not currencies & NOT_MONEY or currencies - NOT_MONEY == {"KZT"}


def _two_by_two(text: str, run: list[Amount]) -> PairKind | None:
    """How 'from X1 to X2 (from Y1 to Y2)' or 'X1 and X2, что эквивалентно Y1 and Y2'
    links its four amounts, the second two converting the first two; None if it is not
    such a run."""
    if len(run) < 4:
        return None
    low, high, low_to, high_to = run
    p = _patterns()
    if not (
        low.currency == high.currency
        and low_to.currency == high_to.currency
        and _convertible(low, low_to)
        and low.currency not in NOT_MONEY
        and low_to.currency not in NOT_MONEY
        and p.range_to.fullmatch(_between(text, low, high))
        and p.range_to.fullmatch(_between(text, low_to, high_to))
    ):
        return None
    if p.range_open.fullmatch(_between(text, high, low_to)):
        return "parenthesis"
    kind = _link(text, high, low_to)
    return None if kind == "explicit-rate" else kind


def _kind(text: str, first: Amount, second: Amount) -> PairKind | None:
    if not _convertible(first, second):
        return None
    kind = _link(text, first, second)
    if kind is not None and {first.currency, second.currency} & NOT_MONEY:
        return "index"  # "15 MRP (55,380 tenge)": the index's value, checked by MF009 only
    return kind


def _link(text: str, first: Amount, second: Amount) -> PairKind | None:
    """How the text links two amounts of different currencies, if it does."""
    between = _between(text, first, second)
    p = _patterns()
    if (_unit(first) or _unit(second)) and p.rate.fullmatch(between):
        return "explicit-rate"  # "1 USD = 424 tenge", "147,55/$1", "520 tenge per 1 dollar"
    if between.isspace() and (_unit(first) or (_unit(second) and not _has_digit(second))):
        return "explicit-rate"  # "1 долларға 477,73 теңге"; "363.28 USD / KZT"
    if (_unit(second) or _EQUALS.match(text, second.end)) and p.rate.match(text, second.end):
        return None  # "X ($1 = 188 tenge)", "X (KGS 100 = $2.4)": a rate, not X in dollars
    if p.per_unit.match(text, second.end) and not p.per_unit.match(text, first.end):
        return None
    if _unit(first) and p.unit_priced.fullmatch(between):
        return "explicit-rate"  # "one dollar cost 383.43 tenge"
    for kind, connector in p.connectors:
        if connector.fullmatch(between):
            # "1 US dollar - 379.29 tenge", "1 евро - 180,25": the price of one unit
            return "explicit-rate" if _unit(first) else kind
    return None


_EQUALS = re.compile(r"\s*=")
"""An equals sign next after an amount, matched in place: a slice of the rest of the text
for every pair would make a big document's cost grow with the square of its pairs."""


def _unit(amount: Amount) -> bool:
    """One unit of a currency ("$1", "1 евро", "USD" in "USD/KZT 444.32"): a rate's base."""
    return amount.value == 1 and amount.magnitude is None and amount.range is None


def _has_digit(amount: Amount) -> bool:
    return any(char.isdigit() for char in amount.text)


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
