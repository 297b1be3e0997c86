"""Worker processes shared by ``convert`` and ``check -j``: chunks of work, a bounded
number in flight.

Work goes to a ``ProcessPoolExecutor`` in chunks (a few dozen files each, so the cost of
handing out work stays small next to the work), and at most ``window`` chunks are
submitted and not yet consumed, so memory is bounded by the chunk size whatever the
number of files. With one job everything runs in this process. Workers ignore SIGINT:
on Ctrl-C the main process stops handing out work, lets the chunks already running
finish, and reports what was done; they exit when the main process dies.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Generic, TypeVar

__all__ = ["PARENT_CHECK", "WorkerPool"]

T = TypeVar("T")
R = TypeVar("R")

PARENT_CHECK = 0.5
"""Seconds between a worker's checks that the main process is still there."""


def _init_worker() -> None:
    """Workers leave Ctrl-C to the main process, which winds the run down, and exit when
    it dies (``kill -9`` leaves no one to tell them: they notice they were orphaned)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _ready() -> int:
    return os.getpid()


class WorkerPool(Generic[T, R]):
    """``jobs`` worker processes (or none for one job) running ``work`` on chunks, with at
    most ``window`` chunks in flight. ``work`` must pickle (a module-level function, or a
    ``functools.partial`` of one); ``warm`` runs here before the workers fork, so they
    start with what it loaded (patterns, rates)."""

    def __init__(
        self,
        jobs: int,
        work: Callable[[list[T]], list[R]],
        warm: Callable[[], object] = lambda: None,
        window: int | None = None,
    ) -> None:
        self.jobs = max(1, jobs)
        self.work = work
        self.warm = warm
        self.window = window or self.jobs * 2
        self._executor: ProcessPoolExecutor | None = None
        self._pending: deque[Future[list[R]]] = deque()
        self.worker_pids: list[int] = []

    def cap(self, work: int) -> None:
        """No more workers than there are inputs to share out, or cores to run them."""
        self.jobs = max(1, min(self.jobs, work, os.cpu_count() or 1))
        self.window = min(self.window, self.jobs * 2)

    def start(self) -> None:
        """Start the workers now (before any progress-bar thread exists in this process)."""
        self.warm()
        if self.jobs == 1:
            return
        self._executor = ProcessPoolExecutor(self.jobs, initializer=_init_worker)
        futures = [self._executor.submit(_ready) for _ in range(self.jobs)]
        self.worker_pids = sorted({f.result() for f in futures})

    def results(
        self,
        chunks: Iterable[list[T]],
        ordered: bool,
        stop: Callable[[], bool] = lambda: False,
    ) -> Iterator[list[R]]:
        """Each chunk's results: in submission order when ``ordered``, else as they finish.

        ``stop()`` is checked between chunks and every 0.1 s while waiting; when it says
        so, ``KeyboardInterrupt`` is raised here, never between taking a result and
        handing it over, so ``drain`` finds every chunk whose result was not consumed.
        """
        if self._executor is None:
            for chunk in chunks:
                if stop():
                    raise KeyboardInterrupt
                yield self.work(chunk)
            return
        for chunk in chunks:
            while len(self._pending) >= self.window:
                yield from self._next(ordered, stop)
            if stop():
                raise KeyboardInterrupt
            self._pending.append(self._executor.submit(self.work, chunk))
        while self._pending:
            yield from self._next(ordered, stop)

    def _next(self, ordered: bool, stop: Callable[[], bool]) -> Iterator[list[R]]:
        while True:
            if stop():
                raise KeyboardInterrupt
            if ordered:
                future = self._pending[0]
                try:
                    result = future.result(timeout=0.1)
                except TimeoutError:
                    continue
                self._pending.popleft()
                yield result
                return
            done, _ = wait(self._pending, timeout=0.1, return_when=FIRST_COMPLETED)
            if not done:
                continue
            for future in [f for f in self._pending if f in done]:
                self._pending.remove(future)
                yield future.result()
            return

    def drain(self) -> list[list[R]]:
        """After Ctrl-C: cancel chunks not started, wait for the running ones, return theirs."""
        out: list[list[R]] = []
        for future in self._pending:
            future.cancel()
        for future in self._pending:
            if not future.cancelled():
                try:
                    out.append(future.result())
                except Exception:
                    continue
        self._pending.clear()
        return out

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
