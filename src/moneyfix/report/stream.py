"""``check``'s report written as the reports come, so a huge run keeps counts, not findings.

``full``, ``concise``, ``github`` and ``json-lines`` are a sequence of lines per report:
each report (or each part of a big file's report, a chunk's findings) is rendered and
written at once, and only a :class:`~moneyfix.report._common.Tally` is kept for the
summary lines, ``--statistics`` and the exit code. The other formats are one document
(a JSON object, an XML tree, a page): their reports are held, the parts of one file
joined, and rendered at the end. Either way the text is what
:func:`moneyfix.report.render_findings` gives for the same reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from moneyfix.model import FileReport
from moneyfix.report._common import Tally

if TYPE_CHECKING:
    from moneyfix.rates.table import RateTable

__all__ = ["STREAMED", "FindingsWriter", "joined"]

STREAMED = ("full", "concise", "github", "json-lines")
"""Formats written a report at a time."""


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
        self.summary = summary
        self.statistics = statistics
        self.color = color
        self.tally = Tally()
        self._render_one = None if statistics else _report_renderer(fmt, color)
        if self._render_one is None and not statistics:
            render_findings([], fmt)  # an unknown format fails now, not after the run
        self._held: list[tuple[FileReport, bool]] = []
        self._table = table
        self._meta = meta

    def add(self, report: FileReport, part: bool = False) -> None:
        """One report; ``part``: a further part of the report before it (the next chunk
        of a big file, or the error that ended it)."""
        self.tally.add(report, part)
        if self.statistics:
            return
        if self._render_one is None:
            self._held.append((report, part))
            return
        self.out.write(self._render_one(report))

    def close(self) -> None:
        """The end of the report: the summary lines, the statistics, or the held document."""
        from moneyfix.report import render_findings

        if self.statistics:
            from moneyfix.report.statistics import render

            kind = "json" if self.fmt in ("json", "json-lines") else "text"
            self.out.write(render(self.tally, kind))
        elif self._render_one is None:
            reports = joined(self._held)
            self._held = []
            self.out.write(
                render_findings(
                    reports,
                    self.fmt,
                    color=self.color,
                    summary=self.summary,
                    table=self._table,
                    meta=self._meta,
                )
            )
        elif self.summary and self.fmt in ("full", "concise"):
            from moneyfix.report import concise, full

            if self.fmt == "full":
                self.out.write(full.render_summary(self.tally, color=self.color))
            else:
                self.out.write(concise.render_summary(self.tally))


def _report_renderer(fmt: str, color: bool) -> Callable[[FileReport], str] | None:
    """The renderer of one report in a streamed format, else ``None``."""
    if fmt == "full":
        from moneyfix.report import full

        return lambda report: full.render_report(report, color=color)
    if fmt == "concise":
        from moneyfix.report import concise

        return concise.render_report
    if fmt == "github":
        from moneyfix.report import github

        return github.render_report
    if fmt == "json-lines":
        from moneyfix.report import jsonfmt

        return jsonfmt.render_report_lines
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
