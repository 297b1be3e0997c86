"""``check --statistics``: how many findings of each rule, as ruff prints them."""

from __future__ import annotations

import json

from moneyfix.report._common import Tally, plural


def render(tally: Tally, fmt: str = "text") -> str:
    """One line per rule, most frequent first: count, code, ``[*]`` if fixable, name;
    ``fmt="json"`` gives the same as a list of objects. Counts alone: a run's findings
    need not be kept for them."""
    counts, fixable, names = tally.codes, tally.fixable_codes, tally.names
    order = sorted(counts, key=lambda code: (-counts[code], code))
    if fmt == "json":
        rows = [
            {"code": c, "name": names[c], "count": counts[c], "fixable": fixable[c]} for c in order
        ]
        return json.dumps(rows, indent=2) + "\n"
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = [
        f"{counts[c]:>{width}}\t{c}\t{'[*]' if fixable[c] else '   '} {names[c]}\n" for c in order
    ]
    if tally.errors:
        lines.append(f"{plural(tally.errors, 'file')} could not be read.\n")
    return "".join(lines)
