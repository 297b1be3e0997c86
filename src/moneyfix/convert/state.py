"""Resuming a convert run: which outputs are already up to date.

The output directory holds a manifest, ``.moneyfix-convert.json``: for every output, the
SHA-256 of the input it was made from, the options key, the rates version, the output's
size and its report entry. While a run goes on, each finished output appends one line to
``.moneyfix-convert.journal`` (after the output itself was renamed into place), so a run
killed at any moment loses at most the lines being written; a torn last line is ignored.
At the end (or on Ctrl-C) the manifest is rewritten atomically and the journal removed.

An output counts as up to date when its input has the same hash, the run has the same
options and rates, and the output file still exists with the recorded size.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import IO, Any

from moneyfix.fixes import write_new
from moneyfix.rates.table import RateTable

__all__ = ["JOURNAL", "MANIFEST", "State", "clean_temporaries", "rates_version"]

MANIFEST = ".moneyfix-convert.json"
JOURNAL = ".moneyfix-convert.journal"
_TEMP_SUFFIX = ".moneyfix-tmp"


def rates_version(table: RateTable) -> str:
    """A digest of every rate file the table reads (names and contents)."""
    digest = hashlib.sha256()
    for layer in table.locations.layers:
        try:
            names = sorted(n for n in os.listdir(layer) if n.endswith(".csv"))
        except OSError:
            continue
        for name in names:
            digest.update(f"{layer}/{name}\0".encode())
            with contextlib.suppress(OSError), open(layer / name, "rb") as fh:
                digest.update(hashlib.sha256(fh.read()).digest())
    return digest.hexdigest()[:16]


def clean_temporaries(out: Path) -> int:
    """Remove temporary files a killed run left in ``out`` (ours by name); how many."""
    removed = 0
    for directory, _dirs, files in os.walk(out):
        for name in files:
            if name.startswith(".") and name.endswith(_TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(directory, name))
                    removed += 1
    return removed


class State:
    """The manifest of one output directory, for one options key and rates version."""

    def __init__(self, out: Path, options_key: str, rates: str) -> None:
        self.out = out
        self.options_key = options_key
        self.rates = rates
        self.entries: dict[str, dict[str, Any]] = {}
        self._journal: IO[str] | None = None

    @classmethod
    def load(cls, out: Path, options_key: str, rates: str) -> State:
        """The state found in ``out`` (an unreadable manifest is treated as empty)."""
        state = cls(out, options_key, rates)
        try:
            data = json.loads((out / MANIFEST).read_text("utf-8"))
            files = data.get("files", {}) if isinstance(data, dict) else {}
            if isinstance(files, dict):
                state.entries.update(
                    (k, v) for k, v in files.items() if isinstance(v, dict) and isinstance(k, str)
                )
        except (OSError, ValueError):
            pass
        try:
            with open(out / JOURNAL, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        entry = json.loads(line)
                    except ValueError:
                        continue  # a line torn by a killed run
                    if isinstance(entry, dict) and isinstance(entry.get("rel"), str):
                        state.entries[entry.pop("rel")] = entry
        except OSError:
            pass
        return state

    def known_hash(self, rel: str) -> str | None:
        """The input hash an existing output was made from with these options and rates."""
        entry = self.entries.get(rel)
        if entry is None or entry.get("options") != self.options_key:
            return None
        if entry.get("rates") != self.rates:
            return None
        try:
            if os.path.getsize(self.out / rel) != entry.get("size"):
                return None
        except OSError:
            return None
        sha = entry.get("sha256")
        return sha if isinstance(sha, str) else None

    def summary(self, rel: str) -> dict[str, Any] | None:
        """The report entry stored for an up-to-date output."""
        entry = self.entries.get(rel)
        value = entry.get("summary") if entry else None
        return value if isinstance(value, dict) else None

    def record(self, rel: str, sha256: str, size: int, summary: dict[str, Any]) -> None:
        """Remember a finished output; call only after it is in place."""
        entry = {
            "sha256": sha256,
            "size": size,
            "options": self.options_key,
            "rates": self.rates,
            "summary": summary,
        }
        self.entries[rel] = entry
        if self._journal is None:
            self.out.mkdir(parents=True, exist_ok=True)
            self._journal = open(self.out / JOURNAL, "a", encoding="utf-8")  # noqa: SIM115
        self._journal.write(json.dumps({"rel": rel, **entry}, ensure_ascii=False) + "\n")

    def flush(self) -> None:
        """Hand the journal lines to the OS (they survive the process being killed)."""
        if self._journal is not None:
            self._journal.flush()

    def save(self) -> None:
        """Rewrite the manifest atomically and drop the journal."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if not self.entries and not (self.out / MANIFEST).exists():
            return
        data = {"version": 1, "files": dict(sorted(self.entries.items()))}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_new(self.out / MANIFEST, (text + "\n").encode("utf-8"))
        with contextlib.suppress(OSError):
            os.unlink(self.out / JOURNAL)
