"""Checking a document: amounts -> pairs -> rate checks -> findings.

``check_document`` is the library's entry point for one document; ``check_text`` the
shortcut for a string. Both are pure over their inputs and the rate table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from moneyfix.analysis import Analysis, analyse, scan_report
from moneyfix.config import Config
from moneyfix.documents.joins import glues_on
from moneyfix.documents.suppress import parse_suppressions
from moneyfix.model import SEVERITY_ORDER, Document, FileReport, Finding
from moneyfix.rates.table import RateTable, load_table
from moneyfix.rules.consistency import inconsistent_pairs
from moneyfix.rules.conversions import PairView, RateSource, Settings, check_pair, view_of
from moneyfix.rules.evidence import DocumentScale
from moneyfix.rules.index import index_findings
from moneyfix.rules.missing import missing_conversions
from moneyfix.rules.registry import RULES, enabled_codes
from moneyfix.rules.suppressions import suppression_findings

_WEIGHING_ROUNDS = 3


def check_document(
    doc: Document, config: Config | None = None, table: RateTable | None = None
) -> FileReport:
    """Every finding of one document, filtered by the rule selection and suppressions."""
    config = config or Config()
    table = table or load_table()
    analysis = analyse(doc, config.lang)
    codes = enabled_codes(config.select, config.ignore)
    if config.extend_select:
        codes |= enabled_codes(config.extend_select, config.ignore)
    findings = _findings(doc.date, analysis, config, table, codes)
    suppressions = parse_suppressions(doc.text)
    kept = []
    used: set[tuple[int, str]] = set()
    for f in findings:
        if f.code not in codes:
            continue
        by = suppressions.suppressor(f.code, f.start)
        if by is None:
            kept.append(_fitting(f, doc))
        else:
            used.add((by, f.code))
    if "MF100" in codes and suppressions.directives + suppressions.problems:
        kept.extend(suppression_findings(doc.text, suppressions, used, codes))
    kept.sort(key=lambda f: (f.start, f.code))
    return scan_report(doc, analysis, kept)


def _fitting(finding: Finding, doc: Document) -> Finding:
    """The finding without its fix when an edit would land in markup or glue onto a word."""
    fix = finding.fix
    if fix is None or not any(
        glues_on(doc.text, doc.skip, e.start, e.end, e.replacement) for e in fix.edits
    ):
        return finding
    return replace(finding, fix=None)


def check_text(
    text: str,
    date: dt.date | None = None,
    config: Config | None = None,
    table: RateTable | None = None,
) -> list[Finding]:
    """The findings of a plain text dated ``date`` (or undated)."""
    doc = Document(path="<text>", text=text, date=date, date_source="option" if date else None)
    return check_document(doc, config, table).findings


def warm_up(table: RateTable) -> None:
    """Compile the scanner's patterns and read the lexicon and the dollar's rates, as a
    check does first: done before worker processes fork, each starts with them instead
    of paying for them again."""
    check_text(_WARM_UP, dt.date(2020, 11, 24), table=table)


_WARM_UP = "The fund got 100 billion tenge (US$235.59) and 40 billion tenge more."


def _findings(
    day: dt.date | None,
    analysis: Analysis,
    config: Config,
    table: RateTable,
    codes: frozenset[str],
) -> list[Finding]:
    settings = Settings(
        tolerance=config.tolerance,
        window_before=config.window_before,
        window_after=config.window_after,
        max_staleness=config.max_staleness,
        lang=analysis.lang,
    )
    rates = RateSource.of(table, settings)
    views = [
        view
        for pair in analysis.pairs
        if pair.kind not in ("explicit-rate", "index")  # index pairs: MF009's alone
        and (view := view_of(pair, analysis.amounts)) is not None
        and rates.knows(view)
    ]
    findings: list[Finding] = []
    stale = _stale_currencies(day, views, table, config.max_staleness)
    if stale:
        findings.append(_document_finding("MF008", _stale_message(day, stale, table)))
    clean: list[PairView] = []
    results = [
        check_pair(view, analysis.text, rates, None if view.per in stale else day) for view in views
    ]
    _weigh_with_scale(analysis, views, results, rates, day, stale)
    for view, found in zip(views, results, strict=True):
        findings.extend(found)
        if all(f.severity == "info" and f.code != "MF003" for f in found):
            clean.append(view)
    findings.extend(inconsistent_pairs(clean, config.tolerance))
    findings.extend(
        index_findings(analysis.pairs, analysis.amounts, analysis.text, day, analysis.lang)
    )
    if day is None and views:
        findings.append(
            _document_finding(
                "MF006",
                "no document date found (--date, front matter, file name or dateline): "
                "conversions checked for magnitude and consistency only",
            )
        )
    if day is not None and "MF005" in codes:
        paired = {i for p in analysis.pairs for i in (p.primary, p.conversion)}
        findings.extend(
            missing_conversions(
                analysis.text,
                analysis.amounts,
                paired,
                table,
                day,
                config.to,
                analysis.lang,
                config.max_staleness,
            )
        )
    return findings


def _weigh_with_scale(
    analysis: Analysis,
    views: list[PairView],
    results: list[list[Finding]],
    rates: RateSource,
    day: dt.date | None,
    stale: set[str],
) -> None:
    """Weigh the pairs that both readings of a power-of-1000 slip explain again, knowing
    the document's scale; a pair decided for sure shows the scale to the next ones (a few
    rounds at most, so the cost stays linear)."""
    pending = [
        i for i, found in enumerate(results) if any("decided_by" in f.evidence for f in found)
    ]
    for _ in range(_WEIGHING_ROUNDS):
        if not pending:
            return
        scale = _scale(analysis, views, results)
        undecided = []
        for index in pending:
            view = views[index]
            results[index] = check_pair(
                view, analysis.text, rates, None if view.per in stale else day, scale
            )
            if not any(_sure_fix(f) for f in results[index]):
                undecided.append(index)
        if len(undecided) == len(pending):
            return
        pending = undecided


def _scale(analysis: Analysis, views: list[PairView], found: list[list[Finding]]) -> DocumentScale:
    """The document's amounts that show the scale it writes in (budgets in billions,
    salaries in thousands): all but those of pairs off by a power of 1000, of which only
    the side a sure fix leaves alone is kept."""
    doubtful: set[int] = set()
    for view, findings in zip(views, found, strict=True):
        wrong = [f for f in findings if f.severity != "info"]
        if not wrong:
            continue
        sides = {view.pair.primary: view.primary, view.pair.conversion: view.conversion}
        sure = len(wrong) == 1 and _sure_fix(wrong[0])
        doubtful.update(i for i, a in sides.items() if not sure or a.start == wrong[0].start)
    return DocumentScale([a for i, a in enumerate(analysis.amounts) if i not in doubtful])


def _sure_fix(finding: Finding) -> bool:
    """A safe magnitude fix: the side it leaves alone is right."""
    return (
        finding.code in ("MF001", "MF002")
        and finding.fix is not None
        and finding.fix.applicability == "safe"
    )


def _stale_currencies(
    day: dt.date | None, views: list[PairView], table: RateTable, max_staleness: int
) -> set[str]:
    """Currencies the article is newer than: their history runs to the table's end (USD's
    last day) and stops before the article. One whose history stopped long before (UZS in
    2016) is not stale but has a gap: its pairs say so one by one (MF008 at info)."""
    if day is None:
        return set()
    end = table.last_date("USD")
    stale = set()
    for view in views:
        last = table.last_date(view.per)
        if last is None or (day - last).days <= max_staleness:
            continue
        if end is None or (end - last).days <= max_staleness:
            stale.add(view.per)
    return stale


def _stale_message(day: dt.date | None, stale: set[str], table: RateTable) -> str:
    lasts = ", ".join(f"{c} {table.last_date(c)}" for c in sorted(stale))
    return (
        f"the document's date {day} is past the last known official rate ({lasts}): "
        "run `moneyfix rates update`; conversions checked for magnitude only"
    )


def _document_finding(code: str, message: str) -> Finding:
    rule = RULES[code]
    return Finding(code, rule.name, rule.severity, message, 0, 0, "")


def at_or_above(findings: list[Finding], level: str) -> list[Finding]:
    """The findings whose severity is ``level`` or worse."""
    threshold = SEVERITY_ORDER[level]
    return [f for f in findings if SEVERITY_ORDER[f.severity] >= threshold]
