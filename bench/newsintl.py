"""Generate news in English, Russian and Kazakh with typographic characters, for benchmarks.

The other generators write pure ASCII, and real news is not ASCII: curly quotes, dashes,
no-break spaces, the tenge sign and whole paragraphs in Cyrillic. Python's string
methods take slower paths on such text (session 9 of issue 15 found real news scanning
at a fifth of the speed of ASCII text of the same density), so this kind keeps the
benchmarks honest about them. It is a little denser than ``newswire``: a number every
~100 characters and an amount every ~550 (newswire: ~175 and ~850); a third of the
paragraphs are Russian and a sixth Kazakh. The sentences are our own templates filled
with random figures.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from textgen import joined

NBSP = "\u00a0"

_EN_PLAIN = (
    "\u201cWe will not rush this,\u201d the deputy akim told reporters \u2014 the "
    "consultations with residents, he said, would continue through the winter.",
    "Critics called the draft \u2018a half measure\u2019, while the ministry insisted "
    "that the rules had been discussed openly for months.",
    "The road between the two district centres \u2013 long promised, rarely repaired "
    "\u2013 is again on the list of the region\u2019s priorities.",
    "Parents at the school in the village said the new heating works, although the "
    "classrooms on the north side are still cold in the mornings.",
    "The agency\u2019s press service declined to comment on the audit before it is "
    "published, citing the rules on official information.",
)
_EN_FIGURES = (
    "Turnout reached {pct}\u202f%, the commission said on {day}{nbsp}{month_en}.",
    "Around {n} people \u2014 a record \u2014 visited the fair over {days} days.",
    "Grain exports rose by {pct}% in {year}, according to the bureau\u2019s figures.",
    "The {km}{nbsp}km line is due to open in {month_en} {year}.",
)
_EN_MONEY = (
    "The programme will cost {kzt}{nbsp}billion tenge (US${usd}{nbsp}million), the minister said.",
    "Subsidies of \u20b8{small}{nbsp}million went to farmers \u2014 about ${usd2}{nbsp}000.",
    "The fund set aside KZT{kzt}bn, or \u201cmore than last year\u201d, for the scheme.",
    "Net profit came to {kzt}{nbsp}billion tenge, up {pct}% on the year.",
)
_RU_PLAIN = (
    "\u00abМы не будем торопиться\u00bb, \u2014 сказал заместитель акима, добавив, что "
    "обсуждение с жителями продолжится до весны.",
    "В управлении образования пояснили, что ремонт школ идёт по графику, а жалобы "
    "родителей рассматриваются в порядке очереди.",
    "Эксперты считают, что новые правила \u2014 лишь первый шаг, и ждут от ведомства "
    "подробных разъяснений.",
)
_RU_FIGURES = (
    "Явка составила {pct}%, сообщили в комиссии {day} {month_ru} {year} года.",
    "За {days} дня ярмарку посетили около {n} человек.",
    "Протяжённость новой дороги \u2014 {km}{nbsp}км.",
)
_RU_MONEY = (
    "На программу выделят {kzt}{nbsp}млрд тенге (около ${usd}{nbsp}млн).",
    "Субсидии фермерам составили {small}{nbsp}млн \u20b8.",
    "Чистая прибыль банка выросла до {kzt}{nbsp}млрд тенге, или на {pct}%.",
)
_KK_PLAIN = (
    "\u00abБіз асықпаймыз\u00bb, \u2014 деді аудан әкімінің орынбасары, тұрғындармен "
    "кездесулер көктемге дейін жалғасатынын айтып.",
    "Мектеп директорының айтуынша, жылу жүйесі жөнделді, бірақ кейбір сыныптар әлі де салқын.",
)
_KK_FIGURES = (
    "Сайлауға қатысу {pct}% болды, деп хабарлады комиссия {year} жылы.",
    "Жәрмеңкеге {days} күнде {n} адам келді.",
)
_KK_MONEY = (
    "Бағдарламаға {kzt}{nbsp}млрд теңге бөлінеді.",
    "Фермерлерге {small}{nbsp}млн \u20b8 субсидия төленді.",
)

_MONTHS_EN = ("January", "March", "May", "July", "September", "November")
_MONTHS_RU = ("января", "марта", "мая", "июля", "сентября", "ноября")

_LANGUAGES = (
    (_EN_PLAIN, _EN_FIGURES, _EN_MONEY),
    (_RU_PLAIN, _RU_FIGURES, _RU_MONEY),
    (_KK_PLAIN, _KK_FIGURES, _KK_MONEY),
)


def _sentence(rng: random.Random, language: int) -> str:
    plain, figures, money = _LANGUAGES[language]
    roll = rng.random()
    template = rng.choice(money if roll < 0.12 else figures if roll < 0.45 else plain)
    return template.format(
        nbsp=NBSP,
        day=rng.randint(1, 28),
        month_en=rng.choice(_MONTHS_EN),
        month_ru=rng.choice(_MONTHS_RU),
        year=rng.randint(1995, 2026),
        pct=f"{rng.randint(1, 60)},{rng.randint(0, 9)}" if language else f"{rng.randint(1, 60)}",
        n=f"{rng.randint(1, 99)}{NBSP}{rng.randint(100, 999)}"
        if language
        else f"{rng.randint(1, 99)},{rng.randint(100, 999)}",
        small=rng.randint(2, 900),
        days=rng.randint(2, 4),
        km=rng.randint(5, 800),
        kzt=f"{rng.randint(1, 999)},{rng.randint(1, 9)}"
        if language
        else f"{rng.randint(1, 999)}.{rng.randint(1, 9)}",
        usd=f"{rng.randint(1, 999)}.{rng.randint(10, 99)}",
        usd2=rng.randint(10, 999),
    )


def paragraphs(seed: int = 17) -> Iterator[str]:
    """An endless stream of paragraphs of three to six sentences, each in one language."""
    rng = random.Random(seed)
    while True:
        language = rng.choices((0, 1, 2), weights=(3, 2, 1))[0]
        yield " ".join(_sentence(rng, language) for _ in range(rng.randint(3, 6)))


def text_of_size(size: int, seed: int = 17) -> str:
    """About ``size`` characters of paragraphs separated by blank lines."""
    return joined(paragraphs(seed), size)
