"""``check -j N`` (issue 15): files checked in worker processes give the report, the
exit code and the one-line errors of ``-j 1``, in the same order; ``fix -j N`` writes
the same files."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from moneyfix.rates.table import load_table
from moneyfix.runner import CHUNK, Job, run_files

from ._run import CORRECT, DATE, FIXED, MISSING_MAGNITUDE, RATE_MISMATCH, article, moneyfix

_TEXTS = (MISSING_MAGNITUDE, CORRECT, RATE_MISMATCH)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _tree(root: Path, count: int) -> list[Path]:
    """``count`` articles in a few directories, more than two chunks' worth."""
    return [article(root, f"d{n % 3}/a{n:03d}.txt", _TEXTS[n % len(_TEXTS)]) for n in range(count)]


def test_two_jobs_give_the_report_and_exit_code_of_one(tmp_path: Path) -> None:
    _tree(tmp_path / "news", 2 * CHUNK + 5)
    article(tmp_path, "news/d1/broken.txt", "")
    (tmp_path / "news/d1/broken.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d")
    one = moneyfix("check", DATE, "news", "--output-format", "json")
    two = moneyfix("check", DATE, "news", "--output-format", "json", "-j", "2")
    assert two.stdout == one.stdout
    assert two.exit_code == one.exit_code == 2
    errors = [line for line in two.stderr.splitlines() if line.startswith("moneyfix: ")]
    assert len(errors) == 1 and errors[0].startswith("moneyfix: news/d1/broken.txt: ")
    assert errors == [line for line in one.stderr.splitlines() if line.startswith("moneyfix: ")]
    files = json.loads(two.stdout)["files"]
    assert [f["path"] for f in files] == sorted(f["path"] for f in files)
    codes = [[x["code"] for x in f["findings"]] for f in files if "a000" in f["path"]]
    assert codes == [["MF001"]]


def test_fix_with_two_jobs_writes_every_file(tmp_path: Path) -> None:
    paths = _tree(tmp_path / "news", CHUNK + 3)
    result = moneyfix("fix", DATE, "news", "-j", "2")
    assert result.exit_code == 1  # the rate mismatches have unsafe fixes only
    for n, path in enumerate(paths):
        expected = FIXED if _TEXTS[n % len(_TEXTS)] == MISSING_MAGNITUDE else _TEXTS[n % 3]
        assert path.read_text(encoding="utf-8") == expected


def test_results_come_in_the_order_of_the_paths(tmp_path: Path) -> None:
    paths = sorted(_tree(tmp_path, 3 * CHUNK), key=lambda p: p.name, reverse=True)
    job = Job({"date": dt.date(2020, 11, 24)})
    results = list(run_files(paths, job, load_table(), jobs=2))
    assert [r.name for r in results] == [str(p) for p in paths]
    assert [len(r.reports[0].findings) for r in results] == [
        0 if path.read_text() == CORRECT else 1 for path in paths
    ]


def test_check_brings_in_a_worker_per_core_for_megabytes_of_files(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    started_pools: list[int],
    pool_of_all_cores: list[int],
) -> None:
    _tree(tmp_path / "news", CHUNK + 5)
    one = moneyfix("check", DATE, "news", "--output-format", "json", "-j", "1")
    assert started_pools == []
    monkeypatch.setattr("moneyfix.jobs.WORKERS_AFTER", 1_000)
    default = moneyfix("check", DATE, "news", "--output-format", "json")
    assert default.stdout == one.stdout and default.exit_code == one.exit_code == 1
    assert started_pools == pool_of_all_cores


def test_check_of_a_few_small_files_stays_in_one_process(
    tmp_path: Path, started_pools: list[int]
) -> None:
    _tree(tmp_path / "news", 5)
    assert moneyfix("check", DATE, "news").exit_code == 1
    assert started_pools == []


def test_a_file_checked_in_chunks_keeps_the_files_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started_pools: list[int]
) -> None:
    """Its reports are made and let go a chunk at a time here (a worker's would come back
    whole); only its chunks may go to workers, and its one chunk here needs none."""
    _tree(tmp_path / "news", CHUNK + 5)
    big = article(tmp_path, "news/big.txt", CORRECT * 50)
    # the files together hold enough for workers, the big file alone not
    monkeypatch.setattr("moneyfix.jobs.WORKERS_AFTER", big.stat().st_size + 1)
    monkeypatch.setattr("moneyfix.chunked.CHUNKED_FROM", len(CORRECT) * 40)
    assert moneyfix("check", DATE, "news").exit_code == 1
    assert started_pools == []


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_jobs_below_one_is_a_usage_error(tmp_path: Path, jobs: str) -> None:
    article(tmp_path, "a.txt", CORRECT)
    result = moneyfix("check", DATE, "a.txt", "-j", jobs)
    assert result.exit_code == 2
    assert "moneyfix: option --jobs: expected a whole number >= 1" in result.stderr


def test_the_review_page_shows_the_pairs_checked_by_workers(tmp_path: Path) -> None:
    _tree(tmp_path / "news", 2 * CHUNK + 5)
    one = moneyfix("check", DATE, "news", "--output-format", "html")
    two = moneyfix("check", DATE, "news", "--output-format", "html", "-j", "2")

    def page(text: str) -> str:  # the time it was written aside
        return re.sub(r"<dt>written</dt><dd>[^<]*</dd>", "", text)

    assert re.search(r'data-currency="USD" data-pairs="[1-9]', two.stdout)
    assert page(two.stdout) == page(one.stdout)
