"""The public library API: what ``moneyfix`` exports, and the examples in its docstrings
(run here as doctests, so the documented calls keep working)."""

from __future__ import annotations

import datetime as dt
import doctest
import inspect
from typing import Any

import pytest

import moneyfix
import moneyfix.api
import moneyfix.rates

_DOCUMENTED = [moneyfix, moneyfix.api, moneyfix.rates.lookup]
_DOCUMENTED += [
    getattr(moneyfix.api, name)
    for name in moneyfix.api.__all__
    if name not in ("LANGS", "FixResult")  # a constant and a plain dataclass
]


@pytest.mark.parametrize("obj", _DOCUMENTED, ids=lambda o: getattr(o, "__qualname__", o.__name__))
def test_docstring_examples_run(obj: Any) -> None:
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = finder.find(obj, obj.__name__, module=inspect.getmodule(obj))
    examples = sum(len(t.examples) for t in tests)
    for test in tests:
        runner.run(test)
    assert examples > 0, f"{obj.__name__} has no example"
    assert runner.failures == 0


@pytest.mark.parametrize("name", moneyfix.__all__)
def test_every_export_is_there_with_a_docstring(name: str) -> None:
    value = getattr(moneyfix, name)
    if name != "__version__":
        assert value.__doc__, name


def test_find_amounts_detects_the_language() -> None:
    # The decimal comma is Russian: "1,5 млрд" is one and a half, not fifteen hundred.
    (amount,) = moneyfix.find_amounts("Бюджет составит 1,5 млрд тенге.")
    assert amount.value == 1_500_000_000
    (english,) = moneyfix.find_amounts("The budget is 1,500 million tenge.")
    assert english.value == 1_500_000_000


@pytest.mark.parametrize("lang", ["de", "EN", "", "english"])
def test_invalid_lang_raises(lang: str) -> None:
    with pytest.raises(ValueError, match="lang must be one of"):
        moneyfix.find_amounts("5 tenge", lang=lang)


def test_fix_text_reports_what_it_fixed_and_what_is_left() -> None:
    text = "It costs 1,604 tenge ($5). The fund is 100 billion tenge (US$235.59)."
    day = dt.date(2020, 11, 24)
    safe = moneyfix.fix_text(text, date=day)
    assert safe.text == text.replace("(US$235.59)", "(US$235.59 million)")
    assert [f.code for f in safe.fixed] == ["MF001"]
    assert [f.code for f in safe.remaining] == ["MF003"]
    both = moneyfix.fix_text(text, date=day, unsafe=True)
    assert "($4)" in both.text and both.remaining == []


def test_rates_lookup_names_its_date_and_source() -> None:
    rate = moneyfix.rates.lookup("USD", dt.date(2020, 11, 28))  # a Saturday
    assert rate.date <= dt.date(2020, 11, 28)
    assert rate.source.startswith("nbk")
    with pytest.raises(moneyfix.rates.RateUnavailable):
        moneyfix.rates.lookup("USD", dt.date(1990, 1, 1))
