"""Inline suppression comments (SPEC §8).

    <!-- moneyfix: ignore MF003 -->          the next non-blank line (codes optional = all)
    <!-- moneyfix: disable [CODES] -->       until a matching enable (or the end)
    <!-- moneyfix: enable [CODES] -->
    <!-- moneyfix: ignore-file [CODES] -->   the whole file

The same directives without comment markers on a line of their own also count (the
``.txt`` form, ``moneyfix: ignore MF003``). Codes are separated by spaces or commas; a
prefix such as ``MF00`` matches every code it starts. A code no rule has is a problem to
report, never a reason to suppress everything.

Each suppression remembers what it suppressed (``suppressor``), so directives that
suppress nothing can be reported (MF100), and ``suppression_edits`` writes the comments
that silence a document's current findings (``check --add-ignore``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from moneyfix import regex_cache
from moneyfix.model import Edit, Finding
from moneyfix.rules.registry import RULES

__all__ = [
    "Directive",
    "Problem",
    "Suppressions",
    "Unused",
    "parse_suppressions",
    "suppression_edits",
    "unused_directives",
]

_BODY = r"moneyfix[ \t]*:[ \t]*(?P<verb>[A-Za-z-]+)(?P<codes>(?:[{sep}]+[A-Za-z]+\d*)*)"
_COMMENT = regex_cache.compile(r"<!--\s*" + _BODY.format(sep=r"\s,") + r"\s*-->")
_BARE = regex_cache.compile(r"^[ \t]*" + _BODY.format(sep=r" \t,") + r"[ \t]*\r?$", re.M)
_VERBS = ("ignore", "disable", "enable", "ignore-file")
_CODE = regex_cache.compile(r"MF\d{0,3}|ALL")


@dataclass(frozen=True)
class Directive:
    """One parsed directive: where it is, what it does, which codes (empty = all)."""

    start: int
    end: int
    verb: str
    codes: frozenset[str]
    listed: tuple[str, ...] = ()
    """The known codes in the order written."""
    codes_span: tuple[int, int] = (0, 0)
    """Where the code list is in the text (to rewrite it)."""


class Problem(NamedTuple):
    """A directive, or a code in one, that could not be understood."""

    start: int
    end: int
    message: str


class Unused(NamedTuple):
    """A directive that suppressed nothing (``codes`` empty) or some of whose codes did not."""

    directive: Directive
    codes: tuple[str, ...]


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

    lines: tuple[tuple[int, int, frozenset[str]], ...] = ()
    """``ignore`` spans ``[start, end)`` of the targeted line with their codes."""
    starts: tuple[int, ...] = ()
    states: tuple[_State, ...] = ()
    directives: tuple[Directive, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    """Directives or codes that could not be understood (to warn about)."""
    line_directives: tuple[int, ...] = ()
    """Index into ``directives`` of each ``lines`` entry."""
    state_directives: tuple[int, ...] = ()
    """Index into ``directives`` of each ``starts`` entry (disable/enable)."""

    @functools.cached_property
    def _line_index(
        self,
    ) -> tuple[list[int], dict[int, list[tuple[int, frozenset[str], int]]]]:
        """``lines`` by where they end: each ends at its line's end, so the spans that can
        hold an offset are those ending first after it (one bisection a finding, where a
        file of many ``ignore`` directives and findings was quadratic). Each span keeps
        the index of its directive."""
        by_end: dict[int, list[tuple[int, frozenset[str], int]]] = {}
        for (start, end, codes), i in zip(self.lines, self.line_directives, strict=True):
            by_end.setdefault(end, []).append((start, codes, i))
        return sorted(by_end), by_end

    @functools.cached_property
    def _file_directives(self) -> list[tuple[int, frozenset[str]]]:
        return [(i, d.codes) for i, d in enumerate(self.directives) if d.verb == "ignore-file"]

    def allows(self, code: str, offset: int) -> bool:
        """Whether a finding with ``code`` starting at ``offset`` is not suppressed."""
        return self.suppressor(code, offset) is None

    def suppressor(self, code: str, offset: int) -> int | None:
        """The index of the directive that suppresses ``code`` at ``offset``, if one does."""
        code = code.upper()
        for i, codes in self._file_directives:
            if not codes or _matches(code, codes):
                return i
        ends, by_end = self._line_index
        at = bisect.bisect_right(ends, offset)  # only spans of the offset's line can hold it
        if at < len(ends):
            for start, codes, i in by_end[ends[at]]:
                if start <= offset and (not codes or _matches(code, codes)):
                    return i
        at = bisect.bisect_right(self.starts, offset) - 1
        if at < 0 or not self.states[at].blocks(code):
            return None
        return next(  # the disable that began it: the nearest one before covering the code
            i
            for i in reversed(self.state_directives[: at + 1])
            if (d := self.directives[i]).verb == "disable"
            and (not d.codes or _matches(code, d.codes))
        )


def _known(code: str) -> bool:
    return code == "ALL" or (
        _CODE.fullmatch(code) is not None and any(c.startswith(code) for c in RULES)
    )


def _directives(text: str, bare: bool) -> tuple[list[Directive], list[Problem]]:
    found: list[Directive] = []
    problems: list[Problem] = []
    if "moneyfix" not in text:  # every directive names it: a pass at memchr speed, where
        return found, problems  # the bare form's line-start pattern tries every position
    matches = list(_COMMENT.finditer(text))
    if bare:
        matches += list(_BARE.finditer(text))
    for m in sorted(matches, key=lambda m: m.start()):
        verb = m.group("verb").lower()
        written = [c.upper() for c in re.split(r"[\s,]+", m.group("codes")) if c]
        if verb not in _VERBS:
            problems.append(Problem(m.start(), m.end(), f"unknown moneyfix directive {verb!r}"))
            continue
        bad = [c for c in written if not _known(c)]
        if bad:
            what = "unknown rule code" if len(bad) == 1 else "unknown rule codes"
            problems.append(Problem(m.start(), m.end(), f"{what}: {', '.join(bad)}"))
            if len(bad) == len(written):
                continue  # nothing known left: suppressing everything would be wrong
        listed = tuple(c for c in written if c not in bad)
        codes = frozenset() if "ALL" in listed else frozenset(listed)
        found.append(Directive(m.start(), m.end(), verb, codes, listed, m.span("codes")))
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
    lines: list[tuple[int, int, frozenset[str]]] = []
    line_directives: list[int] = []
    state_directives: list[int] = []
    starts: list[int] = []
    states: list[_State] = []
    state = _State()
    for i, d in enumerate(directives):
        if d.verb == "ignore-file":
            continue  # applies everywhere: ``suppressor`` reads it from ``directives``
        if d.verb == "ignore":
            start, end = _target_line(text, d.end)
            lines.append((start, end, d.codes))
            line_directives.append(i)
        else:
            state = _next_state(state, d)
            starts.append(d.end)
            states.append(state)
            state_directives.append(i)
    return Suppressions(
        lines=tuple(lines),
        starts=tuple(starts),
        states=tuple(states),
        directives=tuple(directives),
        problems=tuple(problems),
        line_directives=tuple(line_directives),
        state_directives=tuple(state_directives),
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


def unused_directives(
    suppressions: Suppressions, used: set[tuple[int, str]], enabled: frozenset[str]
) -> list[Unused]:
    """Directives that suppressed nothing, given ``used`` (directive index, code suppressed)
    pairs; a code of a rule not enabled in this run is not counted as unused."""
    out = []
    for i, d in enumerate(suppressions.directives):
        if d.verb == "enable":
            continue
        hits = [code for index, code in used if index == i]
        if not d.codes:
            if not hits:
                out.append(Unused(d, ()))
            continue
        idle = tuple(
            p
            for p in d.listed
            if any(c.startswith(p) for c in enabled) and not any(h.startswith(p) for h in hits)
        )
        if idle:
            out.append(Unused(d, idle))
    return out


def suppression_edits(
    text: str, kind: str, findings: Sequence[Finding], skip: Sequence[tuple[int, int]] = ()
) -> list[Edit]:
    """Edits that add a suppression comment for each finding (``check --add-ignore``).

    Plain text gets a ``moneyfix: ignore CODES`` line above the finding's line. Markdown
    and HTML get ``<!-- moneyfix: ignore CODES -->`` at the end of the line above (an
    inline comment breaks no paragraph, list or markup), or on a line of its own when
    the line above is blank, missing or markup. Findings about the whole document get
    an ``ignore-file`` directive at the end.
    """
    comment = kind in ("markdown", "html")
    newline = "\r\n" if "\r\n" in text else "\n"
    by_line: dict[int, set[str]] = {}
    whole: set[str] = set()
    for f in findings:
        if f.start == f.end == 0 and not f.text:
            whole.add(f.code)
        else:
            by_line.setdefault(_line_start(text, f.start), set()).add(f.code)
    edits = []
    for line_start, found in sorted(by_line.items()):
        codes = ", ".join(sorted(found))
        if not comment:
            indent = text[line_start : line_start + _indent(text, line_start)]
            edits.append(Edit(line_start, line_start, f"{indent}moneyfix: ignore {codes}{newline}"))
            continue
        directive = f"<!-- moneyfix: ignore {codes} -->"
        above_end = line_start - (2 if text.endswith("\r\n", 0, line_start) else 1)
        above = text[_line_start(text, above_end) : above_end] if line_start else ""
        if above.strip() and not _inside(skip, above_end):
            edits.append(Edit(above_end, above_end, f" {directive}"))
        else:
            edits.append(Edit(line_start, line_start, directive + newline))
    if whole:
        codes = ", ".join(sorted(whole))
        line = f"moneyfix: ignore-file {codes}"
        if comment:
            line = f"<!-- {line} -->"
        lead = "" if not text or text.endswith(("\n", "\r")) else newline
        edits.append(Edit(len(text), len(text), f"{lead}{line}{newline}"))
    return edits


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _indent(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return end - start


def _inside(skip: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` (an insertion point) falls in or at the edge of markup."""
    return any(start <= offset <= end for start, end in skip)
