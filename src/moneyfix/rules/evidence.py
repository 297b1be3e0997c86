"""Which side of a power-of-1000 slip is wrong, and how sure we are.

"831 million tenge (US$2.36)" agrees with the official rate if the conversion lost its
"million" or if the primary's "million" is spurious. The text itself usually tells:

- the scale of the document's other amounts in the same currencies (an article of
  budgets in billions, or of salaries in tens of thousands);
- what the figure is: a salary, price, fee, fine or per-unit figure is small; a budget,
  programme, fund or investment is large;
- a table-style "98,942 thousand tenge" (a grouped number under "thousand") whose
  "thousand" makes a salary-sized figure a million times too large;
- decimals: "2.5 billion tenge" does not become "2.5 tenge".

Each clue votes for one reading. The vote is decisive when clues worth at least two
votes agree and none disagrees; then the fix is safe. Otherwise the reading with more
votes (the conversion losing its word when tied: that is the common slip) is offered as
an unsafe fix, with both readings in the message.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from moneyfix import regex_cache
from moneyfix.model import Amount

_SMALL = regex_cache.compile(
    r"(?i)\b(?:salar|wage|pay\b|paid|pension|stipend|allowance|benefit|price|fee|fine[ds]?\b"
    r"|ticket|tariff|fare|rent|per\b|each\b|monthly|a month|зарплат|заработн|оклад|пенси"
    r"|стипенди|пособи|цен[аыуе]|стоимост|штраф|тариф|билет|аренд|жалақ|зейнетақ|жәрдемақ"
    r"|баға|айыппұл|жалдау)"
)
_LARGE = regex_cache.compile(
    r"(?i)\b(?:budget|programme|program|fund|invest|project|revenue|loan|financ|subsid"
    r"|capital|assets|gdp|export|import|turnover|profit|debt|allocat|бюджет|программ|фонд"
    r"|инвестиц|проект|доход|кредит|финансир|субсид|актив|экспорт|импорт|прибыл|бағдарлама"
    r"|қор|жоба|кіріс|несие|қаржы|пайда)"
)
_THOUSAND_WORD = regex_cache.compile(r"(?i)^(?:thousand|тыс\.?|тысяч\w*|мың\w*|k)$")
_GROUPED = regex_cache.compile(r"\d[,\u00a0\u202f ]\d{3}(?!\d)")
_CLAUSE_BEFORE = 90
_SALARY_SIZED = Decimal(10) ** 7


@dataclass(frozen=True)
class Reading:
    """One way to make a pair agree: ``side`` takes the value ``value``."""

    side: Amount
    value: Decimal
    removes: bool
    """The reading drops the side's magnitude word ("831 million tenge" -> "831 tenge")."""


@dataclass(frozen=True)
class Verdict:
    best: int
    """Index of the more likely reading."""
    decisive: bool
    reasons: tuple[str, ...]
    """What decided, in words for the message."""


class DocumentScale:
    """The values of a document's amounts by currency, sorted once: how many lie on each
    side of a value answers "is this article about millions or about thousands?". The
    pair being weighed is not among them (its figures are in doubt)."""

    def __init__(self, amounts: list[Amount]) -> None:
        values: dict[str, list[Decimal]] = defaultdict(list)
        for amount in amounts:
            if amount.currency is not None and amount.value > 0:
                values[amount.currency].append(amount.value)
        self._values = {currency: sorted(v) for currency, v in values.items()}

    def split(self, currency: str, low: Decimal, high: Decimal) -> tuple[int, int]:
        """How many amounts lie nearer ``low`` and how many nearer ``high`` (geometrically)."""
        values = self._values.get(currency, [])
        middle = (low * high).sqrt()
        return bisect_left(values, middle), len(values) - bisect_right(values, middle)


def weigh(
    text: str, primary: Amount, readings: list[Reading], scale: DocumentScale | None
) -> Verdict:
    """The likelier of two readings and whether the evidence decides between them."""
    assert len(readings) == 2
    votes = [0, 0]
    reasons: list[str] = []
    larger = 0 if _scaled_up(readings[0], readings[1]) else 1
    if scale is not None:
        _scale_votes(readings, scale, votes, reasons)
    before = text[max(0, primary.start - _CLAUSE_BEFORE) : primary.start]
    before = re.split(r"[.!?;\n]", before)[-1]
    small, large = bool(_SMALL.search(before)), bool(_LARGE.search(before))
    if small != large and _sizes_differ(readings):
        votes[1 - larger if small else larger] += 2
        kind = "small (a salary, price or fee)" if small else "large (a budget, fund or investment)"
        reasons.append(f"the figure is {kind}")
    for index, reading in enumerate(readings):
        side = reading.side
        if reading.removes and side.currency == "KZT" and side.decimals > 0:
            votes[1 - index] += 2
            reasons.append(f'"{side.shown}" has decimals, which a bare tenge figure would not')
        if reading.removes and _table_style(text, side):
            votes[index] += 1
            reasons.append(f'"{side.shown}" is a grouped number under "thousand" (table style)')
    best = 0 if votes[0] >= votes[1] else 1
    decisive = votes[best] >= 2 and votes[1 - best] == 0
    return Verdict(best, decisive, tuple(reasons))


def _sizes_differ(readings: list[Reading]) -> bool:
    """Does one reading make the tenge figure salary-sized and the other budget-sized?
    ("3.91 billion" or "trillion tenge" are both large: what the figure is cannot tell.)"""
    tenge = []
    for index, reading in enumerate(readings):
        other = readings[1 - index].side
        if reading.side.currency == "KZT":
            tenge.append(reading.value)
        elif other.currency == "KZT":
            tenge.append(other.value)
    return len(tenge) == 2 and min(tenge) < _SALARY_SIZED <= max(tenge)


def _scaled_up(first: Reading, second: Reading) -> bool:
    """Does ``first`` make the pair larger than ``second`` does?"""
    ratio_first = first.value / first.side.value
    ratio_second = second.value / second.side.value
    return ratio_first > ratio_second


def _scale_votes(
    readings: list[Reading], scale: DocumentScale, votes: list[int], reasons: list[str]
) -> None:
    """The other amounts in the pair's currencies: nearer the pair as one reading has it,
    or as the other has it? A vote when they lean one way three to one or more."""
    near = [0, 0]
    for changed, reading in enumerate(readings):
        side = reading.side
        assert side.currency is not None  # a pair's sides have currencies
        values = [side.value, side.value]
        values[changed] = reading.value
        low, high = sorted(values)
        below, above = scale.split(side.currency, low, high)
        for index in (0, 1):
            near[index] += below if values[index] == low else above
    total = sum(near)
    winner = 0 if near[0] > near[1] else 1
    if near[winner] >= 1 and near[winner] >= 3 * near[1 - winner]:
        votes[winner] += 2
        reasons.append(
            f"{near[winner]} of the document's {total} other amounts in these currencies "
            "are of that scale"
        )


def _table_style(text: str, side: Amount) -> bool:
    return bool(
        side.magnitude
        and _THOUSAND_WORD.match(side.magnitude.strip())
        and _GROUPED.search(text, side.start, side.end)
    )
