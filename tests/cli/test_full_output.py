"""Output that cannot be written (a full disk behind ``> file`` or ``-o FILE``): one line
naming standard output or the file, exit 2, no traceback, nothing half-written left.

The same for the rate files ``rates export -o`` and ``rates import`` write: the file named
once in the line.

Real limits, nothing injected: the full device (``/dev/full`` as standard output, a node of
our own for ``-o``, so a broken build can never replace the system's) and a 64 KiB
file-size limit (RLIMIT_FSIZE, EFBIG) on the command.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import moneyfix

from ._run import moneyfix as in_process

SRC = Path(moneyfix.__file__).resolve().parents[1]
LIMIT = 64 * 1024
MISSING = "The fund will grow to 100 billion tenge (US$235.59) next year.\n"
MANY = "The city spent 5 billion tenge on roads and 2 billion tenge on parks.\n" * 2000
"""4,000 amounts: a scan report far longer than the limit."""
WRONG = "The fund will grow to 100 billion tenge (US$235.59) next year.\n\n" * 300
"""300 findings (MF001) on 2020-11-24: a check report of about 200 KiB in ``full``."""


def _moneyfix(
    cwd: Path, *args: str, stdout: int | None = subprocess.PIPE, limit: bool = False
) -> subprocess.CompletedProcess[str]:
    def file_size_limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))

    return subprocess.run(
        [sys.executable, "-m", "moneyfix", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"},
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        preexec_fn=file_size_limit if limit else None,
    )


@pytest.fixture
def full_node(tmp_path: Path) -> Path:
    """A full device of our own (char 1:7, what /dev/full is)."""
    node = tmp_path / "full"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        os.close(os.open(node, os.O_WRONLY))
    except (PermissionError, OSError):
        pytest.skip("cannot create and open a device node here")
    return node


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--date", "2020-11-24", "a.txt"],
        ["check", "--date", "2020-11-24", "--output-format", "json", "a.txt"],
        ["check", "--date", "2020-11-24", "wrong"],
        ["scan", "--format", "jsonl", "many.txt"],
        ["scan", "a.txt"],
        ["rule", "MF001"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_a_full_standard_output_is_one_line_exit_2(tmp_path: Path, args: list[str]) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    (tmp_path / "a.txt").write_text(MISSING, "utf-8")
    (tmp_path / "many.txt").write_text(MANY, "utf-8")
    _wrong_files(tmp_path / "wrong")
    with open("/dev/full", "w") as full:
        result = _moneyfix(tmp_path, *args, stdout=full.fileno())
    assert result.returncode == 2
    assert result.stderr == "moneyfix: standard output: cannot write (No space left on device)\n"


@pytest.mark.parametrize(
    "args", [["scan", "--format", "csv", "a.txt"], ["check", "--date", "2020-11-24", "a.txt"]]
)
def test_a_full_device_as_output_file(tmp_path: Path, full_node: Path, args: list[str]) -> None:
    (tmp_path / "a.txt").write_text(MISSING, "utf-8")
    result = _moneyfix(tmp_path, *args, "-o", str(full_node))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"moneyfix: {full_node}: cannot write (No space left on device)"
    ]
    assert full_node.is_char_device()  # written through, never replaced


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_a_report_longer_than_the_disk_allows_leaves_nothing(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "many.txt").write_text(MANY, "utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "kept.txt").write_text("an earlier file\n", "utf-8")
    target = tmp_path / "out" / f"amounts.{fmt}"
    result = _moneyfix(tmp_path, "scan", "--format", fmt, "-o", str(target), "many.txt", limit=True)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"moneyfix: {target}: cannot write (File too large)"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kept.txt"]
    assert (tmp_path / "many.txt").read_text("utf-8") == MANY


def test_rates_export_into_a_full_device_names_it_once(tmp_path: Path, full_node: Path) -> None:
    result = in_process("rates", "export", "-c", "USD", "-o", str(full_node))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"moneyfix rates: {full_node}: cannot write (No space left on device)"
    ]
    assert full_node.is_char_device()


def test_rates_import_past_the_file_size_limit_names_the_rate_file_once(tmp_path: Path) -> None:
    start = dt.date(2000, 1, 3)
    rows = [f"{start + dt.timedelta(days=n)},{100 + n / 100:.2f}" for n in range(4000)]
    (tmp_path / "mine.csv").write_text("date,USD\n" + "\n".join(rows) + "\n", "utf-8")
    (tmp_path / "rates").mkdir()
    result = _moneyfix(
        tmp_path,
        "rates",
        "import",
        "mine.csv",
        "-s",
        "nbk:mine",
        "--rates-dir",
        "rates",
        limit=True,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "moneyfix rates: rates/USD.csv: cannot write (File too large)"
    ]
    assert list((tmp_path / "rates").iterdir()) == []


def _wrong_files(directory: Path) -> None:
    directory.mkdir()
    for n in range(4):
        (directory / f"{n}.txt").write_text(WRONG, "utf-8")


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif"])
def test_a_check_report_that_fills_the_disk_partway_leaves_nothing(
    tmp_path: Path, fmt: str
) -> None:
    """The report is written a file at a time (``full``, ``concise``, ``json``) or at the
    end (``sarif``): either way a write that fails stops the run with one line, exit 2,
    and the old report stays as it was, no temporary file beside it."""
    _wrong_files(tmp_path / "wrong")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "report.txt"
    target.write_text("an earlier report\n", "utf-8")
    args = ("check", "--date", "2020-11-24", "--output-format", fmt, "-o", str(target), "wrong")
    result = _moneyfix(tmp_path, *args, limit=True)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"moneyfix: {target}: cannot write (File too large)"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.txt"]
    assert target.read_text("utf-8") == "an earlier report\n"
