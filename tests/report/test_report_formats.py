"""What each format promises, beyond the golden files: parseable, counted, escaped."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any

import pytest

import moneyfix
from moneyfix.model import Amount, Edit, FileReport, Finding, Fix
from moneyfix.report import (
    CHECK_FORMATS,
    SCAN_FORMATS,
    ConvertedValue,
    render_amounts,
    render_findings,
)
from moneyfix.report.github import escape_data, escape_property
from moneyfix.report.gitlab import fingerprint

from ._data import ROADS, RU, all_reports, broken_report, roads_report, ru_report, span

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def one(text: str, finding: Finding, path: str = "a.txt") -> list[FileReport]:
    return [FileReport(path=path, text=text, findings=[finding])]


def mf001(text: str, needle: str) -> Finding:
    s, e = span(text, needle)
    return Finding(
        "MF001",
        "missing-magnitude",
        "error",
        "no magnitude",
        s,
        e,
        needle,
        Fix("safe", (Edit(e, e, " million"),)),
    )


# --- json ---------------------------------------------------------------------------


def test_json_envelope_matches_spec() -> None:
    doc = json.loads(render_findings(all_reports(), "json"))
    assert doc["version"] == 1
    assert doc["summary"] == {"files": 4, "findings": 5, "fixable": 4}
    roads, ru, broken, clean = doc["files"]
    assert set(roads) == {"path", "date", "date_source", "findings"}
    assert roads["date"] == "2020-11-24"
    first = roads["findings"][0]
    assert list(first) == [
        "code",
        "name",
        "severity",
        "message",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "text",
        "fix",
        "evidence",
    ]
    assert ROADS[first["start"] : first["end"]] == first["text"] == "US$235.59"
    assert first["fix"] == {
        "applicability": "safe",
        "edits": [
            {"start": first["start"], "end": first["end"], "replacement": "US$235.59 million"}
        ],
    }
    assert first["evidence"]["implied_rate"] == "424466233.71"
    assert broken == {
        "path": "drafts/broken.txt",
        "date": None,
        "date_source": None,
        "error": "not valid UTF-8 (byte 0xff at offset 17)",
        "findings": [],
    }
    assert clean["findings"] == []
    # Cyrillic + CRLF: the third line, column counted in code points.
    (f,) = ru["findings"]
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 41, 3, 50)
    assert RU[f["start"] : f["end"]] == "$5,5 млрд"


@pytest.mark.parametrize("which", ["all", "none", "broken only", "clean only", "no findings"])
def test_json_is_laid_out_as_indented_json_writes_it(which: str) -> None:
    """The envelope is written a report at a time (a big file's findings are never all
    held): its text is still exactly ``json.dumps(..., indent=2)`` of its data."""
    reports = {
        "all": all_reports(),
        "none": [],
        "broken only": [broken_report()],
        "clean only": [all_reports()[-1]],
        "no findings": [all_reports()[-1], broken_report(), all_reports()[-1]],
    }[which]
    text = render_findings(reports, "json")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert len(json.loads(text)["files"]) == len(reports)


def test_json_lines_one_object_per_finding_with_path() -> None:
    lines = render_findings(all_reports(), "json-lines").splitlines()
    objs = [json.loads(line) for line in lines]
    assert len(objs) == 5 + 1  # five findings, one unreadable file
    assert all(next(iter(o)) == "path" for o in objs)
    assert objs[-1] == {
        "path": "drafts/broken.txt",
        "error": "not valid UTF-8 (byte 0xff at offset 17)",
    }
    assert objs[0]["code"] == "MF001" and objs[0]["line"] == 1


def test_findings_sorted_by_position_whatever_the_input_order() -> None:
    report = roads_report()
    report.findings.reverse()
    codes = [json.loads(x)["code"] for x in render_findings([report], "json-lines").splitlines()]
    assert codes == ["MF001", "MF003", "MF002", "MF005"]


# --- concise and full ---------------------------------------------------------------


def test_concise_lines() -> None:
    out = render_findings(all_reports(), "concise").splitlines()
    assert out[0].startswith("reports/roads.txt:1:68: MF001 [*] US$235.59 converts")
    assert out[4].startswith("news/бюджет 2021.md:3:41: MF003 implied rate")  # unsafe: no [*]
    assert out[5] == "drafts/broken.txt: error: not valid UTF-8 (byte 0xff at offset 17)"
    assert out[6:] == [
        "Found 5 problems (4 fixable, 3 of them with --unsafe-fixes).",
        "1 file could not be read.",
    ]


def test_concise_without_summary() -> None:
    out = render_findings(all_reports(), "concise", summary=False).splitlines()
    assert len(out) == 6
    assert out[-1].startswith("drafts/broken.txt: error:")


def test_concise_keeps_a_multiline_message_on_one_line() -> None:
    text = "100 billion tenge (US$235.59)"
    f = dataclasses.replace(mf001(text, "US$235.59"), message="first\nsecond")
    out = render_findings(one(text, f), "concise", summary=False)
    assert out == "a.txt:1:20: MF001 [*] first second\n"


def test_full_caret_under_span_and_help() -> None:
    out = render_findings([roads_report()], "full")
    lines = out.splitlines()
    i = lines.index("1 | " + ROADS.splitlines()[0])
    caret = lines[i + 1]
    assert caret.index("^") - len("  | ") == 67 and caret.count("^") == len("US$235.59")
    assert "help: US$235.59 → US$235.59 million (safe fix)" in lines
    assert "help: 12 billion tenge → 12 billion tenge (US$28.27 million) (unsafe fix" in out
    assert lines[-1] == "Found 4 problems (3 fixable, 2 of them with --unsafe-fixes)."
    assert not ANSI.search(out)


def test_full_cuts_long_lines_around_the_span() -> None:
    out = render_findings([roads_report()], "full")
    row = next(line for line in out.splitlines() if line.startswith("2 | "))
    assert row.startswith("2 | …") and "50,000 tenge ($150) in aid." in row
    assert len(row) < 100
    caret = out.splitlines()[out.splitlines().index(row) + 1]
    assert row[caret.index("^") : caret.index("^") + 4] == "$150"


def test_full_cyrillic_caret() -> None:
    out = render_findings([ru_report()], "full").splitlines()
    row = next(i for i, line in enumerate(out) if line.startswith("3 | "))
    start = out[row + 1].index("^")
    assert out[row][start : start + 9] == "$5,5 млрд"


def test_full_wide_characters_shift_the_caret_by_cells() -> None:
    text = "预算 100 billion tenge (US$235.59)"
    out = render_findings(one(text, mf001(text, "US$235.59")), "full").splitlines()
    # Two wide CJK characters take four cells: the caret sits two cells right of its column.
    assert out[3].index("^") == out[2].index("US$") + 2


def test_full_multiline_span() -> None:
    text = "intro\nspend 100 billion\ntenge on roads\n"
    s, _ = span(text, "100 billion")
    _, e = span(text, "tenge")
    f = Finding("MF005", "missing-conversion", "info", "no conversion", s, e, text[s:e])
    out = render_findings(one(text, f), "full").splitlines()
    assert out[1:6] == [
        "  |",
        "2 | spend 100 billion",
        "  |       ^^^^^^^^^^^",
        "3 | tenge on roads",
        "  | ^^^^^",
    ]


def test_full_summary_variants() -> None:
    assert render_findings([FileReport("x.txt", "clean")], "full") == "No problems found.\n"
    fixed = render_findings([FileReport("x.txt", "clean", fixed=2)], "full")
    assert fixed == "Fixed 2 problems.\nNo problems found.\n"
    out = render_findings([broken_report()], "full")
    assert out.endswith("\n1 file could not be read.\n")
    assert "No problems found." not in out
    quiet = render_findings([broken_report(), FileReport("x.txt", "clean")], "full", summary=False)
    assert quiet == "drafts/broken.txt: error: not valid UTF-8 (byte 0xff at offset 17)\n\n"


def test_full_color_is_the_plain_text_plus_styles() -> None:
    plain = render_findings(all_reports(), "full")
    colored = render_findings(all_reports(), "full", color=True)
    assert ANSI.search(colored)
    assert ANSI.sub("", colored) == plain


# --- github -------------------------------------------------------------------------


def test_github_levels_and_fields() -> None:
    out = render_findings(all_reports(), "github").splitlines()
    assert out[0].startswith(
        "::error file=reports/roads.txt,line=1,col=68,endLine=1,endColumn=77,"
        "title=MF001 missing-magnitude::"
    )
    assert out[1].startswith("::warning ") and out[3].startswith("::notice ")
    assert (
        out[5]
        == "::error file=drafts/broken.txt,title=moneyfix::not valid UTF-8 (byte 0xff at offset 17)"
    )


def test_github_escaping() -> None:
    assert escape_data("50% off\r\nnext") == "50%25 off%0D%0Anext"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    text = "100 billion tenge (US$235.59)"
    f = dataclasses.replace(mf001(text, "US$235.59"), message="rate 100%\nsee: here")
    out = render_findings(one(text, f, path="dir, two/a:b.txt"), "github")
    assert out.count("\n") == 1
    assert "file=dir%2C two/a%3Ab.txt," in out
    assert out.endswith("::rate 100%25%0Asee: here\n")


# --- gitlab -------------------------------------------------------------------------


def test_gitlab_code_quality() -> None:
    issues = json.loads(render_findings(all_reports(), "gitlab"))
    assert len(issues) == 6
    first = issues[0]
    assert first["check_name"] == "MF001"
    assert first["severity"] == "major"
    assert first["location"] == {"path": "reports/roads.txt", "lines": {"begin": 1, "end": 1}}
    assert [i["severity"] for i in issues[:4]] == ["major", "minor", "major", "info"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert all(re.fullmatch(r"[0-9a-f]{64}", i["fingerprint"]) for i in issues)


def test_gitlab_fingerprint_survives_moved_lines_and_separates_repeats() -> None:
    text = "100 billion tenge (US$235.59)\n"
    moved = "A new first paragraph.\n\n" + text
    a = json.loads(render_findings(one(text, mf001(text, "US$235.59")), "gitlab"))
    b = json.loads(render_findings(one(moved, mf001(moved, "US$235.59")), "gitlab"))
    assert a[0]["fingerprint"] == b[0]["fingerprint"]
    assert a[0]["location"]["lines"]["begin"] != b[0]["location"]["lines"]["begin"]
    twice = text + text
    second = dataclasses.replace(
        mf001(twice, "US$235.59"), start=len(text) + 18, end=len(text) + 27
    )
    report = FileReport("a.txt", twice, findings=[mf001(twice, "US$235.59"), second])
    fps = [i["fingerprint"] for i in json.loads(render_findings([report], "gitlab"))]
    assert fps[0] != fps[1]
    assert fps[0] == fingerprint("a.txt", "MF001", "US$235.59", 0)


# --- sarif --------------------------------------------------------------------------


def test_sarif_validates_against_official_schema(sarif_schema: dict[str, Any]) -> None:
    import jsonschema

    schema = sarif_schema
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    for reports in (all_reports(), [roads_report()], [], [broken_report()]):
        log = json.loads(render_findings(reports, "sarif"))
        jsonschema.Draft4Validator(schema).validate(log)


def test_sarif_content() -> None:
    log = json.loads(render_findings(all_reports(), "sarif"))
    (run,) = log["runs"]
    assert log["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "moneyfix"
    assert run["tool"]["driver"]["version"] == moneyfix.__version__
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["MF001", "MF002", "MF003", "MF005"]
    assert all("helpUri" not in r for r in rules)
    first = run["results"][0]
    assert first["ruleId"] == "MF001" and first["level"] == "error"
    assert rules[first["ruleIndex"]]["id"] == "MF001"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "reports/roads.txt"
    assert loc["region"] == {
        "startLine": 1,
        "startColumn": 68,
        "endLine": 1,
        "endColumn": 77,
        "charOffset": 67,
        "charLength": 9,
        "snippet": {"text": "US$235.59"},
    }
    change = first["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"] == {"text": "US$235.59 million"}
    assert [r["level"] for r in run["results"]] == ["error", "warning", "error", "note", "warning"]
    assert "fixes" not in run["results"][2]  # MF002 has no edit
    ru = run["results"][4]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert ru == "news/%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82%202021.md"
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "drafts/broken.txt" in invocation["toolExecutionNotifications"][0]["message"]["text"]


# --- junit --------------------------------------------------------------------------


def test_junit_structure() -> None:
    root = ET.fromstring(render_findings(all_reports(), "junit"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("7", "4", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "reports/roads.txt",
        "news/бюджет 2021.md",
        "drafts/broken.txt",
        "drafts/clean.txt",
    ]
    roads = suites[0].findall("testcase")
    assert len(roads) == 4
    assert roads[0].find("failure") is not None
    assert roads[3].find("failure") is None  # info passes
    assert roads[3].find("system-out") is not None
    assert suites[2].find("testcase/error") is not None
    clean = suites[3].findall("testcase")
    assert len(clean) == 1 and list(clean[0]) == []


def test_junit_survives_characters_xml_cannot_hold() -> None:
    text = "100 billion tenge (US$235.59)\x0c\x00"
    f = dataclasses.replace(mf001(text, "US$235.59"), message="bad \x00 byte \x1b")
    root = ET.fromstring(render_findings(one(text, f), "junit"))
    assert root.find(".//failure").get("message") == "bad \ufffd byte \ufffd"  # type: ignore[union-attr]


# --- general ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_every_check_format_handles_no_files_and_crlf(fmt: str) -> None:
    render_findings([], fmt)
    text = "ok\r\n100 billion tenge (US$235.59)\r\n"
    out = render_findings(one(text, mf001(text, "US$235.59")), fmt)
    assert "2" in out and "\r" not in out


def test_crlf_and_lf_give_the_same_positions() -> None:
    lf = RU.replace("\r\n", "\n")
    report = ru_report()
    offset = RU.index("$5,5") - lf.index("$5,5")
    moved = [
        dataclasses.replace(f, start=f.start - offset, end=f.end - offset, fix=None)
        for f in report.findings
    ]
    a = json.loads(render_findings([dataclasses.replace(report, findings=moved, text=lf)], "json"))
    b = json.loads(render_findings([report], "json"))
    pos = ("line", "column", "end_line", "end_column")
    fa, fb = a["files"][0]["findings"][0], b["files"][0]["findings"][0]
    assert [fa[k] for k in pos] == [fb[k] for k in pos]


def test_unknown_format_is_a_one_line_error() -> None:
    with pytest.raises(ValueError, match=r"^unknown output format 'xml'; choose one of full, "):
        render_findings([], "xml")
    with pytest.raises(ValueError, match=r"^unknown scan format 'yaml'; choose one of table"):
        render_amounts([], "yaml")


# --- scan ---------------------------------------------------------------------------


def test_scan_json_envelope() -> None:
    doc = json.loads(render_amounts(all_reports(), "json"))
    assert doc["version"] == 1
    roads = doc["files"][0]
    assert roads["amounts"][0]["value"] == "100000000000"  # never 1E+11
    ranged = roads["amounts"][9]
    assert ranged["range"] == {"low": "5000000000", "high": "6000000000"}
    assert ranged["approximate"] is True and ranged["qualifier"] == "about"
    assert roads["pairs"][0] == {
        "primary": 0,
        "conversion": 1,
        "kind": "parenthesis",
        "implied_rate": "424466233.71",
    }
    for a in roads["amounts"]:
        assert ROADS[a["start"] : a["end"]] == a["text"]
    ru = doc["files"][1]["amounts"]
    assert (ru[0]["line"], ru[0]["column"]) == (2, 22)
    assert ru[3]["ambiguous"] == "decimal comma after a bare $"
    assert doc["files"][2]["error"].startswith("not valid UTF-8")
    assert "converted_value" not in roads["amounts"][0]


def test_scan_jsonl_and_csv_agree() -> None:
    objs = [json.loads(x) for x in render_amounts(all_reports(), "jsonl").splitlines()]
    rows = list(csv.DictReader(io.StringIO(render_amounts(all_reports(), "csv"))))
    assert len(objs) == len(rows) == 14
    for o, r in zip(objs, rows, strict=True):
        assert (o["path"], str(o["start"]), o["text"], o["value"]) == (
            r["path"],
            r["start"],
            r["text"],
            r["value"],
        )
    assert rows[9]["range_low"] == "5000000000" and rows[9]["approximate"] == "true"
    assert rows[0]["magnitude"] == "billion" and rows[1]["magnitude"] == ""


def test_scan_conversions_optional_columns() -> None:
    conv = {("reports/roads.txt", 0): ConvertedValue(Decimal("2.3557680982E+8"), "USD")}
    rows = list(
        csv.DictReader(io.StringIO(render_amounts([roads_report()], "csv", conversions=conv)))
    )
    assert rows[0]["converted_value"] == "235576809.82"
    assert rows[0]["converted_currency"] == "USD" and rows[0]["converted_rate_date"] == ""
    assert rows[1]["converted_value"] == ""
    # A plain (value, currency) tuple works as well as the NamedTuple.
    plain = {("reports/roads.txt", 0): (Decimal("1"), "EUR")}
    doc = json.loads(render_amounts([roads_report()], "json", conversions=plain))  # type: ignore[arg-type]
    assert doc["files"][0]["amounts"][0]["converted_currency"] == "EUR"


def test_scan_table_plain_and_markup_safe() -> None:
    text = "[bold]5 billion tenge[/bold]"
    amount = Amount(6, 21, "5 billion tenge", Decimal("5E9"), "KZT", magnitude="billion")
    out = render_amounts([FileReport("[red]x.txt", text, amounts=[amount])], "table", width=200)
    assert "[red]x.txt" in out and "5000000000" in out and "1 amount;" in out
    assert not ANSI.search(out)
    assert ANSI.search(render_amounts([roads_report()], "table", color=True))


@pytest.mark.parametrize("fmt", SCAN_FORMATS)
def test_scan_formats_handle_no_files(fmt: str) -> None:
    assert isinstance(render_amounts([], fmt), str)
