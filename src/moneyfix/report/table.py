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


def render(
    reports: list[FileReport],
    conversions: Conversions | None = None,
    *,
    color: bool = False,
    width: int = 160,
) -> str:
    """The table as text; ``color`` adds terminal styles, ``width`` is the terminal's."""
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, highlight=False)
    table.add_column("path", overflow="fold")
    table.add_column("line:col", justify="right", no_wrap=True)
    table.add_column("text", overflow="fold")
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("currency", no_wrap=True)
    table.add_column("magnitude")
    table.add_column("qualifier")
    table.add_column("range", no_wrap=True)
    if conversions is not None:
        table.add_column("converted", justify="right", no_wrap=True)
        table.add_column("rate date", no_wrap=True)
    count = 0
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
            table.add_row(*row)
            count += 1
    table.caption = (
        f"{count} amount{'s' if count != 1 else ''}; * = bare $ read as USD, (?) = ambiguous"
    )
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(table)
    return buffer.getvalue()
