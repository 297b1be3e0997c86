"""``moneyfix scan``: every amount of every file."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def scan() -> None:
        """List every money amount (placeholder until the parser lands)."""
