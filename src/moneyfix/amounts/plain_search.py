"""Plain-word search over long texts: ``str.find`` runs far ahead of the regex engine
for a fixed word or character (memchr speed for one character), so the scanner's cheap
first passes look for words this way and read around what they find."""

from __future__ import annotations

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lowered(text: str) -> str:
    """``text`` with its Latin capitals lowered, nothing else: same length, same offsets."""
    # (For ASCII text, str.lower is the same mapping and twice as fast.)
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


def occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text``, in order, overlaps included."""
    found = []
    at = text.find(word)
    while at != -1:
        found.append(at)
        at = text.find(word, at + 1)
    return found
