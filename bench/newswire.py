"""Generate general wire news in English, for benchmarks: the density of an archive.

Most sentences of ordinary news carry no figure at all; some carry dates, counts and
percentages; about one in ten states money. This reuses the figure-bearing templates of
``newsmix`` and adds longer plain sentences of our own, giving roughly one number per
200 characters and one amount of money per 1,500 — against one per 40 and one per 300
in ``newsmix`` and one per 60 and one per 125 in the money-dense ``newslike``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import newsmix
from textgen import joined

_PLAIN = (
    "The talks, which diplomats described as constructive, are expected to resume after "
    "the holidays once both delegations have consulted their governments.",
    "Residents of the northern districts complained that the new bus routes leave them "
    "waiting in the cold for longer than before, and the city promised to review them.",
    "Speaking at the opening of the forum, the deputy minister urged regional officials "
    "to publish their procurement plans and to answer questions from the press.",
    "Local farmers say the late spring has delayed sowing, although agronomists believe "
    "the harvest can still be saved if the weather turns warmer in the coming weeks.",
    "The court adjourned the hearing after the defence asked for more time to study the "
    "documents submitted by the prosecution on the eve of the session.",
    "Environmental groups welcomed the decision but warned that the river will take years "
    "to recover from the pollution caused by the old smelter upstream.",
    "The museum reopened its main hall after a long renovation, showing archaeological "
    "finds from the steppe that had been kept in storage for decades.",
    "Teachers in several regions have asked for smaller classes and for help with the "
    "paperwork that, they say, takes time away from their pupils.",
)


def _sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.1:
        return newsmix.money_sentence(rng)
    if roll < 0.4:
        return newsmix.prose_sentence(rng)
    return rng.choice(_PLAIN)


def paragraphs(seed: int = 13) -> Iterator[str]:
    """An endless stream of paragraphs of three to six sentences."""
    rng = random.Random(seed)
    while True:
        yield " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def text_of_size(size: int, seed: int = 13) -> str:
    """About ``size`` characters of paragraphs separated by blank lines."""
    return joined(paragraphs(seed), size)
