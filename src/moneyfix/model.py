"""Plain data passed between the stages: documents -> amounts -> pairs -> rules -> findings.

Every offset is a half-open ``[start, end)`` range of Unicode code points into the
decoded text of a document (``Document.text``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

Severity = Literal["error", "warning", "info"]
Applicability = Literal["safe", "unsafe", "display"]
PairKind = Literal["parenthesis", "or", "dash", "equivalent", "explicit-rate", "index"]

SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class _Pickled:
    """Pickled as its class called with its fields, in order. What ``dataclasses`` gives a
    frozen class with slots sets each field back with a look-up of the class's fields for
    every object: unpickling the findings a worker sends back cost a third of what the
    main process does for a big file. (``Amount`` keeps its own: its layout must stay
    that of ``_WrittenAmount``.)"""

    __slots__ = ()
    __match_args__: tuple[str, ...]

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), tuple(map(self.__getattribute__, self.__match_args__))


@dataclass(frozen=True, slots=True)
class Amount:
    """One stated sum of money, as found in the text."""

    start: int
    end: int
    text: str
    value: Decimal
    currency: str | None
    magnitude: str | None = None
    decimals: int = 0
    approximate: bool = False
    qualifier: str | None = None
    range: tuple[Decimal, Decimal] | None = None
    assumed_currency: bool = False
    ambiguous: str | None = None
    """Why the number could not be read unambiguously (then ``value`` is one reading)."""
    subunit: str | None = None
    """The subunit word the amount is stated in ("cents", "тиын"): ``value`` is still in
    the main unit (11 cents: 0.11 USD), each subunit a hundredth of it."""

    @property
    def shown(self) -> str:
        """The text as a message quotes it: on one line, though hard-wrapped text may
        split an amount across two ("US$235.59\nmillion")."""
        return " ".join(self.text.split())


class _WrittenAmount:
    """An ``Amount`` written field by field with plain stores, then made one: its class
    set to ``Amount``, whose slots are the same. A frozen dataclass's ``__init__`` writes
    each field through ``object.__setattr__``, 20,000 instructions for an amount's 13
    against 4,700 this way, and the scanner makes one for every amount it finds."""

    __slots__ = Amount.__slots__

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        value: Decimal,
        currency: str | None,
        magnitude: str | None = None,
        decimals: int = 0,
        approximate: bool = False,
        qualifier: str | None = None,
        range: tuple[Decimal, Decimal] | None = None,
        assumed_currency: bool = False,
        ambiguous: str | None = None,
        subunit: str | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.value = value
        self.currency = currency
        self.magnitude = magnitude
        self.decimals = decimals
        self.approximate = approximate
        self.qualifier = qualifier
        self.range = range
        self.assumed_currency = assumed_currency
        self.ambiguous = ambiguous
        self.subunit = subunit
        self.__class__ = Amount  # type: ignore[assignment]  # the same slots, in order


# ``Amount(...)``: the same object, made faster (see ``_WrittenAmount``).
if TYPE_CHECKING:
    new_amount = Amount
else:
    new_amount = _WrittenAmount


@dataclass(frozen=True, slots=True)
class Pair(_Pickled):
    """A primary amount and its restatement in another currency (or a written rate)."""

    primary: int
    conversion: int
    kind: PairKind
    implied_rate: Decimal | None
    """KZT per unit of the other currency; without KZT, first currency per unit of the second."""


@dataclass(frozen=True, slots=True)
class Edit(_Pickled):
    """Replace ``[start, end)`` of the document's text with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix(_Pickled):
    """The edits that mend a finding, and whether ``fix`` may apply them unasked."""

    applicability: Applicability
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Finding(_Pickled):
    """What a rule found wrong (or worth knowing) at ``[start, end)``, with its fix."""

    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str
    fix: Fix | None = None
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document(_Pickled):
    """Text to read, the regions not to read, and the article's date."""

    path: str
    text: str
    skip: tuple[tuple[int, int], ...] = ()
    date: dt.date | None = None
    date_source: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Excerpt(_Pickled):
    """Whole lines of a text too big to keep, around a finding: ``text`` begins at code
    point ``start`` of the whole, on its line ``line`` and column ``column``."""

    start: int
    line: int
    column: int
    text: str


@dataclass(slots=True)
class FileReport:
    """What one input file produced: the basis of every output format."""

    path: str
    text: str = ""
    date: dt.date | None = None
    date_source: str | None = None
    amounts: list[Amount] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    """A one-line reason the file could not be read or written (exit code 2)."""
    fixed: int = 0
    """How many fixes were applied to this file."""
    excerpts: tuple[Excerpt, ...] | None = None
    """A file read in chunks keeps no ``text`` (it is empty), only these, disjoint and in
    order: enough for every format to place and show its findings."""
