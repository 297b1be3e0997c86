"""Hand-built FileReports for the format tests: our own sentences, offsets found by search.

They cover an ASCII multi-line file with one very long line, a CRLF Cyrillic file, an
unreadable file and a clean one, so every format meets each case.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from moneyfix.model import Amount, Edit, FileReport, Finding, Fix, Pair


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """``[start, end)`` of the ``nth`` occurrence of ``needle`` (fails loudly if absent)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


ROADS = (
    "ASTANA, Nov. 24, 2020 - The ministry will spend 100 billion tenge (US$235.59) on roads.\n"
    "The plan was presented to the regional governors at a long meeting in the capital on "
    "Tuesday, and officials said that another 63 billion tenge (US$148.42 million) would go to "
    "rural clinics over the next three years, while each household in the flooded districts "
    "will get 50,000 tenge ($150) in aid.\n"
    "A bridge in the north cost 3.91 billion tenge ($26 billion), the auditors found.\n"
    "The fund also holds 12 billion tenge in reserve, about 5-6 billion tenge of it in bonds.\n"
)

RU = (
    "Дата: 2021-03-01\r\n"
    "Министерство выделит 7,5 млрд тенге (17,9 млн долларов) на дороги.\r\n"
    "Бюджет программы составит 2 трлн тенге ($5,5 млрд) — «100% из фонда».\r\n"
)


def _amount(text: str, needle: str, value: str, currency: str | None, **kw: object) -> Amount:
    start, end = span(text, needle)
    return Amount(start, end, needle, Decimal(value), currency, **kw)  # type: ignore[arg-type]


def roads_report() -> FileReport:
    t = ROADS
    a = [
        _amount(t, "100 billion tenge", "100E9", "KZT", magnitude="billion"),
        _amount(t, "US$235.59", "235.59", "USD", decimals=2),
        _amount(t, "63 billion tenge", "63E9", "KZT", magnitude="billion"),
        _amount(t, "US$148.42 million", "148.42E6", "USD", magnitude="million", decimals=2),
        _amount(t, "50,000 tenge", "50000", "KZT"),
        _amount(t, "$150", "150", "USD", assumed_currency=True),
        _amount(t, "3.91 billion tenge", "3.91E9", "KZT", magnitude="billion", decimals=2),
        _amount(t, "$26 billion", "26E9", "USD", magnitude="billion", assumed_currency=True),
        _amount(t, "12 billion tenge", "12E9", "KZT", magnitude="billion"),
        _amount(
            t,
            "5-6 billion tenge",
            "5E9",
            "KZT",
            magnitude="billion",
            approximate=True,
            qualifier="about",
            range=(Decimal("5E9"), Decimal("6E9")),
        ),
    ]
    pairs = [
        Pair(0, 1, "parenthesis", Decimal("424466233.71")),
        Pair(2, 3, "parenthesis", Decimal("424.47")),
        Pair(4, 5, "parenthesis", Decimal("333.33")),
        Pair(6, 7, "parenthesis", Decimal("0.15")),
    ]
    s1, e1 = span(t, "US$235.59")
    s3, e3 = span(t, "$150")
    s2, e2 = span(t, "$26 billion")
    s5, e5 = span(t, "12 billion tenge")
    findings = [
        Finding(
            "MF001",
            "missing-magnitude",
            "error",
            "US$235.59 converts 100 billion tenge at 424,466,233.71 tenge per dollar; "
            '"US$235.59 million" matches the official 424.49',
            s1,
            e1,
            "US$235.59",
            Fix("safe", (Edit(s1, e1, "US$235.59 million"),)),
            {
                "primary": "100 billion tenge",
                "conversion": "US$235.59",
                "implied_rate": "424466233.71",
                "expected_rate": "424.49",
                "rate_date": "2020-11-25",
                "rate_source": "nbk",
            },
        ),
        Finding(
            "MF003",
            "rate-mismatch",
            "warning",
            "implied rate 333.33 tenge per dollar; the official rate on 2020-11-24 was 424.49",
            s3,
            e3,
            "$150",
            Fix("unsafe", (Edit(s3, e3, "$118"),)),
            {"implied_rate": "333.33", "expected_rate": "424.49", "rate_date": "2020-11-24"},
        ),
        Finding(
            "MF002",
            "wrong-magnitude",
            "error",
            'implied rate 0.15 tenge per dollar: either "3.91 trillion tenge" or "$26 million"',
            s2,
            e2,
            "$26 billion",
        ),
        Finding(
            "MF005",
            "missing-conversion",
            "info",
            "12 billion tenge has no dollar conversion (about US$28.27 million on 2020-11-24)",
            s5,
            e5,
            "12 billion tenge",
            Fix("unsafe", (Edit(e5, e5, " (US$28.27 million)"),)),
        ),
    ]
    return FileReport(
        path="reports/roads.txt",
        text=t,
        date=dt.date(2020, 11, 24),
        date_source="dateline",
        amounts=a,
        pairs=pairs,
        findings=findings,
    )


def ru_report() -> FileReport:
    t = RU
    a = [
        _amount(t, "7,5 млрд тенге", "7.5E9", "KZT", magnitude="млрд", decimals=1),
        _amount(t, "17,9 млн долларов", "17.9E6", "USD", magnitude="млн", decimals=1),
        _amount(t, "2 трлн тенге", "2E12", "KZT", magnitude="трлн"),
        _amount(
            t,
            "$5,5 млрд",
            "5.5E9",
            "USD",
            magnitude="млрд",
            decimals=1,
            assumed_currency=True,
            ambiguous="decimal comma after a bare $",
        ),
    ]
    s, e = span(t, "$5,5 млрд")
    findings = [
        Finding(
            "MF003",
            "rate-mismatch",
            "warning",
            "implied rate 363.64 tenge per dollar; the official rate on 2021-03-01 was 419.50",
            s,
            e,
            "$5,5 млрд",
            Fix("unsafe", (Edit(s, e, "$4,8 млрд"),)),
            {"implied_rate": "363.64", "expected_rate": "419.50", "rate_date": "2021-03-01"},
        ),
    ]
    return FileReport(
        path="news/бюджет 2021.md",
        text=t,
        date=dt.date(2021, 3, 1),
        date_source="front-matter",
        amounts=a,
        pairs=[
            Pair(0, 1, "parenthesis", Decimal("418.99")),
            Pair(2, 3, "parenthesis", Decimal("363.64")),
        ],
        findings=findings,
    )


def broken_report() -> FileReport:
    return FileReport(path="drafts/broken.txt", error="not valid UTF-8 (byte 0xff at offset 17)")


def clean_report() -> FileReport:
    return FileReport(path="drafts/clean.txt", text="No money here.\n")


def all_reports() -> list[FileReport]:
    return [roads_report(), ru_report(), broken_report(), clean_report()]
