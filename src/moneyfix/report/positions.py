"""Offsets to 1-based line and column numbers.

Every output format locates findings by line and column, and a long archive file can
hold thousands of them, so the line starts are found once and each lookup is a bisect.
Line breaks are ``\\r\\n``, ``\\n`` and a lone ``\\r`` (Python's universal newlines), so a
CRLF file and its LF twin give the same line numbers. Columns count code points.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps code-point offsets of one text to ``(line, column)``, both 1-based."""

    __slots__ = ("_length", "_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._length = len(text)
        starts = [0]
        if "\r" in text:
            starts.extend(m.end() for m in _BREAK.finditer(text))
        else:
            # The common case; str.find runs in C and is several times faster than re.
            find = text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
        self._starts = starts

    @property
    def line_count(self) -> int:
        """Number of lines; a trailing line break opens one more (empty) line."""
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of ``offset`` (``len(text)`` is allowed: the end of the text)."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside the text (0..{self._length})")
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first code point of ``line``."""
        return self._starts[line - 1]

    def line_text(self, line: int) -> str:
        """The text of ``line`` without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else self._length
        return self._text[start:end].rstrip("\r\n")
