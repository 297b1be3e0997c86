"""The review page of ``convert --report r.html``: its structure, read back without a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from moneyfix.cli.app import app
from moneyfix.rates.cache import bundled_rates_dir
from moneyfix.report.review import words_around

from ._page import Page, items, review_data

DAY = "date: 2020-11-24"
ARTICLES = {
    "roads.md": (
        f"---\n{DAY}\n---\n\nThe ministry will spend 100 billion tenge (US$235.59) on new roads,"
        " said the <R&D> office </script> on Tuesday.\n"
    ),
    # written at the rate of early 2015 (185.05 KZT/USD): MF003, its fix unsafe
    "parks.md": f"---\n{DAY}\n---\n\nThe city set aside 50 billion tenge (US$270.20 million).\n",
    "schools.md": f"---\n{DAY}\n---\n\nThe region got 42 billion tenge (US$98.94 million).\n",
}


def run(*args: str) -> tuple[int, str]:
    """``moneyfix convert ARGS`` with the bundled rates: exit code and stderr."""
    argv = ["convert", "--rates-dir", str(bundled_rates_dir()), *args]
    result = CliRunner().invoke(app, argv, catch_exceptions=False)
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    root = tmp_path_factory.mktemp("review")
    src = root / "src"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    (src / "broken.md").write_bytes(b"caf\xe9 100 billion tenge\n")
    report = root / "review.html"
    code, err = run(str(src), "--out", str(root / "out"), "-j", "1", "-q", "--report", str(report))
    assert code == 2, err  # the broken file
    return report.read_text("utf-8"), src


def test_summary_counts_come_first(page: tuple[str, Path]) -> None:
    source, _ = page
    parsed = Page(source)
    cards = parsed.cards()
    assert cards["files"] == 4
    assert cards["changed"] == 1 and cards["unchanged"] == 2 and cards["failed"] == 1
    assert cards["findings"] == 2 and cards["fixes-applied"] == 1
    assert source.index('id="summary"') < source.index('id="run"') < source.index('id="review"')
    fixed = parsed.text_of["fixes-by-rule"]
    assert re.search(r"MF001\s*1\s*1", fixed) and "safe" in fixed
    left = parsed.text_of["left-by-rule"]
    assert re.search(r"MF003\s*1\s*1", left) and "warning" in left


def test_run_metadata(page: tuple[str, Path]) -> None:
    source, src = page
    run_text = Page(source).text_of["run"]
    assert "moneyfix" in run_text and str(src) in run_text
    assert re.search(r"options\s*--rates-dir \S+", run_text)
    assert "rates coverage" in run_text and "USD " in run_text
    assert re.search(r"last rate date\s*\d{4}-\d{2}-\d{2}", run_text)


def test_every_finding_fixed_or_not_with_its_rates(page: tuple[str, Path]) -> None:
    source, _ = page
    found = {Path(path).name: item for path, item in items(review_data(source))}
    assert set(found) == {"roads.md", "parks.md"}
    fixed, left = found["roads.md"], found["parks.md"]
    assert (fixed["code"], fixed["status"], fixed["fix"]) == ("MF001", "fixed", "safe")
    assert (fixed["before"], fixed["after"]) == ("US$235.59", "US$235.59 million")
    assert fixed["context_before"] == "The ministry will spend 100 billion tenge ("
    assert fixed["context_after"] == ") on new roads, said the <R&D> office </script> on Tuesday."
    assert fixed["expected_rate"] == "424.49" and fixed["rate_date"] == "2020-11-25"
    assert fixed["rate_source"].startswith("nbk:")
    assert (left["code"], left["status"], left["fix"]) == ("MF003", "left", "unsafe")
    assert left["implied_rate"] == "185.05" and left["before"] == "US$270.20 million"
    assert left["after"] != left["before"]  # the suggested recomputation
    (failed,) = [g for g in review_data(source) if g["error"]]
    assert failed["path"].endswith("broken.md") and "UTF-8" in failed["error"]


def test_text_cannot_escape_its_element(page: tuple[str, Path]) -> None:
    source, _ = page
    assert "</script> on" not in source and "<R&D>" not in source
    scripts = Page(source).find("script")
    assert len(scripts) == 2  # the data and the code, no other element got opened


def test_self_contained(page: tuple[str, Path]) -> None:
    source, _ = page
    parsed = Page(source)
    assert not parsed.find("link") and not parsed.find("img") and not parsed.find("iframe")
    assert all("src" not in attrs for _, attrs in parsed.tags)
    hrefs = [attrs["href"] for _, attrs in parsed.tags if "href" in attrs]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert "http://" not in source.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in source


def test_rate_chart_has_every_pair_and_links_outliers(page: tuple[str, Path]) -> None:
    source, _ = page
    parsed = Page(source)
    (figure,) = parsed.find("figure", class_="rate-chart")
    assert figure["data-currency"] == "USD" and figure["data-pairs"] == "3"
    points = parsed.find("circle", class_="pt")
    assert sum(int(p["data-n"]) for p in points) == 3
    bad = parsed.find("circle", class_="bad")
    assert sorted(p["data-code"] for p in bad) == ["MF001", "MF003"]
    numbers = {item["n"] for _, item in items(review_data(source))}
    assert {int(p["data-item"]) for p in bad} == numbers
    assert parsed.find("polyline", class_="official")
    bars = parsed.find("rect", class_="bar")
    assert sum(int(b["data-n"]) for b in bars) == 2


def test_filters_offer_the_codes_found(page: tuple[str, Path]) -> None:
    parsed = Page(page[0])
    assert [o["value"] for o in parsed.find("option")][:3] == ["", "MF001", "MF003"]


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        # a word cut by the window is left out, whole words are kept
        (
            "alpha beta gamma delta [X] epsilon zeta etatheta iota",
            23,
            26,
            ("beta gamma delta ", " epsilon zeta"),
        ),
        # a blank line ends the paragraph: context stops there
        ("First paragraph.\n\nSecond [X] here.\n\nThird.", 25, 28, ("Second ", " here.")),
        # ... with CRLF line ends too
        ("First one.\r\n\r\nSecond [X] here.\r\n\r\nThird.", 21, 24, ("Second ", " here.")),
        # a hard-wrapped line reads as one
        ("spend\n100 billion\ntenge [X]\non roads", 24, 27, ("100 billion tenge ", " on roads")),
    ],
)
def test_context_is_whole_words(text: str, start: int, end: int, expected: tuple[str, str]) -> None:
    assert text[start:end] == "[X]"
    assert words_around(text, start, end, width=18) == expected


def test_check_renders_the_same_page(tmp_path: Path) -> None:
    (tmp_path / "roads.md").write_text(ARTICLES["roads.md"], encoding="utf-8")
    (tmp_path / "schools.md").write_text(ARTICLES["schools.md"], encoding="utf-8")
    out = tmp_path / "check.html"
    argv = ["check", "--rates-dir", str(bundled_rates_dir()), "--output-format", "html"]
    result = CliRunner().invoke(app, [*argv, "-o", str(out), str(tmp_path)])
    assert result.exit_code == 1, result.stderr
    source = out.read_text("utf-8")
    parsed = Page(source)
    assert parsed.cards() == {
        "files": 2,
        "with-findings": 1,
        "clean": 1,
        "failed": 0,
        "findings": 1,
        "fixes-applied": 0,
    }
    ((path, item),) = items(review_data(source))
    assert path.endswith("roads.md")
    assert (item["code"], item["status"], item["fix"]) == ("MF001", "left", "safe")
    assert (item["before"], item["after"]) == ("US$235.59", "US$235.59 million")
    assert "--output-format=html" in parsed.text_of["run"]
    (bad,) = parsed.find("circle", class_="bad")
    assert bad["data-code"] == "MF001"
    fixed = CliRunner().invoke(app, [*argv, "--fix", "-o", str(out), str(tmp_path)])
    assert fixed.exit_code == 0, fixed.stderr
    cards = Page(out.read_text("utf-8")).cards()
    assert cards["fixes-applied"] == 1 and cards["findings"] == 0
