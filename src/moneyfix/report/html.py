"""The review page: one self-contained HTML file for people checking a run by eye.

Summary first (counts, fixes by rule and applicability, findings left by rule and
severity), then the run's metadata, the rate charts, and the review list: every finding,
fixed or not, with its passage before and after and the rates it was judged by, and
every failed file with its error. The list is data (one JSON object per file that has
something to show) rendered a page at a time by a small inline script, which also
filters it by rule, severity, status and file name; so an archive of 100,000 files gives
a page that opens, not a 100,000-section document. Nothing is fetched: CSS, script and
SVG are inline.

:class:`ReviewPage` collects entries one by one (the convert report streams them in) and
keeps the list in a temporary file, so memory holds only the tallies and the charts.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import tempfile
from collections import Counter
from decimal import Decimal, InvalidOperation
from importlib.resources import files
from typing import IO, Any

from moneyfix.model import FileReport
from moneyfix.rates.table import RateTable
from moneyfix.report.charts import CODE_COLOURS, MonthChart, RateChart
from moneyfix.report.review import review_items, review_points

__all__ = ["ReviewPage", "check_metadata", "render", "run_metadata"]

_SEVERITIES = ("error", "warning", "info")
_APPLICABILITY = ("safe", "unsafe", "display", "none")


def _asset(name: str) -> str:
    return (files("moneyfix.report") / "assets" / name).read_text(encoding="utf-8")


def _json(value: Any) -> str:
    """JSON that cannot end the ``<script>`` element it is embedded in."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


