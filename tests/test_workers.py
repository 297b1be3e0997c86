"""Worker processes (``check -j``, ``convert -j``): results in order, and a worker killed
from outside (the OOM killer, ``kill -9``) costs the files it had, each with a one-line
error and exit code 2, never a traceback; the other files are still processed."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from moneyfix.runner import CHUNK
from moneyfix.workers import WorkerPool

ROOT = Path(__file__).resolve().parents[1]
MISSING_MAGNITUDE = "The fund will grow to 100 billion tenge (US$235.59) next year.\n"
FIXED = "The fund will grow to 100 billion tenge (US$235.59 million) next year.\n"
CORRECT = "The bridge will cost 63 billion tenge (US$148.42 million).\n"
DOOMED = -1
"""An item whose worker kills itself with SIGKILL when it gets to it."""


def _squares(items: list[int]) -> list[int]:
    for item in items:
        if item == DOOMED:
            os.kill(os.getpid(), signal.SIGKILL)
    return [item * item for item in items]


def _lost(items: list[int], reason: str) -> list[str]:
    return [f"{item}: {reason}" for item in items]


def _pool(jobs: int = 2) -> WorkerPool[int, object]:
    pool: WorkerPool[int, object] = WorkerPool(jobs, _squares, lost=_lost)  # type: ignore[arg-type]
    pool.start()
    return pool


@pytest.mark.parametrize("ordered", [True, False])
def test_every_chunk_comes_back_once(ordered: bool) -> None:
    chunks = [[n, n + 1] for n in range(0, 40, 2)]
    pool = _pool()
    try:
        got = list(pool.results(chunks, ordered=ordered))
    finally:
        pool.close()
    expected = [[a * a, b * b] for a, b in chunks]
    assert got == expected if ordered else sorted(got) == sorted(expected)


def test_a_killed_worker_costs_the_chunk_it_had() -> None:
    chunks = [[1, 2], [3, DOOMED, 4], [5, 6], [7, 8], [9, 10], [11, 12]]
    pool = _pool()
    try:
        got = list(pool.results(chunks, ordered=True))
        alive = len(pool._workers)
    finally:
        pool.close()
    lost = "its worker process was killed by SIGKILL"
    assert got == [
        [1, 4],
        [f"3: {lost}", f"{DOOMED}: {lost}", f"4: {lost}"],
        [25, 36],
        [49, 64],
        [81, 100],
        [121, 144],
    ]
    assert alive == 1


def test_with_every_worker_killed_the_rest_runs_here() -> None:
    chunks = [[DOOMED], [DOOMED], [2], [3]]
    pool = _pool()
    try:
        got = list(pool.results(chunks, ordered=True))
    finally:
        pool.close()
    lost = f"{DOOMED}: its worker process was killed by SIGKILL"
    assert got == [[lost], [lost], [4], [9]]


BIG = 0
"""An item whose chunk's result is big enough that sending it blocks on the pipe."""


def _big_or_squares(items: list[int]) -> list[object]:
    if items[0] == BIG:
        return ["x" * (32 << 20)]
    return [item * item for item in items]


def _kill_when_sending(pool: WorkerPool[int, object], killed: list[int]) -> None:
    """SIGKILL the first worker seen blocked writing to a pipe (its big result)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for pid in pool.worker_pids:
            try:
                wchan = Path(f"/proc/{pid}/wchan").read_text()
            except OSError:
                continue
            if wchan in ("pipe_write", "anon_pipe_write"):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
        time.sleep(0.0005)


@pytest.mark.skipif(not Path("/proc/self/wchan").is_file(), reason="needs Linux /proc")
def test_a_worker_killed_while_it_sends_its_result_costs_only_that_chunk() -> None:
    """The moment a pool shared by its workers breaks on (a pipe and lock they all use,
    left half-written and held: pebble 5.2 stalls 60 s, then fails every chunk)."""
    pool: WorkerPool[int, object] = WorkerPool(2, _big_or_squares, lost=_lost)  # type: ignore[arg-type]
    pool.start()
    killed: list[int] = []
    killer = threading.Thread(target=_kill_when_sending, args=(pool, killed))
    killer.start()
    deadline = time.monotonic() + 60
    try:
        got = list(
            pool.results(
                [[BIG], [1], [2], [3], [4], [5]], True, lambda: time.monotonic() > deadline
            )
        )
    except KeyboardInterrupt:
        pytest.fail("the pool stalled after a worker was killed while sending")
    finally:
        killer.join()
        pool.close()
    assert killed
    lost = f"{BIG}: its worker process was killed by SIGKILL"
    assert got == [[lost], [1], [4], [9], [16], [25]]


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def _kill_a_busy_worker(run: subprocess.Popen[str]) -> None:
    """SIGKILL the first worker of ``run`` once it has worked for a while (20 ms of CPU)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None:
        workers = _children(run.pid)
        if workers and _cpu_ticks(workers[0]) >= 2:
            os.kill(workers[0], signal.SIGKILL)
            return
        time.sleep(0.01)
    pytest.fail("no worker process was seen working")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize("command", ["check", "convert"])
def test_a_worker_killed_from_outside(tmp_path: Path, command: str) -> None:
    names = [f"news/d{n % 4}/a{n:04d}.txt" for n in range(24 * CHUNK)]
    for n, name in enumerate(names):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MISSING_MAGNITUDE if n % 2 else CORRECT, encoding="utf-8")
    out_args = ["--out", "clean"] if command == "convert" else ["--output-format", "concise"]
    args = [command, "news", "--date", "2020-11-24", "-j", "2", *out_args]
    run = subprocess.Popen(
        [sys.executable, "-m", "moneyfix", *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    _kill_a_busy_worker(run)
    out, err = run.communicate(timeout=300)
    assert run.returncode == 2
    assert "Traceback" not in err + out
    verb = "converted" if command == "convert" else "checked"
    lost = re.compile(
        rf"moneyfix: (news/\S+): not {verb}: its worker process was killed by SIGKILL"
    )
    failed = [m.group(1) for m in map(lost.match, err.splitlines()) if m]
    assert len(failed) == CHUNK  # the chunk the worker had, and nothing else
    assert set(failed) < set(names)
    others = [name for name in names if name not in failed]
    if command == "convert":
        for n, name in enumerate(names):
            target = tmp_path / "clean" / Path(name).relative_to("news")
            if name in others:
                assert target.read_text(encoding="utf-8") == (FIXED if n % 2 else CORRECT)
    else:
        reported = {line.split(":", 1)[0] for line in out.splitlines() if "MF001" in line}
        assert reported == {name for name in others if names.index(name) % 2}
