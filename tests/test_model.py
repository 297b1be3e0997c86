"""``new_amount``: the scanner's fast way to make an ``Amount`` must make the very same
object ``Amount(...)`` makes."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from decimal import Decimal

import pytest

from moneyfix.model import Amount, new_amount

FIELDS = (3, 15, "$5–6 million", Decimal("5E+6"), "USD", "million", 0, True, "about",
          (Decimal("5E+6"), Decimal("6E+6")), True, None, None)  # fmt: skip


def test_new_amount_is_an_amount_equal_to_the_constructed_one() -> None:
    made = new_amount(*FIELDS)
    assert type(made) is Amount
    assert made == Amount(*FIELDS)
    assert hash(made) == hash(Amount(*FIELDS))
    assert repr(made) == repr(Amount(*FIELDS))
    assert dataclasses.astuple(made) == FIELDS
    assert pickle.loads(pickle.dumps(made)) == made


def test_new_amount_is_frozen() -> None:
    made = new_amount(*FIELDS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 0  # type: ignore[misc]
    assert dataclasses.replace(made, start=0).start == 0


def test_new_amount_takes_what_amount_takes() -> None:
    assert inspect.signature(new_amount).parameters == inspect.signature(Amount).parameters
    short = (1, 8, "5 tenge", Decimal(5), "KZT")
    assert new_amount(*short) == Amount(*short)
    assert new_amount(*short, subunit="cents") == Amount(*short, subunit="cents")
