"""Generate dated test articles for ``moneyfix convert``, each with its expected fixed text.

Every article is our own template prose with tenge amounts and their dollar conversions,
computed at the official rate of the article's date from the bundled rate table (so they
check clean). Some articles drop the magnitude word of a conversion
(``(US$235.59)`` instead of ``(US$235.59 million)``, MF001), which ``convert`` must put
back; the expected text of every article is the fully correct one, so a test or
benchmark can compare outputs byte for byte. About a third of the articles are clean.
With ``--any-primary`` a broken conversion may also follow a "million tenge" primary
(``831 million tenge (US$2.36)``), which both readings of a power-of-1000 slip explain.

    python bench/make_archive.py OUT_DIR --count 3000 [--kind md|html|jsonl] [--seed 1]

As a library: ``articles(count, kind, seed)`` yields ``Article(name, text, expected)``;
``write_tree``, ``write_jsonl``, ``write_zip`` and ``write_tar`` store them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from moneyfix.rates.table import RateTable, load_table

_START = dt.date(2015, 1, 5)
_DAYS = 3300  # up to 2024

_PROSE = (
    "The committee met on {weekday} to discuss the plan for the coming season.",
    "Local residents welcomed the decision, according to the district press office.",
    "The road through the valley reopened after {small} days of repairs.",
    "Teachers at {small} rural schools took part in a training course this month.",
    "The governor said the first stage should be finished before winter.",
    "A spokesperson for the ministry declined to give a firm timetable.",
    "Turnout at the public hearing was higher than organisers had expected.",
    "The new terminal will handle up to {small} thousand passengers a day.",
    "Engineers inspected {small} bridges along the northern route.",
    "Work on the second phase is due to begin in the spring of {year}.",
)
_MONEY = (
    "The regional budget set aside {kzt} ({usd}) for new school buildings.",
    "Officials said the programme would cost {kzt} ({usd}) over three years.",
    "Grain exports brought in {kzt} ({usd}) in the first half of the year.",
    "The state fund lent {kzt} ({usd}) to small firms in the region.",
    "Repairs to the water network are estimated at {kzt} ({usd}).",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_TWO = Decimal("0.01")


@dataclass(frozen=True)
class Article:
    """One generated article: its relative file name, its text, and the text after fixing."""

    name: str
    date: dt.date
    text: str
    expected: str
    title: str = ""
    body: str = ""
    """The prose alone (for JSONL records), as written."""
    expected_body: str = ""


def _money(
    rng: random.Random, rate: Decimal, broken: bool, any_primary: bool = False
) -> tuple[str, str]:
    """One sentence with a tenge amount and its conversion, as written and as expected."""
    template = rng.choice(_MONEY)
    # "million tenge (US$4.75)" could also be a spurious "million": only with any_primary
    if (broken and not any_primary) or rng.random() < 0.5:
        tenge = Decimal(rng.randint(12, 950))
        kzt_text = f"{tenge} billion tenge"
        usd = (tenge * 1000 / rate).quantize(_TWO, ROUND_HALF_EVEN)
    else:
        tenge = Decimal(rng.randint(15, 990)) * 10
        kzt_text = f"{tenge} million tenge"
        usd = (tenge / rate).quantize(_TWO, ROUND_HALF_EVEN)
    good = f"US${usd:,} million"
    bad = f"US${usd:,}" if broken else good
    return template.format(kzt=kzt_text, usd=bad), template.format(kzt=kzt_text, usd=good)


def _paragraphs(
    rng: random.Random, rate: Decimal, broken: int, any_primary: bool = False
) -> tuple[list[str], list[str]]:
    """Paragraphs as written and as expected; ``broken`` conversions lack their magnitude."""
    written: list[str] = []
    expected: list[str] = []
    money_left = rng.randint(2, 4)
    broken_at = set(rng.sample(range(money_left), min(broken, money_left)))
    money_index = 0
    for _ in range(rng.randint(4, 7)):
        para_w: list[str] = []
        para_e: list[str] = []
        for _ in range(rng.randint(2, 4)):
            if money_left and rng.random() < 0.4:
                w, e = _money(rng, rate, money_index in broken_at, any_primary)
                money_index += 1
                money_left -= 1
            else:
                w = e = rng.choice(_PROSE).format(
                    weekday=rng.choice(_WEEKDAYS),
                    small=rng.randint(3, 60),
                    year=rng.randint(2016, 2026),
                )
            para_w.append(w)
            para_e.append(e)
        written.append(" ".join(para_w))
        expected.append(" ".join(para_e))
    while money_left:  # place what is left in a final paragraph
        w, e = _money(rng, rate, money_index in broken_at, any_primary)
        money_index += 1
        money_left -= 1
        written.append(w)
        expected.append(e)
    return written, expected


def _markdown(title: str, date: dt.date, paras: list[str]) -> str:
    body = "\n\n".join(paras)
    return f"---\ntitle: {title}\ndate: {date.isoformat()}\n---\n\n# {title}\n\n{body}\n"


def _html(title: str, date: dt.date, paras: list[str]) -> str:
    body = "\n".join(f'  <p class="lead">{p}</p>' if i == 0 else f"  <p>{p}</p>"
                     for i, p in enumerate(paras))  # fmt: skip
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n'
        f'  <meta property="article:published_time" content="{date.isoformat()}T09:30:00+06:00">\n'
        f"  <title>{title} &amp; more</title>\n</head>\n<body>\n<article>\n"
        f"  <h1>{title}</h1>\n{body}\n  <footer>&copy; Example News</footer>\n"
        "</article>\n</body>\n</html>\n"
    )


def articles(
    count: int,
    kind: str = "md",
    seed: int = 1,
    table: RateTable | None = None,
    any_primary: bool = False,
) -> Iterator[Article]:
    """``count`` articles of ``kind`` (md, html or jsonl records), deterministic per seed."""
    table = table or load_table()
    rng = random.Random(seed)
    for number in range(count):
        date = _START + dt.timedelta(days=rng.randrange(_DAYS))
        rate = table.lookup("USD", date).value
        broken = 0 if number % 3 == 0 else rng.randint(1, 2)
        title = f"Regional news {number:05d}"
        written, expected = _paragraphs(rng, rate, broken, any_primary)
        folder = f"{date.year}/{date.month:02d}"
        if kind == "html":
            name = f"{folder}/article-{number:05d}.html"
            text, fixed = _html(title, date, written), _html(title, date, expected)
        elif kind == "jsonl":
            name = f"record-{number:05d}"
            text, fixed = "\n\n".join(written), "\n\n".join(expected)
        else:
            name = f"{folder}/article-{number:05d}.md"
            text, fixed = _markdown(title, date, written), _markdown(title, date, expected)
        yield Article(name, date, text, fixed, title, "\n\n".join(written), "\n\n".join(expected))


def jsonl_line(number: int, article: Article, text: str) -> str:
    """One CMS-style record: the text field among others, in a fixed key order."""
    record = {
        "id": f"a-{number:05d}",
        "title": article.title,
        "date": article.date.isoformat(),
        "text": text,
        "tags": ["economy", "regions"],
        "views": number * 7,
    }
    return json.dumps(record, ensure_ascii=False)


def write_tree(root: Path, items: Iterable[Article]) -> list[Article]:
    """Write articles under ``root``; return them (with their expected texts)."""
    out = []
    for article in items:
        path = root / article.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(article.text.encode("utf-8"))
        out.append(article)
    return out


def write_jsonl(path: Path, items: Iterable[Article]) -> str:
    """Write one JSONL file of records; return the expected fixed file text."""
    written: list[str] = []
    expected: list[str] = []
    for number, article in enumerate(items):
        written.append(jsonl_line(number, article, article.body))
        expected.append(jsonl_line(number, article, article.expected_body))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n".join(written) + "\n").encode("utf-8"))
    return "\n".join(expected) + "\n"


_FIXED_TIME = (2024, 1, 2, 3, 4, 6)


def write_zip(path: Path, items: Iterable[Article]) -> list[Article]:
    """A zip of the articles (deflated, fixed timestamps)."""
    out = []
    with zipfile.ZipFile(path, "w") as zf:
        for article in items:
            info = zipfile.ZipInfo(article.name, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, article.text.encode("utf-8"))
            out.append(article)
    return out


def write_tar(path: Path, items: Iterable[Article], mode: str = "w:gz") -> list[Article]:
    """A tar (``w``, ``w:gz``, ``w:bz2``, ``w:xz``) of the articles."""
    out = []
    with tarfile.open(path, mode) as tf:  # type: ignore[call-overload]
        for article in items:
            data = article.text.encode("utf-8")
            info = tarfile.TarInfo(article.name)
            info.size = len(data)
            info.mtime = 1_700_000_000
            info.mode = 0o644
            tf.addfile(info, io.BytesIO(data))
            out.append(article)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--kind", choices=("md", "html", "jsonl", "zip", "tar.gz"), default="md")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--any-primary", action="store_true", help="break million primaries too")
    args = parser.parse_args()
    if args.kind == "jsonl":
        write_jsonl(
            args.out / "articles.jsonl",
            articles(args.count, "jsonl", args.seed, any_primary=args.any_primary),
        )
    elif args.kind == "zip":
        args.out.mkdir(parents=True, exist_ok=True)
        write_zip(
            args.out / "articles.zip",
            articles(args.count, "md", args.seed, any_primary=args.any_primary),
        )
    elif args.kind == "tar.gz":
        args.out.mkdir(parents=True, exist_ok=True)
        write_tar(
            args.out / "articles.tar.gz",
            articles(args.count, "md", args.seed, any_primary=args.any_primary),
        )
    else:
        write_tree(
            args.out, articles(args.count, args.kind, args.seed, any_primary=args.any_primary)
        )
    print(f"wrote {args.count} {args.kind} articles under {args.out}")


if __name__ == "__main__":
    main()
