"""moneyfix: find money amounts in news text and check their currency conversions.

The public API is re-exported here; see the README for examples.
"""

from __future__ import annotations

__version__ = "0.1.0"
