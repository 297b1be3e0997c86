"""Golden cases under ``golden/``: how they are laid out, read and run.

A case is a directory holding one input (``input.txt``/``.md``/``.html``, or a name that
ends in ``input`` when the file name carries the date), optional ``args`` (options for
both ``check`` and ``fix``, one line), and the expected outputs: ``expected.json`` (the
JSON report), ``expected_fixed.<ext>`` (the bytes after ``moneyfix fix``) and, for the
Russian and Kazakh cases, ``expected_scan.json``. ``UPDATE_GOLDEN=1`` rewrites them; every
rewritten file must be read by a person before it is committed.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner, Result

import moneyfix
from moneyfix.cli.app import app

GOLDEN = Path(__file__).parent / "golden"
INPUT_SUFFIXES = (".txt", ".md", ".html")


@dataclass(frozen=True)
class Case:
    """One golden directory."""

    name: str
    path: Path
    input: Path
    args: tuple[str, ...]

    @property
    def fixed(self) -> Path:
        return self.path / f"expected_fixed{self.input.suffix}"

    @property
    def report(self) -> Path:
        return self.path / "expected.json"

    @property
    def scan(self) -> Path:
        return self.path / "expected_scan.json"

    @property
    def wants_scan(self) -> bool:
        """The ru/kk cases pin the scanner's amounts too (issue 6)."""
        return self.name.startswith(("ru-", "kk-"))


def _input_of(directory: Path) -> Path:
    found = [
        p for p in directory.iterdir() if p.suffix in INPUT_SUFFIXES and p.stem.endswith("input")
    ]
    assert len(found) == 1, f"{directory}: expected exactly one input file, found {found}"
    return found[0]


def all_cases() -> list[Case]:
    """Every case directory except ``formats`` (which has its own test)."""
    cases = []
    for directory in sorted(GOLDEN.iterdir()):
        if not directory.is_dir() or directory.name == "formats":
            continue
        args_file = directory / "args"
        args = shlex.split(args_file.read_text("utf-8")) if args_file.exists() else []
        cases.append(Case(directory.name, directory, _input_of(directory), tuple(args)))
    return cases


def copy_input(case: Case, workdir: Path) -> Path:
    """The case's input copied into ``workdir`` (no config above it but the temp root's)."""
    target = workdir / case.input.name
    shutil.copyfile(case.input, target)
    return target


def invoke(args: list[str], stdin: bytes | None = None) -> Result:
    """``moneyfix ARGS`` in-process, stdout and stderr kept apart."""
    return CliRunner().invoke(app, args, input=stdin, catch_exceptions=False)


def compare(path: Path, actual: bytes) -> None:
    """Exact comparison with a golden file; ``UPDATE_GOLDEN=1`` rewrites it instead."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(actual)
        return
    assert path.exists(), f"{path} missing: run with UPDATE_GOLDEN=1, then review it"
    expected = path.read_bytes()
    assert actual.decode("utf-8") == expected.decode("utf-8"), f"{path} differs"
    assert actual == expected, f"{path} differs in bytes (BOM or newlines)"


def without_version(sarif: str) -> str:
    """A SARIF log with the tool version pinned, so releases do not change golden files."""
    log = json.loads(sarif)
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert driver["version"] == moneyfix.__version__
        driver["version"] = "VERSION"
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
