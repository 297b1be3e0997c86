"""``moneyfix rates``: show, update, import and export official rates."""

from __future__ import annotations

import typer

app = typer.Typer(help="Official exchange rates: show, update, import, export, info.")
