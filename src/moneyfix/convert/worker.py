"""One file in, its new bytes and a small report out: the pure unit of ``convert``.

Everything here is a plain function of its inputs (bytes, a name, a config, the rate
table) so that it runs the same in the main process (``-j 1``) and in a pool worker, and
its arguments and results pickle cheaply. The rewrite goes through the same safety
checks as ``moneyfix fix`` (``runner.fix_document``: no overlapping edits, text outside
the edits unchanged, the result checked again).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from moneyfix.check import check_document
from moneyfix.config import Config, ConfigError, load_config
from moneyfix.documents import DocumentError, Source, encode, load_document, masked, write_back
from moneyfix.documents.dates import date_from_filename, find_dateline
from moneyfix.fixes import EditConflict
from moneyfix.model import Document, Edit, FileReport, Finding, Fix
from moneyfix.rates.table import RateTable, table_for
from moneyfix.report.review import review_items, review_points
from moneyfix.rules.registry import RULES
from moneyfix.runner import FixError, apply_fixes, chosen_edits, internal_error

__all__ = [
    "DATE_SOURCES",
    "DocSummary",
    "FixRecord",
    "Options",
    "Outcome",
    "config_for_dir",
    "convert_bytes",
    "convert_document",
    "table_for",
    "warm_up",
]

DATE_SOURCES = ("frontmatter", "meta", "field", "filename", "dateline")
"""Values of ``--date-from``; frontmatter, meta and field all mean the document's own
metadata (Markdown front matter, HTML meta tags, the JSONL date field)."""
_METADATA = {"front-matter", "meta", "field"}
_CONTEXT = 70
"""Characters of context either side of a changed passage in the report."""


@dataclass(frozen=True)
class Options:
    """Settings of a whole run; picklable, and hashable into the resume key."""

    overrides: tuple[tuple[str, Any], ...] = ()
    """Config keys from the command line (to, text_field, date_field, ...)."""
    explicit_config: str | None = None
    add_missing: bool = False
    unsafe_fixes: bool = False
    date_from: tuple[str, ...] = ()
    """Allowed date sources in order (empty: the usual order, first found wins)."""
    id_field: str | None = None
    passages: bool = False
    """Keep the context of each change and every finding and pair (for the HTML report)."""
    rates_dir: str | None = None

    def key(self) -> str:
        """A digest of everything that changes the output (for resuming)."""
        from moneyfix import __version__

        fields = {
            "overrides": [[k, str(v)] for k, v in sorted(self.overrides)],
            "config": self.explicit_config,
            "add_missing": self.add_missing,
            "unsafe_fixes": self.unsafe_fixes,
            "date_from": list(self.date_from),
            "version": __version__,
        }
        blob = json.dumps(fields, sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]


@dataclass(frozen=True)
class FixRecord:
    """One applied fix; ``prefix``/``suffix`` are context, ``old``→``new`` the change."""

    code: str
    line: int
    old: str
    new: str
    prefix: str = ""
    suffix: str = ""


@dataclass
class DocSummary:
    """What happened to one document (a file, or one JSONL record)."""

    path: str
    date: str | None
    date_source: str | None
    id: str | None = None
    findings: dict[str, int] = field(default_factory=dict)
    """Findings before fixing, by code."""
    remaining: dict[str, int] = field(default_factory=dict)
    """Findings left after fixing, by code."""
    fixes: list[FixRecord] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    """Every finding for the review page (``report.review``), with ``passages`` only."""
    points: list[list[Any]] = field(default_factory=list)
    """Every conversion pair for the review page's rate chart, with ``passages`` only."""


@dataclass
class Outcome:
    """The result for one input file or archive member."""

    name: str
    sha256: str
    data: bytes | None = None
    """The new bytes when the file changed; ``None`` when unchanged (or failed)."""
    documents: list[DocSummary] = field(default_factory=list)
    error: str | None = None

    @property
    def fixes(self) -> int:
        return sum(len(d.fixes) for d in self.documents)

    @property
    def findings(self) -> int:
        return sum(sum(d.findings.values()) for d in self.documents)


_WARM_UP = (
    b"---\ndate: 2020-11-24\n---\n\nThe fund got 100 billion tenge (US$235.59) and "
    b"40 billion tenge more.\n"
)


def warm_up(options: Options) -> None:
    """Compile the scanner's patterns and load the usual rates once, before forking
    workers, so each worker starts with them instead of paying for them again."""
    import os

    with contextlib.suppress(Exception):
        config = config_for_dir(os.getcwd(), options)
        config = config.merged(select=("MF001", "MF002", "MF003", "MF005"))
        convert_bytes(_WARM_UP, "warm-up.md", config, table_for(options.rates_dir), options)


