"""Running conversions in parallel: chunks of tasks, a bounded number in flight.

Work goes to a ``ProcessPoolExecutor`` in chunks (a few dozen files each, so the cost of
handing out work stays small next to the work), and at most ``window`` chunks are
submitted and not yet consumed, so memory is bounded by the chunk size whatever the
number of files. With ``-j 1`` everything runs in this process.

A task names a file to read (and the output to write, which the worker does itself, so
writes happen in parallel and as soon as each file is done), or carries the bytes of an
archive member / a block of JSONL lines and gets the new bytes back. Workers ignore
SIGINT: on Ctrl-C the main process stops handing out work, lets the chunks already
running finish (each write is atomic anyway), and reports what was done.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from moneyfix.config import ConfigError
from moneyfix.convert.archives import inside
from moneyfix.convert.worker import (
    Options,
    Outcome,
    config_for_dir,
    convert_bytes,
    table_for,
    warm_up,
)
from moneyfix.fixes import WriteBatch, WriteError

__all__ = ["Pool", "Result", "Task", "run_chunk", "shift_lines"]


@dataclass(frozen=True)
class Task:
    """One unit of work."""

    seq: int
    name: str
    """Shown in messages; its suffix picks the format, a date in it may date the file."""
    rel: str
    """Output path relative to ``--out`` (or the archive member name)."""
    config_dir: str
    path: str | None = None
    """Read the input from this file ..."""
    data: bytes | None = None
    """... or use these bytes (an archive member, a block of JSONL lines)."""
    target: str | None = None
    """Write the output here (``None``: return the new bytes instead)."""
    root: str | None = None
    """The output directory ``target`` must stay inside (``None`` for ``--in-place``)."""
    known: str | None = None
    """Input hash for which ``target`` is already up to date."""
    line_offset: int = 0
    """For a block of JSONL lines: lines of the file before it."""


@dataclass
class Result:
    """What became of one task."""

    seq: int
    rel: str
    outcome: Outcome
    status: str
    """``changed``, ``unchanged``, ``up-to-date`` or ``failed``."""
    size: int = 0
    """Size of the output written (for the resume manifest)."""


def run_chunk(tasks: list[Task], options: Options) -> list[Result]:
    """Convert (and write) every task of a chunk; never raises for a bad input.

    The chunk's outputs are written as one batch: staged beside their targets, made
    durable together, then renamed into place, before the results go back to be recorded
    as done.
    """
    batch = WriteBatch()
    try:
        results = [_run_task(task, options, batch) for task in tasks]
        failures = batch.commit()
    except BaseException:
        batch.abort()
        raise
    for task, result in zip(tasks, results, strict=True):
        error = failures.get(task.target or "")
        if error is not None:
            result.outcome.error = error
            result.status = "failed"
    return results


def _run_task(task: Task, options: Options, batch: WriteBatch) -> Result:
    data = task.data
    if data is None:
        assert task.path is not None
        try:
            with open(task.path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            return _failed(task, f"{task.name}: cannot read ({exc.strerror or exc})")
    sha = hashlib.sha256(data).hexdigest()
    if task.known is not None and task.known == sha:
        return Result(task.seq, task.rel, Outcome(task.name, sha), "up-to-date", len(data))
    try:
        config = config_for_dir(task.config_dir, options)
    except ConfigError as exc:
        return _failed(task, str(exc), sha)
    outcome = convert_bytes(data, task.name, config, table_for(options.rates_dir), options)
    if task.line_offset:
        shift_lines(outcome, task.name, task.line_offset)
    if outcome.error is not None:
        return Result(task.seq, task.rel, outcome, "failed")
    status = "unchanged" if outcome.data is None else "changed"
    new = outcome.data if outcome.data is not None else data
    if task.target is None:
        return Result(task.seq, task.rel, outcome, status, len(new))
    try:
        _write(task, data, new, batch)
    except (WriteError, OSError) as exc:
        outcome.error = str(exc) if isinstance(exc, WriteError) else f"{task.name}: {exc}"
        outcome.data = None
        return Result(task.seq, task.rel, outcome, "failed")
    outcome.data = None  # written here: nothing to send back
    return Result(task.seq, task.rel, outcome, status, len(new))


def _write(task: Task, old: bytes, new: bytes, batch: WriteBatch) -> None:
    assert task.target is not None
    if task.root is None:  # --in-place: only changed files, never over a file changed since
        if new == old:
            return
        with open(task.target, "rb") as fh:
            if fh.read() != old:
                raise WriteError(f"{task.name}: changed since it was read; not written")
        batch.add(Path(task.target), new)
        return
    if not inside(task.target, task.root):
        raise WriteError(f"{task.target}: resolves outside the output directory; not written")
    batch.add(Path(task.target), new)


def _failed(task: Task, message: str, sha: str = "") -> Result:
    return Result(task.seq, task.rel, Outcome(task.name, sha, error=message), "failed")


def shift_lines(outcome: Outcome, name: str, offset: int) -> None:
    """Line numbers of a JSONL block made relative to the whole file (also used by the
    Spark engine, which converts a JSONL file a line at a time)."""
    for doc in outcome.documents:
        head, _, line = doc.path.rpartition(":")
        if head == name and line.isdigit():
            doc.path = f"{name}:{int(line) + offset}"
        for position, fix in enumerate(doc.fixes):
            doc.fixes[position] = type(fix)(
                fix.code, fix.line + offset, fix.old, fix.new, fix.prefix, fix.suffix
            )
    if outcome.error:
        outcome.error = re.sub(
            rf"^{re.escape(name)}:(\d+)",
            lambda m: f"{name}:{int(m.group(1)) + offset}",
            outcome.error,
        )


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


PARENT_CHECK = 0.5
"""Seconds between a worker's checks that the main process is still there."""


