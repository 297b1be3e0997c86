"""``scan --format table``: every amount as a rich table, for people."""

from __future__ import annotations

from moneyfix.model import Amount, FileReport
from moneyfix.report._common import decimal_str
from moneyfix.report.amounts import Conversions, converted_fields
from moneyfix.report.positions import LineIndex


def _range(amount: Amount) -> str:
    if amount.range is None:
        return ""
    low, high = amount.range
    return f"{decimal_str(low)}–{decimal_str(high)}"


_COLUMNS = ("path", "line:col", "text", "value", "currency", "magnitude", "qualifier", "range")
_CONVERTED = ("converted", "rate date")
_RIGHT = {"line:col", "value", "converted"}


def _rows(reports: list[FileReport], conversions: Conversions | None) -> list[list[str]]:
    rows = []
    for report in reports:
        if report.error is not None:
            continue
        index = LineIndex(report.text)
        for i, a in enumerate(report.amounts):
            line, column = index.position(a.start)
            value = decimal_str(a.value)
            if a.ambiguous:
                value += " (?)"
            row = [
                report.path,
                f"{line}:{column}",
                " ".join(a.text.split()),
                value,
                (a.currency or "?") + ("*" if a.assumed_currency else ""),
                a.magnitude or "",
                (("~ " if a.approximate else "") + (a.qualifier or "")).strip(),
                _range(a),
            ]
            if conversions is not None:
                conv = converted_fields(conversions.get((report.path, i)))
                converted = conv["converted_value"]
                if converted is not None:
                    converted = f"{converted} {conv['converted_currency']}"
                row += [converted or "", conv["converted_rate_date"] or ""]
            rows.append(row)
    return rows


def render(
    reports: list[FileReport],
    conversions: Conversions | None = None,
    *,
    color: bool = False,
    width: int = 160,
) -> str:
    """The table as text; ``color`` (a terminal) draws it with rich, else plain columns."""
    columns = _COLUMNS + (_CONVERTED if conversions is not None else ())
    rows = _rows(reports, conversions)
    count = len(rows)
    caption = f"{count} amount{'s' if count != 1 else ''}; * = bare $ read as USD, (?) = ambiguous"
    if not color:
        return _plain(columns, rows, caption)
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, highlight=False, caption=caption)
    for name in columns:
        table.add_column(name, justify="right" if name in _RIGHT else "left", overflow="fold")
    for row in rows:
        table.add_row(*row)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        color_system="standard",
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(table)
    return buffer.getvalue()


def _plain(columns: tuple[str, ...], rows: list[list[str]], caption: str) -> str:
    """Aligned columns for pipes and files: no drawing characters, no rich."""
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(columns)]

    def line(cells: list[str] | tuple[str, ...]) -> str:
        parts = [
            cell.rjust(w) if name in _RIGHT else cell.ljust(w)
            for cell, w, name in zip(cells, widths, columns, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(columns), *(line(row) for row in rows), caption]) + "\n"
