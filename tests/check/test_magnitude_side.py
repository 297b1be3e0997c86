"""Which side of a power-of-1000 slip is wrong (issue 10, point 2): the text's evidence
decides, and decisive evidence gives a safe fix; otherwise the likelier reading is an
unsafe fix with both readings in the message.

Rates: NBK 150.42 KZT/USD on 2012-12-26; 424.49 on 2020-11-25.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from convert._helpers import generator, run, tree
from moneyfix.check import check_text
from moneyfix.fixes import apply_edits

DAY = dt.date(2012, 12, 26)


def _fixed(text: str, day: dt.date = DAY) -> tuple[list[tuple[str, str]], str]:
    findings = [f for f in check_text(text, date=day) if f.fix is not None]
    kinds = [(f.code, f.fix.applicability) for f in findings if f.fix is not None]
    edits = [e for f in findings if f.fix is not None for e in f.fix.edits]
    return kinds, apply_edits(text, edits)


def test_a_budget_among_budgets_gets_back_the_conversions_word_safely() -> None:
    text = (
        "The region's budget grew to 120 billion tenge (US$797.8 million). "
        "The programme will cost 831 million tenge (US$5.52)."
    )
    kinds, fixed = _fixed(text)
    assert kinds == [("MF001", "safe")]
    assert fixed.endswith("The programme will cost 831 million tenge (US$5.52 million).")
    (finding,) = check_text(text, date=DAY)
    assert "the evidence decides" in finding.message
    assert '"831 tenge"' in finding.message  # the other reading is named


def test_a_salary_among_salaries_is_not_scaled_up_to_thousands_of_dollars() -> None:
    text = (
        "The average salary in the district reached 98,942 thousand tenge ($659). "
        "Teachers earn 120,000 tenge ($798) and nurses 95,000 tenge ($632)."
    )
    kinds, fixed = _fixed(text)
    assert kinds == [("MF002", "safe")]
    assert "98,942 tenge ($659)" in fixed
    assert "$659 thousand" not in fixed
    (finding,) = check_text(text, date=DAY)
    assert "small (a salary, price or fee)" in finding.message
    assert "of that scale" in finding.message


def test_a_pair_alone_with_no_clue_gets_the_usual_reading_as_an_unsafe_fix() -> None:
    text = "The sum of 831 million tenge (US$5.52) was mentioned."
    (finding,) = check_text(text, date=DAY)
    assert (finding.code, finding.fix and finding.fix.applicability) == ("MF001", "unsafe")
    assert '"US$5.52 million"' in finding.message and '"831 tenge"' in finding.message
    assert "not a sure one" in finding.message


def test_decimals_on_the_primary_keep_its_word() -> None:
    text = "The sum of 2.5 million tenge (US$16.62) was mentioned."
    kinds, fixed = _fixed(text)
    assert kinds == [("MF001", "safe")]
    assert fixed == "The sum of 2.5 million tenge (US$16.62 thousand) was mentioned."


def test_a_batch_where_conversions_dropped_their_word_is_fixed_by_default(
    tmp_path: Path,
) -> None:
    gen = generator()
    src, out = tmp_path / "src", tmp_path / "out"
    items = gen.write_tree(src, gen.articles(30, "md", seed=5, any_primary=True))
    ambiguous = [a for a in items if a.text != a.expected and "million tenge (US$" in a.text]
    assert ambiguous, "the batch has broken conversions after million primaries"
    code, _, err = run(str(src), "--out", str(out), "-j", "1")
    assert code == 0, err
    outputs = tree(out)
    for article in items:
        assert outputs[article.name] == article.expected.encode("utf-8"), article.name
