"""Which language a document is written in: English, Russian or Kazakh.

Decided from the script and the letters only Kazakh uses (in Cyrillic or in the Latin
alphabet); cheap enough for every file.
"""

from __future__ import annotations

from moneyfix import regex_cache

_CYRILLIC = regex_cache.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_LATIN = regex_cache.compile(r"[a-zA-Z]")
_KAZAKH = regex_cache.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# Letters of the Latin Kazakh alphabet that English does not use.
_KAZAKH_LATIN = regex_cache.compile(r"[ǵńóúýıäöüğşÁǴŃÓÚÝÄÖÜĞŞ]")
_SAMPLE = 20_000


def detect_lang(text: str) -> str:
    """'en', 'ru' or 'kk' from the first characters of ``text`` (English when unsure)."""
    sample = text[:_SAMPLE]
    if not _CYRILLIC.search(sample) and not _KAZAKH_LATIN.search(sample):
        return "en"  # the usual case, told without counting
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if cyrillic <= latin:
        return "kk" if len(_KAZAKH_LATIN.findall(sample)) > latin * 0.01 else "en"
    return "kk" if len(_KAZAKH.findall(sample)) > cyrillic * 0.01 else "ru"
