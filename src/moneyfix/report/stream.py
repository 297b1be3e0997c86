"""``check``'s report written as the reports come, so a huge run keeps counts, not findings.

``full``, ``concise``, ``github`` and ``json-lines`` are lines per report, and ``json``
an envelope whose counts come last: each report (or each part of a big file's report,
a chunk's findings) is rendered and written at once, and only a
:class:`~moneyfix.report._common.Tally` is kept for the summary, ``--statistics`` and
the exit code. ``sarif`` opens with the rules the run met: its results wait in a
temporary file, not in memory. The other formats open with their counts or group what
a file holds (JUnit XML, GitLab's issues, the HTML page): their reports are held, the
parts of one file joined, and rendered at the end. Either way the text is what
:func:`moneyfix.report.render_findings` gives for the same reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Protocol, TextIO

from moneyfix.model import FileReport
from moneyfix.report._common import Tally

if TYPE_CHECKING:
    from moneyfix.rates.table import RateTable

__all__ = ["STREAMED", "FindingsWriter", "Streamed", "joined", "streamed"]

STREAMED = ("full", "concise", "github", "json-lines", "json", "sarif")
"""Formats written a report at a time."""


class Streamed(Protocol):
    """A format written a report at a time: the text of each, then the end."""

    def report(self, report: FileReport, part: bool = False) -> str: ...

    def end(self, tally: Tally) -> Iterable[str]: ...


class FindingsWriter:
    """Reports in (``add``), the report text out to ``out``, closed by ``close``.

    ``statistics``: write the counts per rule (``--statistics``, as text, or JSON for the
    JSON formats) instead of the findings. The other options are those of
    ``render_findings``."""

    def __init__(
        self,
        out: TextIO,
        fmt: str,
        *,
        color: bool = False,
        summary: bool = True,
        statistics: bool = False,
        table: RateTable | None = None,
        meta: list[tuple[str, str]] | None = None,
    ) -> None:
        from moneyfix.report import render_findings

        self.out = out
        self.fmt = fmt
        self.statistics = statistics
        self.tally = Tally()
        self._streamed = None if statistics else streamed(fmt, color=color, summary=summary)
        if self._streamed is None and not statistics:
            render_findings([], fmt)  # an unknown format fails now, not after the run
        self._held: list[tuple[FileReport, bool]] = []
        self._options = (color, summary, table, meta)

    def add(self, report: FileReport, part: bool = False) -> None:
        """One report; ``part``: a further part of the report before it (the next chunk
        of a big file, or the error that ended it)."""
        self.tally.add(report, part)
        if self._streamed is not None:
            self.out.write(self._streamed.report(report, part))
        elif not self.statistics:
            self._held.append((report, part))

    def close(self) -> None:
        """The end of the report: the summary lines, the statistics, or the held document."""
        from moneyfix.report import render_findings

        if self._streamed is not None:
            for piece in self._streamed.end(self.tally):
                self.out.write(piece)
        elif self.statistics:
            from moneyfix.report.statistics import render

            kind = "json" if self.fmt in ("json", "json-lines") else "text"
            self.out.write(render(self.tally, kind))
        else:
            reports, self._held = joined(self._held), []
            color, summary, table, meta = self._options
            text = render_findings(
                reports, self.fmt, color=color, summary=summary, table=table, meta=meta
            )
            self.out.write(text)


class _Lines:
    """A format of lines: each report's, and the summary lines at the end."""

    def __init__(
        self, lines: Callable[[FileReport], str], summary: Callable[[Tally], str] | None = None
    ) -> None:
        self._lines = lines
        self._summary = summary

    def report(self, report: FileReport, part: bool = False) -> str:
        return self._lines(report)

    def end(self, tally: Tally) -> list[str]:
        return [self._summary(tally)] if self._summary is not None else []


def streamed(fmt: str, *, color: bool = False, summary: bool = True) -> Streamed | None:
    """The writer of a format in :data:`STREAMED`, else ``None``; ``color`` and ``summary``
    as for ``render_findings``."""
    if fmt == "full":
        from moneyfix.report import full

        return _Lines(
            partial(full.render_report, color=color),
            partial(full.render_summary, color=color) if summary else None,
        )
    if fmt == "concise":
        from moneyfix.report import concise

        return _Lines(concise.render_report, concise.render_summary if summary else None)
    if fmt == "github":
        from moneyfix.report import github

        return _Lines(github.render_report)
    if fmt == "json-lines":
        from moneyfix.report import jsonfmt

        return _Lines(jsonfmt.render_report_lines)
    if fmt == "json":
        from moneyfix.report.jsonfmt import EnvelopeWriter

        return EnvelopeWriter()
    if fmt == "sarif":
        from moneyfix.report.sarif import LogWriter

        return LogWriter()
    return None


def joined(parts: Iterable[tuple[FileReport, bool]]) -> list[FileReport]:
    """Reports with their parts joined: the findings and excerpts of a big file's chunks
    in one report; an error among the parts replaces them (as for a file read whole)."""
    groups: list[list[FileReport]] = []
    for report, part in parts:
        if part and groups:
            groups[-1].append(report)
        else:
            groups.append([report])
    return [_join(group) for group in groups]


def _join(group: list[FileReport]) -> FileReport:
    if len(group) == 1:
        return group[0]
    failed = [report for report in group if report.error is not None]
    if failed:
        return failed[0]
    return replace(
        group[0],
        findings=[f for report in group for f in report.findings],
        excerpts=tuple(e for report in group for e in report.excerpts or ()),
    )
