"""HTML: a number split by a tag or an entity is read whole or not at all, never rewritten
inside, and a fix never glues onto the word that follows (issue 13, defect 1)."""

from __future__ import annotations

import pytest

from moneyfix.analysis import analyse
from moneyfix.check import check_document
from moneyfix.config import Config
from moneyfix.documents import load_document
from moneyfix.model import Document
from moneyfix.runner import fix_document

_HEAD = "<html><head><meta property='article:published_time' content='2020-11-24'></head><body>"


def _doc(body: str) -> Document:
    return load_document(f"{_HEAD}<p>{body}</p></body></html>".encode(), "a.html")[0][0]


def _fixed(doc: Document) -> str:
    report = check_document(doc, Config())
    new, _ = fix_document(doc, report, Config(), None)  # type: ignore[arg-type]
    return new


@pytest.mark.parametrize(
    "conversion",
    [
        "$235&nbsp;590 тыс.",
        "US$235<span>.59</span>",
        "US$235&#8201;590",
        "US$235&#44;59",
        "US$235<b>,</b>59",
    ],
)
def test_a_number_split_by_markup_is_not_read_in_part(conversion: str) -> None:
    doc = _doc(f"The fund will get 100 billion tenge ({conversion}) for roads.")
    texts = [a.text for a in analyse(doc).amounts]
    assert texts == ["100 billion tenge"]
    assert _fixed(doc) == doc.text


def test_thousands_split_by_nbsp_are_not_misread_as_the_last_group() -> None:
    doc = _doc("Бюджет составит 3&nbsp;122 млрд тенге.")
    assert [a.text for a in analyse(doc).amounts] == []


def test_markup_between_a_number_and_its_words_still_reads() -> None:
    doc = _doc("The fund will get <b>100</b> billion tenge (US$235.59&nbsp;million) for roads.")
    texts = [a.text for a in analyse(doc).amounts]
    assert texts == ["100</b> billion tenge", "US$235.59&nbsp;million"]


def test_a_fix_never_glues_onto_the_next_word_through_a_tag() -> None:
    doc = _doc("It will spend 100 billion tenge, or $235.59<i>and</i> a bit more, on roads.")
    assert _fixed(doc) == doc.text


def test_a_fix_never_glues_onto_the_next_word_in_plain_text() -> None:
    doc = Document(
        "a.txt",
        "It will spend 100 billion tenge (US$235.59and more) on roads.",
        date=_doc("").date,
        date_source="option",
    )
    report = check_document(doc, Config())
    assert all(f.fix is None for f in report.findings if f.code == "MF001")
    assert _fixed(doc) == doc.text


def test_a_fix_next_to_a_tag_is_still_made() -> None:
    doc = _doc("It will spend 100 billion tenge (<b>US$235.59</b>) on roads.")
    assert "(<b>US$235.59 million</b>)" in _fixed(doc)
