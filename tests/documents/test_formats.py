"""Format readers: what is skipped, what is kept, how JSONL records are rewritten."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from moneyfix.documents import DocumentError, load_document, masked, read_document, write_back
from moneyfix.documents.jsonl import replace_field
from moneyfix.fixes import apply_edits, write_atomic
from moneyfix.model import Edit


def _visible(data: str, name: str) -> str:
    return masked(load_document(data.encode(), name)[0][0])


def test_markdown_skips_front_matter_code_comments_tags_and_links() -> None:
    text = (
        "---\ntitle: 5 tenge\ndate: 2020-11-24\n---\n"
        "Prose 63 billion tenge `7 tenge` and ``a ` 8 tenge``.\n"
        "<!-- 9 tenge --> <span class='x'>10 tenge</span>\n"
        '[11 tenge](https://x.kz/12-tenge "13 tenge") <https://x.kz/14-tenge>\n'
        "[ref]: https://x.kz/15-tenge\n"
        "```python\nprint('16 tenge')\n```\n"
        "~~~~\n17 tenge\n~~~\nstill code 18 tenge\n~~~~\n"
        "After 42 tenge.\n"
    )
    visible = _visible(text, "a.md")
    for kept in ("63 billion tenge", "10 tenge", "11 tenge", "42 tenge", "Prose", "After"):
        assert kept in visible
    for gone in ("5 tenge", "7 tenge", "8 tenge", "9 tenge", "12", "13", "14", "15", "16", "17"):
        assert gone not in visible
    assert "18 tenge" not in visible  # a shorter fence does not close a longer one


def test_markdown_unclosed_fence_runs_to_the_end_and_lone_backtick_is_text() -> None:
    visible = _visible("It's a ` mark, 5 tenge.\n```\n6 tenge\n", "a.md")
    assert "5 tenge" in visible
    assert "6 tenge" not in visible


def test_markdown_crlf_front_matter_and_toml_front_matter() -> None:
    doc = load_document(b"---\r\ndate: '2021-03-04'\r\n---\r\nx", "a.md")[0][0]
    assert (doc.date, doc.date_source) == (dt.date(2021, 3, 4), "front-matter")
    doc = load_document(b"+++\ndate = 2022-05-06T10:00:00+06:00\n+++\nx", "a.md")[0][0]
    assert doc.date == dt.date(2022, 5, 6)


def test_markdown_language_from_front_matter() -> None:
    doc = load_document(b"---\nlang: ru\n---\n", "a.md")[0][0]
    assert doc.lang == "ru"


def test_html_reads_only_text_nodes() -> None:
    html = (
        "<!doctype html><html lang='kk'><head><title>1 tenge</title>"
        "<style>p:after{content:'2 tenge'}</style>"
        '<script type="text/javascript">if (a<b) x = "3 tenge";</script></head>'
        "<body><p title=\"4 tenge\" data-v='a > 5 tenge'>6&nbsp;billion&#160;tenge &amp; more</p>"
        '<!-- 7 tenge --><![CDATA[8 tenge]]><img alt="9 tenge"/>10 tenge</body></html>'
    )
    doc = load_document(html.encode(), "a.html")[0][0]
    visible = masked(doc)
    assert doc.lang == "kk"
    assert "1 tenge" in visible  # the title is text
    for gone in ("2 tenge", "3 tenge", "4 tenge", "5 tenge", "7 tenge", "8 tenge", "9 tenge"):
        assert gone not in visible
    assert "6      billion      tenge" in visible
    assert "10 tenge" in visible
    assert "&" not in visible


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<meta property="article:published_time" content="2020-11-24T22:00:00+06:00">',
            "2020-11-24",
        ),
        ('<meta itemprop="datePublished" content="2019-02-03">', "2019-02-03"),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
            '"datePublished": "2018-07-08T09:00:00Z"}]}</script>',
            "2018-07-08",
        ),
        ('<p><time datetime="2017-01-02">2 January</time></p>', "2017-01-02"),
    ],
)
def test_html_meta_dates(head: str, expected: str) -> None:
    doc = load_document(f"<html><head>{head}</head><body>x</body></html>".encode(), "a.html")[0][0]
    assert (str(doc.date), doc.date_source) == (expected, "meta")


def test_html_published_time_beats_time_tag() -> None:
    html = (
        '<time datetime="2001-01-01"></time>'
        '<meta property="article:published_time" content="2020-11-24">'
    )
    assert load_document(html.encode(), "a.htm")[0][0].date == dt.date(2020, 11, 24)


def test_html_dateline_in_text_nodes_on_one_line() -> None:
    html = "<html><body><h1>Headline</h1><div class='d'>3 July 2023, 13:58</div><p>Body.</p>"
    doc = load_document(html.encode(), "a.html")[0][0]
    assert (doc.date, doc.date_source) == (dt.date(2023, 7, 3), "dateline")


JSONL = (
    '{"id": 1, "title": "T", "text": "100 billion tenge (US$235.59)", "date": "2020-11-24"}\n'
    "\n"
    '{"id":2,"text":"\\u0442\\u0435\\u043d\\u0433\\u0435","date":"2020-11-25","tags":["a"]}\r\n'
    '{"text": "no change 5 tenge", "z": {"nested": [1, 2.50, null]}}\n'
    '{"id": 4, "text": null}'
)


def test_jsonl_gives_one_document_per_record(tmp_path: Path) -> None:
    path = tmp_path / "2021-01-01-export.jsonl"
    path.write_text(JSONL, encoding="utf-8", newline="")
    items = read_document(path)
    assert [doc.path for doc, _ in items] == [f"{path}:{n}" for n in (1, 3, 4, 5)]
    assert [doc.text for doc, _ in items][:2] == ["100 billion tenge (US$235.59)", "тенге"]
    assert [(str(d.date), d.date_source) for d, _ in items] == [
        ("2020-11-24", "field"),
        ("2020-11-25", "field"),
        ("2021-01-01", "filename"),
        ("2021-01-01", "filename"),
    ]


def test_jsonl_rewrite_changes_only_the_text_field(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(JSONL, encoding="utf-8", newline="")
    items = read_document(path, text_field="text")
    first = items[0][0].text
    at = first.index("US$235.59")
    new_texts = [apply_edits(first, [Edit(at, at + 9, "US$235.59 million")])]
    new_texts += ["тенге млн", items[2][0].text, ""]
    assert write_atomic(items[0][1], write_back(items, new_texts))
    lines = path.read_bytes().decode().split("\n")
    original = JSONL.split("\n")
    assert lines[0] == original[0].replace("US$235.59", "US$235.59 million")
    assert lines[1] == ""
    assert lines[2] == (
        '{"id":2,"text":"\\u0442\\u0435\\u043d\\u0433\\u0435 \\u043c\\u043b\\u043d",'
        '"date":"2020-11-25","tags":["a"]}\r'
    )
    assert lines[3:] == original[3:]  # untouched lines are byte-identical
    assert json.loads(lines[2])["text"] == "тенге млн"


def test_jsonl_custom_fields_and_missing_text() -> None:
    data = b'{"body": "7 tenge", "published": "24.11.2020"}\n{"body": null}\n'
    items = load_document(data, "e.jsonl", text_field="body", date_field="published")
    assert items[0][0].text == "7 tenge"
    assert items[0][0].date == dt.date(2020, 11, 24)
    assert items[1][0].text == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"text": "a"}\n{"text": \n', "e.jsonl:2: invalid JSON (Expecting value at column 10)"),
        (b'["a"]\n', "e.jsonl:1: a JSONL record must be a JSON object"),
        (b'{"text": 3}\n', "e.jsonl:1: field 'text' is int, expected a string"),
    ],
)
def test_jsonl_errors_name_file_and_line(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        load_document(data, "e.jsonl")
    assert str(info.value) == message


def test_replace_field_keeps_everything_else() -> None:
    line = '{ "a" : 1 ,"text":"x\\/y", "text2": "x" }'
    assert replace_field(line, "text", "z") == '{ "a" : 1 ,"text":"z", "text2": "x" }'
    assert replace_field(line, "text", "x/y") == line


def test_jsonl_without_records_gives_one_empty_document() -> None:
    items = load_document(b"\n\n", "e.jsonl")
    assert len(items) == 1
    assert items[0][0].text == ""
    assert write_back(items, [""]) == "\n\n"


def test_markdown_tag_ends_at_a_bare_angle_bracket_and_code_spans_pair_by_length() -> None:
    # CommonMark allows no "<" outside quotes inside a tag: "<b 5 tenge" is text, the
    # tag that follows is still skipped, and a quoted "<" belongs to its tag.
    visible = _visible(
        "A <b 5 tenge <i class='7 tenge'>6 tenge</i> <a title=\"<8 tenge\">9 tenge</a>\n"
        "Code `` 10 tenge ` `11 tenge` ``, ``` lone, ` 12 tenge ``` 13 tenge.\n",
        "a.md",
    )
    for kept in ("5 tenge", "6 tenge", "9 tenge", "13 tenge"):
        assert kept in visible
    for gone in ("7 tenge", "8 tenge", "10 tenge", "11 tenge", "12 tenge"):
        assert gone not in visible


def test_markdown_runs_of_unclosed_tags_and_backticks_leave_the_prose_readable() -> None:
    text = "<b " * 3000 + "`` " * 3000 + "".join("`" * n + " x " for n in range(3, 300))
    visible = _visible(text + "\nThe fee is 5 tenge.\n", "a.md")
    assert visible.startswith("<b <b ")
    assert visible.endswith("The fee is 5 tenge.\n")


def test_jsonl_record_without_the_text_field_is_an_error_naming_line_and_field() -> None:
    data = b'{"text": "7 tenge"}\n\n{"id": 3, "body": "8 tenge"}\n'
    with pytest.raises(DocumentError) as info:
        load_document(data, "e.jsonl")
    assert str(info.value) == "e.jsonl:3: no field 'text' (see --text-field)"


def test_jsonl_dotted_text_field_reads_and_rewrites_the_nested_value() -> None:
    data = (
        b'{"id": 1, "article": {"title": "Roads", "body": "100 billion tenge (US$235.59)"}}\n'
        b'{"article.body": "5 tenge", "article": {"body": "unused"}}\n'
    )
    items = load_document(data, "e.jsonl", text_field="article.body")
    assert [doc.text for doc, _ in items] == ["100 billion tenge (US$235.59)", "5 tenge"]
    first = items[0][0].text
    at = first.index("US$235.59")
    new = write_back(items, [first[:at] + "US$235.59 million)", "5 tenge"])
    assert new.splitlines()[0] == (
        '{"id": 1, "article": {"title": "Roads", "body": "100 billion tenge (US$235.59 million)"}}'
    )
    assert new.splitlines()[1] == data.decode().splitlines()[1]
