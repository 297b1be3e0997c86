"""Amounts of money in text: the lexicon, number reading and the scanner."""

from __future__ import annotations

from collections.abc import Iterator

from moneyfix.amounts.scanner import find_amounts
from moneyfix.model import Amount

__all__ = ["find_amounts", "iter_amounts"]

CHUNK = 1_000_000


def iter_amounts(text: str, lang: str = "en", chunk: int = CHUNK) -> Iterator[Amount]:
    """The amounts of a long text, read a chunk of lines at a time.

    Memory stays bounded by the chunk, not by the text: what ``scan`` streams for big
    files. Chunks end at a line break, so an amount is never cut in two; what a chunk
    infers from its context (the currency of a bare "38bn") comes from that chunk.
    """
    start = 0
    while start < len(text):
        end = _chunk_end(text, start + chunk)
        yield from find_amounts(text[start:end], lang, offset=start)
        start = end


def _chunk_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    for mark in ("\n\n", "\n", " "):
        found = text.find(mark, at, at + 100_000)
        if found >= 0:
            return found + len(mark)
    return len(text)