def _ready() -> int:
    return os.getpid()


class Pool:
    """``-j`` worker processes (or none for ``-j 1``) with at most ``window`` chunks in flight."""

    def __init__(self, jobs: int, options: Options, window: int | None = None) -> None:
        self.jobs = max(1, jobs)
        self.options = options
        self.window = window or self.jobs * 2
        self._executor: ProcessPoolExecutor | None = None
        self._pending: deque[Future[list[Result]]] = deque()
        self.worker_pids: list[int] = []

    def cap(self, work: int) -> None:
        """No more workers than there are inputs to share out, or cores to run them."""
        self.jobs = max(1, min(self.jobs, work, os.cpu_count() or 1))
        self.window = min(self.window, self.jobs * 2)

    def start(self) -> None:
        """Start the workers now (before any progress-bar thread exists in this process)."""
        warm_up(self.options)
        if self.jobs == 1:
            return
        self._executor = ProcessPoolExecutor(self.jobs, initializer=_init_worker)
        futures = [self._executor.submit(_ready) for _ in range(self.jobs)]
        self.worker_pids = sorted({f.result() for f in futures})

    def results(
        self,
        chunks: Iterable[list[Task]],
        ordered: bool,
        stop: Callable[[], bool] = lambda: False,
    ) -> Iterator[list[Result]]:
        """Each chunk's results: in submission order when ``ordered``, else as they finish.

        ``stop()`` is checked between chunks and every 0.1 s while waiting; when it says
        so, ``KeyboardInterrupt`` is raised here, never between taking a result and
        handing it over, so ``drain`` finds every chunk whose result was not consumed.
        """
        if self._executor is None:
            for chunk in chunks:
                if stop():
                    raise KeyboardInterrupt
                yield run_chunk(chunk, self.options)
            return
        for chunk in chunks:
            while len(self._pending) >= self.window:
                yield from self._next(ordered, stop)
            if stop():
                raise KeyboardInterrupt
            self._pending.append(self._executor.submit(run_chunk, chunk, self.options))
        while self._pending:
            yield from self._next(ordered, stop)

    def _next(self, ordered: bool, stop: Callable[[], bool]) -> Iterator[list[Result]]:
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

    def drain(self) -> list[list[Result]]:
        """After Ctrl-C: cancel chunks not started, wait for the running ones, return theirs."""
        out: list[list[Result]] = []
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
