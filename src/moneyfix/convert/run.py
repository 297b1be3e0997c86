"""A whole convert run: plan the inputs, hand out the work, write, report, remember.

Plain document files are converted and written by the workers, in any order. Archives
and JSONL files are *streams*: their members (or blocks of lines) go through the pool in
order and come back in order into a new archive / file built in a temporary file and
renamed into place when complete. A JSONL file is split into blocks of lines, so one
large export is converted in parallel too.

Outputs with nothing changed are byte-identical copies of their inputs. With
``--in-place`` only changed files are rewritten (atomically, and never over a file that
changed since it was read); there is no manifest, and a rerun finds nothing left to fix.
"""

from __future__ import annotations

import contextlib
import hashlib
import lzma
import os
import signal
import tarfile
import tempfile
import threading
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from moneyfix.config import ConfigError
from moneyfix.convert.archives import ArchiveWriter, copy_atomic, inside
from moneyfix.convert.plan import (
    ArchiveInput,
    FileInput,
    Member,
    UnsafeMember,
    is_document,
    iter_members,
    shown_name,
)
from moneyfix.convert.pool import Pool, Result, Task
from moneyfix.convert.progress import Counters, Progress
from moneyfix.convert.reports import ReportWriter, entry_for, stored_entry
from moneyfix.convert.state import State, clean_temporaries, rates_version
from moneyfix.convert.worker import Options, Outcome, table_for
from moneyfix.fixes import new_file_mode
from moneyfix.inputs import InputError

__all__ = ["Run", "Settings"]

