"""The option values every layer shares come from one light module (``moneyfix.choices``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import moneyfix
from moneyfix.choices import CHECK_FORMATS, FORMAT_SUFFIXES, LANGS
from moneyfix.config import ConfigError, config_from_mapping
from moneyfix.report import render_findings

SRC = Path(moneyfix.__file__).resolve().parents[1]


def test_the_choices_module_imports_nothing_else() -> None:
    """The config and the CLI read it at start-up: it must not pull in anything heavy."""
    code = (
        "import sys, json, moneyfix; before = set(sys.modules); import moneyfix.choices; "
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert set(json.loads(out)) == {"moneyfix.choices"}


def test_check_formats_in_the_order_help_lists_them() -> None:
    assert CHECK_FORMATS == (
        "full",
        "concise",
        "json",
        "json-lines",
        "github",
        "gitlab",
        "sarif",
        "junit",
        "html",
    )
    assert set(FORMAT_SUFFIXES) == set(CHECK_FORMATS)


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_every_format_the_config_accepts_renders(fmt: str) -> None:
    assert config_from_mapping({"output-format": fmt}).output_format == fmt
    assert isinstance(render_findings([], fmt), str)


def test_a_format_outside_the_list_is_refused_by_config_and_renderer() -> None:
    with pytest.raises(ConfigError, match="output-format: expected one of full, concise, json,"):
        config_from_mapping({"output-format": "yaml"})
    with pytest.raises(ValueError, match="choose one of full, concise"):
        render_findings([], "yaml")


def test_the_library_takes_the_languages_the_config_lists() -> None:
    for lang in LANGS:
        assert [a.text for a in moneyfix.find_amounts("It cost 5 billion tenge.", lang)] == [
            "5 billion tenge"
        ]
        assert config_from_mapping({"lang": lang}).lang == lang
