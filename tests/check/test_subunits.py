"""Conversions into subunits (issue 10, point 4): "200 tenge (45 cents)" is checked at
the rate of tenge per dollar, not a hundred times off it, and a recomputed conversion
stays in cents; a real slip ("50 tenge (11 dollars)") is still reported, its message
saying what the figure gives read in the subunit.

NBK on 2023-05-10: USD 445.28, RUB 5.80 (from 2023-05-06), EUR 490.97 KZT.
"""

from __future__ import annotations

import datetime as dt

import pytest

from moneyfix.check import check_text
from moneyfix.config import Config
from moneyfix.fixes import apply_edits

DAY = dt.date(2023, 5, 10)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A bus ride costs 200 tenge (45 cents) now.", id="en-cents"),
        pytest.param("A ride costs 200 tenge (about 45 US cents).", id="en-us-cents-hedged"),
        pytest.param("A ride costs 80 tenge (18c).", id="en-letter"),
        pytest.param("The toll is 20 tenge (4.5¢) a kilometre.", id="en-sign"),
        # "10 cents" is ±0.5 cent, not ±5: 45/0.10 = 450 is 1.1% off.
        pytest.param("A match costs 45 tenge (10 cents).", id="en-round-cents"),
        pytest.param("A stamp costs 250 tenge (51 euro cents).", id="en-euro-cents"),
        pytest.param("Проезд подорожал до 200 тенге (45 центов).", id="ru-cents"),
        pytest.param("Тариф – 30 тенге 50 тиынов (6,8 цента) за кВт.", id="ru-tenge-and-tiyn"),
        pytest.param("Монета в 50 копеек (2,9 тенге) почти ничего не стоит.", id="ru-kopecks"),
        pytest.param("Рубль потерял 10 копеек (58 тиын).", id="ru-kopecks-in-tiyn"),
        pytest.param("Жол ақысы 200 теңге (45 цент) болды.", id="kk-cents"),
    ],
)
def test_a_right_conversion_into_a_subunit_is_silent(text: str) -> None:
    assert check_text(text, date=DAY) == []


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        pytest.param(
            "A bus ride costs 200 tenge (55 cents) now.",
            "A bus ride costs 200 tenge (45 cents) now.",
            id="en",
        ),
        pytest.param(
            "Проезд стоит 200 тенге (55 центов).", "Проезд стоит 200 тенге (45 центов).", id="ru"
        ),
        pytest.param(
            "Бағасы 90 теңге (25 цент) болды.", "Бағасы 90 теңге (20 цент) болды.", id="kk"
        ),
    ],
)
def test_a_wrong_conversion_into_cents_is_recomputed_in_cents(text: str, fixed: str) -> None:
    (finding,) = check_text(text, date=DAY)
    assert (finding.code, finding.severity) == ("MF003", "warning")
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    assert apply_edits(text, list(finding.fix.edits)) == fixed


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A box of matches is 50 tenge (11 dollars).", id="en"),
        pytest.param("Хлеб стоит 180 тенге (40 долларов).", id="ru"),
        pytest.param("Нан 180 теңге (40 доллар) тұрады.", id="kk"),
    ],
)
def test_dollars_where_cents_were_meant_are_still_an_error(text: str) -> None:
    (finding,) = check_text(text, date=DAY)
    assert (finding.code, finding.severity) == ("MF007", "error")
    assert "; read in hundredths of USD, " in finding.message


def test_the_message_says_what_reading_in_the_subunit_gives() -> None:
    (finding,) = check_text("A box of matches is 50 tenge (11 dollars).", date=DAY)
    assert 'read in hundredths of USD, "11 dollars" would give 454.55 KZT/USD' in finding.message
    (undated,) = [f for f in check_text("Matches: 50 tenge (11 dollars).") if f.code == "MF007"]
    assert '"11 dollars" would give 454.55 KZT/USD' in undated.message


def test_cents_where_dollars_were_meant_are_an_error_too() -> None:
    (finding,) = check_text("A coat costs 45,000 tenge (101 cents).", date=DAY)
    assert (finding.code, finding.severity) == ("MF007", "error")
    assert 'read in whole USD, "101 cents" would give 445.54 KZT/USD' in finding.message


def test_a_pair_a_hundredfold_slip_does_not_explain_gets_no_such_note() -> None:
    (finding,) = check_text("A ride costs 50 tenge (80 dollars).", date=DAY)
    assert finding.code == "MF007"
    assert "hundredths" not in finding.message


def test_a_subunit_is_never_given_a_magnitude_word() -> None:
    """A power-of-1000 slip beside cents: the only reading is on the tenge side, the one
    side a magnitude word fits ("45 thousand cents" is none)."""
    (finding,) = check_text("A ride costs 200 thousand tenge (45 cents).", date=DAY)
    assert (finding.code, finding.evidence["readings"]) == ("MF002", "200 tenge")


def test_no_conversion_is_asked_for_a_figure_that_would_convert_to_nothing() -> None:
    """MF005 (on request) skips "40 тиын" (US$0.0009 prints as US$0.00), not 150 tenge."""
    config = Config(extend_select=("MF005",))
    findings = check_text("Тариф вырос на 40 тиын, проезд стоит 150 тенге.", DAY, config)
    assert [(f.code, f.text) for f in findings] == [("MF005", "150 тенге")]
