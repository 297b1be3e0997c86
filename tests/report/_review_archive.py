"""An archive of generated articles with planted errors, for the review page tests.

Our own template sentences, each with a tenge amount and its dollar conversion computed
from the bundled rate table at the article's date, so every unplanted pair is right.
Planted, by article number: a conversion without its "million" (MF001, fixed), one with
"billion" for "million" (MF002), one at a rate of early 2015 (MF003, its fix is unsafe
and not applied), one nine times too small (MF007, no fix), an article with no date
anywhere (MF006), and files that are not UTF-8 (failed).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from moneyfix.rates.table import RateTable

_SENTENCES = (
    "The district council approved {kzt} ({usd}) for the new water pipes.",
    "Builders were promised {kzt} ({usd}) for the second runway.",
    "The farm cooperative borrowed {kzt} ({usd}) to buy seed and fuel.",
    "A grant of {kzt} ({usd}) will pay for laboratory equipment.",
)
_FILLER = (
    "The work is expected to take most of the year.",
    "Residents asked for the schedule to be published online.",
    "The contractor was chosen after an open tender in the spring.",
    "Inspectors will visit the site every two weeks.",
)
_START = dt.date(2016, 1, 4)
_DAYS = 3200
_OLD_RATE_DAY = dt.date(2015, 3, 2)
_TWO = Decimal("0.01")
PLANTS = {
    4: "MF001",
    5: "MF001",
    6: "MF002",
    7: "MF003",
    8: "MF007",
}
"""Article number modulo 10 -> the code planted in it (the others are right)."""


@dataclass(frozen=True)
class Planted:
    path: str
    """Relative file name."""
    code: str
    conversion: str
    """The conversion as written, e.g. ``US$281.16``."""


@dataclass
class Archive:
    planted: list[Planted] = field(default_factory=list)
    pairs: int = 0
    """Conversion pairs in the readable, dated articles."""
    failed: list[str] = field(default_factory=list)
    files: int = 0


def _usd(tenge_millions: int, rate: Decimal) -> Decimal:
    return (Decimal(tenge_millions) / rate).quantize(_TWO, ROUND_HALF_EVEN)


def write_archive(root: Path, count: int, table: RateTable, seed: int = 7) -> Archive:
    """Write ``count`` Markdown articles under ``root``; return what was planted where."""
    rng = random.Random(seed)
    archive = Archive(files=count)
    old_rate = table.lookup("USD", _OLD_RATE_DAY).value
    for number in range(count):
        day = _START + dt.timedelta(days=rng.randrange(_DAYS))
        rel = f"{day.year}/{day.month:02d}/story-{number:05d}.md"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if number % 500 == 499:
            path.write_bytes(b"---\ndate: 2020-01-01\n---\n\nCaf\xe9 costs 100 tenge.\n")
            archive.failed.append(rel)
            continue
        rate = table.lookup("USD", day).value
        plant = PLANTS.get(number % 10)
        sentences = []
        for slot in range(rng.randint(2, 3)):
            billions = rng.randint(11, 900)
            usd = _usd(billions * 1000, rate)
            written = f"US${usd:,} million"
            if slot == 0 and plant == "MF001":
                written = f"US${usd:,}"
            elif slot == 0 and plant == "MF002":
                written = f"US${usd:,} billion"
            elif slot == 0 and plant == "MF003":
                written = f"US${_usd(billions * 1000, old_rate):,} million"
            elif slot == 0 and plant == "MF007":
                written = f"US${_usd(billions * 1000, rate * 9):,} million"
            if slot == 0 and plant is not None:
                archive.planted.append(Planted(rel, plant, written.split(" ")[0]))
            template = rng.choice(_SENTENCES)
            sentences.append(template.format(kzt=f"{billions} billion tenge", usd=written))
            sentences.append(rng.choice(_FILLER))
        body = " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:]) + "\n"
        if number % 250 == 3:
            # no date in front matter, name or dateline: only the undated notice
            path = path.with_name(f"story-{number:05d}-undated.md")
            rel = path.relative_to(root).as_posix()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# Story {number}\n\n{body}", encoding="utf-8")
            archive.planted.append(Planted(rel, "MF006", ""))
            continue
        archive.pairs += len(sentences) // 2
        path.write_text(
            f"---\ntitle: Story {number}\ndate: {day.isoformat()}\n---\n\n{body}", encoding="utf-8"
        )
    return archive
