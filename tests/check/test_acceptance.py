"""Issue 4's acceptance checks on the seed article and on the project's own example."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ._cases import invoke

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "corpus" / "examples" / "civil-forum-2020-11-24.txt"
EXAMPLE = ROOT / "examples" / "2020-11-24-civil-forum.md"


def _accept(source: Path, workdir: Path, date_args: list[str]) -> None:
    target = workdir / source.name
    shutil.copyfile(source, target)
    original = target.read_text("utf-8")
    result = invoke(["check", *date_args, "--output-format", "json", target.name])
    assert result.exit_code == 1
    (file,) = json.loads(result.stdout)["files"]
    problems = [f for f in file["findings"] if f["severity"] in ("error", "warning")]
    (finding,) = problems
    assert finding["code"] == "MF001"
    assert finding["text"] == "US$235.59"
    (edit,) = finding["fix"]["edits"]
    assert finding["fix"]["applicability"] == "safe"
    patched = original[: edit["start"]] + edit["replacement"] + original[edit["end"] :]
    assert "US$235.59 million" in patched
    fixed = invoke(["fix", *date_args, target.name])
    assert fixed.exit_code == 0
    after = target.read_text("utf-8")
    assert after == original.replace("(US$235.59)", "(US$235.59 million)", 1)
    assert invoke(["check", *date_args, target.name]).exit_code == 0


@pytest.mark.skipif(not SEED.exists(), reason="the shared corpus is outside the repository")
def test_seed_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _accept(SEED, tmp_path, ["--date", "2020-11-24"])


def test_example_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _accept(EXAMPLE, tmp_path, [])
