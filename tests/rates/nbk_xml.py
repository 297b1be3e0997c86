"""Hand-written responses in the format of NBK's get_rates.cfm (modelled on the real samples
in shared/data/nbk-api-samples/get_rates/, values invented)."""

from __future__ import annotations

import datetime as dt

# (fullname, code, description, quant, index, change)
DEFAULT_ITEMS: list[tuple[str, str, str, int, str, str]] = [
    ("АВСТРАЛИЙСКИЙ ДОЛЛАР", "AUD", "301.5", 1, "UP", "+0.40"),
    ("АРМЯНСКИЙ ДРАМ", "AMD", "12.6", 10, "DOWN", "-0.02"),
    ("ДОЛЛАР США", "USD", "470.12", 1, "DOWN", "-1.03"),
    ("ЕВРО", "EUR", "545", 1, "", "0.00"),
    ("ИРАНСКИЙ РИАЛ", "IRR", "1.12", 1000, "", "0.00"),
    ("ЮЖНОКОРЕЙСКИХ ВОН", "KRW", "33.95", 100, "UP", "+0.11"),
    ("УЗБЕКСКИХ СУМОВ", "UZS", "3.71", 100, "", "0.00"),
]


def rates_xml(
    day: dt.date,
    items: list[tuple[str, str, str, int, str, str]] | None = None,
) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<rates>",
        "    <generator>Alternate RSS Builder</generator>",
        "    <title>Official exchange rates of National Bank of Republic Kazakhstan</title>",
        "    <link>www.nationalbank.kz</link>",
        "    <description>Official exchange rates of National Bank of Republic Kazakhstan"
        "</description>",
        "    <copyright>www.nationalbank.kz</copyright>",
        f"    <date>{day:%d.%m.%Y}</date>",
    ]
    for fullname, code, description, quant, index, change in items or DEFAULT_ITEMS:
        parts += [
            "        <item>",
            f"            <fullname>{fullname}</fullname>",
            f"            <title>{code}</title>",
            f"            <description>{description}</description>",
            f"            <quant>{quant}</quant>",
            f"            <index>{index}</index>",
            f"            <change>{change}</change>",
            "        </item>",
        ]
    parts.append("</rates>")
    return "\n".join(parts).encode("utf-8")


def fdate(day: dt.date) -> str:
    return f"fdate={day:%d.%m.%Y}"
