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
run leaves no half report. The HTML report shows each changed passage before and after,
the change highlighted, everything escaped.
"""

from __future__ import annotations

import contextlib
import csv
import html
import json
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from moneyfix.convert.worker import Outcome

__all__ = ["REPORT_KINDS", "ReportWriter", "entry_for", "report_kind", "stored_entry"]

REPORT_KINDS = ("json", "csv", "html")
_UMASK = os.umask(0)
os.umask(_UMASK)
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
    documents = []
    for doc in outcome.documents:
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
        documents.append(
            {
                "path": doc.path,
                "id": doc.id,
                "date": doc.date,
                "date_source": doc.date_source,
                "findings": doc.findings,
                "remaining": doc.remaining,
                "fixes": fixes,
            }
        )
    return {
        "path": outcome.name,
        "output": output,
        "status": status,
        "error": outcome.error,
        "documents": documents,
    }


def stored_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry as kept in the manifest: without the passages' context."""
    docs = []
    for doc in entry.get("documents", []):
        fixes = [
            {k: v for k, v in fix.items() if not k.startswith("context_")}
            for fix in doc.get("fixes", [])
        ]
        docs.append({**doc, "fixes": fixes})
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
        self._csv = csv.writer(self._fh) if kind == "csv" else None
        if kind == "json":
            self._fh.write('{"version": 1, "files": [\n')
        elif self._csv is not None:
            self._csv.writerow(_CSV_COLUMNS)
        else:
            self._fh.write(_HTML_HEAD)

    def add(self, entry: dict[str, Any]) -> None:
        if self.kind == "json":
            self._fh.write(("" if self._first else ",\n") + json.dumps(entry, ensure_ascii=False))
        elif self._csv is not None:
            self._add_csv(entry)
        else:
            self._add_html(entry)
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

    def _add_html(self, entry: dict[str, Any]) -> None:
        esc = html.escape
        status = entry.get("status", "")
        docs = entry.get("documents", [])
        fixes = sum(len(d.get("fixes", [])) for d in docs)
        if entry.get("error"):
            self._fh.write(
                f'<section class="failed"><h2>{esc(entry.get("path", ""))}</h2>'
                f'<p class="error">{esc(entry["error"])}</p></section>\n'
            )
            return
        if not fixes:
            return
        self._fh.write(
            f'<section><h2>{esc(entry.get("path", ""))} <span class="status">{esc(status)}'
            f" · {fixes} fix(es)</span></h2>\n"
        )
        for doc in docs:
            for fix in doc.get("fixes", []):
                self._fh.write(_passage(doc, fix))
        self._fh.write("</section>\n")

    def close(self, summary: dict[str, Any]) -> None:
        """Finish the report and rename it into place."""
        if self.kind == "json":
            self._fh.write('\n], "summary": ' + json.dumps(summary) + "}\n")
        elif self.kind == "html":
            rows = "".join(
                f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
                for k, v in summary.items()
            )
            self._fh.write(f'<h2>Summary</h2><table class="summary">{rows}</table>\n')
            self._fh.write("</body>\n</html>\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.chmod(self._tmp, 0o666 & ~_UMASK)
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._fh.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)


def _split(old: str, new: str) -> tuple[str, str, str, str]:
    """Common head, the differing middles of ``old`` and ``new``, and the common tail."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(old), len(new)) - head
        and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]
    ):
        tail += 1
    return (
        old[:head],
        old[head : len(old) - tail],
        new[head : len(new) - tail],
        old[len(old) - tail :],
    )


def _passage(doc: dict[str, Any], fix: dict[str, Any]) -> str:
    esc = html.escape
    head, removed, added, tail = _split(fix.get("before", ""), fix.get("after", ""))
    before_ctx = esc(fix.get("context_before", "")) + esc(head)
    after_ctx = esc(tail) + esc(fix.get("context_after", ""))
    where = f"{doc.get('path', '')} line {fix.get('line', '')}"
    if doc.get("id"):
        where += f" (id {doc['id']})"
    return (
        f'<div class="change"><p class="where">{esc(where)} · {esc(fix.get("code", ""))}'
        f" · dated {esc(str(doc.get('date') or 'undated'))}</p>\n"
        f'<p class="before"><span class="label">before</span>{before_ctx}'
        f"<del>{esc(removed)}</del>{after_ctx}</p>\n"
        f'<p class="after"><span class="label">after</span>{before_ctx}'
        f"<ins>{esc(added)}</ins>{after_ctx}</p></div>\n"
    )


_HTML_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>moneyfix convert report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; max-width: 70em; }
h2 { font-size: 1.05em; margin-top: 1.6em; }
.status { color: #666; font-weight: normal; }
.change { border-left: 3px solid #ccc; padding-left: 0.8em; margin: 0.8em 0; }
.where { color: #555; font-size: 0.9em; margin: 0; }
.before, .after { font-family: ui-monospace, monospace; white-space: pre-wrap; margin: 0.2em 0; }
.label { display: inline-block; width: 4em; color: #888; }
del { background: #fdd; text-decoration: line-through; }
ins { background: #cfc; text-decoration: none; }
.error { color: #a00; }
table.summary th { text-align: left; padding-right: 1em; }
</style>
</head>
<body>
<h1>moneyfix convert report</h1>
"""
