"""Worker processes shared by ``convert`` and ``check -j``: chunks of work, a bounded
number in flight, and a worker killed from outside costing only the chunk it had.

Each worker is forked from the main process after a warm-up (patterns compiled, rates
read), so it starts with them instead of loading them again, and talks to the main process
over two pipes of its own: chunks in, results out, each one pickled frame. A worker is
given the next chunk while it works on the current one (at most ``window`` chunks are
handed out and not yet consumed, so memory is bounded by the chunk size whatever the
number of files); it works on them in the order given, so when one dies (the OOM killer,
``kill -9``) the main process knows which chunk it had: that chunk's items become
``lost(chunk, reason)`` results, the chunks it had not started go to the other workers
(or, with none left, run in this process), and the run goes on. The main process writes
to a worker without blocking and reads whatever arrives, so a big chunk and a big result
crossing each other never deadlock. (Not ``pebble.ProcessPool``: its workers share one
pipe and lock each way, so one killed while sending a result or taking a chunk leaves them
half-written and held, and the pool stalls 60 s, then fails every chunk; one killed while
no chunk runs breaks it. Pebble issues 97, 153 and 163; the test of a kill while sending.)

With one job everything runs in this process. Workers ignore SIGINT: on Ctrl-C the main
process stops handing out work, lets the chunks already running finish, and reports what
was done; they exit when the main process dies.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import pickle
import selectors
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

__all__ = ["PARENT_CHECK", "WorkerPool", "killed_reason"]

T = TypeVar("T")
R = TypeVar("R")

PARENT_CHECK = 0.5
"""Seconds between a worker's checks that the main process is still there."""

_LENGTH = 8
"""Bytes of the length that starts every frame."""
_DONE, _FAILED, _CANCELLED = 0, 1, 2
"""A worker's answer to a chunk: its results, the exception it raised, or not started."""
_PER_WORKER = 2
"""Chunks handed to one worker at a time: the one it works on and the next."""


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


def _frame(payload: object) -> bytes:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(_LENGTH, "little") + data


def _read_exact(fd: int, size: int) -> bytes | None:
    """``size`` bytes from a blocking pipe, or ``None`` at its end."""
    parts = []
    while size:
        data = os.read(fd, min(size, 1 << 20))
        if not data:
            return None
        parts.append(data)
        size -= len(data)
    return b"".join(parts)


