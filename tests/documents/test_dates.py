"""Document dates: --date values, file names, datelines (and what is not a dateline)."""

from __future__ import annotations

import datetime as dt

import pytest

from moneyfix.documents import load_document, parse_date
from moneyfix.documents.dates import date_from_filename, find_dateline

D = dt.date(2020, 11, 24)


@pytest.mark.parametrize(
    "value",
    [
        "2020-11-24",
        " 2020-11-24 ",
        "2020-11-24T23:30:00+06:00",
        "24.11.2020",
        "24.11.20",
        "Nov. 24, 2020",
        "November 24th, 2020",
        "24 November 2020",
        "24 Nov 2020",
        "24 ноября 2020",
        "24 ноября 2020 г.",
        "2020 жылғы 24 қараша",
        "24 қараша 2020",
    ],
)
def test_parse_date_accepts(value: str) -> None:
    assert parse_date(value) == D


@pytest.mark.parametrize("value", ["", "tomorrow", "2020-02-30", "24/11/2020", "2020-11-24 x"])
def test_parse_date_rejects_with_a_clear_message(value: str) -> None:
    with pytest.raises(ValueError, match=r"cannot read date .*expected YYYY-MM-DD"):
        parse_date(value)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2020-11-24-forum.md", D),
        ("archive/20201124_forum.html", D),
        ("forum.2020.11.24.txt", D),
        ("report-2020.md", None),
        ("2020-13-45-x.md", None),
        ("1234567890.md", None),
    ],
)
def test_date_from_filename(name: str, expected: dt.date | None) -> None:
    assert date_from_filename(name) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nov. 24, 2020\n\nThe ministry said ...",
        "Headline\n\n    24 November 2020, 13:58\n\nASTANA. Text ...",
        "15:32, 24 November 2020 | GMT +6\nHeadline",
        "Tuesday, November 24th, 2020\nText",
        "24.11.2020\nText",
        "Заголовок\n24 ноября 2020, 10:15\nТекст",
        "Тақырып\n2020 жылғы 24 қараша\nМәтін",
        "ALMATY, Nov. 24, 2020 – The government said ...",
        "Астана, 24 ноября 2020. Правительство ...",
        "Headline about 5 billion tenge 24 November 2020, 14:52\n\nText",
        "Published: 24.11.2020",
        "**Nov. 24, 2020**",
    ],
)
def test_dateline_variants(text: str) -> None:
    assert find_dateline(text) == D


@pytest.mark.parametrize(
    "text",
    [
        "As of November 24, 2020, the fund held 5 trillion tenge.",
        "The plan runs until 24 November 2020.\n",
        "Figures for 2020 and 24 items.",
        "x" * 600 + "\n24 November 2020\n",
        "Headline\n24 ноября\n",
    ],
)
def test_not_a_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_dateline_window_counts_from_the_first_visible_character() -> None:
    assert find_dateline("\n" * 300 + " " * 400 + "Title\n24 November 2020\n") == D


def test_date_priority_front_matter_then_filename_then_dateline() -> None:
    body = b"Nov. 25, 2020\ntext"
    doc = load_document(b"---\ndate: 2020-11-23\n---\n" + body, "2020-11-24-a.md")[0][0]
    assert (doc.date, doc.date_source) == (dt.date(2020, 11, 23), "front-matter")
    doc = load_document(body, "2020-11-24-a.md")[0][0]
    assert (doc.date, doc.date_source) == (D, "filename")
    doc = load_document(body, "a.md")[0][0]
    assert (doc.date, doc.date_source) == (dt.date(2020, 11, 25), "dateline")
    doc = load_document(b"no date here", "a.txt")[0][0]
    assert (doc.date, doc.date_source) == (None, None)


def test_dateline_inside_skipped_code_does_not_count() -> None:
    doc = load_document(b"```\nNov. 24, 2020\n```\ntext", "a.md")[0][0]
    assert doc.date is None
