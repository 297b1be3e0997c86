"""Hard-wrapped text (Markdown, plain text, HTML source) and markup split amounts.

"(US$235.59\\nmillion)" is a correct conversion on two lines: reading only "US$235.59"
would report a missing magnitude and "fix" it into "US$235.59 million\\nmillion".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from moneyfix.check import check_document, check_text
from moneyfix.documents import read_document
from moneyfix.fixes import apply_edits

DAY = dt.date(2020, 11, 24)


def test_a_conversion_wrapped_before_its_magnitude_is_correct() -> None:
    text = "The fund will grow to 100 billion tenge (US$235.59\nmillion) next year.\n"
    assert check_text(text, date=DAY) == []


def test_an_amount_wrapped_before_its_currency_still_pairs_and_is_fixed() -> None:
    text = "The fund will grow to 100 billion\ntenge (US$235.59) next year.\n"
    (finding,) = check_text(text, date=DAY)
    assert (finding.code, finding.text) == ("MF001", "US$235.59")
    assert finding.fix is not None
    fixed = apply_edits(text, list(finding.fix.edits))
    assert fixed == "The fund will grow to 100 billion\ntenge (US$235.59 million) next year.\n"


def test_a_wrong_magnitude_across_lines_is_quoted_on_one_line() -> None:
    text = "The fund will grow to 100 billion tenge (US$235.59\nthousand) next year.\n"
    (finding,) = check_text(text, date=DAY)
    assert finding.code == "MF002"
    assert '"US$235.59 thousand"' in finding.message
    assert "\n" not in finding.message


def test_a_magnitude_past_markup_is_not_inserted_twice(tmp_path: Path) -> None:
    """A long tag between the number and its word is wider than the scanner bridges; the
    word is there all the same, so nothing is wrong and nothing may be inserted."""
    page = tmp_path / "2020-11-24-fund.html"
    page.write_text(
        '<p>The fund will grow to 100 billion tenge (US$235.59 <span class="unit-word">'
        "million</span>) next year.</p>\n",
        encoding="utf-8",
    )
    ((doc, _source),) = read_document(page)
    assert check_document(doc).findings == []


def test_a_magnitude_word_the_scanner_did_not_join_is_not_inserted_twice() -> None:
    """Past a line break the scanner joins only a lower-case word; a capitalised one
    ("US$235.59\nMillion") stays apart, yet the word is there: no finding, no edit."""
    text = "The fund will grow to 100 billion tenge (US$235.59\nMillion) next year.\n"
    assert check_text(text, date=DAY) == []