class ReviewPage:
    """Entries in (``add``), the page out (``write``)."""

    def __init__(self, title: str) -> None:
        self.title = title
        self._list: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._groups = 0
        self._items = 0
        self.fixed: Counter[tuple[str, str]] = Counter()
        """(code, applicability) -> fixes applied."""
        self.left: Counter[tuple[str, str]] = Counter()
        """(code, severity) -> findings not fixed."""
        self.failed = 0
        self.rates = RateChart()
        self.months = MonthChart()

    def add(self, entry: dict[str, Any]) -> None:
        """One file's report entry (``convert.reports`` shape, documents with ``items``)."""
        docs = []
        for doc in entry.get("documents") or []:
            items = [self._item(doc, item) for item in doc.get("items", [])]
            self._chart(doc, items, entry.get("path", ""))
            if items:
                kept = {k: doc.get(k) for k in ("path", "id", "date") if doc.get(k)}
                if kept.get("path") == entry.get("path"):
                    del kept["path"]  # a file of one document: said once, in its group
                docs.append(kept | {"items": items})
        if entry.get("error"):
            self.failed += 1
        if not docs and not entry.get("error"):
            return
        group = {
            "path": entry.get("path", ""),
            "status": entry.get("status", ""),
            "error": entry.get("error"),
            "docs": docs,
        }
        self._list.write(("," if self._groups else "") + _json(group) + "\n")
        self._groups += 1

    def _item(self, doc: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
        numbered = {"n": self._items, **item}
        self._items += 1
        if item["status"] == "fixed":
            self.fixed[(item["code"], item.get("fix") or "none")] += 1
        else:
            self.left[(item["code"], item["severity"])] += 1
        day = _date(doc.get("date"))
        if day is not None:
            self.months.add(day, item["code"])
        return numbered

    def _chart(self, doc: dict[str, Any], items: list[dict[str, Any]], path: str) -> None:
        day = _date(doc.get("date"))
        if day is None:
            return
        for currency, rate_text, code, index in doc.get("points", []):
            try:
                rate = Decimal(rate_text)
            except InvalidOperation:
                continue
            if rate <= 0:
                continue
            item = items[index] if index is not None and index < len(items) else None
            label = ""
            if item is not None:
                official = item.get("expected_rate", "?")
                name = str(doc.get("path") or path).rsplit("/", 1)[-1]
                label = f"{name}:{item['line']} {code}: {rate_text} vs {official}"
            self.rates.add(currency, day, rate, code, item["n"] if item else -1, label)

    def write(
        self,
        out: IO[str],
        cards: list[tuple[str, int | str]],
        meta: list[tuple[str, str]],
        table: RateTable | None,
        notice: str | None = None,
    ) -> None:
        """The whole page: ``cards`` are the headline counts, ``meta`` the run's details."""
        esc = html.escape
        out.write(
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(self.title)}</title>\n<style>\n{_asset('review.css')}</style>\n"
            f"</head>\n<body>\n<header><h1>{esc(self.title)}</h1></header>\n"
        )
        if notice:
            out.write(f'<p class="notice">{esc(notice)}</p>\n')
        out.write(self._summary(cards))
        out.write(_meta(meta + _rates_meta(table, self.rates.currencies())))
        out.write(self._charts(table))
        out.write(self._review())
        out.write('<script type="application/json" id="review-data">[\n')
        self._list.seek(0)
        for line in self._list:
            out.write(line)
        out.write(f"]</script>\n<script>\n{_asset('review.js')}</script>\n</body>\n</html>\n")
        self._list.close()

    def close(self) -> None:
        self._list.close()

    def _summary(self, cards: list[tuple[str, int | str]]) -> str:
        esc = html.escape
        boxes = "".join(
            f'<div class="card" id="card-{esc(label.replace(" ", "-"))}" data-key="{esc(label)}">'
            f'<span class="value">{esc(str(value))}'
            f'</span><span class="label">{esc(label)}</span></div>'
            for label, value in cards
        )
        fixed = _table(
            "fixes-by-rule", "Fixes applied, by rule and applicability", self.fixed, _APPLICABILITY
        )
        left = _table("left-by-rule", "Findings left, by rule and severity", self.left, _SEVERITIES)
        return (
            f'<section id="summary"><h2>Summary</h2><div class="cards">{boxes}</div>'
            f'<div class="tables">{fixed}{left}</div></section>\n'
        )

    def _charts(self, table: RateTable | None) -> str:
        parts = []
        for currency in self.rates.currencies():
            n = self.rates.count(currency)
            parts.append(
                f'<figure class="rate-chart" data-currency="{currency}" data-pairs="{n}">'
                f"<figcaption>{currency}: {n} conversion pair{'s' if n != 1 else ''}, implied "
                "rate (dots) against the official NBK rate (line), log scale; a dot with a "
                "finding links to its entry</figcaption>"
                f"{self.rates.svg(currency, table)}</figure>"
            )
        if self.months:
            parts.append(
                '<figure class="month-chart"><figcaption>Findings per month of the articles\' '
                f"dates</figcaption>{self.months.svg()}</figure>"
            )
        if not parts:
            return ""
        legend = "".join(
            f'<span class="key"><i style="background:{c}"></i>{code}</span>'
            for code, c in CODE_COLOURS.items()
        )
        return (
            f'<section id="charts"><h2>Rates picture</h2><p class="legend">'
            f'<span class="key"><i class="ok"></i>right pair</span>{legend}</p>'
            f"{''.join(parts)}</section>\n"
        )

    def _review(self) -> str:
        codes = sorted({code for code, _ in self.fixed} | {code for code, _ in self.left})
        rules = "".join(f'<option value="{c}">{c}</option>' for c in codes)
        severities = "".join(f'<option value="{s}">{s}</option>' for s in _SEVERITIES)
        return (
            '<section id="review"><h2>Review</h2>\n<form id="filters" class="filters">'
            '<label>Rule <select id="f-rule"><option value="">all</option>'
            f"{rules}</select></label>"
            '<label>Severity <select id="f-severity"><option value="">all</option>'
            f"{severities}</select></label>"
            '<label>Status <select id="f-status"><option value="">all</option>'
            '<option value="fixed">fixed</option><option value="left">not fixed</option>'
            '<option value="failed">failed files</option></select></label>'
            '<label>File <input id="f-file" type="search" placeholder="part of the path">'
            "</label></form>\n"
            f'<p id="shown" class="shown">{self._items} findings, {self.failed} failed files'
            "</p>\n"
            '<nav class="pager" id="pager-top"></nav><div id="list"></div>'
            '<nav class="pager" id="pager-bottom"></nav>\n'
            "<noscript>The review list needs JavaScript; the summary above does not.</noscript>"
            "</section>\n"
        )


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _table(
    ident: str, title: str, counts: Counter[tuple[str, str]], columns: tuple[str, ...]
) -> str:
    esc = html.escape
    used = [c for c in columns if any(k[1] == c for k in counts)]
    codes = sorted({code for code, _ in counts})
    head = "".join(f"<th>{esc(c)}</th>" for c in used)
    rows = []
    for code in codes:
        cells = "".join(f'<td data-col="{esc(c)}">{counts[(code, c)] or ""}</td>' for c in used)
        total = sum(counts[(code, c)] for c in used)
        rows.append(
            f'<tr data-code="{code}"><th>{code}</th>{cells}<td class="total">{total}</td></tr>'
        )
    if not rows:
        return f'<table id="{ident}"><caption>{esc(title)}</caption><tr><td>none</td></tr></table>'
    return (
        f'<table id="{ident}"><caption>{esc(title)}</caption><thead><tr><th>rule</th>{head}'
        f"<th>total</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _meta(meta: list[tuple[str, str]]) -> str:
    esc = html.escape
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in meta)
    return f'<section id="run"><h2>Run</h2><dl class="meta">{rows}</dl></section>\n'


def _rates_meta(table: RateTable | None, currencies: list[str]) -> list[tuple[str, str]]:
    """Coverage of the rates the archive's pairs are in, and the table's last date."""
    if table is None:
        return []
    known = set(table.currencies())
    covered = []
    for currency in currencies:
        if currency in known:
            first, last = table.coverage(currency)
            covered.append(f"{currency} {first.isoformat()} to {last.isoformat()}")
    out = [("rates coverage", "; ".join(covered))] if covered else []
    last_date = table.last_date()
    if last_date is not None:
        out.append(("last rate date", last_date.isoformat()))
    return out


def run_metadata(
    paths: list[str], options: list[str], *extra: tuple[str, str]
) -> list[tuple[str, str]]:
    """What the page says about a run: version, inputs, options given, ``extra``, time."""
    from moneyfix import __version__

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return [
        ("moneyfix", __version__),
        ("inputs", " ".join(paths)),
        ("options", " ".join(options) or "defaults"),
        *extra,
        ("written", now.isoformat().replace("+00:00", "Z")),
    ]


def check_metadata(paths: list[str], options: dict[str, Any]) -> list[tuple[str, str]]:
    """The metadata of a ``check`` run, its command-line options as given."""
    chosen = [f"--{k.replace('_', '-')}={_option_text(v)}" for k, v in sorted(options.items())]
    return run_metadata(paths, chosen)


def _option_text(value: Any) -> str:
    if isinstance(value, tuple | list):
        return ",".join(map(str, value))
    return str(value)


def render(reports: list[FileReport], table: RateTable | None, meta: list[tuple[str, str]]) -> str:
    """The page for a ``check`` run: each report's findings, none of them fixed here."""
    import io

    page = ReviewPage("moneyfix check report")
    for report in reports:
        items = review_items(report) if report.error is None else []
        doc = {
            "path": report.path,
            "date": report.date.isoformat() if report.date else None,
            "items": items,
            "points": review_points(report, items) if report.error is None else [],
        }
        status = "failed" if report.error else ("findings" if items else "clean")
        page.add({"path": report.path, "status": status, "error": report.error, "documents": [doc]})
    failed = sum(1 for r in reports if r.error)
    flagged = sum(1 for r in reports if r.error is None and r.findings)
    cards: list[tuple[str, int | str]] = [
        ("files", len(reports)),
        ("with findings", flagged),
        ("clean", len(reports) - failed - flagged),
        ("failed", failed),
        ("findings", sum(len(r.findings) for r in reports if r.error is None)),
        ("fixes applied", sum(r.fixed for r in reports)),
    ]
    out = io.StringIO()
    page.write(out, cards, meta, table)
    return out.getvalue()
