"""A file too big to hold, read a chunk of whole paragraphs at a time.

A chunk ends at a blank line before ``size`` code points, after a sentence's end when
one is near. A number or an amount never spans a blank line, and a conversion pair does
so only after a paragraph ending on an amount, so each chunk reads as the same stretch
of the whole file would. A Markdown chunk also never ends inside a fenced code block, a
raw HTML block (``<pre>``), an HTML comment or the front matter, nor before an indented
line (a list item's paragraph, indented code). A chunk that cannot end so grows, up to
``GROWTH`` times ``size``; past that it ends at a line break (after a sentence's end
when one is near), else after a space (a line of more than 8 MB: its findings' lines
and columns are right, a snippet shows the line from the chunk's start). Each chunk
carries where it starts in the whole file (offset, line, column), so what is found in
it is placed in the file.

A JSONL chunk is whole lines (records), however long one is.

Decoding is incremental and as strict as ``base.decode``; a file that is not UTF-8 (or
UTF-16 with a BOM) raises ``NotChunkable``: legacy encodings are detected on the whole
text, so such a file is read whole.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from moneyfix import regex_cache
from moneyfix.documents.base import DocumentError, read_error

__all__ = [
    "CHUNK_SIZE",
    "GROWTH",
    "Chunk",
    "NotChunkable",
    "check_decodable",
    "head_text",
    "read_chunks",
]

CHUNK_SIZE = 1 << 20
"""Code points a chunk aims at: a long article's worth of paragraphs."""
GROWTH = 8
"""A chunk grows to at most this many times ``size`` to end at a clean blank line."""
HEAD_BYTES = 1 << 18
"""What ``head_text`` reads: front matter, dateline and language come from the head."""
_READ = 1 << 20
_SENTENCE_NEAR = 1 << 16
"""How far back a line-break cut looks for a line that ends a sentence."""
_SENTENCE_END = frozenset(".!?…:;\"'»”)")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# What a chunk's cut must see, each alternative opening with a literal, so the engine
# skips ahead to the next "\n", "<" or "-": a pattern opening with "^" or a group is tried
# at every position (92 ns a character, as long as scanning the chunk). So a fence
# takes its line's "\n" (_FENCE_AT finds one at the start), and a blank line leaves its
# last "\n" to the line after it, which may be a fence.
_MARKDOWN_TOKENS = regex_cache.compile(
    r"\n[ ]{0,3}(?P<fence>`{3,}|~{3,})"
    r"|<(?P<open>!--)|-(?P<close>->)"
    r"|<(?P<raw>/?)(?:pre|script|style|textarea)\b"
    r"|\n(?P<blank>[ \t]*\r?)(?=\n[^ \t\r\n])",
    re.I,
)
_FENCE_AT = regex_cache.compile(r"[ ]{0,3}(?P<fence>`{3,}|~{3,})")
_FRONT = regex_cache.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*(?:\r?\n|\Z)", re.S | re.M)


class NotChunkable(Exception):
    """The file is not in an encoding read incrementally; read it whole."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """Whole paragraphs of a file: ``text`` begins at code point ``start`` of the file's
    text, on its line ``line`` and column ``column`` (1 unless a line was cut)."""

    text: str
    start: int
    line: int
    column: int


def _decoder(fh: BinaryIO, name: str) -> codecs.IncrementalDecoder:
    """The file's decoder, chosen by its BOM as ``base.decode`` does; ``fh`` is left at
    the text's first byte (after the BOM)."""
    first = fh.read(4)
    if first.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise DocumentError(f"{name}: UTF-32 text is not supported")
    encoding, skip = "utf-8", 0
    for mark, enc in _BOMS:
        if first.startswith(mark):
            encoding, skip = enc.removesuffix("-sig"), len(mark)
            break
    fh.seek(skip)
    return codecs.getincrementaldecoder(encoding)("strict")


def _decoded(name: str, decoder: codecs.IncrementalDecoder, data: bytes) -> str:
    try:
        text = decoder.decode(data, final=not data)
    except UnicodeDecodeError:
        raise NotChunkable(name) from None
    if "\x00" in text:
        raise DocumentError(f"{name}: binary file")
    return text


def check_decodable(path: Path, name: str) -> None:
    """Decode the whole file, keeping nothing: ``NotChunkable`` (or ``DocumentError``)
    now, before any chunk is used, rather than halfway through."""
    with _opened(path, name) as fh:
        decoder = _decoder(fh, name)
        while data := fh.read(_READ):
            _decoded(name, decoder, data)
        _decoded(name, decoder, b"")


def head_text(path: Path, name: str) -> str:
    """The first ``HEAD_BYTES`` of the file, decoded (a character cut at the end dropped)."""
    with _opened(path, name) as fh:
        decoder = _decoder(fh, name)
        data = fh.read(HEAD_BYTES)
        return _decoded(name, decoder, data) if data else ""


def _opened(path: Path, name: str) -> BinaryIO:
    try:
        return open(path, "rb")  # the callers close it
    except OSError as exc:
        raise read_error(name, exc) from None


