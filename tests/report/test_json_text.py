"""Indented JSON reports are the standard library's text, whichever encoder made them."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from moneyfix.report.jsontext import pretty

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.text(st.characters(codec="utf-8") | st.sampled_from('"\\\x00\x1f\x7f\u2028'))
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(_json)
def test_pretty_is_json_dumps_with_indent_two(obj: Any) -> None:
    assert pretty(obj) == json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def test_what_orjson_refuses_is_written_all_the_same() -> None:
    obj = {"big": 2**80, "tenge": "тенге", "lone": "\ud800"}
    assert pretty(obj) == json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
