"""Files in, reports (and safe rewrites) out: the pipeline behind check, fix and scan.

Per file: read its documents (one, or one per JSONL record), check each, and when
fixing, apply the chosen edits, prove the text outside them unchanged, check the result
again, and only then write the whole file atomically. Any problem becomes the file's
one-line error; other files go on.
"""

from __future__ import annotations

import contextlib
import difflib
from bisect import bisect_left, bisect_right
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import accumulate, chain
from pathlib import Path

from moneyfix.check import check_document, warm_up
from moneyfix.config import Config, ConfigError
from moneyfix.documents import DocumentError, Source, write_back
from moneyfix.fixes import EditConflict, WriteError, apply_edits, unchanged_outside, write_atomic
from moneyfix.jobs import Job, config_for, default_jobs, documents_of
from moneyfix.model import SEVERITY_ORDER, Document, Edit, FileReport, Finding
from moneyfix.rates.files import RatesFileError
from moneyfix.rates.table import RateTable, table_for


class FixError(Exception):
    """A rewrite failed its safety checks; nothing was written."""


@dataclass
class FileResult:
    """One input file: its reports, and what fixing did to it."""

    name: str
    reports: list[FileReport] = field(default_factory=list)
    original: str = ""
    fixed: str | None = None
    written: bool = False
    error: str | None = None
    stdin: bool = False
    """Read from stdin: a fixed text goes to stdout, never to a file."""
    applied: list[tuple[str, str, Finding]] = field(default_factory=list)
    """The fixes applied: (document path, its text before, the finding fixed)."""
    suppressed: int = 0
    """Findings silenced by the comments ``--add-ignore`` wrote."""
    parts: Iterator[tuple[FileReport, bool]] | None = None
    """A big file's reports made as its chunks are checked (``run_file(stream=True)``),
    in place of ``reports``; consumed once. An error partway ends them with the file's
    error report, and sets ``error``."""

    def report_parts(self) -> Iterator[tuple[FileReport, bool]]:
        """``(report, part)`` of every report, ``part`` for a further part of the report
        before it (``moneyfix.chunked.check_parts``)."""
        if self.parts is not None:
            return self.parts
        return ((report, False) for report in self.reports)

    @property
    def diff(self) -> str:
        if self.fixed is None or self.fixed == self.original:
            return ""
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.fixed.splitlines(keepends=True),
                fromfile=f"a/{self.name.lstrip('/')}",
                tofile=f"b/{self.name.lstrip('/')}",
            )
        )


def run_file(
    path: Path,
    job: Job,
    table: RateTable,
    data: bytes | None = None,
    name: str | None = None,
    stream: bool = False,
    jobs: int | None = 1,
) -> FileResult:
    """Check (and fix) one file; ``data`` given means stdin, read under ``name``.
    ``stream``: a big file's reports are made as its chunks are read (``parts``).
    ``jobs``: the worker processes that check a big file's chunks (None: a worker per
    core, ``chunked.check_parts``)."""
    shown = name or str(path)
    result = FileResult(shown, stdin=data is not None)
    try:
        config = config_for(path if data is None else Path.cwd() / shown, job)
        chunked = (
            None if data is not None else _checked_in_chunks(path, shown, job, config, table, jobs)
        )
        if chunked is not None:
            if stream:
                result.parts = _guarded(result, next(chunked), chunked)
            else:
                from moneyfix.report.stream import joined

                result.reports = joined(chunked)
            return result
        items = documents_of(path, config, data, shown)
        result.original = items[0][1].text if items else ""
        result.reports = [check_document(doc, config, table) for doc, _ in items]
        if job.mode == "fix":
            _fix(result, items, config, table, write=job.write and data is None)
        elif job.mode == "add-ignore":
            _add_ignores(result, items, config, table, write=job.write and data is None)
    except (DocumentError, ConfigError, WriteError, FixError, RatesFileError) as exc:
        result.error = str(exc)
    except Exception as exc:  # a bug must cost one file, not the run (SPEC §8)
        result.error = internal_error(shown, exc)
    if result.error is not None:
        result.reports = [error_report(shown, result.error)]
    return result


def _checked_in_chunks(
    path: Path, name: str, job: Job, config: Config, table: RateTable, jobs: int | None
) -> Iterator[tuple[FileReport, bool]] | None:
    """The report parts of a big text, Markdown or JSONL file checked a chunk at a time
    (memory bounded by a few chunks), or ``None`` to read it whole: a smaller file, HTML,
    an encoding read only whole, or fixing (a fix rewrites and re-checks the whole text)."""
    from moneyfix.chunked import check_parts, chunkable
    from moneyfix.documents.chunks import NotChunkable

    if job.mode != "check" or not chunkable(path):
        return None
    parts = check_parts(path, name, config, table, jobs=jobs)
    try:
        first = next(parts)
    except NotChunkable:
        return None
    return chain([first], parts)


