"""Config discovery, validation and merging with the command line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from moneyfix import config as config_module
from moneyfix.config import Config, ConfigError, clear_cache, config_from_mapping, load_config
from moneyfix.convert.worker import Options, convert_bytes
from moneyfix.jobs import documents_of
from moneyfix.rates import load_table


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.moneyfix]\nfail-on = "error"\ntolerance = 0.015\n'
        'select = ["MF001", "mf003"]\ndate = 2020-11-24\n',
        encoding="utf-8",
    )
    (tmp_path / "news" / "2020").mkdir(parents=True)
    (tmp_path / "news" / "2020" / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "moneyfix.toml").write_text(
        'output_format = "json"\nwindow-before = 5\n', encoding="utf-8"
    )
    return tmp_path


def test_defaults_without_any_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "a.txt")
    assert config.tolerance == Decimal("0.02")
    assert config.fail_on == "warning"
    assert (config.window_before, config.window_after, config.max_staleness) == (3, 1, 7)


def test_pyproject_found_upward_with_dashes_and_types(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    config = load_config(root / "news" / "2020" / "a.md")
    assert config.path == root / "pyproject.toml"
    assert config.fail_on == "error"
    assert config.tolerance == Decimal("0.015")
    assert config.select == ("MF001", "MF003")
    assert config.date == dt.date(2020, 11, 24)


def test_nearest_file_wins_and_is_not_merged_with_parents(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    config = load_config(root / "other" / "b.txt")
    assert config.path == root / "other" / "moneyfix.toml"
    assert config.output_format == "json"
    assert config.window_before == 5
    assert config.fail_on == "warning"


def test_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    sub = root / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "y"\n', encoding="utf-8")
    assert load_config(sub / "a.txt").path == root / "pyproject.toml"


def test_moneyfix_toml_beats_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "moneyfix.toml").write_text('fail_on = "info"\n', encoding="utf-8")
    assert load_config(tmp_path / "x.md").fail_on == "info"


def test_lookups_are_cached_per_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path)
    reads: list[Path] = []
    real = config_module._read_toml

    def counting(path: Path) -> dict[str, object]:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(config_module, "_read_toml", counting)
    for i in range(50):
        load_config(root / "news" / "2020" / f"{i}.md")
        load_config(root / "news" / f"{i}.md")
    assert reads == [root / "pyproject.toml"]


def test_explicit_config_file(tmp_path: Path) -> None:
    path = tmp_path / "custom.toml"
    path.write_text('tolerance = "3%"\nignore = "MF005, MF006"\n', encoding="utf-8")
    config = load_config(tmp_path / "elsewhere" / "a.txt", explicit=path)
    assert config.tolerance == Decimal("0.03")
    assert config.ignore == ("MF005", "MF006")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("colour = true\n", "unknown key 'colour'"),
        ("fail-on = 'fatal'\n", "fail-on: expected one of error, warning, info"),
        ("tolerance = 2\n", "tolerance: expected a fraction from 0 to below 1"),
        ("tolerance = true\n", "tolerance: expected a number"),
        ("max-staleness = '7'\n", "max-staleness: expected a whole number >= 0"),
        ("window_after = -1\n", "window_after: expected a whole number >= 0"),
        ("select = ['E501']\n", "select: 'E501' is not a rule code"),
        ("select = 3\n", "select: expected a list of strings"),
        ("date = 'soon'\n", "date: cannot read date 'soon'"),
        ("unsafe-fixes = 'yes'\n", "unsafe-fixes: expected true or false"),
        ("to = 'dollars'\n", "to: expected a currency code"),
        ("lang = 'xx'\n", "lang: expected one of auto, en, ru, kk, kk-Latn"),
        ("fail-on = 'error'\nfail_on = 'info'\n", "given twice"),
        ("fail-on = \n", "invalid TOML"),
    ],
)
def test_invalid_config_names_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "moneyfix.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "a.txt")
    text = str(info.value)
    assert text.startswith(f"{path}: ")
    assert message in text
    assert "\n" not in text


def test_missing_explicit_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path, explicit=tmp_path / "nope.toml")


def test_explicit_pyproject_without_table_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[project]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no \[tool.moneyfix\] table"):
        load_config(tmp_path, explicit=path)


def test_merged_applies_only_given_values() -> None:
    base = config_from_mapping({"fail-on": "error", "select": ["MF001"]})
    merged = base.merged(fail_on=None, tolerance=Decimal("0.05"), select=["MF003"], date=None)
    assert merged.fail_on == "error"
    assert merged.tolerance == Decimal("0.05")
    assert merged.select == ("MF003",)
    assert base.tolerance == Decimal("0.02")
    with pytest.raises(TypeError):
        base.merged(colour=True)


def test_config_is_hashable_and_comparable() -> None:
    assert Config() == Config()
    assert hash(Config(select=("MF001",))) == hash(Config(select=("MF001",)))


def test_the_reading_options_are_taken_from_one_place(tmp_path: Path) -> None:
    (tmp_path / "moneyfix.toml").write_text(
        'text-field = "story.body"\ndate-field = "published"\nencoding = "cp1251"\n'
        "date = 2020-11-24\n",
        encoding="utf-8",
    )
    assert load_config(tmp_path).reading == {
        "date": dt.date(2020, 11, 24),
        "text_field": "story.body",
        "date_field": "published",
        "encoding": "cp1251",
    }
    assert Config().reading == {
        "date": None,
        "text_field": "text",
        "date_field": "date",
        "encoding": None,
    }


MISSING = "The fund will grow to 100 billion tenge (US$235.59) next year."
FIXED = "The fund will grow to 100 billion tenge (US$235.59 million) next year."


def test_check_and_convert_read_a_record_with_the_same_options(tmp_path: Path) -> None:
    """``check`` (``jobs.documents_of``) and ``convert`` (``convert_bytes``) find the text
    and the date of a JSONL record under the configured fields."""
    config = Config(text_field="story.body", date_field="published")
    record = {"id": 7, "published": "2020-11-24", "story": {"body": MISSING}}
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    documents = documents_of(path, config)
    assert [(doc.text, doc.date) for doc, _ in documents] == [(MISSING, dt.date(2020, 11, 24))]
    outcome = convert_bytes(path.read_bytes(), "news.jsonl", config, load_table(), Options())
    assert outcome.error is None
    assert outcome.data is not None
    assert json.loads(outcome.data) == {**record, "story": {"body": FIXED}}


def test_check_and_convert_read_a_legacy_encoding_with_the_same_options(tmp_path: Path) -> None:
    """A KOI8-R file (which detection alone misreads) read right by both."""
    text = "Совет собрался во вторник и обсудил дороги.\n"
    path = tmp_path / "2020-11-24-council.txt"
    path.write_bytes(text.encode("koi8-r"))
    config = Config(encoding="koi8-r")

    assert [doc.text for doc, _ in documents_of(path, config)] == [text]
    outcome = convert_bytes(path.read_bytes(), path.name, config, load_table(), Options())
    assert outcome.error is None
    assert outcome.data is None  # read right, nothing to fix
