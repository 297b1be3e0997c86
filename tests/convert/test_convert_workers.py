"""Worker processes (issue 13, defect 6): no more than the inputs and cores need, and none
left running when the main process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from moneyfix.convert.pool import Pool
from moneyfix.convert.worker import Options

ROOT = Path(__file__).resolve().parents[2]


def test_jobs_are_capped_by_inputs_and_cores() -> None:
    pool = Pool(16, Options())
    pool.cap(3)
    assert pool.jobs == min(3, os.cpu_count() or 1)
    pool.cap(0)
    assert pool.jobs == 1


_MAIN = """
import os, sys, time
from moneyfix.convert.pool import Pool
from moneyfix.convert.worker import Options
pool = Pool(2, Options())
pool.start()
print(*pool.worker_pids, flush=True)
time.sleep(60)
"""


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_exit_when_the_main_process_is_killed() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    main = subprocess.Popen(
        [sys.executable, "-c", _MAIN], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert main.stdout is not None
        workers = [int(pid) for pid in main.stdout.readline().split()]
        assert workers and all(_running(pid) for pid in workers)
        main.send_signal(signal.SIGKILL)
        main.wait(10)
        deadline = time.monotonic() + 10
        while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_running(pid) for pid in workers)
    finally:
        if main.poll() is None:
            main.kill()
