"""Hedge words: what makes an amount approximate, shared by the scanner and the pairs.

The scanner records the hedge before (or, in Kazakh, after) an amount as its
``qualifier``, outside the span; the pairs stage reads a conversion's hedge from that
qualifier, so one list decides both what an amount's hedge is and which hedges may sit
inside a conversion's parentheses ("(shamamen $4 million)", "(a little over $100 million)").
"""

from __future__ import annotations

# Words before an amount that make it approximate; recorded, never part of the span.
HEDGES = (
    "more than", "less than", "just over", "just under", "well over", "at least", "at most",
    "up to", "nearly", "about", "around", "over", "approximately", "approx.", "almost",
    "some", "roughly", "exceeds", "exceeded", "exceed", "exceeding", "under", "below",
    "above", "circa", "c.", "an estimated", "estimated", "close to", "no less than",
    "not less than", "no more than", "not more than", "a little over", "a little more than",
    "a little under", "a little less than", "slightly more than", "slightly over",
    "slightly less than", "slightly under", "just above", "just below", "upwards of",
    "in excess of", "an approximate",
    "около", "более", "свыше", "порядка", "почти", "примерно", "приблизительно", "до",
    "менее", "не менее", "не более", "чуть более", "чуть менее", "чуть больше",
    "немногим более", "немногим менее", "более чем", "менее чем",
    "шамамен", "астам", "кем дегенде", "жуық", "шамасында", "шамасы",
    "shamamen", "keminde", "kem degende",
)  # fmt: skip

# Kazakh hedges that follow the amount ("5 млрд теңгеден астам").
HEDGES_AFTER = (
    "астам", "асқан", "асады", "жуық", "шамасында",
    "astam", "asqan", "asady", "jýyq", "juyq", "shamasynda",  # Kazakh in the Latin alphabet
)  # fmt: skip
