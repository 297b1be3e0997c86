"""Offsets to 1-based line and column numbers.

Every output format locates findings by line and column, and a long archive file can
hold thousands of them, so the line starts are found once and each lookup is a bisect.
Line breaks are ``\\r\\n``, ``\\n`` and a lone ``\\r`` (Python's universal newlines), so a
CRLF file and its LF twin give the same line numbers. Columns count code points.

A file read in chunks keeps no whole text: its report holds excerpts (the lines around
each finding, with where they stand in the file), and ``index_of`` answers from those.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from moneyfix import regex_cache

if TYPE_CHECKING:
    from moneyfix.model import Excerpt, FileReport

_BREAK = regex_cache.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps code-point offsets of one text to ``(line, column)``, both 1-based.

    The text may be a piece of a bigger one: ``start`` is its offset there, ``line`` and
    ``column`` where it begins, and offsets and lines are those of the whole."""

    __slots__ = ("_column", "_length", "_line", "_start", "_starts", "_text")

    def __init__(self, text: str, start: int = 0, line: int = 1, column: int = 1) -> None:
        self._text = text
        self._length = len(text)
        self._start = start
        self._line = line
        self._column = column
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

    def holds(self, offset: int) -> bool:
        """Whether ``offset`` is inside the text (its end included)."""
        return 0 <= offset - self._start <= self._length

    def holds_line(self, line: int) -> bool:
        return self._line <= line < self._line + len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of ``offset`` (``len(text)`` is allowed: the end of the text)."""
        local = offset - self._start
        if not 0 <= local <= self._length:
            end = self._start + self._length
            raise ValueError(f"offset {offset} outside the text ({self._start}..{end})")
        i = bisect_right(self._starts, local) - 1
        column = local - self._starts[i] + 1
        return i + self._line, (column + self._column - 1 if i == 0 else column)

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Line and column of ``start`` and of ``end``, as :meth:`position` gives them, with
        one lookup when both are on one line: every row of ``scan``'s output asks this,
        and 160,000 rows of 20 MB of money-dense news spent a tenth of the run in two
        calls of ``position`` each."""
        local = start - self._start
        local_end = end - self._start
        length = self._length
        if not (0 <= local <= length and 0 <= local_end <= length):
            return (*self.position(start), *self.position(end))  # raises ValueError
        starts = self._starts
        i = bisect_right(starts, local) - 1
        first = starts[i]
        if first <= local_end and (i + 1 == len(starts) or local_end < starts[i + 1]):
            j, last = i, first
        else:
            j = bisect_right(starts, local_end) - 1
            last = starts[j]
        shift = self._column - 1
        return (
            i + self._line,
            local - first + 1 + (shift if i == 0 else 0),
            j + self._line,
            local_end - last + 1 + (shift if j == 0 else 0),
        )

    def line_start(self, line: int) -> int:
        """Offset of the first code point of ``line``."""
        return self._starts[line - self._line] + self._start

    def line_piece(self, line: int, near: int | None = None) -> tuple[str, int]:
        """The text of ``line`` without its line break, and the column it begins at: 1,
        unless the text begins inside the line. ``near``, an offset on or next to that
        line, picks the excerpt of a text known by excerpts."""
        i = line - self._line
        start = self._starts[i]
        end = self._starts[i + 1] if i + 1 < len(self._starts) else self._length
        return self._text[start:end].rstrip("\r\n"), self._column if i == 0 else 1

    def around(self, start: int, end: int) -> tuple[str, int]:
        """A text holding ``[start, end)`` and its offset: slices for previews and context."""
        return self._text, self._start


class SparseIndex(LineIndex):
    """The positions of a text known only by excerpts (a file read in chunks): each
    offset and line asked for is one an excerpt holds. A long line may be held in
    parts, each around a finding: its text is then the part the excerpt holds."""

    __slots__ = ("_part_lines", "_part_starts", "_parts")

    def __init__(self, excerpts: tuple[Excerpt, ...]) -> None:
        super().__init__("")
        self._parts = [LineIndex(e.text, e.start, e.line, e.column) for e in excerpts]
        self._part_starts = [e.start for e in excerpts]
        self._part_lines = [e.line for e in excerpts]

    def _part(self, offset: int) -> LineIndex:
        """The excerpt holding ``offset``: the last one starting at or before it."""
        i = bisect_right(self._part_starts, offset) - 1
        if i < 0 or not self._parts[i].holds(offset):
            raise ValueError(f"offset {offset} is in no excerpt of the text")
        return self._parts[i]

    def position(self, offset: int) -> tuple[int, int]:
        return self._part(offset).position(offset)

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        return (*self.position(start), *self.position(end))

    def line_start(self, line: int) -> int:
        return self._line_part(line).line_start(line)

    def line_piece(self, line: int, near: int | None = None) -> tuple[str, int]:
        """Several excerpts may hold parts of one long line: ``near`` picks its own."""
        part = self._line_part(line) if near is None else self._part(near)
        return part.line_piece(line)

    def _line_part(self, line: int) -> LineIndex:
        """The excerpt holding ``line``: the last one starting on or before it (an
        excerpt ending with a line break also holds the empty start of the next line)."""
        i = bisect_right(self._part_lines, line) - 1
        if i < 0 or not self._parts[i].holds_line(line):
            raise ValueError(f"line {line} is in no excerpt of the text")
        return self._parts[i]

    def around(self, start: int, end: int) -> tuple[str, int]:
        part = self._part(start)
        if not part.holds(end):
            raise ValueError(f"[{start}, {end}) is in no excerpt of the text")
        return part.around(start, end)


def index_of(report: FileReport) -> LineIndex:
    """The positions of a report's text: its whole text, or its excerpts."""
    if report.excerpts is not None:
        return SparseIndex(report.excerpts)
    return LineIndex(report.text)
