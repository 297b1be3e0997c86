"""Which language a document is written in: English, Russian or Kazakh.

Decided from the script and the letters only Kazakh uses; cheap enough for every file.
"""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_LATIN = re.compile(r"[a-zA-Z]")
_KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_SAMPLE = 20_000


def detect_lang(text: str) -> str:
    """'en', 'ru' or 'kk' from the first characters of ``text`` (English when unsure)."""
    sample = text[:_SAMPLE]
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic <= len(_LATIN.findall(sample)):
        return "en"
    return "kk" if len(_KAZAKH.findall(sample)) > cyrillic * 0.01 else "ru"
