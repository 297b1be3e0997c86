"""Running conversions in parallel: chunks of tasks on ``moneyfix.workers``' processes
(a bounded number in flight; with ``-j 1`` everything runs in this process).

A task names a file to read (and the output to write, which the worker does itself, so
writes happen in parallel and as soon as each file is done), or carries the bytes of an
archive member / a block of JSONL lines and gets the new bytes back. Workers ignore
SIGINT: on Ctrl-C the main process stops handing out work, lets the chunks already
running finish (each write is atomic anyway), and reports what was done.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import partial
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
from moneyfix.workers import WorkerPool

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


class Pool(WorkerPool[Task, Result]):
    """``convert``'s workers: :func:`run_chunk` on each chunk, the scanner's patterns and
    the usual rates loaded before they fork."""

    def __init__(self, jobs: int, options: Options, window: int | None = None) -> None:
        super().__init__(
            jobs, partial(run_chunk, options=options), partial(warm_up, options), window, _lost
        )


def _lost(tasks: list[Task], reason: str) -> list[Result]:
    """The results of tasks whose worker process died (the OOM killer, ``kill -9``)."""
    return [_failed(task, f"{task.name}: not converted: {reason}") for task in tasks]
