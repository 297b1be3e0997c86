"""MF009: a figure in MRP (MCI, АЕК) restated in tenge is checked against the index value
in force at the article's date, from the bundled table of the budget laws (issue 10,
point 5). The values used: 3,450 tenge in 2023, 3,692 in 2024, 3,932 in 2025, 4,325 in
2026; 2,651 from 2020-01-01 and 2,778 from 2020-04-01.
"""

from __future__ import annotations

import datetime as dt

import pytest

from moneyfix.check import check_text
from moneyfix.fixes import apply_edits
from moneyfix.rules.mrp_table import in_force, mrp_values


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The fine is 100 MCI (369,200 tenge) for a first offence.", "2024-03-01"),
        ("Штраф составит 15 МРП (51 750 тенге).", "2023-05-10"),
        ("Айыппұл 20 АЕК (78 640 теңге) болады.", "2025-06-01"),
        # in December the next year's value, already signed, is used
        ("Жаңа жылдан бастап баж 0,2 АЕК (865 теңге) болады.", "2025-12-05"),
        # a year the sentence names
        ("In 2023 the fee was 10 MRP (34,500 tenge).", "2024-09-01"),
        # undated: some year's value gives it
        ("The fee is 10 MRP (34,500 tenge).", None),
    ],
)
def test_a_restatement_at_an_index_value_the_article_may_use_is_silent(
    text: str, day: str | None
) -> None:
    assert check_text(text, date=dt.date.fromisoformat(day) if day else None) == []


def test_a_restatement_at_the_wrong_value_is_mf009_with_a_recomputed_fix() -> None:
    text = "The fine is 100 MCI (369,000 tenge) for a first offence."
    (finding,) = check_text(text, date=dt.date(2024, 3, 1))
    assert (finding.code, finding.severity, finding.text) == ("MF009", "warning", "369,000 tenge")
    assert "1 MRP 3690 tenge; on 2024-03-01 it was 3692 tenge" in finding.message
    assert "On the republican budget for 2024-2026" in finding.message
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    fixed = apply_edits(text, list(finding.fix.edits))
    assert fixed == "The fine is 100 MCI (369,200 tenge) for a first offence."


def test_last_years_value_long_after_the_change_is_mf009_in_the_articles_style() -> None:
    text = "Штраф составит 15 МРП (55 380 тенге)."  # 3,692 is 2024's value
    (finding,) = check_text(text, date=dt.date(2025, 6, 1))
    assert finding.code == "MF009"
    assert finding.fix is not None
    assert apply_edits(text, list(finding.fix.edits)) == "Штраф составит 15 МРП (58 980 тенге)."


def test_undated_a_value_no_year_had_is_mf009_without_a_fix() -> None:
    (finding,) = check_text("The fee is 15 MRP (51,000 tenge).")
    assert finding.code == "MF009" and finding.fix is None
    assert "no year's value" in finding.message


def test_the_table_follows_its_mid_year_changes_and_names_its_laws() -> None:
    assert in_force(dt.date(2020, 3, 31)).value == 2651  # type: ignore[union-attr]
    assert in_force(dt.date(2020, 4, 1)).value == 2778  # type: ignore[union-attr]
    assert in_force(dt.date(2007, 12, 31)) is None
    assert all(v.source.startswith(("Law", "Law No.")) for v in mrp_values())
    starts = [v.start for v in mrp_values()]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
