"""``convert`` onto a disk that fills up (issue 13, defect 6): a one-line error naming each
output that did not fit, exit 2, no temporary file left, the inputs untouched, the outputs
of an earlier run intact, and a later run on a disk with room converting what was missing;
a ``--report`` that does not fit costs the report only, never the outputs.

Two real limits, no fault injected into moneyfix: a 64 KiB tmpfs in a private mount
namespace (the kernel's own ENOSPC; needs root with CAP_SYS_ADMIN, or user namespaces, and
skips saying so without them), and a 64 KiB file-size limit (RLIMIT_FSIZE: EFBIG on every
POSIX system, so the same path is covered wherever the suite runs).
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

import moneyfix

from ._helpers import RATES, run, tree

LIMIT = 64 * 1024
SRC = Path(moneyfix.__file__).resolve().parents[1]

MISSING = "The fund will grow to 100 billion tenge (US$235.59) next year.\n"
FIXED = "The fund will grow to 100 billion tenge (US$235.59 million) next year.\n"
CORRECT = "The bridge will cost 63 billion tenge (US$148.42 million).\n"
PADDING = "The council met again on Tuesday and talked about the roads.\n" * 2000
"""About 120 KB without an amount: an output that cannot fit under the limit."""

# A run with a directory on the small disk: (the convert arguments, naming it "{disk}";
# the directory) -> (exit code, stderr, the directory's name in the messages).
SmallDisk = Callable[[list[str], Path], tuple[int, str, Path]]


def _convert_command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "moneyfix", "convert", "--rates-dir", RATES, *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}


_MOUNT = 'mount -t tmpfs -o size="$1" tmpfs "$2"'


@functools.cache
def _unshare() -> list[str] | None:
    """How this machine gives a process a private mount namespace it may mount a tmpfs in."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return None
    probe = tempfile.gettempdir()
    for flags in (["--mount"], ["--user", "--map-root-user", "--mount"]):
        command = ["unshare", *flags, "sh", "-c", _MOUNT, "sh", "4k", probe]
        if subprocess.run(command, capture_output=True, timeout=30).returncode == 0:
            return ["unshare", *flags]
    return None


def _on_disk(args: list[str], disk: Path) -> list[str]:
    return [arg.replace("{disk}", str(disk)) for arg in args]


def _on_tmpfs(args: list[str], disk: Path, size: int = LIMIT) -> tuple[int, str, Path]:
    """Convert with a fresh tmpfs of ``size`` bytes standing in for ``disk`` (``{disk}`` in
    ``args``): what ``disk`` holds is copied onto it first, and back off it after."""
    unshare = _unshare()
    if unshare is None:
        pytest.skip("a small tmpfs needs root with CAP_SYS_ADMIN or user namespaces (unshare)")
    mounted = disk.parent / f"{disk.name}-tmpfs"
    mounted.mkdir()
    disk.mkdir(exist_ok=True)
    script = (
        "set -e\n"
        f"{_MOUNT}\n"
        'cp -a "$3/." "$2/"\n'
        "mounted=$2; disk=$3; shift 3\n"
        'set +e; "$@"; status=$?; set -e\n'
        'rm -rf "$disk"; mkdir "$disk"; cp -a "$mounted/." "$disk/"\n'
        'exit "$status"\n'
    )
    command = [*unshare, "sh", "-c", script, "sh", f"{size // 1024}k", str(mounted), str(disk)]
    command += _convert_command(_on_disk(args, mounted))
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=300)
    return done.returncode, done.stderr, mounted


def _under_file_size_limit(args: list[str], disk: Path) -> tuple[int, str, Path]:
    """Convert with RLIMIT_FSIZE at 64 KiB: a longer write fails with EFBIG (Python ignores
    SIGXFSZ, which would otherwise end the process)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))

    command = _convert_command(_on_disk(args, disk))
    done = subprocess.run(
        command, capture_output=True, text=True, env=_env(), timeout=300, preexec_fn=limit
    )
    return done.returncode, done.stderr, disk


@pytest.mark.parametrize(
    ("small_disk", "reason"),
    [
        pytest.param(_on_tmpfs, "No space left on device", id="full-tmpfs"),
        pytest.param(_under_file_size_limit, "File too large", id="file-size-limit"),
    ],
)
def test_convert_into_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_disk: SmallDisk, reason: str
) -> None:
    monkeypatch.chdir(tmp_path)
    news, out = tmp_path / "news", tmp_path / "out"
    news.mkdir()
    (news / "2020-11-24-a.txt").write_text(MISSING, "utf-8")
    (news / "2020-11-24-b.md").write_text(CORRECT, "utf-8")
    assert run("news", "--out", "out", "-q")[0] == 0
    earlier = tree(out)
    assert earlier == {"2020-11-24-a.txt": FIXED.encode(), "2020-11-24-b.md": CORRECT.encode()}

    # a.txt grows past the limit (its output must be replaced), c.txt is new and too big,
    # d.txt is new and small
    (news / "2020-11-24-a.txt").write_text(MISSING + PADDING, "utf-8")
    (news / "2020-11-24-c.txt").write_text(CORRECT + PADDING, "utf-8")
    (news / "2020-11-24-d.txt").write_text(MISSING, "utf-8")
    inputs = tree(news)

    code, stderr, shown = small_disk(["news", "--out", "{disk}", "-j", "2", "-q"], out)

    assert code == 2, stderr
    errors = sorted(line for line in stderr.splitlines() if line.startswith("moneyfix: "))
    assert errors == [
        f"moneyfix: {shown}/2020-11-24-a.txt: cannot write ({reason})",
        f"moneyfix: {shown}/2020-11-24-c.txt: cannot write ({reason})",
    ], stderr
    assert "Traceback" not in stderr
    assert tree(news) == inputs
    assert tree(out) == {**earlier, "2020-11-24-d.txt": FIXED.encode()}
    every_file = sorted(p.name for p in out.rglob("*"))
    assert every_file == [
        ".moneyfix-convert.json",
        "2020-11-24-a.txt",
        "2020-11-24-b.md",
        "2020-11-24-d.txt",
    ]

    # with room again, the rerun converts exactly what did not fit
    code, _, stderr = run("news", "--out", "out", "-q")
    assert code == 0, stderr
    assert tree(out) == {
        "2020-11-24-a.txt": (FIXED + PADDING).encode(),
        "2020-11-24-b.md": CORRECT.encode(),
        "2020-11-24-c.txt": (CORRECT + PADDING).encode(),
        "2020-11-24-d.txt": FIXED.encode(),
    }


@pytest.mark.parametrize("kind", ["json", "csv", "html"])
def test_a_report_that_does_not_fit_costs_the_report_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.chdir(tmp_path)
    news = tmp_path / "news"
    news.mkdir()
    for i in range(60):
        (news / f"2020-11-24-{i:02}.txt").write_text(MISSING, "utf-8")
    args = ["news", "--out", "out", "--report", f"{{disk}}/report.{kind}", "-j", "2", "-q"]

    code, stderr, shown = _on_tmpfs(args, tmp_path / "reports", size=4096)

    assert code == 2, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("moneyfix: ")]
    assert errors == [
        f"moneyfix: {shown}/report.{kind}: cannot write the report (No space left on device)"
    ], stderr
    assert list((tmp_path / "reports").iterdir()) == []  # no report, no temporary file
    assert tree(tmp_path / "out") == {f"2020-11-24-{i:02}.txt": FIXED.encode() for i in range(60)}
