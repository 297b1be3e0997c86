"""JSONL (``.jsonl``): one record a line; the text field is the document, the rest is kept.

The text field may be a dotted path into nested objects (``article.body``); a key that
itself contains the dot wins. A record without the field is an error naming the line.

Rewriting replaces only the JSON string token of the text field inside the original
line, so every other field, the key order, the spacing and the escaping style of the
line stay byte-identical; a line without changes is not touched at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import NamedTuple

from moneyfix.documents.base import DocumentError

__all__ = ["Record", "records", "replace_field"]

_DECODER = json.JSONDecoder()
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
"""A surrogate escape without its pair decodes to a code point no file can hold."""


class Record(NamedTuple):
    """One non-blank line of a JSONL file."""

    line: int
    """1-based line number."""
    span: tuple[int, int]
    """Code-point span of the line without its line ending."""
    text: str
    """The text field's value ("" when the field is missing or null)."""
    date_value: str | None
    """The date field's value when it is a string."""


def _skip_ws(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] in " \t\n\r":
        pos += 1
    return pos


def _field_spans(line: str, name: str, start: int = 0) -> dict[str, tuple[int, int]]:
    """Spans of the values of the JSON object at ``start`` (the last of duplicate keys wins)."""
    spans: dict[str, tuple[int, int]] = {}
    pos = _skip_ws(line, start)
    if line[pos : pos + 1] != "{":
        raise DocumentError(f"{name}: not a JSON object")
    pos = _skip_ws(line, pos + 1)
    if line[pos : pos + 1] == "}":
        return spans
    while True:
        if line[pos : pos + 1] != '"':
            raise DocumentError(f"{name}: invalid JSON (expected a key at column {pos + 1})")
        key, pos = json.decoder.scanstring(line, pos + 1)  # type: ignore[attr-defined]
        pos = _skip_ws(line, pos)
        if line[pos : pos + 1] != ":":
            raise DocumentError(f"{name}: invalid JSON (expected ':' at column {pos + 1})")
        pos = _skip_ws(line, pos + 1)
        _, end = _DECODER.raw_decode(line, pos)
        spans[key] = (pos, end)
        pos = _skip_ws(line, end)
        if line[pos : pos + 1] == ",":
            pos = _skip_ws(line, pos + 1)
            continue
        if line[pos : pos + 1] == "}":
            return spans
        raise DocumentError(f"{name}: invalid JSON (expected ',' or '}}' at column {pos + 1})")


def records(
    text: str, name: str, text_field: str, date_field: str, first_line: int = 1
) -> Iterator[Record]:
    """Every record of a JSONL text whose first line is ``first_line`` of the file (whole
    lines of a big file read in chunks); a broken line is a ``DocumentError`` naming
    ``file:line``."""
    for number, m in enumerate(_LINE.finditer(text), start=first_line):
        raw = m.group()
        body = raw.rstrip("\r\n")
        start = m.start()
        if not body.strip():
            continue
        where = f"{name}:{number}"
        try:
            obj = json.loads(body)
        except json.JSONDecodeError as exc:
            message = f"{where}: invalid JSON ({exc.msg} at column {exc.colno})"
            raise DocumentError(message) from None
        except RecursionError:
            raise DocumentError(f"{where}: JSON nested too deeply") from None
        if not isinstance(obj, dict):
            raise DocumentError(f"{where}: a JSONL record must be a JSON object")
        found, value = _lookup(obj, text_field)
        if not found:
            raise DocumentError(f"{where}: no field {text_field!r} (see --text-field)")
        if value is not None and not isinstance(value, str):
            raise DocumentError(
                f"{where}: field {text_field!r} is {type(value).__name__}, expected a string"
            )
        if value and _SURROGATE.search(value):
            raise DocumentError(
                f"{where}: field {text_field!r} holds a lone surrogate escape (not text)"
            )
        date_value = _lookup(obj, date_field)[1]
        yield Record(
            line=number,
            span=(start, start + len(body)),
            text=value or "",
            date_value=date_value if isinstance(date_value, str) else None,
        )


def _path(keys: dict[str, object] | dict[str, tuple[int, int]], field: str) -> list[str]:
    """The keys to follow for ``field``: itself when present, else its dotted parts."""
    return [field] if field in keys or "." not in field else field.split(".")


def _lookup(obj: dict[str, object], field: str) -> tuple[bool, object]:
    """(found, value) of ``field`` in a parsed record."""
    value: object = obj
    for key in _path(obj, field):
        if not isinstance(value, dict) or key not in value:
            return False, None
        value = value[key]
    return True, value


def replace_field(line: str, field: str, value: str, name: str = "<jsonl>") -> str:
    """``line`` with only the string value of ``field`` (a key or a dotted path) replaced.

    Keeps the line's escaping style: ``\\uXXXX`` escapes stay escapes when the original
    token used them for non-ASCII text.
    """
    spans = _field_spans(line, name)
    keys = _path(spans, field)
    for depth, key in enumerate(keys):
        if key not in spans:
            raise DocumentError(f"{name}: no field {field!r} to rewrite")
        if depth < len(keys) - 1:
            spans = _field_spans(line, name, spans[key][0])
    start, end = spans[keys[-1]]
    token = line[start:end]
    if json.loads(token) == value:
        return line
    ascii_style = line.isascii() and "\\u" in line
    return line[:start] + json.dumps(value, ensure_ascii=ascii_style) + line[end:]
