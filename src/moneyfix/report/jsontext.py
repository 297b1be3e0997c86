"""JSON text exactly as ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes it, made by
orjson.

With ``indent`` the standard library runs its pure-Python encoder: for a report of 30,000
amounts that is seconds, longer than finding them. orjson writes the same bytes for the
data reports hold (string keys; strings, integers, booleans and null), several times
faster. What it refuses (an integer beyond 64 bits, a lone surrogate) goes to the
standard library, so the output never depends on which one ran.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def pretty(obj: Any) -> str:
    """``obj`` as indented JSON text with a final line break."""
    try:
        return orjson.dumps(obj, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
