"""Generate realistic mixed English news text, for benchmarks.

Unlike ``newslike`` (money in every third sentence, like the annotated corpus), this is
what an archive mostly holds: prose with dates, percentages, counts and years, and only
about one sentence in six that states money. The sentences are our own templates filled
with random figures, so the scanner sees many digits that are *not* money.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from textgen import joined

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip

_PROSE = (
    "The meeting took place on {day} {month} {year} in the regional akimat.",
    "Turnout in the district reached {pct}%, the election commission said on {weekday}.",
    "About {n} residents signed the petition, organisers told reporters.",
    "The new line will carry {n} passengers a day once it opens in {year}.",
    "Wheat yields were {pct} percent higher than a year earlier, the ministry reported.",
    "The school, built in {year}, now teaches {small} pupils in two shifts.",
    "Since {month} {day}, {year}, the border crossing has handled {n} trucks.",
    "The population of the city passed {small} thousand for the first time.",
    "Police said {small} people were detained and {days} were later released.",
    "The heat reached {temp} degrees in the south, forecasters warned.",
    "Unemployment fell to {pct} per cent, its lowest level since {year}.",
    "The delegation visited {days} factories and {small} farms during the trip.",
    "Rail freight grew by {pct}% in the first {days} months of {year}.",
    "The festival, held every year since {year}, drew visitors from {small} countries.",
    "A spokesperson declined to comment on the timing of the next round of talks.",
    "Snow closed the mountain road for {days} days, and {small} drivers were stranded.",
    "Construction of the {km} km highway is due to finish by {month} {year}.",
    "The hospital has {small} beds and treated {n} patients last year.",
    "Parliament approved the bill in its second reading on {weekday}.",
    "Analysts expect inflation of {pct}-{pct2}% by the end of {year}.",
)

_MONEY = (
    "The project will cost {kzt} billion tenge (US${usd} million), the minister said.",
    "The fund allocated KZT{kzt}bn to small businesses in {year}.",
    "Farmers will receive about {small} million tenge in subsidies this spring.",
    "The company reported net profit of ${usd} million for the quarter.",
    "Exports reached {kzt} billion tenge, or ${usd} million, in {month}.",
    "The bank issued loans worth {kzt} trillion tenge, up {pct}% on the year.",
)

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _sentence(rng: random.Random) -> str:
    return money_sentence(rng) if rng.random() < 1 / 6 else prose_sentence(rng)


def money_sentence(rng: random.Random) -> str:
    """One sentence stating money (with a conversion, often)."""
    return _filled(rng.choice(_MONEY), rng)


def prose_sentence(rng: random.Random) -> str:
    """One sentence with dates, counts or percentages, and no money."""
    return _filled(rng.choice(_PROSE), rng)


def _filled(template: str, rng: random.Random) -> str:
    return template.format(
        day=rng.randint(1, 28),
        month=rng.choice(_MONTHS),
        weekday=rng.choice(_WEEKDAYS),
        year=rng.randint(1991, 2026),
        pct=f"{rng.randint(1, 40)}.{rng.randint(0, 9)}",
        pct2=f"{rng.randint(41, 60)}.{rng.randint(0, 9)}",
        n=f"{rng.randint(1, 99)},{rng.randint(100, 999)}",
        small=rng.randint(2, 900),
        days=rng.randint(2, 9),
        temp=rng.randint(30, 45),
        km=rng.randint(5, 800),
        kzt=f"{rng.randint(1, 999)}.{rng.randint(0, 9)}",
        usd=f"{rng.randint(1, 999)}.{rng.randint(10, 99)}",
    )


def paragraphs(seed: int = 11) -> Iterator[str]:
    """An endless stream of paragraphs of three to seven sentences."""
    rng = random.Random(seed)
    while True:
        yield " ".join(_sentence(rng) for _ in range(rng.randint(3, 7)))


def text_of_size(size: int, seed: int = 11) -> str:
    """About ``size`` characters of paragraphs separated by blank lines."""
    return joined(paragraphs(seed), size)