def _guarded(
    result: FileResult, first: tuple[FileReport, bool], rest: Iterator[tuple[FileReport, bool]]
) -> Iterator[tuple[FileReport, bool]]:
    """The parts of a big file; a problem partway (a read error, a bug) becomes the file's
    error, its report's last part, as ``run_file`` makes it for a file read whole."""
    yield first
    try:
        yield from rest
    except (DocumentError, ConfigError, RatesFileError) as exc:
        result.error = str(exc)
    except Exception as exc:  # a bug must cost one file, not the run (SPEC §8)
        result.error = internal_error(result.name, exc)
    if result.error is not None:
        yield error_report(result.name, result.error), True


CHUNK = 16
"""Files per chunk handed to a worker process by :func:`run_files`."""


def run_files(
    paths: list[Path],
    job: Job,
    table: RateTable,
    jobs: int | None = 1,
    rates_dir: Path | None = None,
    stream: bool = False,
) -> Generator[FileResult, None, None]:
    """:func:`run_file` over ``paths``, the results in their order; with ``jobs`` > 1 in
    that many worker processes (no more than the files and the cores), which read the
    rates of ``rates_dir`` themselves; with ``jobs`` None, as ``jobs.default_jobs`` says
    for :func:`_pooled_size`. ``stream`` as for ``run_file``, in this process only (a
    worker's results travel whole). Files checked here share a big file's
    chunks out to ``jobs`` workers (``run_file``)."""
    per_file = jobs
    if jobs is None:
        jobs = default_jobs(_pooled_size(paths))
    pool = None
    # One process needs no pool, whose import (multiprocessing, ctypes, socket) costs a
    # small check 15 million instructions of its ~650.
    if jobs > 1 and len(paths) > 1:
        from moneyfix.workers import WorkerPool

        pool = WorkerPool(
            jobs,
            partial(_run_chunk, job=job, rates_dir=rates_dir),
            partial(_warm_up, rates_dir),
            lost=_lost_chunk,
        )
        pool.cap(len(paths))
    if pool is None or pool.jobs == 1:
        yield from (run_file(path, job, table, stream=stream, jobs=per_file) for path in paths)
        return
    pool.start()
    try:
        chunks = (paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK))
        for results in pool.results(chunks, ordered=True):
            yield from results
    finally:
        pool.close()


def _pooled_size(paths: list[Path]) -> int:
    """The bytes of the files, which decide the default of workers; 0 when one of them is
    read in chunks (``chunked.chunkable``): such a file's reports are made and let go
    here a chunk at a time, its chunks checked by the workers (a worker's reports of a
    whole file would travel back whole). A file that cannot be read counts nothing: its
    error comes when it is checked."""
    from moneyfix.chunked import chunkable

    total = 0
    for path in paths:
        if chunkable(path):
            return 0
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def _run_chunk(paths: list[Path], job: Job, rates_dir: Path | None) -> list[FileResult]:
    table = table_for(rates_dir)
    results = [run_file(path, job, table) for path in paths]
    if not job.details:
        for report in (report for result in results for report in result.reports):
            report.amounts, report.pairs = [], []
    return results


def _lost_chunk(paths: list[Path], reason: str) -> list[FileResult]:
    """The results of files whose worker process died (the OOM killer, ``kill -9``)."""
    results = []
    for path in paths:
        error = f"{path}: not checked: {reason}; nothing written"
        results.append(FileResult(str(path), [error_report(str(path), error)], error=error))
    return results


def _warm_up(rates_dir: Path | None) -> None:
    """Compile the scanner's patterns, read the lexicon and the dollar's rates before the
    workers fork, so each starts with them instead of paying for them again (a problem
    with the rates is each file's own error, reported by the workers)."""
    with contextlib.suppress(Exception):
        warm_up(table_for(rates_dir))


def error_report(name: str, message: str) -> FileReport:
    """The report of a file that could not be checked: the reason, without the file's name
    that the one-line message starts with (every format shows the path itself)."""
    reason = message.removeprefix(f"{name}: ")
    return FileReport(path=name, error=reason)


def internal_error(name: str, exc: BaseException) -> str:
    """The one line for a file that hit a bug: named, nothing written, worth a report."""
    kind = type(exc).__name__
    detail = f"{kind}: {str(exc).splitlines()[0][:200]}" if str(exc) else kind
    return f"{name}: internal error ({detail}); nothing written"


def chosen_edits(findings: list[Finding], unsafe: bool) -> list[tuple[Finding, tuple[Edit, ...]]]:
    """The fixes to apply: safe ones, unsafe ones when asked; none that overlap."""
    chosen: list[tuple[Finding, tuple[Edit, ...]]] = []
    taken = _Spans()
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.edits:
            continue
        if fix.applicability != "safe" and not (unsafe and fix.applicability == "unsafe"):
            continue
        if any(taken.touches(e.start, e.end) for e in fix.edits):
            continue
        for e in fix.edits:
            taken.add(e.start, e.end)
        chosen.append((finding, fix.edits))
    return chosen


