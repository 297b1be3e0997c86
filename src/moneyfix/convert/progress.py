"""Progress on stderr while converting, and the summary table at the end.

The bar appears only when stderr is a terminal (never in logs or pipes); ``NO_COLOR`` is
honoured by rich. The summary table goes to stderr too, plain when not a terminal, so
stdout stays free for anything machine-readable.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Counters", "Progress", "print_summary"]


@dataclass
class Counters:
    """Totals of a run, shown live and in the summary."""

    files: int = 0
    changed: int = 0
    unchanged: int = 0
    up_to_date: int = 0
    failed: int = 0
    documents: int = 0
    findings: int = 0
    fixes: int = 0
    started: float = field(default_factory=time.monotonic)
    interrupted: bool = False

    def as_dict(self) -> dict[str, Any]:
        elapsed = time.monotonic() - self.started
        return {
            "files": self.files,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "up_to_date": self.up_to_date,
            "failed": self.failed,
            "documents": self.documents,
            "findings": self.findings,
            "fixes": self.fixes,
            "seconds": round(elapsed, 3),
            "interrupted": self.interrupted,
        }


class Progress:
    """A rich progress bar on a terminal; does nothing otherwise."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar: Any = None
        self._task: Any = None

    def start(self, total: int | None) -> None:
        if not self.enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import (
            Progress as RichProgress,
        )

        self._bar = RichProgress(
            SpinnerColumn(),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TextColumn("files · {task.fields[findings]} findings · {task.fields[fixes]} fixed"),
            TextColumn("· {task.fields[rate]}/s"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("convert", total=total, findings=0, fixes=0, rate="0")

    def add_total(self, extra: int) -> None:
        """More work discovered (members of a tar stream)."""
        if self._bar is not None and extra:
            total = self._bar.tasks[0].total
            self._bar.update(self._task, total=(total or 0) + extra)

    def update(self, counters: Counters, advance: int) -> None:
        if self._bar is None:
            return
        elapsed = max(time.monotonic() - counters.started, 1e-6)
        self._bar.update(
            self._task,
            advance=advance,
            findings=counters.findings,
            fixes=counters.fixes,
            rate=f"{counters.files / elapsed:.0f}",
        )

    def log(self, line: str) -> None:
        """One line on stderr, above the bar when there is one."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def print_summary(counters: Counters, errors: int) -> None:
    """The summary table, on stderr."""
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True, highlight=False)
    data = counters.as_dict()
    elapsed = max(float(data["seconds"]), 1e-6)
    title = "moneyfix convert" + (" (interrupted)" if counters.interrupted else "")
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("files", str(counters.files))
    table.add_row("  changed", str(counters.changed))
    table.add_row("  unchanged (copied)", str(counters.unchanged))
    table.add_row("  up to date (skipped)", str(counters.up_to_date))
    table.add_row("  failed", str(counters.failed + errors))
    table.add_row("documents", str(counters.documents))
    table.add_row("findings", str(counters.findings))
    table.add_row("fixes applied", str(counters.fixes))
    table.add_row("time", f"{elapsed:.2f} s ({counters.files / elapsed:.0f} files/s)")
    console.print(table)
