"""Properties of ``fix`` on generated articles (SPEC §10).

Articles are built from sentences whose conversions are right on 2020-11-24, some with
the conversion's magnitude word dropped. The right article is known for every draft, so
the fix has an exact oracle: fixing a draft gives the right article (the dropped words
come back and nothing outside them changes), fixing again changes nothing, and wrong
figures inside Markdown code stay as written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moneyfix.check import check_document
from moneyfix.config import Config
from moneyfix.documents import load_document
from moneyfix.model import Document
from moneyfix.rates.table import RateTable, load_table
from moneyfix.runner import fix_document

DAY = dt.date(2020, 11, 24)


@dataclass(frozen=True)
class Pair:
    """A conversion right on ``DAY`` and the magnitude word a writer may drop from it."""

    primary: str
    conversion: str
    word: str

    def text(self, dropped: bool) -> str:
        shown = self.conversion.replace(f" {self.word}", "") if dropped else self.conversion
        return f"{self.primary} ({shown})"


ENGLISH = (
    Pair("63 billion tenge", "US$148.42 million", "million"),
    Pair("100 billion tenge", "US$235.59 million", "million"),
    Pair("4.2 billion tenge", "US$9.87 million", "million"),
    Pair("1.5 trillion tenge", "US$3.52 billion", "billion"),
    Pair("12.7 billion tenge", "US$29.84 million", "million"),
    Pair("KZT 7.5 billion", "US$17.62 million", "million"),
)
RUSSIAN = (
    Pair("63 млрд тенге", "$148,42 млн", "млн"),
    Pair("100 млрд тенге", "$235,59 млн", "млн"),
    Pair("4,2 млрд тенге", "$9,87 млн", "млн"),
    Pair("1,5 трлн тенге", "$3,52 млрд", "млрд"),
)
EN_FRAMES = (
    "The akimat said it will spend {} on roads.",
    "A new hospital in the region will cost {}, officials said.",
    "Farmers received {} in subsidies this year.",
    "The fund, worth {}, will be audited next spring.",
)
RU_FRAMES = (
    "Акимат направит {} на ремонт дорог.",
    "Новая больница обойдётся в {}, сообщили в управлении.",
    "Фермеры получили {} субсидий.",
)
FILLER = (
    "The minister did not comment.",
    "Work is expected to start in March.",
    "Residents have complained for years.",
    "",
)
RU_FILLER = ("Министр не дал комментариев.", "Работы начнутся в марте.", "")


@st.composite
def articles(draw: st.DrawFn, russian: bool = False) -> tuple[str, str]:
    """(draft, right article): sentences with pairs, some with a magnitude word dropped."""
    pairs, frames, filler = (
        (RUSSIAN, RU_FRAMES, RU_FILLER)
        if russian
        else (
            ENGLISH,
            EN_FRAMES,
            FILLER,
        )
    )
    draft: list[str] = []
    right: list[str] = []
    count = draw(st.integers(min_value=1, max_value=6))
    for _ in range(count):
        pair = draw(st.sampled_from(pairs))
        frame = draw(st.sampled_from(frames))
        dropped = draw(st.booleans())
        extra = draw(st.sampled_from(filler))
        sep = draw(st.sampled_from([" ", "\n", "\n\n"]))
        draft.append(frame.format(pair.text(dropped)) + (" " + extra if extra else "") + sep)
        right.append(frame.format(pair.text(False)) + (" " + extra if extra else "") + sep)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return (
        "".join(draft).replace("\n", newline),
        "".join(right).replace("\n", newline),
    )


_TABLE: list[RateTable] = []


def _table() -> RateTable:
    if not _TABLE:
        _TABLE.append(load_table())
    return _TABLE[0]


def _document(text: str, name: str = "draft.txt") -> Document:
    ((doc, _),) = load_document(text.encode("utf-8"), name, date=DAY)
    return doc


def _fix(doc: Document) -> str:
    config = Config()
    report = check_document(doc, config, _table())
    fixed, _ = fix_document(doc, report, config, _table())
    return fixed


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(articles())
def test_fix_restores_dropped_words_and_nothing_else(article: tuple[str, str]) -> None:
    draft, right = article
    fixed = _fix(_document(draft))
    assert fixed == right
    assert _fix(_document(fixed)) == fixed


@SETTINGS
@given(articles(russian=True))
def test_fix_russian_in_the_texts_style(article: tuple[str, str]) -> None:
    draft, right = article
    fixed = _fix(_document(draft))
    assert fixed == right
    assert _fix(_document(fixed)) == fixed


@SETTINGS
@given(articles(), st.sampled_from(ENGLISH), st.booleans())
def test_markdown_code_is_never_touched(
    article: tuple[str, str], quoted: Pair, fenced: bool
) -> None:
    draft, right = article
    wrong = quoted.text(dropped=True)
    code = f"```\n{wrong}\n```\n\n" if fenced else f"Never write `{wrong}`.\n\n"
    front = "---\ntitle: Draft\n---\n\n"
    fixed = _fix(_document(front + code + draft.replace("\r\n", "\n"), "draft.md"))
    assert fixed == front + code + right.replace("\r\n", "\n")


@SETTINGS
@given(articles())
def test_right_articles_are_clean(article: tuple[str, str]) -> None:
    _, right = article
    report = check_document(_document(right), Config(), _table())
    assert report.findings == []


@st.composite
def wrapped(draw: st.DrawFn, russian: bool = False) -> str:
    """A right article hard-wrapped: some single spaces become line breaks, as an editor's
    80-column Markdown or an HTML source would have them."""
    _, right = draw(articles(russian=russian))
    right = right.replace("\r\n", "\n")
    parts = right.split(" ")
    breaks = draw(st.lists(st.booleans(), min_size=len(parts) - 1, max_size=len(parts) - 1))
    out = [parts[0]]
    for part, wrap in zip(parts[1:], breaks, strict=True):
        out.append(("\n" if wrap else " ") + part)
    return "".join(out)


@SETTINGS
@given(st.one_of(wrapped(), wrapped(russian=True)))
def test_hard_wrapped_right_articles_are_clean_and_left_alone(article: str) -> None:
    doc = _document(article)
    report = check_document(doc, Config(), _table())
    assert [f for f in report.findings if f.severity != "info"] == []
    assert _fix(doc) == article


@st.composite
def marked_up(draw: st.DrawFn) -> str:
    """A right English article as an HTML page whose words are wrapped in inline tags at
    random, long ones too (a CMS marking numbers and units)."""
    _, right = draw(articles())
    tags = ["b", "em", 'span class="figure-unit"', 'a href="https://example.kz/budget"']
    words = []
    for word in right.replace("\r\n", "\n").split(" "):
        tag = draw(st.sampled_from([None, None, *tags]))
        name = tag.split()[0] if tag else ""
        words.append(f"<{tag}>{word}</{name}>" if tag and word.strip() else word)
    return "<html><body><p>" + " ".join(words).replace("\n", "</p>\n<p>") + "</p></body></html>\n"


@SETTINGS
@given(marked_up())
def test_right_articles_in_markup_are_clean_and_left_alone(page: str) -> None:
    doc = _document(page, "page.html")
    report = check_document(doc, Config(), _table())
    assert [f for f in report.findings if f.severity != "info"] == []
    assert _fix(doc) == page


NOISE = (
    "In 2020, 45% of the region's 3 million residents lived in towns.",
    "The Boeing 737-800 landed at 14:35 on 24.11.2020 after 2 hours.",
    "COVID-19 cases rose by 1,234 to 56,789, or 2.5 percent.",
    "The plant employs 1,200 people and produces 5 million tonnes a year.",
    "Call 8-800-080-7777 or visit office 305 on floor 3.",
    "About 2 million of them are children, and 700 thousand are pensioners.",
)


@st.composite
def noisy(draw: st.DrawFn) -> str:
    """A right English article with sentences full of numbers that are not money."""
    _, right = draw(articles())
    sentences = right.replace("\r\n", "\n").split(". ")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(sentences)))
        sentences.insert(at, draw(st.sampled_from(NOISE)).rstrip("."))
    return ". ".join(sentences)


@SETTINGS
@given(noisy())
def test_numbers_that_are_not_money_change_nothing(article: str) -> None:
    doc = _document(article)
    report = check_document(doc, Config(), _table())
    assert [f for f in report.findings if f.severity != "info"] == []
    assert _fix(doc) == article
