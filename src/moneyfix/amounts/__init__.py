"""Amounts of money in text: the lexicon, number reading and the scanner."""

from moneyfix.amounts.scanner import find_amounts

__all__ = ["find_amounts"]
