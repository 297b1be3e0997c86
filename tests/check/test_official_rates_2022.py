"""The rouble in October 2022: the official NBK rate (7.57 on 2022-10-15) is bundled."""

from __future__ import annotations

import datetime as dt

import pytest

from moneyfix.check import check_text

DAY = dt.date(2022, 10, 15)


@pytest.mark.parametrize(
    "text",
    [
        "The contract is worth 1.5 billion roubles (11.4 billion tenge), the ministry said.",
        "Сумма контракта составила 1,5 млрд рублей (11,4 млрд тенге).",
    ],
)
def test_a_correct_rouble_conversion_passes(text: str) -> None:
    assert check_text(text, DAY) == []


def test_a_rouble_conversion_at_the_pre_war_rate_is_a_mismatch() -> None:
    text = "The contract is worth 1.5 billion roubles (9.1 billion tenge), the ministry said."
    (finding,) = check_text(text, DAY)
    assert finding.code == "MF003"
    # the nearest official rate of the window D-3 .. D+1 (7.44 of 2022-10-12) is named
    assert (finding.evidence["expected_rate"], finding.evidence["rate_date"]) == (
        "7.44",
        "2022-10-12",
    )
    assert finding.evidence["rate_source"] == "nbk:bakdaulet"
    # and the fix recomputes at the day's own rate: 1.5 billion x 7.57 = 11.4 billion
    assert finding.fix is not None
    assert finding.fix.edits[0].replacement == "11.4"
