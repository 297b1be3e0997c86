"""``convert --report FILE``: what happened to every file, as JSON, CSV or HTML.

Entries are plain dicts (the same shape is kept in the resume manifest)::

    {"path": "news/a.md", "output": "clean/a.md", "status": "changed", "error": null,
     "documents": [{"path": "news/a.md", "id": null, "date": "2020-11-24",
                    "date_source": "front-matter", "findings": {"MF001": 1},
                    "remaining": {}, "fixes": [{"code": "MF001", "line": 8,
                    "before": "", "after": " million"}]}]}

``status`` is ``changed``, ``unchanged``, ``up-to-date`` (done by an earlier run),
``failed`` or ``refused`` (an unsafe archive). The writer streams entries to a
temporary file and renames it into place at the end, so memory stays flat and a killed
run leaves no half report. The HTML report is the review page of ``report.html``: every
finding, fixed or not, with its passage, rates and charts (entries then carry ``items``
and ``points``, see ``report.review``).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Any

from moneyfix.convert.worker import DocSummary, Options, Outcome
from moneyfix.fixes import new_file_mode
from moneyfix.rates.table import RateTable
from moneyfix.report.html import ReviewPage
from moneyfix.report.html import run_metadata as page_metadata

__all__ = [
    "REPORT_KINDS",
    "ReportWriter",
    "document_entry",
    "entry_for",
    "report_kind",
    "stored_entry",
]

REPORT_KINDS = ("json", "csv", "html")
_CSV_COLUMNS = (
    "path",
    "document",
    "id",
    "output",
    "status",
    "date",
    "date_source",
    "findings",
    "remaining",
    "fixes",
    "error",
)


def report_kind(path: Path) -> str | None:
    """The report format of a file name (``.json``, ``.csv``, ``.html``/``.htm``)."""
    suffix = path.suffix.lower().lstrip(".")
    suffix = "html" if suffix == "htm" else suffix
    return suffix if suffix in REPORT_KINDS else None


def entry_for(outcome: Outcome, status: str, output: str | None) -> dict[str, Any]:
    """The report entry of one file (or archive member)."""
    return {
        "path": outcome.name,
        "output": output,
        "status": status,
        "error": outcome.error,
        "documents": [document_entry(doc) for doc in outcome.documents],
    }


def document_entry(doc: DocSummary) -> dict[str, Any]:
    """The report entry of one document of a file (or one row of a table)."""
    fixes = []
    for fix in doc.fixes:
        item: dict[str, Any] = {
            "code": fix.code,
            "line": fix.line,
            "before": fix.old,
            "after": fix.new,
        }
        if fix.prefix or fix.suffix:
            item["context_before"] = fix.prefix
            item["context_after"] = fix.suffix
        fixes.append(item)
    document: dict[str, Any] = {
        "path": doc.path,
        "id": doc.id,
        "date": doc.date,
        "date_source": doc.date_source,
        "findings": doc.findings,
        "remaining": doc.remaining,
        "fixes": fixes,
    }
    if doc.items or doc.points:
        document.update(items=doc.items, points=doc.points)
    return document


def stored_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry as kept in the manifest: without the passages' context and review detail."""
    docs = []
    for doc in entry.get("documents", []):
        fixes = [
            {k: v for k, v in fix.items() if not k.startswith("context_")}
            for fix in doc.get("fixes", [])
        ]
        kept = {k: v for k, v in doc.items() if k not in ("items", "points")}
        docs.append({**kept, "fixes": fixes})
    return {**entry, "documents": docs}


def _codes(counts: dict[str, int]) -> str:
    return ";".join(f"{code}={n}" for code, n in sorted(counts.items()))


