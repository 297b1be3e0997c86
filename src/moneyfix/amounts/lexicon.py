"""The words of money: currency names, codes and signs, magnitude words.

CLDR (through Babel) supplies what it has: currency display names and their plural forms,
currency symbols, and the compact magnitude words ("million", "млрд", "мың"). Our own
supplement adds what news writes and CLDR lacks: bare "tenge", "bn"/"mln"/"trln",
and Russian and Kazakh stems that take case endings (hedges: moneyfix.hedges).

The lexicon is built once, on first use, so importing moneyfix stays fast.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from moneyfix.user_cache import cached_file, store

if TYPE_CHECKING:
    from pathlib import Path

# The currencies whose names we read. A closed list on purpose: CLDR names every
# currency of the world, and words like "won", "rand" or "real" are ordinary English.
CURRENCIES = (
    "KZT", "USD", "EUR", "RUB", "CNY", "GBP", "JPY", "KRW", "KGS", "UZS", "TJS", "TMT",
    "AZN", "GEL", "AMD", "BYN", "UAH", "TRY", "CHF", "AUD", "CAD", "NOK", "SEK", "MXN",
    "INR", "AED",
)  # fmt: skip

LOCALES = ("en", "ru", "kk")

# News forms CLDR lacks. Keys are lower case; Cyrillic stems take any case ending.
SUPPLEMENT_WORDS: dict[str, str] = {
    "tenge": "KZT", "tenges": "KZT", "kazakh tenge": "KZT", "kazakhstan tenge": "KZT",
    "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD",
    "u.s. dollar": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "euro": "EUR", "euros": "EUR",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "russian roubles": "RUB",
    "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "japanese yen": "JPY",
    "pounds": "GBP", "pounds sterling": "GBP", "pound sterling": "GBP",
    "manat": "TMT", "manats": "TMT", "som": "KGS", "soms": "KGS", "soum": "UZS",
    "soums": "UZS", "rmb": "CNY", "lira": "TRY", "liras": "TRY", "dirham": "AED",
    "dirhams": "AED", "rupee": "INR", "rupees": "INR",
    "тг": "KZT",
    # The som in full: as a stem "сом" would read "5 сомнений" (doubts) as money.
    **{f"сом{e}": "KGS" for e in ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах")},
    **{f"сом{e}": "KGS" for e in ("ға", "ды", "нан", "ның", "да", "мен")},
    "фунт стерлингов": "GBP", "фунта стерлингов": "GBP", "фунтов стерлингов": "GBP",
    # The monthly calculation index (see NOT_MONEY below).
    "mrp": "MRP", "mci": "MRP", "monthly calculation index": "MRP",
    "monthly calculation indices": "MRP", "monthly calculation indexes": "MRP",
    "мрп": "MRP", "аек": "MRP",
}  # fmt: skip

NOT_MONEY = frozenset({"MRP"})
"""Units amounts are stated in that are not currencies: the monthly calculation index
(MRP, МРП, АЕК), the legal unit of fines and benefits. Its amounts are read (so that
"15 MRP (64,875 tenge)" is not mistaken for a bare number and a conversion) but never
paired, converted or checked against exchange rates."""

# Cyrillic stems: the span runs on to the end of the word ("теңгені", "долларов").
SUPPLEMENT_STEMS: dict[str, str] = {
    "тенге": "KZT", "теңге": "KZT", "доллар": "USD", "долл.": "USD", "рубл": "RUB",
    "руб.": "RUB", "евро": "EUR", "еуро": "EUR", "юан": "CNY", "иен": "JPY", "йен": "JPY",
    "фунт": "GBP", "манат": "TMT",
    # Kazakh in the Latin alphabet (2021 spelling): "5 mlrd teńge", "12 mln dollardy".
    "teńge": "KZT", "tenge": "KZT", "dollar": "USD", "rýbl": "RUB", "ıýan": "CNY",
}  # fmt: skip

# Subunits, a hundredth of their currency: "11 cents", "(40 тиын)", "50 копеек". An
# amount stated in one is an amount of that currency, its value in the main unit (11
# cents are 0.11 USD), the word kept as the amount's ``subunit``. Russian and Kazakh
# forms are listed whole: a stem would read "центр" and "центнер" (100 kg) as cents.
SUBUNIT_EXPONENT = -2
_RU_ENDINGS = ("", "а", "ов", "у", "ам", "ами", "ах", "ом", "е")
_KK_ENDINGS = ("ке", "тен", "ті", "тің", "і")  # "центке", "центтен", "центі"
_KOPECK_FORMS = (
    "копейка", "копейки", "копейку", "копейкой", "копейке", "копеек", "копейкам",
    "копейками", "копейках", "коп.",
)  # fmt: skip
SUBUNIT_WORDS: dict[str, str] = {
    "cent": "USD", "cents": "USD", "us cent": "USD", "us cents": "USD",
    "u.s. cent": "USD", "u.s. cents": "USD", "¢": "USD",
    "euro cent": "EUR", "euro cents": "EUR", "eurocent": "EUR", "eurocents": "EUR",
    "kopeck": "RUB", "kopecks": "RUB", "kopek": "RUB", "kopeks": "RUB",
    "tiyn": "KZT", "tiyns": "KZT", "tiyin": "KZT", "tiyins": "KZT",
    "tyiyn": "KGS", "tyiyns": "KGS", "pence": "GBP",
    **{f"цент{e}": "USD" for e in (*_RU_ENDINGS, *_KK_ENDINGS)},
    **{f"{w}цент{e}": "EUR" for w in ("евро", "еуро") for e in (*_RU_ENDINGS, *_KK_ENDINGS)},
    **dict.fromkeys(_KOPECK_FORMS, "RUB"),
}  # fmt: skip
# Stems that take any case ending ("тиынов", "тиынға", "тыйына").
SUBUNIT_STEMS: dict[str, str] = {"тиын": "KZT", "tıyn": "KZT", "tıyın": "KZT", "тыйын": "KGS"}
BARE_CENTS = frozenset(w for w, code in SUBUNIT_WORDS.items() if code == "USD" and " " not in w)
"""Cents that do not name their dollar: read as US cents, the amount's currency marked
assumed (as a bare "$" is)."""

# Words that qualify a stated currency word ("доллар США", "АҚШ долларымен").
CURRENCY_QUALIFIERS_AFTER = ("сша",)
CURRENCY_QUALIFIERS_BEFORE = (
    "ақш", "AQSh", "AQŞ", "aqsh", "AQSH",
)  # fmt: skip
# Russian adjectives of a currency's country, in any case ending: "1 английский фунт
# стерлингов", "200 млн американских долларов", "5 тыс. российских рублей".
CURRENCY_ADJECTIVE_STEMS = (
    "американск", "российск", "китайск", "английск", "британск", "японск", "швейцарск",
    "казахстанск", "кыргызск", "киргизск", "узбекск", "турецк", "белорусск",
)  # fmt: skip

SYMBOLS: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "us$": "USD", "$": "USD", "€": "EUR", "£": "GBP",
    "₸": "KZT", "₽": "RUB", "¥": "JPY", "CN¥": "CNY",
}  # fmt: skip

# Abbreviations news uses beyond CLDR's compact forms; value is the power of ten.
SUPPLEMENT_MAGNITUDES: dict[str, int] = {
    "thousand": 3, "thousands": 3, "thous.": 3, "thous": 3, "th.": 3, "k": 3,
    "million": 6, "millions": 6, "mln": 6, "mn": 6, "m": 6,
    "billion": 9, "billions": 9, "bln": 9, "bn": 9, "b": 9,
    "trillion": 12, "trillions": 12, "trln": 12, "trn": 12, "tn": 12, "tr": 12,
    "trl": 12, "tln": 12,  # "KZT2trl", "KZT2.5tln" (Kazinform's English)
    "тыс": 3, "тыс.": 3, "тысяч": 3, "тысячи": 3, "тысяча": 3,
    "мың": 3, "млн": 6, "млрд": 9, "трлн": 12, "mlrd": 9, "myń": 3, "mıń": 3,
    "mıllıon": 6, "mıllıard": 9, "trıllıon": 12,  # Kazakh in the Latin alphabet
}  # fmt: skip

# Single letters are magnitudes only when glued to a number next to a currency ("$5m").
LETTER_MAGNITUDES = frozenset({"k", "m", "b"})

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1,
}  # fmt: skip

# Russian and Kazakh number words as they stand before a spelled magnitude ("пять
# миллиардов", "около пятисот миллионов", "екі жүз миллион"): Russian in the cases a
# count takes there. "сто"/"жүз" multiply what comes before them, like "hundred".
CYRILLIC_NUMBER_WORDS: dict[str, int] = {
    "один": 1, "одна": 1, "одного": 1, "одной": 1, "два": 2, "две": 2, "двух": 2,
    "три": 3, "трех": 3, "трёх": 3, "четыре": 4, "четырех": 4, "четырёх": 4,
    "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7,
    "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
    "одиннадцать": 11, "двенадцать": 12, "пятнадцать": 15, "двадцать": 20,
    "двадцати": 20, "тридцать": 30, "тридцати": 30, "сорок": 40, "сорока": 40,
    "пятьдесят": 50, "пятидесяти": 50, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90, "девяноста": 90, "сто": 100, "ста": 100,
    "двести": 200, "двухсот": 200, "триста": 300, "трехсот": 300, "трёхсот": 300,
    "четыреста": 400, "четырехсот": 400, "пятьсот": 500, "пятисот": 500,
    "шестьсот": 600, "шестисот": 600, "семьсот": 700, "семисот": 700,
    "восемьсот": 800, "восьмисот": 800, "девятьсот": 900, "девятисот": 900,
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7,
    "сегіз": 8, "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40,
    "елу": 50, "алпыс": 60, "жетпіс": 70, "сексен": 80, "тоқсан": 90, "жүз": 100,
}  # fmt: skip
# "полтора миллиарда" is 1.5 billion, "полмиллиона" half a million.
CYRILLIC_FRACTIONS: dict[str, str] = {
    "полтора": "1.5", "полторы": "1.5", "полутора": "1.5", "пол": "0.5",
}  # fmt: skip

# Cyrillic letters, for telling Russian/Kazakh decimal commas from English grouping.
CYRILLIC = "а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ"
CYRILLIC_LOWER = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі")


class Lexicon(NamedTuple):
    """Everything the scanner matches, as lower-case surface -> meaning."""

    currency_words: dict[str, str]
    currency_stems: dict[str, str]
    symbols: dict[str, str]
    codes: frozenset[str]
    magnitudes: dict[str, int]


def _words_of(pattern: str) -> str:
    """The word of a CLDR compact pattern: '0 billion' -> 'billion', "0 тыс'.'" -> 'тыс.'."""
    return pattern.replace("'", "").replace("0", "").replace("\xa0", " ").strip()


def _cldr_magnitudes() -> dict[str, int]:
    from babel import Locale

    found: dict[str, int] = {}
    for name in LOCALES:
        formats = Locale.parse(name).compact_decimal_formats
        for width in ("long", "short"):
            for plural in formats[width]:
                for size, pattern in dict(formats[width][plural]).items():
                    if size in ("1000", "1000000", "1000000000", "1000000000000"):
                        word = _words_of(pattern.pattern).lower()
                        if word and len(word) > 1:
                            found[word] = len(size) - 1
    return found


def _cldr_currency_words() -> tuple[dict[str, str], dict[str, str]]:
    from babel import Locale

    words: dict[str, str] = {}
    symbols: dict[str, str] = {}
    for name in LOCALES:
        locale = Locale.parse(name)
        plurals = locale._data["currency_names_plural"]
        for code in CURRENCIES:
            names = {locale.currencies.get(code, "")}
            names.update(dict(plurals.get(code, {})).values())
            for surface in names:
                if surface:
                    words[surface.lower()] = code
            symbol = locale.currency_symbols.get(code)
            if symbol and symbol != code and not symbol.isalpha():
                symbols[symbol] = code
    return words, symbols


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon of all three languages, built once from CLDR plus our supplement.

    Reading CLDR costs more than the rest of a short run, so the result is kept in the
    user cache, keyed by the installed Babel and by our own tables; any change rebuilds it.
    """
    cache = _cache_file()
    if cache is not None:
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            return Lexicon(
                currency_words=data["currency_words"],
                currency_stems=data["currency_stems"],
                symbols=data["symbols"],
                codes=frozenset(data["codes"]),
                magnitudes=data["magnitudes"],
            )
        except (OSError, ValueError, KeyError, TypeError):
            pass
    built = _built_lexicon()
    if cache is not None:
        _store(cache, built)
    return built


