"""Fuzzing the whole pipeline (issue 13): text -> amounts -> check -> fix -> check.

The texts are random mixtures of money-like pieces (figures, signs, magnitude words in
three languages, brackets, markup, entities, odd spaces and control characters), so the
scanner, the pair finder and the rules meet forms no hand-written test thought of. The
invariants hold for any input: no exception, every span inside the text and holding the
text it names, the text outside the edits unchanged, fixing idempotent. Bounded in time:
a fixed number of examples, each with a deadline.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moneyfix.check import check_document
from moneyfix.config import Config
from moneyfix.documents import load_document
from moneyfix.fixes import unchanged_outside
from moneyfix.model import Document
from moneyfix.rates.table import RateTable, load_table
from moneyfix.runner import FixError, chosen_edits, fix_document

DAY = dt.date(2020, 11, 24)
TABLE: RateTable = load_table()
CONFIG = Config(unsafe_fixes=True, select=("MF",))

PIECES = st.sampled_from(
    [
        *("100", "235.59", "1,234.56", "3 122", "7,5", "0", "63", "148.42", "1.5", "99999"),
        *("billion", "million", "thousand", "bn", "mln", "млрд", "млн", "тыс.", "миллиард"),
        *("tenge", "теңге", "тенге", "KZT", "US$", "$", "USD", "dollars", "€", "руб.", "MRP"),
        *(" ", " ", " ", "\u00a0", "\u2009", "\n", "\r\n", "\t", "(", ")", "[", "]", ",", "."),
        *(" or ", " – ", "-", " to ", " and ", "about ", "более ", "per capita", "%", "/"),
        *("<b>", "</b>", "<span>", "&nbsp;", "&#44;", "&amp;", "<!-- x -->", "`", "\x1b[0m"),
        *("In 2021", "Nov. 24, 2020", "ASTANA –", "equivalent to", "что эквивалентно"),
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=40).map("".join)


def _invariants(doc: Document) -> None:
    report = check_document(doc, CONFIG, TABLE)
    text = doc.text
    for amount in report.amounts:
        assert 0 <= amount.start < amount.end <= len(text)
        assert text[amount.start : amount.end] == amount.text
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    edits = [e for _, fix_edits in chosen_edits(report.findings, True) for e in fix_edits]
    try:
        fixed, _ = fix_document(doc, report, CONFIG, TABLE)
    except FixError:
        return  # refused as a whole: nothing is written, which is safe
    assert unchanged_outside(text, fixed, edits) or fixed == text
    again = load_document(fixed.encode("utf-8"), doc.path, date=DAY)[0][0]
    report_again = check_document(again, CONFIG, TABLE)
    try:
        fixed_twice, _ = fix_document(again, report_again, CONFIG, TABLE)
    except FixError:
        return
    assert fixed_twice == fixed


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, kind=st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_any_text_checks_and_fixes_safely(text: str, kind: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        items = load_document(data, kind, date=DAY)
    except Exception as exc:  # only the reader's own one-line refusal is allowed
        assert type(exc).__name__ == "DocumentError", exc
        return
    _invariants(items[0][0])
