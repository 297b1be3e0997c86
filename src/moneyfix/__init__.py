"""moneyfix: find money amounts in news text and check their currency conversions.

The public API is re-exported here and imported lazily, so ``import moneyfix`` is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from moneyfix.amounts import find_amounts

__all__ = ["__version__", "find_amounts"]

_LAZY = {"find_amounts": "moneyfix.amounts"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'moneyfix' has no attribute {name!r}")
