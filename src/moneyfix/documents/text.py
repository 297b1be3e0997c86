"""Plain text (``.txt``): everything is read, nothing is skipped, no metadata."""

from __future__ import annotations

from moneyfix.documents.base import Analysis

__all__ = ["analyse"]


def analyse(text: str) -> Analysis:
    """Plain text has no regions to skip and no date other than the file name or dateline."""
    return Analysis()
