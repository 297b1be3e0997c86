"""``check --statistics``: how many findings of each rule, as ruff prints them."""

from __future__ import annotations

import json
from collections import Counter

from moneyfix.model import FileReport
from moneyfix.report._common import is_fixable, plural, totals


def render(reports: list[FileReport], fmt: str = "text") -> str:
    """One line per rule, most frequent first: count, code, ``[*]`` if fixable, name;
    ``fmt="json"`` gives the same as a list of objects."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    fixable: Counter[str] = Counter()
    for report in reports:
        for f in report.findings if report.error is None else ():
            counts[f.code] += 1
            names[f.code] = f.name
            fixable[f.code] += is_fixable(f)
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
    errors = totals(reports).errors
    if errors:
        lines.append(f"{plural(errors, 'file')} could not be read.\n")
    return "".join(lines)