def config_for_dir(directory: str, options: Options) -> Config:
    """The config governing files in ``directory``, with the run's options applied.

    ``--add-missing`` turns MF005 on in addition to whatever rules are selected.
    """
    explicit = Path(options.explicit_config) if options.explicit_config else None
    config = load_config(Path(directory), explicit).merged(**dict(options.overrides))
    config = config.merged(unsafe_fixes=options.unsafe_fixes or config.unsafe_fixes)
    if options.add_missing or config.add_missing:
        base = config.select or tuple(c for c, r in RULES.items() if r.default_on)
        config = config.merged(select=(*base, "MF005"), add_missing=True)
    return config


def convert_bytes(
    data: bytes, name: str, config: Config, table: RateTable, options: Options
) -> Outcome:
    """Check and fix one file's bytes (``name`` picks the format and the file-name date).

    Never raises for a bad input: the problem becomes ``Outcome.error`` (one line).
    """
    outcome = Outcome(name, hashlib.sha256(data).hexdigest())
    try:
        items = load_document(data, name, **config.reading)
        if config.per_file_ignores:
            config = replace(config, ignore=config.ignored_in(Path(name)))
        items = [(_dated(doc, source, options.date_from), source) for doc, source in items]
        new_texts = []
        for doc, source in items:
            text, summary = convert_document(doc, source, config, table, options)
            new_texts.append(text)
            outcome.documents.append(summary)
        new_text = write_back(items, new_texts)
        if new_text != items[0][1].text:
            outcome.data = encode(items[0][1], new_text)
    except (DocumentError, ConfigError, FixError, EditConflict, ValueError) as exc:
        outcome.error = str(exc) if str(exc).startswith(name) else f"{name}: {exc}"
    except Exception as exc:  # a bug must cost one file, not the run
        outcome.error = internal_error(name, exc)
    if outcome.error is not None:
        outcome.documents = []
        outcome.data = None
    return outcome


def _dated(doc: Document, source: Source, allowed: tuple[str, ...]) -> Document:
    """The document with its date taken only from the ``--date-from`` sources, in order."""
    if not allowed or doc.date_source == "option":
        return doc
    for wanted in allowed:
        if wanted in ("frontmatter", "meta", "field"):
            if doc.date_source in _METADATA:
                return doc
        elif wanted == "filename":
            day = date_from_filename(source.name)
            if day is not None:
                return replace(doc, date=day, date_source="filename")
        elif wanted == "dateline":
            day = find_dateline(masked(doc), gaps=source.kind == "html")
            if day is not None:
                return replace(doc, date=day, date_source="dateline")
    return replace(doc, date=None, date_source=None)


def convert_document(
    doc: Document, source: Source, config: Config, table: RateTable, options: Options
) -> tuple[str, DocSummary]:
    """Check and fix one document (a file, a JSONL record or a table row)."""
    report = check_document(doc, config, table)
    summary = DocSummary(
        path=doc.path,
        date=doc.date.isoformat() if doc.date else None,
        date_source=doc.date_source,
        id=_record_id(doc, source, options.id_field),
        findings=dict(Counter(f.code for f in report.findings)),
    )
    if options.add_missing or config.add_missing:
        report = FileReport(
            path=report.path,
            text=report.text,
            date=report.date,
            date_source=report.date_source,
            findings=[_as_safe(f) if f.code == "MF005" else f for f in report.findings],
            fixed=report.fixed,
        )
    chosen = chosen_edits(report.findings, config.unsafe_fixes)
    new_text, after = apply_fixes(doc, report, chosen, config, table)
    summary.remaining = dict(Counter(f.code for f in after.findings))
    if new_text != doc.text:
        summary.fixes = [
            _record(doc.text, finding.code, edit, options.passages, source)
            for finding, edits in chosen
            for edit in edits
        ]
    if options.passages:
        applied = {id(finding) for finding, _ in chosen} if new_text != doc.text else set()
        summary.items = review_items(report, applied)
        summary.points = review_points(report, summary.items)
    return new_text, summary


def _as_safe(finding: Finding) -> Finding:
    """MF005 under ``--add-missing``: its insertion is what was asked for."""
    if finding.fix is None:
        return finding
    return replace(finding, fix=Fix("safe", finding.fix.edits))


def _record(text: str, code: str, edit: Edit, passages: bool, source: Source) -> FixRecord:
    old = text[edit.start : edit.end]
    line = source.line or text.count("\n", 0, edit.start) + 1
    if not passages:
        return FixRecord(code, line, old, edit.replacement)
    begin = max(0, edit.start - _CONTEXT)
    newline = text.rfind("\n", begin, edit.start)
    begin = newline + 1 if newline >= 0 else begin
    end = min(len(text), edit.end + _CONTEXT)
    newline = text.find("\n", edit.end, end)
    end = newline if newline >= 0 else end
    return FixRecord(
        code, line, old, edit.replacement, text[begin : edit.start], text[edit.end : end]
    )


def _record_id(doc: Document, source: Source, id_field: str | None) -> str | None:
    """The JSONL record's ``--id-field`` value, for the report."""
    if id_field is None or source.span is None:
        return None
    start, end = source.span
    try:
        value = json.loads(source.text[start:end]).get(id_field)
    except (ValueError, AttributeError):
        return None
    return None if value is None else str(value)
