"""Reading a review page back: its start tags, the text of elements, the embedded list."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any


class Page(HTMLParser):
    """Every start tag with its attributes, and the text inside each element with an id."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text_of: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag not in ("meta", "input", "br", "line", "circle", "polyline", "rect", "i"):
            ident = attributes.get("id")
            self._open.append((tag, ident))
            if ident:
                self.text_of[ident] = ""

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, ident in self._open:
            if ident:
                self.text_of[ident] += data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        """Start tags named ``tag`` whose attributes include ``attrs`` (class_ for class)."""
        wanted = {k.rstrip("_"): v for k, v in attrs.items()}
        return [
            a
            for t, a in self.tags
            if t == tag
            and all(a.get(k) == v or v in a.get(k, "").split() for k, v in wanted.items())
        ]

    def cards(self) -> dict[str, int]:
        """The summary's headline counts: label -> value."""
        out = {}
        for key, text in self.text_of.items():
            if key.startswith("card-"):
                found = re.match(r"\s*(\d+)", text)
                assert found, f"card {key} has no number: {text!r}"
                out[key[5:]] = int(found.group(1))
        return out


def review_data(source: str) -> list[dict[str, Any]]:
    """The review list embedded in the page."""
    start = source.index('<script type="application/json" id="review-data">')
    body = source[source.index(">", start) + 1 : source.index("</script>", start)]
    groups: list[dict[str, Any]] = json.loads(body)
    return groups


def items(groups: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """(file path, item) of every finding in the list."""
    return [(g["path"], item) for g in groups for doc in g["docs"] for item in doc["items"]]
