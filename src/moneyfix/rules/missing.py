"""MF005: a tenge amount without a conversion, and the conversion to insert.

Off by default in `check`; `convert --add-missing` uses it to add "(US$X million)" after
amounts that lack one, at the official rate of the article's date, in the article's style.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from moneyfix.amounts.style import family_of, format_number
from moneyfix.model import Amount, Edit, Finding, Fix
from moneyfix.rates.table import RateTable, RateUnavailable
from moneyfix.rules.registry import RULES

_SIGNS = {"USD": "US$", "EUR": "€", "GBP": "£", "RUB": "₽", "CNY": "CN¥", "JPY": "¥"}


def conversion_text(
    value: Decimal, currency: str, lang: str, sign: str, family: dict[int, str]
) -> str:
    """'US$148.42 million' for 148_420_000 dollars; '$148,42 млн' in Russian."""
    exponent = max((e for e in (0, 6, 9, 12) if value >= Decimal(10) ** e), default=0)
    number = format_number(value.scaleb(-exponent), 2, "1,000", lang in ("ru", "kk"))
    word = family.get(exponent, "") if exponent else ""
    if sign:
        return f"{sign}{number}" + (f" {word}" if word else "")
    return f"{number}" + (f" {word}" if word else "") + f" {currency}"


_SMALLEST = Decimal("0.005")


def missing_conversions(
    text: str,
    amounts: list[Amount],
    paired: set[int],
    table: RateTable,
    day: dt.date,
    to: str,
    lang: str,
    max_staleness: int,
) -> list[Finding]:
    """One finding per unpaired tenge amount, each with the conversion to insert."""
    try:
        rate = table.lookup(to, day, max_staleness)
    except RateUnavailable:
        return []
    sign = _document_sign(text, to)
    rule = RULES["MF005"]
    findings = []
    for index, amount in enumerate(amounts):
        if index in paired or amount.currency != "KZT" or amount.range is not None:
            continue
        if amount.assumed_currency:
            continue
        converted = abs(amount.value) / rate.value  # the minus before stands for both
        if converted < _SMALLEST:
            continue  # "40 тиын": a conversion that would print as US$0.00 says nothing
        inserted = conversion_text(converted, to, lang, sign, family_of(amount.magnitude, lang))
        findings.append(
            Finding(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=f"{amount.shown} has no conversion; at the official {rate.value} "
                f"KZT/{to} of {rate.date} it is {inserted}",
                start=amount.start,
                end=amount.end,
                text=amount.text,
                fix=Fix("unsafe", (Edit(amount.end, amount.end, f" ({inserted})"),)),
                evidence={
                    "primary": amount.text,
                    "expected_rate": str(rate.value),
                    "rate_date": rate.date.isoformat(),
                    "rate_source": rate.source,
                },
            )
        )
    return findings


def _document_sign(text: str, currency: str) -> str:
    """The sign the article already writes for the currency: 'US$' or '$' for dollars."""
    if currency == "USD":
        return "US$" if "US$" in text or "$" not in text else "$"
    return _SIGNS.get(currency, "")
