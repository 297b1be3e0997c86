"""Long runs of numbers and magnitudes: how far one reading reaches.

A sum of money has at most one part per magnitude ("1 трлн 56 млрд 300 млн 20 тыс.")
and a number at most six groups of three digits after its first one to three (below
10^21, beyond any budget): a reading that
went on through a run of repeated parts or groups would be read again from each of
their numbers, in time quadratic in the run (bench/bench_doubling.py measures it).
"""

from __future__ import annotations

from ._expect import Want, check


def test_one_part_per_magnitude_reads_as_one_sum() -> None:
    check(
        "Фонд: 1 трлн 56 млрд 300 млн 20 тыс. тенге.",
        [Want("1 трлн 56 млрд 300 млн 20 тыс. тенге", "1056300020000", "KZT", "трлн")],
        lang="ru",
    )


def test_six_groups_after_the_leading_digits_are_one_number() -> None:
    check(
        "Итого 1 000 000 000 000 000 000 тенге.",
        [Want("1 000 000 000 000 000 000 тенге", "1000000000000000000", "KZT")],
        lang="ru",
    )


def test_a_repeated_magnitude_is_not_one_sum() -> None:
    # Only the part next to the currency is money; "5 billion 5 billion" is no sum.
    check(
        "It cost " + "5 billion " * 5 + "tenge.",
        [Want("5 billion tenge", "5000000000", "KZT", "billion")],
    )


def test_a_table_row_of_groups_is_read_no_further_back_than_six_groups() -> None:
    check(
        "Row: " + "123 " * 10 + "тенге",
        [Want("123 " * 6 + "123 тенге", "123" * 7, "KZT")],
        lang="ru",
    )
