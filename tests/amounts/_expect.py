"""Expected amounts written as plain data, and one comparison that shows every field.

Each test states the full reading a user expects (span text, value, currency, magnitude,
decimals, hedge, range, assumed currency), so a failure prints both readings side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import moneyfix
from moneyfix.model import Amount


@dataclass(frozen=True)
class Want:
    """One expected amount; ``value`` and ``range`` are decimal strings of the full sum."""

    text: str
    value: str
    currency: str | None
    magnitude: str | None = None
    decimals: int = 0
    qualifier: str | None = None
    range: tuple[str, str] | None = None
    assumed: bool = False


def _plain(value: Decimal) -> str:
    """'6.3E+10' and '63000000000' are the same sum: compare them as one plain string."""
    return format(value.normalize(), "f")


def _got(text: str, amount: Amount) -> dict[str, Any]:
    return {
        "text": text[amount.start : amount.end],
        "value": _plain(amount.value),
        "currency": amount.currency,
        "magnitude": amount.magnitude,
        "decimals": amount.decimals,
        "approximate": amount.approximate,
        "qualifier": amount.qualifier,
        "range": None if amount.range is None else tuple(_plain(v) for v in amount.range),
        "assumed": amount.assumed_currency,
    }


def _wanted(want: Want) -> dict[str, Any]:
    return {
        "text": want.text,
        "value": _plain(Decimal(want.value)),
        "currency": want.currency,
        "magnitude": want.magnitude,
        "decimals": want.decimals,
        "approximate": want.qualifier is not None,
        "qualifier": want.qualifier,
        "range": None if want.range is None else tuple(_plain(Decimal(v)) for v in want.range),
        "assumed": want.assumed,
    }


def check(sentence: str, wants: list[Want], lang: str = "en") -> None:
    """``find_amounts`` reads exactly ``wants`` from ``sentence``, in order."""
    amounts = moneyfix.find_amounts(sentence, lang=lang)
    for amount in amounts:
        assert amount.text == sentence[amount.start : amount.end], "text must be verbatim"
        assert 0 <= amount.start < amount.end <= len(sentence)
    got = [_got(sentence, a) for a in amounts]
    wanted = [_wanted(w) for w in wants]
    assert got == wanted, f"\nin:   {sentence!r}\nwant: {wanted}\ngot:  {got}"
