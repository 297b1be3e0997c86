"""Forms real news uses that were read or judged wrong (issue 10: rate gaps, written
rates in parentheses, ranges in words). Our own sentences of the same forms.

NBK USD was 384.20 on 2019-12-10; the bundled UZS history stops on 2016-02-06.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from moneyfix.amounts import find_amounts
from moneyfix.check import check_text


def test_a_range_in_words_is_a_range_not_a_sum() -> None:
    (amount,) = find_amounts("The colleges need five-six billion tenge.", "en")
    assert (amount.value, amount.range) == (5 * 10**9, (5 * 10**9, 6 * 10**9))
    (compound,) = find_amounts("The colleges need twenty-five billion tenge.", "en")
    assert (compound.value, compound.range) == (25 * 10**9, None)


def test_a_range_in_words_converted_to_a_range_is_right() -> None:
    text = "The colleges need about five-six billion tenge (US$13-15.5 million) a year."
    assert check_text(text, date=dt.date(2019, 12, 10)) == []


def test_a_currency_whose_history_stopped_long_ago_is_a_gap_not_stale_rates() -> None:
    text = "Beef costs 3 thousand tenge (65 thousand soums) a kilogram."
    findings = check_text(text, date=dt.date(2019, 8, 16))
    assert [(f.code, f.severity) for f in findings] == [("MF008", "info")]
    assert "is dated 2019-08-16, after the UZS history ends (2016-02-06)" in findings[0].message


def test_a_written_rate_in_parentheses_is_not_a_conversion_of_the_amount() -> None:
    text = "Customs found 2,000 soum (KGS 100 = $1.45) in the car."
    assert check_text(text, date=dt.date(2013, 9, 9)) == []


def test_a_code_before_a_dash_is_not_the_low_end_of_a_range() -> None:
    amounts = find_amounts("Petrol AI-92/93 – 205 tenge a litre, diesel 290 tenge.", "en")
    assert [(a.text, a.range) for a in amounts] == [("205 tenge", None), ("290 tenge", None)]
    (ru,) = find_amounts("Бензин АИ-95 – 240 тенге.", "ru")
    assert (ru.text, ru.value) == ("240 тенге", 240)
    (prose,) = find_amounts("Литрі-9 теңге.", "kk")  # a word, not a code
    assert prose.value == 9


def test_a_digit_string_broken_by_a_stray_character_is_not_read_as_its_tail() -> None:
    assert find_amounts("The price was 24?850 tenge.", "en") == []


def test_a_dollar_figure_without_its_leading_zero_is_read() -> None:
    cents, half = find_amounts("A share fell to US$.35, a grant of $.5 million.", "en")
    assert (cents.text, cents.value, cents.currency) == ("US$.35", Decimal("0.35"), "USD")
    assert (half.text, half.value) == ("$.5 million", Decimal("500000"))