class ReportWriter:
    """Streams report entries to ``path`` (format by suffix); ``close`` commits it."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        directory = path.parent if str(path.parent) else Path(".")
        directory.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(
            dir=directory, prefix=f".{path.name}.", suffix=".moneyfix-tmp"
        )
        self._fh: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._first = True
        self._failed: OSError | None = None
        self._csv = csv.writer(self._fh) if kind == "csv" else None
        self._page: ReviewPage | None = None
        if kind == "json":
            self._fh.write('{"version": 1, "files": [\n')
        elif self._csv is not None:
            self._csv.writerow(_CSV_COLUMNS)
        else:
            self._page = ReviewPage("moneyfix convert report")

    def add(self, entry: dict[str, Any]) -> None:
        """Write one entry. A write that fails (a full disk) does not stop the run: the
        report is dropped at once (its space given back) and ``close`` raises the error."""
        if self._failed is not None:
            return
        try:
            if self.kind == "json":
                text = json.dumps(entry, ensure_ascii=False)
                self._fh.write(("" if self._first else ",\n") + text)
            elif self._csv is not None:
                self._add_csv(entry)
            elif self._page is not None:
                self._page.add(entry)
        except OSError as exc:
            self._failed = exc
            self.abort()
        self._first = False

    def _add_csv(self, entry: dict[str, Any]) -> None:
        assert self._csv is not None
        docs = entry.get("documents") or [{}]
        for doc in docs:
            self._csv.writerow(
                (
                    entry.get("path", ""),
                    doc.get("path", ""),
                    doc.get("id") or "",
                    entry.get("output") or "",
                    entry.get("status", ""),
                    doc.get("date") or "",
                    doc.get("date_source") or "",
                    _codes(doc.get("findings", {})),
                    _codes(doc.get("remaining", {})),
                    len(doc.get("fixes", [])),
                    entry.get("error") or "",
                )
            )

    def close(
        self,
        summary: dict[str, Any],
        meta: list[tuple[str, str]] | None = None,
        table: RateTable | None = None,
    ) -> None:
        """Finish the report and rename it into place; ``meta`` and ``table`` (the run's
        details, the rates for the chart's official line) are for the HTML page."""
        if self._failed is not None:
            raise self._failed
        if self.kind == "json":
            self._fh.write('\n], "summary": ' + json.dumps(summary) + "}\n")
        elif self._page is not None:
            notice = None
            if summary.get("interrupted"):
                notice = "The run was interrupted: this report covers the files done so far."
            timing = [("duration", f"{summary['seconds']} s")] if "seconds" in summary else []
            self._page.write(self._fh, _cards(summary), [*(meta or []), *timing], table, notice)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        from moneyfix.fixes import is_special

        if is_special(str(self.path)):  # a FIFO or device: written through, never replaced
            with open(self._tmp, "rb") as src, open(self.path, "wb") as dst:
                shutil.copyfileobj(src, dst)
            os.unlink(self._tmp)
            return
        os.chmod(self._tmp, new_file_mode())
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        if self._page is not None:
            self._page.close()
        with contextlib.suppress(OSError):
            self._fh.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)


_CARDS = (
    ("files", "files"),
    ("changed", "changed"),
    ("unchanged", "unchanged"),
    ("up_to_date", "up to date"),
    ("failed", "failed"),
    ("errors", "refused or missing"),
    ("documents", "documents"),
    ("findings", "findings"),
    ("fixes", "fixes applied"),
)


def _cards(summary: dict[str, Any]) -> list[tuple[str, int | str]]:
    """The run's counters under the words a reader uses; zero 'up to date' etc. omitted."""
    always = {"files", "changed", "unchanged", "failed", "findings", "fixes"}
    return [
        (label, summary[key])
        for key, label in _CARDS
        if key in summary and (key in always or summary[key])
    ]


def run_metadata(paths: list[str], options: Options, jobs: int) -> list[tuple[str, str]]:
    """What the review page says about a convert run: its options as given, and workers."""
    chosen = [f"--{k.replace('_', '-')} {v}" for k, v in options.overrides]
    for flag, on in (
        ("--unsafe-fixes", options.unsafe_fixes),
        ("--add-missing", options.add_missing),
    ):
        if on:
            chosen.append(flag)
    if options.date_from:
        chosen.append(f"--date-from {','.join(options.date_from)}")
    if options.explicit_config:
        chosen.append(f"--config {options.explicit_config}")
    if options.rates_dir:
        chosen.append(f"--rates-dir {options.rates_dir}")
    return page_metadata(paths, chosen, ("workers", str(jobs)))