def _cache_file() -> Path | None:
    """Where the built lexicon is kept, named for what it was built from: Babel's data,
    our tables, and this module's own code (a changed builder never reuses a stale file)."""
    spec = importlib.util.find_spec("babel")
    if spec is None or spec.origin is None:
        return None
    try:
        stat = os.stat(spec.origin)
        with open(__file__, "rb") as fh:
            code = zlib.crc32(fh.read())
    except OSError:
        return None
    from moneyfix import __version__

    tables = (LOCALES, CURRENCIES, SUPPLEMENT_WORDS, SUPPLEMENT_STEMS, SYMBOLS)
    sources = repr((__version__, *tables, SUPPLEMENT_MAGNITUDES))
    key = zlib.crc32(f"{spec.origin}:{stat.st_mtime_ns}:{stat.st_size}:{code}:{sources}".encode())
    return cached_file("lexicon", key, ".json")


def _store(path: Path, built: Lexicon) -> None:
    data = {
        "currency_words": built.currency_words,
        "currency_stems": built.currency_stems,
        "symbols": built.symbols,
        "codes": sorted(built.codes),
        "magnitudes": built.magnitudes,
    }
    store(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _built_lexicon() -> Lexicon:
    words, symbols = _cldr_currency_words()
    words.update(SUPPLEMENT_WORDS)
    symbols.update(SYMBOLS)
    magnitudes = _cldr_magnitudes()
    magnitudes.update(SUPPLEMENT_MAGNITUDES)
    return Lexicon(
        currency_words=words,
        currency_stems=dict(SUPPLEMENT_STEMS),
        symbols=symbols,
        codes=frozenset(CURRENCIES),
        magnitudes=magnitudes,
    )


def cased(words: Iterable[str]) -> set[str]:
    """Each word as news may case it: 'tenge', 'Tenge', 'TENGE', 'Kazakh Tenge'.

    Spelling the variants out lets the regex engine compare plain characters, several
    times faster than case-insensitive matching on this hot path.
    """
    variants: set[str] = set()
    for w in words:
        first, _, rest = w.partition(" ")
        shouted = f"{first.upper()} {rest}" if rest else w  # "US dollars", "АҚШ доллары"
        variants.update((w, w[:1].upper() + w[1:], w.title(), w.upper(), shouted))
    return variants


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, longest first, written as a prefix tree.

    The regex engine tries plain alternatives one by one; a tree shares the common
    prefixes, so a few hundred currency names cost little more than one.
    """
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _tree_regex(trie)


def _tree_regex(node: dict[str, dict[str, Any]]) -> str:
    branches = []
    for char, child in sorted(node.items()):
        if not char:
            continue
        run = [char]  # a chain of single children is one literal ("merican dollars")
        while len(child) == 1 and "" not in child:
            ((char, child),) = child.items()
            run.append(char)
        branches.append(re.escape("".join(run)) + _tree_regex(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body
