"""Inline suppression directives."""

from __future__ import annotations

from moneyfix.documents.suppress import parse_suppressions


def _at(text: str, needle: str) -> int:
    return text.index(needle)


def test_ignore_applies_to_the_next_non_blank_line_only() -> None:
    text = "<!-- moneyfix: ignore MF003 -->\n\n  first 100 tenge\nsecond 100 tenge\n"
    s = parse_suppressions(text)
    assert not s.allows("MF003", _at(text, "first"))
    assert s.allows("MF001", _at(text, "first"))
    assert s.allows("MF003", _at(text, "second"))


def test_ignore_without_codes_means_all_and_same_line_text_is_the_target() -> None:
    text = "<p><!-- moneyfix: ignore --> 5 tenge ($1)</p>\n<p>next</p>"
    s = parse_suppressions(text)
    assert not s.allows("MF007", _at(text, "5 tenge"))
    assert s.allows("MF007", _at(text, "next"))


def test_disable_enable_blocks() -> None:
    text = (
        "a\n<!-- moneyfix: disable -->\nb\n<!-- moneyfix: enable MF001 -->\nc\n"
        "<!-- moneyfix: enable -->\nd\n<!-- moneyfix: disable MF003, MF004 -->\ne\n"
    )
    s = parse_suppressions(text)
    assert s.allows("MF003", _at(text, "a\n"))
    assert not s.allows("MF003", _at(text, "b\n"))
    assert not s.allows("MF001", _at(text, "b\n"))
    assert s.allows("MF001", _at(text, "c\n"))
    assert not s.allows("MF003", _at(text, "c\n"))
    assert s.allows("MF003", _at(text, "d\n"))
    assert not s.allows("MF004", _at(text, "e\n"))
    assert s.allows("MF001", _at(text, "e\n"))


def test_disable_runs_to_the_end_without_enable() -> None:
    text = "x\n<!-- moneyfix: disable MF003 -->\ny " * 1 + "z" * 50
    s = parse_suppressions(text)
    assert not s.allows("MF003", len(text) - 1)


def test_ignore_file_with_and_without_codes() -> None:
    assert not parse_suppressions("t\n<!-- moneyfix: ignore-file -->\n").allows("MF001", 0)
    s = parse_suppressions("<!-- moneyfix: ignore-file MF005 -->\nt")
    assert not s.allows("MF005", 40)
    assert s.allows("MF001", 40)


def test_bare_directive_on_its_own_line_counts_in_text() -> None:
    text = "intro\r\nmoneyfix: ignore MF001\r\n100 billion tenge (US$235.59)\r\nmore text\r\n"
    s = parse_suppressions(text)
    assert not s.allows("MF001", _at(text, "US$"))
    assert s.allows("MF001", _at(text, "more"))
    assert parse_suppressions(text, bare=False).allows("MF001", _at(text, "US$"))


def test_directive_inside_a_sentence_is_not_bare() -> None:
    text = "The tool says moneyfix: ignore here.\n100 tenge\n"
    assert parse_suppressions(text).allows("MF001", _at(text, "100"))


def test_prefixes_lower_case_and_problems() -> None:
    text = (
        "<!-- moneyfix: ignore mf00 -->\nx\n<!-- moneyfix: silence -->\n"
        "<!-- moneyfix: ignore XY1 -->"
    )
    s = parse_suppressions(text)
    assert not s.allows("MF003", _at(text, "x\n"))
    assert len(s.problems) == 2
    assert s.problems[0].message == "unknown moneyfix directive 'silence'"
    assert s.problems[1].message == "unknown rule code: XY1"


def test_an_unknown_code_is_a_problem_and_never_suppresses_everything() -> None:
    text = "<!-- moneyfix: ignore MF999 -->\nx\n<!-- moneyfix: ignore MF999, MF001 -->\ny\n"
    s = parse_suppressions(text)
    assert [p.message for p in s.problems] == ["unknown rule code: MF999"] * 2
    assert s.allows("MF003", _at(text, "x\n"))
    assert not s.allows("MF001", _at(text, "y\n"))
    assert s.allows("MF003", _at(text, "y\n"))


def test_suppressor_names_the_directive() -> None:
    text = "<!-- moneyfix: disable MF003 -->\na\n<!-- moneyfix: ignore MF001 -->\nb\n"
    s = parse_suppressions(text)
    assert s.suppressor("MF003", _at(text, "a\n")) == 0
    assert s.suppressor("MF001", _at(text, "b\n")) == 1
    assert s.suppressor("MF001", _at(text, "a\n")) is None


def test_no_directives_allows_everything() -> None:
    s = parse_suppressions("plain text 100 tenge")
    assert s.allows("MF001", 0)
    assert s.directives == ()


def test_two_ignores_for_one_line_and_many_lines_each_keep_their_own_codes() -> None:
    text = (
        "<!-- moneyfix: ignore MF001 -->\n"
        "a 5 tenge <!-- moneyfix: ignore MF003 --> b 6 tenge\n"
        "c 7 tenge\n"
    ) + "".join(f"<!-- moneyfix: ignore MF00{i % 9 + 1} -->\nline {i}\n" for i in range(300))
    s = parse_suppressions(text)
    assert not s.allows("MF001", _at(text, "a 5"))
    assert s.allows("MF003", _at(text, "a 5"))  # before the second directive on the line
    assert not s.allows("MF003", _at(text, "b 6"))
    assert not s.allows("MF001", _at(text, "b 6"))
    assert s.allows("MF001", _at(text, "c 7"))
    assert not s.allows("MF005", _at(text, "line 4\n"))
    assert s.allows("MF006", _at(text, "line 4\n"))
    assert s.allows("MF005", _at(text, "line 14\n"))