class _Spans:
    """Closed spans taken so far, kept merged and in order: whether a new span touches one
    is a bisection, where comparing it with every span taken was quadratic in the fixes."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def touches(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, end) - 1
        return i >= 0 and self._ends[i] >= start

    def add(self, start: int, end: int) -> None:
        first = bisect_left(self._ends, start)  # the spans [first, last) touch it
        last = bisect_right(self._starts, end)
        if first < last:
            start, end = min(start, self._starts[first]), max(end, self._ends[last - 1])
        self._starts[first:last] = [start]
        self._ends[first:last] = [end]


def fix_document(
    doc: Document, report: FileReport, config: Config, table: RateTable
) -> tuple[str, FileReport]:
    """The document's fixed text and its report after fixing, or ``FixError``."""
    return apply_fixes(
        doc, report, chosen_edits(report.findings, config.unsafe_fixes), config, table
    )


def apply_fixes(
    doc: Document,
    report: FileReport,
    chosen: list[tuple[Finding, tuple[Edit, ...]]],
    config: Config,
    table: RateTable,
) -> tuple[str, FileReport]:
    """Apply chosen fixes safely: no overlap, text outside the edits unchanged, and the
    result checked again with no new problem; else ``FixError`` and nothing changes."""
    if not chosen:
        return doc.text, report
    edits = [e for _, fix_edits in chosen for e in fix_edits]
    try:
        new_text = apply_edits(doc.text, edits)
    except EditConflict as exc:
        raise FixError(f"{doc.path}: fixes conflict ({exc}); nothing written") from None
    if not unchanged_outside(doc.text, new_text, edits):
        raise FixError(f"{doc.path}: a fix changed text outside its span; nothing written")
    fixed_doc = replace(doc, text=new_text, skip=shifted(doc.skip, edits))
    after = check_document(fixed_doc, config, table)
    if _worse(report.findings, after.findings, [f for f, _ in chosen]):
        raise FixError(f"{doc.path}: the fixed text does not check clean; nothing written")
    after.fixed = report.fixed + len(chosen)
    return new_text, after


def _worse(before: list[Finding], after: list[Finding], fixed: list[Finding]) -> bool:
    """Fixing may only remove problems: no more errors and warnings than before, less the fixed."""

    def problems(findings: list[Finding]) -> int:
        return sum(1 for f in findings if SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER["warning"])

    return problems(after) > problems(before) - problems(fixed)


def shifted(skip: tuple[tuple[int, int], ...], edits: list[Edit]) -> tuple[tuple[int, int], ...]:
    """Skip regions moved by the length changes of edits before them (edits never touch them)."""
    ordered = sorted(edits, key=lambda e: e.end)
    ends = [e.end for e in ordered]
    deltas = [0, *accumulate(len(e.replacement) - (e.end - e.start) for e in ordered)]
    out = []
    for start, end in skip:
        delta = deltas[bisect_right(ends, start)]
        out.append((start + delta, end + delta))
    return tuple(out)


def _fix(
    result: FileResult,
    items: list[tuple[Document, Source]],
    config: Config,
    table: RateTable,
    write: bool,
) -> None:
    new_texts = []
    for position, (doc, _) in enumerate(items):
        report = result.reports[position]
        chosen = chosen_edits(report.findings, config.unsafe_fixes)
        text, after = apply_fixes(doc, report, chosen, config, table)
        new_texts.append(text)
        result.reports[position] = after
        result.applied.extend((doc.path, doc.text, finding) for finding, _ in chosen)
    _write(result, items, new_texts, write)


def _add_ignores(
    result: FileResult,
    items: list[tuple[Document, Source]],
    config: Config,
    table: RateTable,
    write: bool,
) -> None:
    """Suppress every current finding with a comment (adopting the tool on old articles)."""
    from moneyfix.documents.suppress import suppression_edits

    new_texts = []
    for position, (doc, source) in enumerate(items):
        report = result.reports[position]
        if source.kind == "jsonl" or not report.findings:
            new_texts.append(doc.text)
            continue
        edits = suppression_edits(doc.text, source.kind, report.findings, doc.skip)
        new_text = apply_edits(doc.text, edits)
        if not unchanged_outside(doc.text, new_text, edits):
            raise FixError(f"{doc.path}: a suppression changed text outside it; nothing written")
        after = check_document(
            replace(doc, text=new_text, skip=shifted(doc.skip, edits)), config, table
        )
        result.suppressed += len(report.findings) - len(after.findings)
        new_texts.append(new_text)
        result.reports[position] = after
    _write(result, items, new_texts, write)


def _write(
    result: FileResult, items: list[tuple[Document, Source]], new_texts: list[str], write: bool
) -> None:
    fixed = write_back(items, new_texts)
    result.fixed = fixed
    if write and fixed != result.original:
        result.written = write_atomic(items[0][1], fixed)