_STREAM_ERRORS = (
    OSError,
    EOFError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    tarfile.TarError,
    zlib.error,
    lzma.LZMAError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


@dataclass(frozen=True)
class Settings:
    """How to run: where outputs go, how many workers, how work is cut up."""

    options: Options
    out: Path | None = None
    in_place: bool = False
    jobs: int = 1
    chunk: int = 16
    """Files (or archive members) per chunk handed to a worker."""
    jsonl_block: int = 200
    """JSONL lines per block."""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass
class _Stream:
    """One archive or JSONL file being rebuilt."""

    name: str
    changed: bool = False
    failed: str | None = None
    documents: list[Any] = field(default_factory=list)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Run:
    """One ``convert`` invocation; ``execute`` returns the counters (also on Ctrl-C)."""

    def __init__(
        self,
        settings: Settings,
        progress: Progress | None = None,
        report: ReportWriter | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings
        self.progress = progress or Progress(enabled=False)
        self.report = report
        self.say = say or (lambda line: None)
        self.counters = Counters()
        self.errors = 0
        """Inputs that could not be used at all (missing paths, refused archives)."""
        self.state: State | None = None
        self.pool = Pool(settings.jobs, settings.options)
        self._seen: set[str] = set()
        self._writer: ArchiveWriter | _PartsWriter | None = None
        self._stop = False

    # -- the run -------------------------------------------------------------------------

    def execute(self, paths: list[str]) -> Counters:
        """Convert everything; Ctrl-C at any point ends with what was done so far."""
        phase = "setup"
        previous = self._catch_ctrl_c()
        try:
            s = self.settings
            files, streams = self._plan(paths)
            members = sum(_member_count(u, s.include, s.exclude) for u in streams)
            self.pool.cap(len(files) + max(members, len(streams)))
            self.pool.start()
            if self._stop:
                raise KeyboardInterrupt
            self.progress.start(len(files) + members)
            phase = "files"
            self._files(files)
            phase = "streams"
            for unit in streams:
                self._stream(unit)
        except KeyboardInterrupt:
            self.counters.interrupted = True
            drained = self.pool.drain()
            if phase == "files":
                for results in drained:
                    self._file_results(results)
            self._abort_stream()
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
            self.pool.close()
            self.progress.stop()
            if self.state is not None:
                try:
                    self.state.save()
                except OSError as exc:
                    self._error(f"{self.state.out}: cannot write the manifest ({exc})")
        return self.counters

    def _plan(self, paths: list[str]) -> tuple[list[FileInput], list[FileInput | ArchiveInput]]:
        """Plain files, and streams (archives, JSONL files); the output directory prepared."""
        from moneyfix.convert.plan import plan_inputs

        s = self.settings
        files: list[FileInput] = []
        streams: list[FileInput | ArchiveInput] = []
        for unit in plan_inputs(paths, s.include, s.exclude, s.out):
            if isinstance(unit, InputError):
                self._error(str(unit))
            elif isinstance(unit, FileInput) and not _is_jsonl(unit.path) and not _is_table(unit):
                files.append(unit)
            else:
                streams.append(unit)
        if s.out is not None:
            table = table_for(s.options.rates_dir)
            try:
                s.out.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self._error(f"{s.out}: cannot create the output directory ({exc.strerror or exc})")
                return [], []
            clean_temporaries(s.out)
            self.state = State.load(s.out, s.options.key(), rates_version(table))
        return files, streams

    # -- plain files ---------------------------------------------------------------------

    def _output(self, rel: str, source: Path) -> Path:
        return self.settings.out / rel if self.settings.out is not None else source

    def _claim(self, rel: str, name: str) -> bool:
        """Refuse a second input that would write the same output."""
        if rel in self._seen:
            self._error(f"{name}: another input already writes {self._output(rel, Path(rel))}")
            return False
        self._seen.add(rel)
        return True

    def _file_tasks(self, files: list[FileInput]) -> Iterator[list[Task]]:
        s = self.settings
        chunk: list[Task] = []
        for seq, unit in enumerate(files):
            if not self._claim(unit.rel, str(unit.path)):
                continue
            chunk.append(
                Task(
                    seq,
                    str(unit.path),
                    unit.rel,
                    unit.config_dir,
                    path=str(unit.path),
                    target=str(self._output(unit.rel, unit.path)),
                    root=str(s.out) if s.out is not None else None,
                    known=self.state.known_hash(unit.rel) if self.state else None,
                )
            )
            if len(chunk) >= s.chunk:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _files(self, files: list[FileInput]) -> None:
        for results in self.pool.results(self._file_tasks(files), False, self._stopping):
            self._file_results(results)

    def _catch_ctrl_c(self) -> Any:
        """The first Ctrl-C only asks the run to stop: the pool stops handing out work at
        its next check, chunks already running finish, and every output on disk gets into
        the manifest and the report. A second Ctrl-C stops at once."""
        if threading.current_thread() is not threading.main_thread():
            return None

        def handler(signum: int, frame: Any) -> None:
            if self._stop:
                raise KeyboardInterrupt
            self._stop = True

        return signal.signal(signal.SIGINT, handler)

    def _stopping(self) -> bool:
        return self._stop

    def _file_results(self, results: list[Result]) -> None:
        for result in results:
            output = str(self._output(result.rel, Path(result.outcome.name)))
            entry = self._count(result.outcome, result.status, output, result.rel)
            if result.status == "failed":
                self.say(result.outcome.error or f"{result.outcome.name}: failed")
            elif self.state is not None:
                self.state.record(
                    result.rel, result.outcome.sha256, result.size, stored_entry(entry)
                )
            if self.report is not None:
                self.report.add(entry)
            self.progress.update(self.counters, 1)
        if self.state is not None:
            self.state.flush()

    def _count(self, outcome: Outcome, status: str, output: str, rel: str) -> dict[str, Any]:
        c = self.counters
        c.files += 1
        if status == "up-to-date":
            c.up_to_date += 1
            stored = self.state.summary(rel) if self.state else None
            entry = dict(stored) if stored else entry_for(outcome, status, output)
            entry["status"] = "up-to-date"
            return entry
        if status == "failed":
            c.failed += 1
        elif status == "changed":
            c.changed += 1
        else:
            c.unchanged += 1
        c.documents += len(outcome.documents)
        c.findings += outcome.findings
        c.fixes += outcome.fixes
        return entry_for(outcome, status, output)

    def _error(self, line: str) -> None:
        self.errors += 1
        self.say(line)

    # -- archives and JSONL files ----------------------------------------------------------

    def _stream(self, unit: FileInput | ArchiveInput) -> None:
        name = str(unit.path)
        if not self._claim(unit.rel, name):
            return
        target = self._output(unit.rel, unit.path)
        if self.settings.out is not None and not inside(target, self.settings.out):
            self._error(f"{target}: resolves outside the output directory; not written")
            return
        try:
            sha = _sha256_file(unit.path)
        except OSError as exc:
            self._error(f"{name}: cannot read ({exc.strerror or exc})")
            return
        if self.state is not None and self.state.known_hash(unit.rel) == sha:
            entry = self._count(Outcome(name, sha), "up-to-date", str(target), unit.rel)
            if self.report is not None:
                self.report.add(entry)
            self.progress.update(self.counters, _member_count(unit))
            return
        if _is_table(unit):
            self._table(unit, sha, target)
            return
        stream = _Stream(name)
        try:
            if isinstance(unit, ArchiveInput):
                self._writer = ArchiveWriter(target, unit.kind)
                self._archive(unit, stream)
            else:
                self._writer = _PartsWriter(target)
                self._jsonl(unit, stream)
        except UnsafeMember as exc:
            self._abort_stream()
            self._error(str(exc))
            self._stream_entry(stream, "refused", None, str(exc))
            return
        except _STREAM_ERRORS as exc:
            self._abort_stream()
            message = f"{name}: cannot read ({getattr(exc, 'strerror', None) or exc})"
            self._error(message)
            self._stream_entry(stream, "failed", None, message)
            return
        writer = self._writer
        assert writer is not None
        self._writer = None
        if isinstance(unit, FileInput) and stream.failed:
            writer.abort()  # a JSONL file with a bad line is not written at all
            self.counters.files += 1
            self.counters.failed += 1
            self.say(stream.failed)
            self._stream_entry(stream, "failed", None, stream.failed)
            return
        self._commit_stream(unit, stream, writer, sha, target)

    def _commit_stream(
        self,
        unit: FileInput | ArchiveInput,
        stream: _Stream,
        writer: ArchiveWriter | _PartsWriter,
        sha: str,
        target: Path,
    ) -> None:
        """Put the finished stream in place (or copy the unchanged input) and remember it."""
        name = str(unit.path)
        try:
            if self.settings.in_place and _sha256_file(unit.path) != sha:
                writer.abort()
                self._error(f"{name}: changed since it was read; not written")
                return
            if stream.changed:
                writer.commit()
            else:
                writer.abort()
                if self.settings.out is not None:
                    copy_atomic(unit.path, target)
        except OSError as exc:
            writer.abort()
            self._error(f"{target}: cannot write ({exc.strerror or exc})")
            return
        status = "changed" if stream.changed else "unchanged"
        entry = self._stream_entry(stream, status, str(target), stream.failed)
        if isinstance(unit, FileInput):
            self.counters.files += 1
            self.counters.changed += stream.changed
            self.counters.unchanged += not stream.changed
        if self.state is not None and not stream.failed:
            size = os.path.getsize(target)
            self.state.record(unit.rel, sha, size, _totals(entry))
            self.state.flush()

    def _abort_stream(self) -> None:
        if self._writer is not None:
            self._writer.abort()
            self._writer = None

    def _stream_entry(
        self, stream: _Stream, status: str, output: str | None, error: str | None
    ) -> dict[str, Any]:
        entry = {
            "path": stream.name,
            "output": output,
            "status": status,
            "error": error,
            "documents": stream.documents,
        }
        if self.report is not None:
            self.report.add(entry)
        return entry

    def _table(self, unit: FileInput | ArchiveInput, sha: str, target: Path) -> None:
        """A Parquet file: its rows fixed in this process, a batch at a time."""
        from moneyfix.convert.parquet import MissingExtra, TableError, convert_parquet
        from moneyfix.convert.worker import config_for_dir

        name = str(unit.path)
        stream = _Stream(name)
        try:
            config = config_for_dir(unit.config_dir, self.settings.options)
            table = table_for(self.settings.options.rates_dir)
            result = convert_parquet(unit.path, target, name, config, table, self.settings.options)
            if not result.changed and self.settings.out is not None:
                copy_atomic(unit.path, target)
        except (MissingExtra, TableError, ConfigError) as exc:
            self._error(str(exc))
            self.counters.files += 1
            self.counters.failed += 1
            self._stream_entry(stream, "failed", None, str(exc))
            return
        except OSError as exc:
            self._error(f"{target}: cannot write ({exc.strerror or exc})")
            return
        stream.changed = result.changed
        stream.documents = result.documents
        for problem in result.errors:
            self._error(problem)
        c = self.counters
        c.files += 1
        c.changed += result.changed
        c.unchanged += not result.changed
        c.documents += len(result.documents)
        c.findings += sum(sum(d["findings"].values()) for d in result.documents)
        c.fixes += result.fixes
        status = "changed" if result.changed else "unchanged"
        error = None
        if result.errors:
            more = len(result.errors) - 1
            error = result.errors[0] + (f" (and {more} more rows)" if more else "")
        entry = self._stream_entry(stream, status, str(target), error)
        if self.state is not None and not result.errors:
            self.state.record(unit.rel, sha, os.path.getsize(target), _totals(entry))
            self.state.flush()
        self.progress.update(self.counters, 1)

    def _archive(self, unit: ArchiveInput, stream: _Stream) -> None:
        """Members in, through the pool in order, into the new archive."""
        s = self.settings
        writer = self._writer
        assert isinstance(writer, ArchiveWriter)
        waiting: deque[Member] = deque()
        prefix = f"{unit.path}:"

        def chunks() -> Iterator[list[Task]]:
            chunk: list[Task] = []
            seq = 0
            for member in iter_members(unit.path, unit.kind, s.include, s.exclude):
                if not member.document:
                    if waiting:
                        waiting.append(member)
                    else:
                        writer.add(member, None)
                    continue
                waiting.append(member)
                shown = shown_name(member.name)
                chunk.append(Task(seq, prefix + shown, shown, unit.config_dir, data=member.data))
                seq += 1
                if len(chunk) >= s.chunk:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk

        for results in self.pool.results(chunks(), True, self._stopping):
            queue = deque(results)
            while waiting and (not waiting[0].document or queue):
                member = waiting.popleft()
                if not member.document:
                    writer.add(member, None)
                    continue
                result = queue.popleft()
                if unit.kind != "zip":
                    self.progress.add_total(1)  # tar members are found as the stream goes
                self._member_result(stream, member, result)
        while waiting:
            writer.add(waiting.popleft(), None)

    def _member_result(self, stream: _Stream, member: Member, result: Result) -> None:
        writer = self._writer
        assert isinstance(writer, ArchiveWriter)
        outcome = result.outcome
        if result.status == "failed":
            # a member that cannot be converted is kept as it was, and reported
            stream.failed = stream.failed or outcome.error
            self.say(outcome.error or f"{outcome.name}: failed")
            writer.add(member, member.data)
        else:
            writer.add(member, outcome.data if outcome.data is not None else member.data)
            stream.changed |= outcome.data is not None
        entry = self._count(outcome, result.status, str(writer.target), result.rel)
        if self.report is not None:
            self.report.add(entry)
        self.progress.update(self.counters, 1)

    def _jsonl(self, unit: FileInput, stream: _Stream) -> None:
        """Blocks of lines in, through the pool in order, into the new file."""
        s = self.settings
        writer = self._writer
        assert isinstance(writer, _PartsWriter)
        blocks: deque[bytes] = deque()
        name = str(unit.path)

        def chunks() -> Iterator[list[Task]]:
            chunk: list[Task] = []
            for seq, (offset, block) in enumerate(_line_blocks(unit.path, s.jsonl_block)):
                blocks.append(block)
                chunk.append(
                    Task(seq, name, unit.rel, unit.config_dir, data=block, line_offset=offset)
                )
                if len(chunk) >= max(1, s.chunk // 8):
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk

        for results in self.pool.results(chunks(), True, self._stopping):
            for result in results:
                block = blocks.popleft()
                outcome = result.outcome
                if result.status == "failed":
                    stream.failed = stream.failed or outcome.error
                    continue
                writer.add(outcome.data if outcome.data is not None else block)
                stream.changed |= outcome.data is not None
                stream.documents.extend(entry_for(outcome, result.status, None)["documents"])
                self.counters.documents += len(outcome.documents)
                self.counters.findings += outcome.findings
                self.counters.fixes += outcome.fixes
        self.progress.update(self.counters, 1)


class _PartsWriter:
    """A file written in parts to a temporary file, renamed into place when complete."""

    def __init__(self, target: Path) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".moneyfix-tmp"
        )
        self._fh: IO[bytes] = os.fdopen(fd, "wb")

    def add(self, data: bytes) -> None:
        self._fh.write(data)

    def commit(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        try:
            mode = os.stat(self.target).st_mode & 0o7777
        except OSError:
            mode = new_file_mode()
        os.chmod(self.tmp, mode)
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._fh.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)


def _is_jsonl(path: Path) -> bool:
    return path.suffix.lower() in (".jsonl", ".ndjson")


def _is_table(unit: FileInput | ArchiveInput) -> bool:
    return isinstance(unit, FileInput) and unit.path.suffix.lower() == ".parquet"


def _member_count(
    unit: FileInput | ArchiveInput, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()
) -> int:
    """Work units of a stream for the progress bar (zip members are known up front)."""
    if isinstance(unit, ArchiveInput) and unit.kind == "zip":
        with contextlib.suppress(*_STREAM_ERRORS), zipfile.ZipFile(unit.path) as zf:
            return sum(
                1
                for i in zf.infolist()
                if i.filename and not i.is_dir() and is_document(i.filename, include, exclude)
            )
    return 0 if isinstance(unit, ArchiveInput) else 1


def _line_blocks(path: Path, lines: int) -> Iterator[tuple[int, bytes]]:
    """``(lines before, block)`` of up to ``lines`` lines; a UTF-16 file is one block."""
    with open(path, "rb") as fh:
        head = fh.read(2)
        fh.seek(0)
        if head in (b"\xff\xfe", b"\xfe\xff"):
            yield 0, fh.read()
            return
        block: list[bytes] = []
        before = 0
        for line in fh:
            block.append(line)
            if len(block) >= lines:
                yield before, b"".join(block)
                before += len(block)
                block = []
        if block or before == 0:
            yield before, b"".join(block)


def _totals(entry: dict[str, Any]) -> dict[str, Any]:
    """A stream's manifest entry: its report entry without the per-document detail."""
    docs = entry.get("documents", [])
    findings: dict[str, int] = {}
    for doc in docs:
        for code, n in doc.get("findings", {}).items():
            findings[code] = findings.get(code, 0) + n
    return {
        "path": entry.get("path"),
        "output": entry.get("output"),
        "status": entry.get("status"),
        "error": None,
        "documents": [],
        "totals": {
            "documents": len(docs),
            "findings": findings,
            "fixes": sum(len(d.get("fixes", [])) for d in docs),
        },
    }