def _answer(work: Callable[[Any], Any], chunk: object, cancelled: ctypes.c_bool) -> bytes:
    if cancelled.value:
        return _frame((_CANCELLED, None))
    try:
        return _frame((_DONE, work(chunk)))
    except Exception as exc:  # the main process raises it where the result was due
        try:
            return _frame((_FAILED, exc))
        except Exception:  # an exception that does not pickle
            return _frame((_FAILED, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _serve(
    tasks: int,
    results: int,
    work: Callable[[Any], Any],
    cancelled: ctypes.c_bool,
    inherited: list[int],
) -> None:
    """A worker's life: read a chunk, answer it, until the main process closes the pipe."""
    for fd in inherited:  # the other workers' pipes: their ends must be theirs alone
        with contextlib.suppress(OSError):
            os.close(fd)
    _init_worker()
    try:
        while True:
            head = _read_exact(tasks, _LENGTH)
            body = None if head is None else _read_exact(tasks, int.from_bytes(head, "little"))
            if body is None:
                return
            reply = memoryview(_answer(work, pickle.loads(body), cancelled))
            while reply:
                reply = reply[os.write(results, reply) :]
    except OSError:  # the main process went away or closed the pipe: nothing to tell
        return


@dataclass(eq=False)
class _Worker:
    """The main process's side of one worker."""

    process: BaseProcess
    tasks: int
    """Write end of the chunks pipe (non-blocking)."""
    results: int
    """Read end of the results pipe (non-blocking)."""
    given: deque[int] = field(default_factory=deque)
    """Sequence numbers of the chunks handed to it, oldest (the one it works on) first."""
    outbox: deque[memoryview] = field(default_factory=deque)
    """Frames not yet (wholly) written to it."""
    partial: bool = False
    """The first frame of ``outbox`` is partly written."""
    inbox: bytearray = field(default_factory=bytearray)


def killed_reason(exitcode: int | None) -> str:
    """How a worker process ended, for the message of the items it had."""
    if exitcode is not None and exitcode < 0:
        with contextlib.suppress(ValueError):
            return f"its worker process was killed by {signal.Signals(-exitcode).name}"
    return f"its worker process ended unexpectedly (exit code {exitcode})"


class WorkerPool(Generic[T, R]):
    """``jobs`` worker processes (or none for one job) running ``work`` on chunks, with at
    most ``window`` chunks in flight. ``warm`` runs here before the workers fork, so they
    start with what it loaded (patterns, rates); ``lost(chunk, reason)`` stands in for the
    results of a chunk whose worker died."""

    def __init__(
        self,
        jobs: int,
        work: Callable[[list[T]], list[R]],
        warm: Callable[[], object] = lambda: None,
        window: int | None = None,
        lost: Callable[[list[T], str], list[R]] | None = None,
    ) -> None:
        self.jobs = max(1, jobs)
        self.work = work
        self.warm = warm
        self.window = window or self.jobs * _PER_WORKER
        self.lost = lost
        self.worker_pids: list[int] = []
        self._workers: list[_Worker] = []
        self._selector: selectors.BaseSelector | None = None
        self._cancelled: ctypes.c_bool | None = None
        self._chunks: dict[int, list[T]] = {}
        """Handed out, not answered yet."""
        self._done: dict[int, tuple[int, Any]] = {}
        """Answered (or lost), not handed over yet."""
        self._orphans: deque[int] = deque()
        """Chunks a dead worker had not started: the next to hand out."""
        self._next = 0
        self._exhausted = False
        """The chunks given to :meth:`results` are all taken."""

    def cap(self, work: int) -> None:
        """No more workers than there are inputs to share out, or cores to run them."""
        self.jobs = max(1, min(self.jobs, work, os.cpu_count() or 1))
        self.window = min(self.window, self.jobs * _PER_WORKER)

    def start(self) -> None:
        """Start the workers now (before any progress-bar thread exists in this process)."""
        self.warm()
        if self.jobs == 1:
            return
        if "fork" not in multiprocessing.get_all_start_methods():
            self.jobs = 1  # the workers start as copies of this process, or not at all
            return
        context = multiprocessing.get_context("fork")
        self._cancelled = context.RawValue(ctypes.c_bool, False)
        self._selector = selectors.DefaultSelector()
        gc.freeze()  # what the warm-up made is shared with the workers, not copied on write
        try:
            for _ in range(self.jobs):
                self._fork(context)
        finally:
            gc.unfreeze()
        self.worker_pids = sorted(w.process.pid or 0 for w in self._workers)

    def _fork(self, context: Any) -> None:
        assert self._selector is not None
        tasks_r, tasks_w = os.pipe()
        results_r, results_w = os.pipe()
        inherited = [fd for w in self._workers for fd in (w.tasks, w.results)]
        process = context.Process(
            target=_serve,
            args=(tasks_r, results_w, self.work, self._cancelled, [tasks_w, results_r, *inherited]),
            name="moneyfix-worker",
            daemon=True,
        )
        process.start()
        os.close(tasks_r)
        os.close(results_w)
        os.set_blocking(tasks_w, False)
        os.set_blocking(results_r, False)
        worker = _Worker(process, tasks_w, results_r)
        self._workers.append(worker)
        self._selector.register(results_r, selectors.EVENT_READ, worker)
        self._selector.register(process.sentinel, selectors.EVENT_READ, worker)

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
        if not self._workers:
            for chunk in chunks:
                if stop():
                    raise KeyboardInterrupt
                yield self.work(chunk)
            return
        first = self._next
        source = iter(chunks)
        self._exhausted = False
        while True:
            while len(self._chunks) + len(self._done) < self.window:
                if not self._hand_out(source, stop):
                    break
            if stop():
                raise KeyboardInterrupt
            if ordered:
                ready = []
                while first in self._done:
                    ready.append(first)
                    first += 1
            else:
                ready = sorted(self._done)
            for seq in ready:
                yield self._handed_over(seq)
            if self._exhausted and not self._chunks and not self._done:
                return
            if not ready:
                self._wait(0.1)

    def _hand_out(self, source: Iterator[list[T]], stop: Callable[[], bool]) -> bool:
        """Give the next chunk (one a dead worker left, else a new one) to the least busy
        worker, or run it here when no worker is left; ``False``: nothing was handed out
        (every worker busy, or no chunk left)."""
        free = [w for w in self._workers if len(w.given) < _PER_WORKER]
        if self._workers and not free:
            return False
        if self._orphans:
            seq = self._orphans.popleft()
        elif self._exhausted:
            return False
        else:
            chunk = next(source, None)
            if chunk is None:
                self._exhausted = True
                return False
            if stop():
                raise KeyboardInterrupt
            seq, self._next = self._next, self._next + 1
            self._chunks[seq] = chunk
        if not free:  # every worker died: the rest is done here
            self._done[seq] = (_DONE, self.work(self._chunks.pop(seq)))
            return True
        worker = min(free, key=lambda w: len(w.given))
        worker.given.append(seq)
        worker.outbox.append(memoryview(_frame(self._chunks[seq])))
        self._flush(worker)
        return True

    def _handed_over(self, seq: int) -> list[R]:
        status, payload = self._done.pop(seq)
        if status == _FAILED:
            raise payload
        results: list[R] = payload
        return results

    def _flush(self, worker: _Worker) -> None:
        assert self._selector is not None
        try:
            while worker.outbox:
                head = worker.outbox[0]
                written = os.write(worker.tasks, head)
                worker.partial = written < len(head)
                if worker.partial:
                    worker.outbox[0] = head[written:]
                    break
                worker.outbox.popleft()
        except BlockingIOError:
            pass
        except OSError:  # it died: its sentinel says so
            worker.outbox.clear()
            return
        events = selectors.EVENT_WRITE if worker.outbox else 0
        key = self._selector.get_map().get(worker.tasks)
        if events and key is None:
            self._selector.register(worker.tasks, events, worker)
        elif not events and key is not None:
            self._selector.unregister(worker.tasks)

    def _wait(self, timeout: float) -> None:
        """Write what can be written, read what arrived, and bury the dead."""
        assert self._selector is not None
        for key, _ in self._selector.select(timeout):
            worker: _Worker = key.data
            if worker not in self._workers:
                continue
            if key.fd == worker.tasks:
                self._flush(worker)
            elif key.fd == worker.results:
                self._read(worker)
            else:
                self._bury(worker)

    def _read(self, worker: _Worker) -> bool:
        """Take in what the worker wrote; ``False`` at the end of its pipe."""
        try:
            while True:
                data = os.read(worker.results, 1 << 20)
                if not data:
                    return False
                worker.inbox += data
                self._frames(worker)
        except BlockingIOError:
            return True
        except OSError:
            return False

    def _frames(self, worker: _Worker) -> None:
        inbox = worker.inbox
        while len(inbox) >= _LENGTH:
            size = int.from_bytes(inbox[:_LENGTH], "little")
            if len(inbox) < _LENGTH + size:
                return
            status, payload = pickle.loads(inbox[_LENGTH : _LENGTH + size])
            del inbox[: _LENGTH + size]
            seq = worker.given.popleft()
            del self._chunks[seq]
            if status != _CANCELLED:
                self._done[seq] = (status, payload)

    def _bury(self, worker: _Worker) -> None:
        """A worker died: what it finished counts, the chunk it had is lost, the chunks it
        had not started go to the others."""
        assert self._selector is not None
        os.set_blocking(worker.results, True)
        while self._read(worker):
            pass
        worker.process.join()
        reason = killed_reason(worker.process.exitcode)
        for fd in (worker.results, worker.process.sentinel, worker.tasks):
            with contextlib.suppress(KeyError, ValueError):
                self._selector.unregister(fd)
        for fd in (worker.results, worker.tasks):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._workers.remove(worker)
        if worker.given:
            seq = worker.given.popleft()
            chunk = self._chunks.pop(seq)
            if self._cancelled is not None and self._cancelled.value:
                pass  # winding down after Ctrl-C or an error: nothing more is reported
            elif self.lost is None:
                self._done[seq] = (_FAILED, RuntimeError(reason))
            else:
                self._done[seq] = (_DONE, self.lost(chunk, reason))
        self._orphans.extendleft(reversed(worker.given))
        worker.given.clear()

    def drain(self) -> list[list[R]]:
        """After Ctrl-C: cancel chunks not started, wait for the running ones, return theirs."""
        if self._cancelled is not None:
            self._cancelled.value = True
        for worker in self._workers:  # chunks not written to it at all: never started
            keep = 1 if worker.partial else 0
            while len(worker.outbox) > keep:
                worker.outbox.pop()
                self._chunks.pop(worker.given.pop())
        for seq in self._orphans:
            self._chunks.pop(seq)
        self._orphans.clear()
        while any(w.given for w in self._workers):
            self._wait(0.1)
        out = [payload for _, (status, payload) in sorted(self._done.items()) if status == _DONE]
        self._done.clear()
        return out

    def close(self) -> None:
        """Stop the workers: they finish nothing more, and exit on the end of their pipe."""
        if self._cancelled is not None:
            self._cancelled.value = True
        for worker in self._workers:
            for fd in (worker.tasks, worker.results):
                with contextlib.suppress(OSError):
                    os.close(fd)
        for worker in self._workers:
            worker.process.join()
        self._workers.clear()
        if self._selector is not None:
            self._selector.close()
            self._selector = None
