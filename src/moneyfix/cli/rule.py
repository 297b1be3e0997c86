"""``moneyfix rule [CODE]``: what each rule checks, with an example."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def rule(code: str | None = typer.Argument(None, help="A rule code such as MF001.")) -> None:
        """Explain the rules (all of them, or one)."""
        from moneyfix.rules.registry import RULES

        if code is None:
            for item in RULES.values():
                state = "" if item.default_on else "  (off by default)"
                typer.echo(f"{item.code}  {item.name:<20} {item.severity:<8} {item.fix}{state}")
            return
        chosen = RULES.get(code.upper())
        if chosen is None:
            typer.echo(f"moneyfix: unknown rule code {code!r} (see `moneyfix rule`)", err=True)
            raise typer.Exit(2)
        typer.echo(f"{chosen.code} {chosen.name} ({chosen.severity}; fix: {chosen.fix})\n")
        typer.echo(chosen.summary)
        typer.echo(f"\nExample:\n    {chosen.example}")
