"""Items worked through in order, here or shared out among worker processes.

What ``scan`` and a big file's ``check`` share: a stream of documents (a file's chunks,
a JSONL file's records, many files) whose results must come out in order and one at a
time, so that memory stays bounded by a few items and their results. Without ``-j``,
the first items are done in this process until they hold ``jobs.WORKERS_AFTER`` of text
(a handful of small files never pays for a pool), and a worker per core takes the rest;
the items done first have also warmed up what the workers start with.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from moneyfix.jobs import WORKERS_AFTER

T = TypeVar("T")
R = TypeVar("R")


def in_order(
    items: Iterable[T],
    here: Callable[[T], R],
    there: Callable[[list[T]], list[R]],
    jobs: int | None,
    size: Callable[[T], int],
    warm: Callable[[], object] = lambda: None,
) -> Iterator[R]:
    """The result of each item, in the items' order: ``here(item)`` in this process, or
    ``there(batch)`` in one of ``jobs`` worker processes, for batches of items holding
    ``BATCH`` of their ``size`` (no more workers than cores; a worker killed from outside
    costs only its batch, done here again). With ``jobs`` None, here while the items'
    ``size`` adds up to less than ``WORKERS_AFTER``, and in a worker per core after
    that. ``warm`` runs before the workers fork (patterns, rates)."""
    items = iter(items)
    if jobs is None:
        done = 0
        for item in items:
            yield here(item)
            done += size(item)
            if done >= WORKERS_AFTER:
                break
        following = next(items, None)
        if following is None:
            return
        items = itertools.chain((following,), items)
        jobs = os.cpu_count() or 1
    if jobs > 1:
        from moneyfix.workers import WorkerPool

        pool = WorkerPool(jobs, there, warm, lost=lambda chunk, _reason: there(chunk))
        pool.cap(jobs)
        if pool.jobs > 1:
            pool.start()
            try:
                for results in pool.results(_batches(items, size), ordered=True):
                    yield from results
            finally:
                pool.close()
            return
    yield from map(here, items)


BATCH = 1 << 18
"""Text a batch of items handed to a worker holds at least (unless the items run out):
a round trip per item would cost more than many a small item's work (a JSONL file's
records), and a big item (a file's 1 MB chunk) goes alone."""


def _batches(items: Iterable[T], size: Callable[[T], int]) -> Iterator[list[T]]:
    batch: list[T] = []
    held = 0
    for item in items:
        batch.append(item)
        held += size(item)
        if held >= BATCH:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch
