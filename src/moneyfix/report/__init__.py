"""Output formats: findings of ``check`` and amounts of ``scan``, rendered to text.

Every renderer is a pure function from a list of :class:`~moneyfix.model.FileReport`
to a string, so the CLI only decides where the string goes (stdout, ``-o FILE``).
Format modules are imported on first use: ``check --output-format concise`` should
not pay for rich, xml or hashlib.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from moneyfix.choices import CHECK_FORMATS, FORMAT_SUFFIXES, SCAN_FORMATS
from moneyfix.model import FileReport
from moneyfix.report.amounts import Conversions, ConvertedValue
from moneyfix.report.positions import LineIndex

if TYPE_CHECKING:
    from moneyfix.rates.table import RateTable


_CHECK_RENDERERS = {
    "json": ("jsonfmt", "render"),
    "json-lines": ("jsonfmt", "render_lines"),
    "github": ("github", "render"),
    "gitlab": ("gitlab", "render"),
    "sarif": ("sarif", "render"),
    "junit": ("junit", "render"),
}
_SCAN_RENDERERS = {
    "json": ("amounts", "render_json"),
    "jsonl": ("amounts", "render_jsonl"),
    "csv": ("amounts", "render_csv"),
}


def _unknown(kind: str, fmt: str, known: tuple[str, ...]) -> ValueError:
    return ValueError(f"unknown {kind} format {fmt!r}; choose one of {', '.join(known)}")


def render_findings(
    reports: list[FileReport],
    fmt: str,
    *,
    color: bool = False,
    summary: bool = True,
    table: RateTable | None = None,
    meta: list[tuple[str, str]] | None = None,
) -> str:
    """Findings of ``check`` in one of :data:`CHECK_FORMATS`; ``color`` only affects ``full``,
    ``summary`` (the closing count lines) ``full`` and ``concise``; ``table`` (the official
    rate line) and ``meta`` (the run's details) only ``html``.

    Raises ``ValueError`` (one line, naming the choices) for an unknown format.
    """
    if fmt == "full":
        from moneyfix.report import full

        return full.render(reports, color=color, summary=summary)
    if fmt == "concise":
        from moneyfix.report import concise

        return concise.render(reports, summary=summary)
    if fmt == "html":
        from moneyfix.report import html

        return html.render(reports, table, meta or [])
    if fmt not in _CHECK_RENDERERS:
        raise _unknown("output", fmt, CHECK_FORMATS)
    module, name = _CHECK_RENDERERS[fmt]
    render = getattr(import_module(f"moneyfix.report.{module}"), name)
    result: str = render(reports)
    return result


def render_amounts(
    reports: list[FileReport],
    fmt: str,
    *,
    conversions: Conversions | None = None,
    color: bool = False,
    width: int = 160,
) -> str:
    """Amounts of ``scan`` in one of :data:`SCAN_FORMATS`.

    ``conversions`` maps ``(path, index into report.amounts)`` to a
    :class:`ConvertedValue`; when given (even empty) the converted columns/keys appear,
    empty for amounts without one. ``color`` and ``width`` only affect ``table``.
    """
    if fmt == "table":
        from moneyfix.report import table

        return table.render(reports, conversions, color=color, width=width)
    if fmt not in _SCAN_RENDERERS:
        raise _unknown("scan", fmt, SCAN_FORMATS)
    module, name = _SCAN_RENDERERS[fmt]
    render = getattr(import_module(f"moneyfix.report.{module}"), name)
    result: str = render(reports, conversions)
    return result


__all__ = [
    "CHECK_FORMATS",
    "FORMAT_SUFFIXES",
    "SCAN_FORMATS",
    "Conversions",
    "ConvertedValue",
    "LineIndex",
    "render_amounts",
    "render_findings",
]
