"""The fixed values of options that several layers share: one list of each.

The config validates them, the CLI names them in its help and errors, the renderers and
the library dispatch on them. This module imports nothing, so reading a list costs the
command's start-up nothing.
"""

from __future__ import annotations

__all__ = ["CHECK_FORMATS", "FAIL_ON", "FORMAT_SUFFIXES", "LANGS", "SCAN_FORMATS"]

FORMAT_SUFFIXES = {
    "full": "txt",
    "concise": "txt",
    "json": "json",
    "json-lines": "jsonl",
    "github": "txt",
    "gitlab": "json",
    "sarif": "json",
    "junit": "xml",
    "html": "html",
}
"""Each report format of ``check`` (``--output-format``), with the file suffix of its output."""
CHECK_FORMATS = tuple(FORMAT_SUFFIXES)
SCAN_FORMATS = ("table", "json", "jsonl", "csv")
"""The text formats of ``scan --format`` (``parquet`` is a table written to a file)."""
FAIL_ON = ("error", "warning", "info")
LANGS = ("auto", "en", "ru", "kk", "kk-Latn")
"""The values ``lang`` takes: a language the scanner reads, or ``auto`` to detect it."""
