"""What a command imports: start-up is paid on every pre-commit run, so a command loads
only what its input needs. Each case runs the real ``moneyfix`` in a fresh interpreter
(a second time, once the user cache is warm) and lists the modules it ended with."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from moneyfix.cli.app import build

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (
    "ASTANA, 24 November 2020. The bridge will cost nearly 63 billion tenge\n"
    "(US$148.42 million), the regional office said on Tuesday.\n"
)
LISTING = """
import atexit, json, runpy, sys
atexit.register(lambda: sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules))))
sys.argv = ["moneyfix", *sys.argv[1:]]
runpy.run_module("moneyfix", run_name="__main__")
"""
NETWORK = {"requests", "urllib3", "http.client"}
"""Only ``rates update`` talks to the NBK."""
BUILDERS = {"babel", "markdown_it"}
"""CLDR is read only to build the lexicon (kept in the cache); markdown-it-py parses only
a Markdown text that may hold a code block."""
POOL = {"moneyfix.workers", "multiprocessing"}
"""Worker processes only for ``-j N`` with more than one file."""
CHECKING = {"moneyfix.check", "moneyfix.runner", "moneyfix.rates.table", "moneyfix.rules.periods"}


def _run(tmp_path: Path, *args: str) -> tuple[str, set[str]]:
    """The command's stdout and the modules loaded by its second run."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "NO_COLOR": "1",
    }
    for _ in range(2):  # the first run fills the user cache
        done = subprocess.run(
            [sys.executable, "-c", LISTING, *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode in (0, 1), done.stderr
    _, _, listing = done.stderr.rpartition("\nMODULES ")
    return done.stdout, set(json.loads(listing))


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    (tmp_path / "2020-11-24-bridge.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "2020-11-24-bridge.md").write_text(f"# The bridge\n\n{ARTICLE}", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", ["2020-11-24-bridge.txt", "2020-11-24-bridge.md"])
def test_scan_loads_neither_the_checker_nor_the_network(articles: Path, name: str) -> None:
    out, modules = _run(articles, "scan", "--format", "jsonl", name)

    rows = [json.loads(line) for line in out.splitlines()]
    assert [(row["text"], row["currency"]) for row in rows] == [
        ("63 billion tenge", "KZT"),
        ("US$148.42 million", "USD"),
    ]
    unwanted = modules & (NETWORK | BUILDERS | CHECKING | POOL)
    assert not unwanted


def test_check_loads_the_rules_but_not_the_network(articles: Path) -> None:
    out, modules = _run(articles, "check", "2020-11-24-bridge.md")

    assert out.strip() == "No problems found."
    assert "moneyfix.rules.periods" in modules
    unwanted = modules & (NETWORK | BUILDERS | POOL)
    assert not unwanted


def test_a_markdown_code_block_brings_in_the_markdown_parser(articles: Path) -> None:
    (articles / "code.md").write_text(f"{ARTICLE}\n```\n5 billion tenge\n```\n", encoding="utf-8")

    out, modules = _run(articles, "scan", "--format", "jsonl", "code.md")

    assert [json.loads(line)["text"] for line in out.splitlines()] == [
        "63 billion tenge",
        "US$148.42 million",
    ]
    assert "markdown_it" in modules


def test_version_answers_without_the_command_line_parser(articles: Path) -> None:
    out, modules = _run(articles, "--version")

    assert out.startswith("moneyfix ")
    unwanted = modules & {"typer", "click", "rich", "moneyfix.config"}
    assert not unwanted


def test_a_command_is_built_alone() -> None:
    assert [c.name for c in build("fix").registered_commands] == ["fix"]
    assert [c.name for c in build("check").registered_commands] == ["check"]
    assert {"check", "fix", "convert"} <= {c.name for c in build().registered_commands}
