"""Markdown (``.md``): front matter, code and markup are skipped; the date comes from front matter.

It finds exactly the regions a money scanner must not read or rewrite and leaves the
prose alone: front matter (parsed with PyYAML or tomllib), code blocks as CommonMark
reads them (markdown-it-py: fenced, indented, raw-text HTML blocks such as ``<pre>``),
inline code spans, HTML comments and tags, link destinations and reference definitions.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from moneyfix import regex_cache
from moneyfix.documents.base import Analysis
from moneyfix.documents.dates import parse_loose

__all__ = ["analyse", "front_matter", "skipped"]

_FRONT = regex_cache.compile(
    r"\A(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)^(?P=fence)[ \t]*(?:\r?\n|\Z)", re.S | re.M
)
# Every alternative opens with a literal ("``*", not "`+"), so the engine skips ahead to
# the next "<", "`" or "]" instead of trying the whole branch at every position (5x).
_INLINE = regex_cache.compile(
    r"<!--|``*|</?[A-Za-z][\w:-]*(?=[\s/>])|<[A-Za-z][\w+.-]*:[^\s<>]*>|\]\("
)
# The rest of an HTML tag. A "<" outside quotes ends the attempt (CommonMark allows none
# there): otherwise each of a run of unclosed "<b " would scan to the end of the text.
_TAG_REST = regex_cache.compile(r"""[^"'<>]*(?:(?:"[^"]*"|'[^']*')[^"'<>]*)*>""")
_BACKTICKS = regex_cache.compile(r"``*")  # a literal first, as in _INLINE
_LINK_DEST = regex_cache.compile(
    r"""\s*(?:<[^<>\r\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"""
    r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)"""
)
_REF_DEF = regex_cache.compile(r"^ {0,3}\[[^\]\r\n]+\]:[ \t]*\S[^\r\n]*?\r?$", re.M)
_KEY_LINE = regex_cache.compile(
    r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(?P<value>[^\r\n]*?)\r?$", re.M
)

_DATE_KEYS = ("date", "published", "pubdate", "publishdate", "published_at", "created")
_LANG_KEYS = ("lang", "language", "locale")


def front_matter(text: str) -> tuple[tuple[int, int] | None, dict[str, str]]:
    """The span of a YAML (``---``) or TOML (``+++``) front matter block and its top-level
    keys, read with PyYAML or tomllib (block scalars such as ``date: >-``, quoting, lists);
    a block neither parser reads is read line by line as ``key: value``."""
    m = _FRONT.match(text)
    if not m:
        return None, {}
    parsed = _parsed(m.group("body"), m.group("fence"))
    if parsed is not None:
        return (m.start(), m.end()), parsed
    values: dict[str, str] = {}
    for km in _KEY_LINE.finditer(m.group("body")):
        value = km.group("value").strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values.setdefault(km.group("key").lower(), value)
    return (m.start(), m.end()), values


def _parsed(body: str, fence: str) -> dict[str, str] | None:
    """Top-level scalar keys of a front matter block (lower-cased, values as text)."""
    import tomllib

    import yaml  # only for documents with front matter

    data: object
    try:
        # libyaml's parser where PyYAML was built with it: a tenth of the pure one's time
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(body, Loader=loader) if fence == "---" else tomllib.loads(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None  # e.g. an impossible date: read line by line, so the error names it
    if not isinstance(data, dict):
        return None
    return {
        str(key).lower(): (value.isoformat() if hasattr(value, "isoformat") else str(value)).strip()
        for key, value in data.items()
        if isinstance(value, str | int | float | dt.date)
    }


def _code_blocks(text: str, start: int) -> list[tuple[int, int]]:
    """Code blocks as CommonMark reads them (markdown-it-py): fenced, indented (also in
    lists and quotes), and HTML blocks of raw text (``<pre>``, ``<script>``, ``<style>``,
    ``<textarea>``); each spans whole lines of ``text`` from ``start`` on. A text without
    a fence, an indented line or such a tag has none, and is not parsed (start-up)."""
    body = text[start:]
    if not any(mark in body for mark in _CODE_MARKS) or not _MAYBE_CODE.search(body):
        return []
    from markdown_it import MarkdownIt  # only for Markdown documents that may hold code

    lines = [start]
    lines.extend(start + m.end() for m in _LINE_BREAK.finditer(body))
    lines.append(len(text))
    spans = []
    for token in MarkdownIt("commonmark").parse(body):
        if token.map is None or token.nesting < 0:
            continue
        raw_html = token.type == "html_block" and _RAW_BLOCK.match(token.content)
        if token.type in ("fence", "code_block") or raw_html:
            first, last = token.map
            spans.append((lines[first], lines[min(last, len(lines) - 1)]))
    return spans


_LINE_BREAK = regex_cache.compile(r"\r\n|\r|\n")
_MAYBE_CODE = regex_cache.compile(
    r"^[ \t>*+\-\d.)]*(?:```|~~~| {4}|\t)|<(?:pre|script|style|textarea)", re.M | re.I
)
"""What every code block needs somewhere: a fence, an indent of four (after quote or
list markers), or a raw-text HTML tag."""
_CODE_MARKS = ("```", "~~~", "    ", "\t", "<")
"""One of these is in every text ``_MAYBE_CODE`` finds something in: looked for first,
since a pattern anchored at line starts is tried at every position (8x slower)."""
_RAW_BLOCK = regex_cache.compile(r"[ ]{0,3}<(?:pre|script|style|textarea)(?:[\s>]|$)", re.I)


def _backtick_runs(text: str, start: int, end: int) -> dict[int, list[int]]:
    """Where each length of backtick run starts in ``text[start:end]``, in order: a code
    span closes at the next run of its own length, found here by bisection rather than by
    a search to the end of the text for every unclosed run (quadratic in their number)."""
    runs: dict[int, list[int]] = {}
    for run in _BACKTICKS.finditer(text, start, end):
        runs.setdefault(run.end() - run.start(), []).append(run.start())
    return runs


def _inline(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    pos = start
    runs: dict[int, list[int]] | None = None
    while pos < end:
        m = _INLINE.search(text, pos, end)
        if not m:
            return
        tok = m.group()
        if tok == "<!--":
            close = text.find("-->", m.end(), end)
            stop = end if close < 0 else close + 3
            out.append((m.start(), stop))
            pos = stop
        elif tok.startswith("`"):
            if runs is None:
                runs = _backtick_runs(text, start, end)
            same = runs.get(len(tok), [])
            after = bisect_left(same, m.end())
            if after == len(same):
                pos = m.end()  # a literal run of backticks
            else:
                pos = same[after] + len(tok)
                out.append((m.start(), pos))
        elif tok == "](":
            dm = _LINK_DEST.match(text, m.end(), end)
            if dm and dm.end() - 1 > m.end():
                out.append((m.end(), dm.end() - 1))
                pos = dm.end()
            else:
                pos = m.end()
        elif tok.endswith(">"):
            out.append((m.start(), m.end()))  # an autolink <https://...>
            pos = m.end()
        else:
            rest = _TAG_REST.match(text, m.end(), end)
            if rest is None:
                pos = m.end()
            else:
                out.append((m.start(), rest.end()))
                pos = rest.end()


def skipped(text: str, start: int = 0) -> tuple[tuple[int, int], ...]:
    """The regions of ``text[start:]`` not to read: code, markup, link destinations,
    reference definitions (no front matter: a later chunk of a big file has none)."""
    skip: list[tuple[int, int]] = []
    fences = _code_blocks(text, start)
    # Every definition holds "]:". The "^"-anchored pattern is tried at each position;
    # a plain find for that is 6x faster on a text without any.
    refs = []
    if text.find("]:", start) >= 0:
        refs = [(m.start(), m.end()) for m in _REF_DEF.finditer(text, start)]
    blocks = sorted(fences + refs)
    pos = start
    for b_start, b_end in blocks:
        if b_start < pos:
            continue  # a reference-like line inside a fence
        _inline(text, pos, b_start, skip)
        skip.append((b_start, b_end))
        pos = b_end
    _inline(text, pos, len(text), skip)
    return tuple(skip)


def analyse(text: str) -> Analysis:
    """Regions to skip, and the date and language from the front matter."""
    span, meta = front_matter(text)
    skip: list[tuple[int, int]] = []
    body = 0
    if span is not None:
        skip.append(span)
        body = span[1]
    skip.extend(skipped(text, body))
    date = None
    error = None
    for key in _DATE_KEYS:
        value = meta.get(key, "").strip().strip("'\"")
        if value and (date := parse_loose(value)) is not None:
            break
        if value and error is None:
            error = f"front matter {key}: {value!r} is not a date"
    lang = next((meta[k].lower() for k in _LANG_KEYS if meta.get(k)), None)
    return Analysis(
        skip=tuple(sorted(skip)),
        date=date,
        date_source="front-matter" if date else None,
        lang=lang,
        date_error=None if date else error,
    )
