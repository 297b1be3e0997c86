"""Shared by the text generators: paragraphs joined up to a size."""

from __future__ import annotations

from collections.abc import Iterator


def joined(paragraphs: Iterator[str], size: int) -> str:
    """About ``size`` characters of ``paragraphs`` separated by blank lines."""
    parts: list[str] = []
    total = 0
    for paragraph in paragraphs:
        parts.append(paragraph)
        total += len(paragraph) + 2
        if total >= size:
            break
    return "\n\n".join(parts)