def read_chunks(path: Path, name: str, kind: str, size: int = CHUNK_SIZE) -> Iterator[Chunk]:
    """The file's text as chunks of whole paragraphs of about ``size`` code points; at
    least one chunk, empty for an empty file. Raises ``NotChunkable`` or ``DocumentError``."""
    with _opened(path, name) as stream:
        decoder = _decoder(stream, name)
        buf, eof = "", False
        start, line, column = 0, 1, 1
        limit = size
        while True:
            while not eof and len(buf) <= limit:  # one more code point: what follows a cut
                data = stream.read(_READ)
                eof = not data
                buf += _decoded(name, decoder, data)
            if eof and not buf and start:
                return
            if eof and len(buf) <= limit:
                cut = len(buf)
            else:
                cut = _cut(buf, limit, kind, start == 0)
                if not cut and (limit < size * GROWTH or kind == "jsonl"):
                    limit *= 2
                    continue
                cut = cut or _fallback(buf, limit)
            text, buf, limit = buf[:cut], buf[cut:], size
            yield Chunk(text, start, line, column)
            start += len(text)
            line, column = _advance(text, line, column)


def _advance(text: str, line: int, column: int) -> tuple[int, int]:
    """Line and column just after ``text``, which began at ``line``, ``column``. Most
    files hold no ``\r``, told by one fast look: counting ``\r`` and ``\r\n`` in a
    megabyte of text costs three times as much as counting ``\n``."""
    if "\r" in text:
        breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
        last = max(text.rfind("\n"), text.rfind("\r"))
    else:
        breaks = text.count("\n")
        last = text.rfind("\n")
    if not breaks:
        return line, column + len(text)
    return line + breaks, len(text) - last


def _cut(buf: str, limit: int, kind: str, head: bool) -> int:
    """Where a chunk of ``buf`` may end within ``limit``, or 0 to grow it first."""
    if kind == "markdown":
        return _markdown_cut(buf, limit, head)
    if kind == "jsonl":  # whole records
        return buf.rfind("\n", 0, limit) + 1
    cuts = []
    at = limit
    crlf = "\r" in buf  # else each look for "\n\r\n" would read the whole buffer back
    while at > 0 and limit - at < _SENTENCE_NEAR:
        found = buf.rfind("\n\n", 0, at)
        if crlf:
            found = max(found, buf.rfind("\n\r\n", 0, at))
        if found < 0:
            break
        cuts.append((found, found + (2 if buf[found + 1] == "\n" else 3)))
        if _ends_sentence(buf, found):
            break
        at = found
    return _preferred(buf, cuts)


def _ends_sentence(buf: str, at: int) -> bool:
    """Whether the line before the line break at ``at`` ends a sentence."""
    end = at - 1
    while end >= 0 and buf[end] in " \t\r":
        end -= 1
    return end >= 0 and buf[end] in _SENTENCE_END


def _preferred(buf: str, cuts: list[tuple[int, int]]) -> int:
    """Of blank-line cuts (line break, cut) from the last back, the first after a
    sentence's end, else the last: a paragraph ending on an amount may have its
    conversion in the next one ("5 billion tenge" / "(US$10 million)"), and is not cut
    from it when another cut is near."""
    for found, cut in cuts:
        if _ends_sentence(buf, found):
            return cut
    return cuts[0][1] if cuts else 0


def _markdown_cut(buf: str, limit: int, head: bool) -> int:
    """A blank line within ``limit`` outside every block and before an unindented line
    (``_preferred`` of them), or 0."""
    pos = 0
    if head and buf.startswith(("---", "+++")):
        front = _FRONT.match(buf)
        if front is None or front.end() > limit:
            return 0
        pos = front.end()
    cuts: list[tuple[int, int]] = []
    fence: str | None = None
    comment = raw = False
    first = _FENCE_AT.match(buf, pos, limit)  # at a line start, with no "\n" before it here
    tokens = _MARKDOWN_TOKENS.finditer(buf, first.end() if first else pos, limit)
    for m in chain([first], tokens) if first else tokens:
        kind = m.lastgroup
        if fence is not None:
            closing = m.group("fence") if kind == "fence" else ""
            if closing[:1] == fence[0] and len(closing) >= len(fence):
                fence = None
        elif comment:
            comment = kind != "close"
        elif raw:
            raw = not (kind == "raw" and m.group("raw"))
        elif kind == "blank":
            cuts.append((m.start(), m.end() + 1))
        elif kind == "fence":
            fence = m.group("fence")
        elif kind == "open":
            comment = True
        elif kind == "raw":
            raw = not m.group("raw")
    last = cuts[-1][0] if cuts else 0
    return _preferred(buf, [c for c in reversed(cuts) if last - c[0] < _SENTENCE_NEAR])


def _fallback(buf: str, limit: int) -> int:
    """A cut for a chunk that could not end cleanly even grown: at a line break, else
    after a space, else at ``limit`` (a line longer than the biggest chunk)."""
    space = max(buf.rfind(" ", 0, limit), buf.rfind("\t", 0, limit))
    return _line_cut(buf, limit) or (space + 1 if space >= 0 else limit)


def _line_cut(buf: str, limit: int) -> int:
    """After the last line break within ``limit`` (one ending a sentence if one is near),
    or 0: a paragraph longer than a chunk is rare, and cut where it does least harm."""
    at = buf.rfind("\n", 0, limit)
    first = at
    while at > 0 and first - at < _SENTENCE_NEAR:
        if _ends_sentence(buf, at):
            return at + 1
        at = buf.rfind("\n", 0, at)
    return first + 1
