"""Inline suppression comments (SPEC §8).

    <!-- moneyfix: ignore MF003 -->          the next non-blank line (codes optional = all)
    <!-- moneyfix: disable [CODES] -->       until a matching enable (or the end)
    <!-- moneyfix: enable [CODES] -->
    <!-- moneyfix: ignore-file [CODES] -->   the whole file

The same directives without comment markers on a line of their own also count (the
``.txt`` form, ``moneyfix: ignore MF003``). Codes are separated by spaces or commas; a
prefix such as ``MF00`` matches every code it starts.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

__all__ = ["Directive", "Suppressions", "parse_suppressions"]

_BODY = r"moneyfix[ \t]*:[ \t]*(?P<verb>[A-Za-z-]+)(?P<codes>(?:[{sep}]+[A-Za-z]+\d*)*)"
_COMMENT = re.compile(r"<!--\s*" + _BODY.format(sep=r"\s,") + r"\s*-->")
_BARE = re.compile(r"^[ \t]*" + _BODY.format(sep=r" \t,") + r"[ \t]*\r?$", re.M)
_VERBS = ("ignore", "disable", "enable", "ignore-file")
_CODE = re.compile(r"MF\d{0,3}|ALL")


@dataclass(frozen=True)
class Directive:
    """One parsed directive: where it is, what it does, which codes (empty = all)."""

    start: int
    end: int
    verb: str
    codes: frozenset[str]


@dataclass(frozen=True)
class _State:
    """Which codes are off from one point on: all (but ``allowed``) or just ``codes``."""

    all_off: bool = False
    allowed: frozenset[str] = frozenset()
    codes: frozenset[str] = frozenset()

    def blocks(self, code: str) -> bool:
        if self.all_off:
            return not _matches(code, self.allowed)
        return _matches(code, self.codes)


def _matches(code: str, patterns: frozenset[str]) -> bool:
    return any(code.startswith(p) for p in patterns)


@dataclass(frozen=True)
class Suppressions:
    """The directives of one document, answering "may this finding be reported here?"."""

    file_codes: frozenset[str] | None = None
    """``ignore-file``: ``frozenset()`` means every code, ``None`` no file-wide directive."""
    lines: tuple[tuple[int, int, frozenset[str]], ...] = ()
    """``ignore`` spans ``[start, end)`` of the targeted line with their codes."""
    starts: tuple[int, ...] = ()
    states: tuple[_State, ...] = ()
    directives: tuple[Directive, ...] = ()
    problems: tuple[str, ...] = field(default=())
    """Directives that could not be understood, as ``offset: message`` (to warn about)."""

    @functools.cached_property
    def _line_index(self) -> tuple[list[int], dict[int, list[tuple[int, frozenset[str]]]]]:
        """``lines`` by where they end: each ends at its line's end, so the spans that can
        hold an offset are those ending first after it (one bisection a finding, where a
        file of many ``ignore`` directives and findings was quadratic)."""
        by_end: dict[int, list[tuple[int, frozenset[str]]]] = {}
        for start, end, codes in self.lines:
            by_end.setdefault(end, []).append((start, codes))
        return sorted(by_end), by_end

    def allows(self, code: str, offset: int) -> bool:
        """Whether a finding with ``code`` starting at ``offset`` is not suppressed."""
        code = code.upper()
        if self.file_codes is not None and (not self.file_codes or _matches(code, self.file_codes)):
            return False
        ends, by_end = self._line_index
        at = bisect.bisect_right(ends, offset)  # only spans of the offset's line can hold it
        if at < len(ends):
            for start, codes in by_end[ends[at]]:
                if start <= offset and (not codes or _matches(code, codes)):
                    return False
        i = bisect.bisect_right(self.starts, offset) - 1
        return i < 0 or not self.states[i].blocks(code)


def _directives(text: str, bare: bool) -> tuple[list[Directive], list[str]]:
    found: list[Directive] = []
    problems: list[str] = []
    matches = list(_COMMENT.finditer(text))
    if bare:
        matches += list(_BARE.finditer(text))
    for m in sorted(matches, key=lambda m: m.start()):
        verb = m.group("verb").lower()
        codes = frozenset(c.upper() for c in re.split(r"[\s,]+", m.group("codes")) if c)
        if verb not in _VERBS:
            problems.append(f"{m.start()}: unknown moneyfix directive {verb!r}")
            continue
        bad = sorted(c for c in codes if not _CODE.fullmatch(c))
        if bad:
            problems.append(f"{m.start()}: not a rule code: {', '.join(bad)}")
            continue
        if "ALL" in codes:
            codes = frozenset()
        found.append(Directive(m.start(), m.end(), verb, codes))
    return found, problems


def _target_line(text: str, after: int) -> tuple[int, int]:
    """The rest of the directive's line if it has text, else the next non-blank line."""
    line_end = text.find("\n", after)
    line_end = len(text) if line_end < 0 else line_end
    if text[after:line_end].strip():
        return after, line_end
    pos = line_end + 1
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            return pos, end
        pos = end + 1
    return len(text), len(text)


def parse_suppressions(text: str, *, bare: bool = True) -> Suppressions:
    """All suppression directives of a document's full text (not the masked text).

    ``bare`` accepts directives without comment markers on a line of their own (the
    ``.txt`` form); pass ``False`` to accept only ``<!-- ... -->`` comments.
    """
    directives, problems = _directives(text, bare)
    file_codes: frozenset[str] | None = None
    lines: list[tuple[int, int, frozenset[str]]] = []
    starts: list[int] = []
    states: list[_State] = []
    state = _State()
    for d in directives:
        if d.verb == "ignore-file":
            if file_codes is None:
                file_codes = d.codes
            elif file_codes and d.codes:
                file_codes = file_codes | d.codes
            else:
                file_codes = frozenset()
        elif d.verb == "ignore":
            start, end = _target_line(text, d.end)
            lines.append((start, end, d.codes))
        else:
            state = _next_state(state, d)
            starts.append(d.end)
            states.append(state)
    return Suppressions(
        file_codes=file_codes,
        lines=tuple(lines),
        starts=tuple(starts),
        states=tuple(states),
        directives=tuple(directives),
        problems=tuple(problems),
    )


def _next_state(state: _State, d: Directive) -> _State:
    if d.verb == "disable":
        if not d.codes:
            return _State(all_off=True)
        if state.all_off:
            return _State(all_off=True, allowed=state.allowed - d.codes)
        return _State(codes=state.codes | d.codes)
    if not d.codes:
        return _State()
    if state.all_off:
        return _State(all_off=True, allowed=state.allowed | d.codes)
    return _State(codes=state.codes - d.codes)
