"""Precision as written, ranges beside single figures, and MF004's consensus (issue 10,
points 3 and 6 of the rules' side).

Rates used: NBK 538.56 KZT/USD on 2025-10-22, 495.00 on 2022-03-01.
"""

from __future__ import annotations

import datetime as dt

from moneyfix.check import check_text


def _codes(text: str, day: dt.date | None = None) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in check_text(text, date=day)]


def test_a_single_figure_matching_one_end_of_its_conversion_range_is_right() -> None:
    text = "Pensions will go up from 54,000 tenge to 70,000 tenge ($100 to $130) next year."
    assert check_text(text, date=dt.date(2025, 10, 22)) == []


def test_a_single_figure_matching_neither_end_of_the_range_is_a_mismatch() -> None:
    text = "The stipend of 70,000 tenge ($150 to $180) is paid monthly."
    assert _codes(text, dt.date(2025, 10, 22)) == [("MF003", "$150 to $180")]


def test_a_number_written_out_below_its_magnitude_word_is_exact_to_its_last_digit() -> None:
    # "2 тыс. 669" is 2,669 dollars exactly: 1,400,000 tenge is 524.5 KZT/USD, 6% off
    text = "Квартира стоит 1 400 000 тенге (2 тыс. 669 долларов)."
    assert _codes(text, dt.date(2022, 3, 1)) == [("MF003", "2 тыс. 669 долларов")]
    right = "Квартира стоит 1 321 000 тенге (2 тыс. 669 долларов)."
    assert check_text(right, date=dt.date(2022, 3, 1)) == []


def test_a_coarse_pair_right_at_its_rounding_leaves_an_exact_pair_alone() -> None:
    text = (
        "A bus ticket costs 3,692 tenge (US$8). "
        "The new depot costs 48 billion tenge (US$100 million)."
    )
    assert [f.code for f in check_text(text)] == ["MF006"]


def test_the_pair_that_disagrees_with_the_consensus_is_named() -> None:
    text = (
        "Roads got 10 billion tenge ($23.5 million). Schools got 20 billion tenge "
        "($47 million). Clinics got 30 billion tenge ($60 million)."
    )
    findings = [f for f in check_text(text) if f.code == "MF004"]
    assert [f.text for f in findings] == ["$60 million"]
    assert findings[0].message.startswith("30 billion tenge ($60 million) implies 500.00")
    assert "+17.5% from the 425.53 of the other 2 pairs" in findings[0].message


def test_of_two_disagreeing_pairs_the_less_precise_one_is_reported() -> None:
    text = "Roads got 20 billion tenge ($52 million). Schools got 10 billion tenge ($23.5 million)."
    findings = [f for f in check_text(text) if f.code == "MF004"]
    assert [f.text for f in findings] == ["$52 million"]
    assert "the 425.53 of 10 billion tenge ($23.5 million), the more precise pair" in (
        findings[0].message
    )


def test_a_range_restating_a_range_elsewhere_is_consistent_without_a_date() -> None:
    text = (
        "Pensions will go up from 54,000 tenge to 70,000 tenge ($100 to $130). "
        "The fund holds 53.9 billion tenge ($100 million)."
    )
    assert [f.code for f in check_text(text)] == ["MF006"]
