"""HTML (``.html``/``.htm``): only text nodes are read; markup is skipped and never rewritten.

A small tokenizer rather than ``html.parser``: it must report exact code-point spans of
tags, comments, ``<script>``/``<style>`` contents and character entities, and must not
choke on the broken markup of old archives (an unclosed tag runs to the end).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

from moneyfix.documents.base import Analysis
from moneyfix.documents.dates import parse_loose

__all__ = ["analyse", "attributes", "tags"]

_TOKEN = re.compile(
    r"<!--|<!\[CDATA\[|<[!?]|</?[A-Za-z][^\s/>]*"
    r"|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});"
)
_TAG_REST = re.compile(r"""[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>""")
_ATTR = re.compile(r"""([^\s"'=<>/`]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_RAW_TEXT = ("script", "style")
_JSONLD_DATE = re.compile(r""""datePublished"\s*:\s*"([^"]+)\"""")


def attributes(tag: str) -> dict[str, str]:
    """The attributes of a start tag's source text (names lower-cased, entities decoded)."""
    inner = re.sub(r"^</?[^\s/>]+|/?>$", "", tag)
    attrs: dict[str, str] = {}
    for m in _ATTR.finditer(inner):
        value = m.group(2) or ""
        if value[:1] in "\"'":
            value = value[1:-1]
        attrs.setdefault(m.group(1).lower(), html.unescape(value))
    return attrs


def tags(text: str) -> list[tuple[str, int, int, int]]:
    """Every markup token as ``(kind, start, end, content_end)``.

    ``kind`` is a lower-case tag name (``/p`` for end tags), ``#comment``, ``#cdata``,
    ``#decl`` or ``#entity``; for ``script``/``style`` ``content_end`` is where the raw
    text inside ends (the end tag's start), otherwise it equals ``end``.
    """
    out: list[tuple[str, int, int, int]] = []
    pos, n = 0, len(text)
    while pos < n:
        m = _TOKEN.search(text, pos)
        if not m:
            break
        tok, start = m.group(), m.start()
        if tok == "<!--":
            close = text.find("-->", m.end())
            end = n if close < 0 else close + 3
            out.append(("#comment", start, end, end))
        elif tok == "<![CDATA[":
            close = text.find("]]>", m.end())
            end = n if close < 0 else close + 3
            out.append(("#cdata", start, end, end))
        elif tok in ("<!", "<?"):
            close = text.find(">", m.end())
            end = n if close < 0 else close + 1
            out.append(("#decl", start, end, end))
        elif tok.startswith("&"):
            end = m.end()
            out.append(("#entity", start, end, end))
        else:
            rest = _TAG_REST.match(text, m.end())
            end = rest.end() if rest else n
            name = tok[1:].lower()
            if name in _RAW_TEXT and text[end - 2 : end] != "/>":
                close_m = re.compile(rf"</{name}\b", re.I).search(text, end)
                content_end = close_m.start() if close_m else n
                out.append((name, start, end, content_end))
                end = content_end
            else:
                out.append((name, start, end, end))
        pos = end
    return out


def _meta_date(text: str, toks: list[tuple[str, int, int, int]]) -> dt.date | None:
    published: dt.date | None = None
    item: dt.date | None = None
    time_tag: dt.date | None = None
    for kind, start, end, content_end in toks:
        if kind == "meta" and published is None:
            attrs = attributes(text[start:end])
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or ""
            key = key.lower()
            if key in ("article:published_time", "og:published_time", "datepublished"):
                date = parse_loose(attrs.get("content", ""))
                if key == "datepublished":
                    item = item or date
                else:
                    published = date
        elif kind == "script" and item is None:
            attrs = attributes(text[start:end])
            if "ld+json" in attrs.get("type", "").lower():
                item = _jsonld_date(text[end:content_end])
        elif kind == "time" and time_tag is None:
            attrs = attributes(text[start:end])
            if "datetime" in attrs:
                time_tag = parse_loose(attrs["datetime"])
    return published or item or time_tag


def _jsonld_date(body: str) -> dt.date | None:
    try:
        data = json.loads(body)
    except RecursionError:
        return None
    except ValueError:
        m = _JSONLD_DATE.search(body)
        return parse_loose(m.group(1)) if m else None
    stack = [data]
    while stack:
        node = stack.pop(0)
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str) and (date := parse_loose(value)) is not None:
                return date
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None


def analyse(text: str) -> Analysis:
    """Markup regions to skip, the date from meta tags / JSON-LD / ``<time>``, ``<html lang>``."""
    toks = tags(text)
    skip: list[tuple[int, int]] = []
    lang: str | None = None
    for kind, start, end, content_end in toks:
        last = content_end if kind in _RAW_TEXT else end
        if skip and skip[-1][1] == start:
            skip[-1] = (skip[-1][0], last)
        else:
            skip.append((start, last))
        if kind == "html" and lang is None:
            lang = attributes(text[start:end]).get("lang") or None
    date = _meta_date(text, toks)
    return Analysis(
        skip=tuple(skip),
        date=date,
        date_source="meta" if date else None,
        lang=lang.lower() if lang else None,
    )
