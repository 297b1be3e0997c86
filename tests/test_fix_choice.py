"""Which fixes ``fix`` applies together, and how skipped regions follow the edits.

Fixes are taken in finding order; one whose edits touch (overlap or abut) an edit taken
before is left for the next run. Skip regions (Markdown code, HTML tags) move by the
length change of every edit before them.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from moneyfix.model import Edit, Finding, Fix
from moneyfix.runner import chosen_edits, shifted


def _finding(*spans: tuple[int, int], applicability: str = "safe") -> Finding:
    edits = tuple(Edit(start, end, "x") for start, end in spans)
    fix = Fix(applicability, edits)  # type: ignore[arg-type]
    return Finding("MF001", "n", "error", "m", spans[0][0], spans[0][1], "t", fix)


def test_a_fix_touching_an_earlier_one_waits_and_unsafe_ones_need_asking() -> None:
    first = _finding((10, 20))
    overlapping = _finding((15, 25))
    abutting = _finding((20, 20))
    two_edits_one_touching = _finding((40, 41), (5, 10))
    apart = _finding((30, 35), (50, 50))
    unsafe = _finding((60, 61), applicability="unsafe")
    findings = [first, overlapping, abutting, two_edits_one_touching, apart, unsafe]
    assert [f for f, _ in chosen_edits(findings, unsafe=False)] == [first, apart]
    assert [f for f, _ in chosen_edits(findings, unsafe=True)] == [first, apart, unsafe]


def test_a_fix_between_two_taken_ones_is_taken() -> None:
    findings = [_finding((0, 5)), _finding((20, 25)), _finding((10, 12)), _finding((6, 19))]
    assert [f.start for f, _ in chosen_edits(findings, unsafe=False)] == [0, 20, 10]


_spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 8)).map(lambda t: (t[0], t[0] + t[1])),
    min_size=1,
    max_size=3,
)


@given(st.lists(_spans, max_size=25))
def test_chosen_fixes_never_touch_and_each_left_out_touches_an_earlier_chosen(
    fixes: list[list[tuple[int, int]]],
) -> None:
    findings = [_finding(*spans) for spans in fixes]
    chosen = [f for f, _ in chosen_edits(findings, unsafe=False)]

    def touch(a: Finding, b: Finding) -> bool:
        assert a.fix is not None and b.fix is not None
        return any(x.start <= y.end and y.start <= x.end for x in a.fix.edits for y in b.fix.edits)

    for i, f in enumerate(chosen):
        assert not any(touch(f, g) for g in chosen[:i])
    for position, f in enumerate(findings):
        if f not in chosen:
            earlier = [g for g in chosen if findings.index(g) < position]
            assert any(touch(f, g) for g in earlier)


def test_skip_regions_move_by_the_edits_before_them() -> None:
    edits = [Edit(30, 30, "+++"), Edit(2, 5, "a"), Edit(10, 12, "longer")]
    assert shifted(((0, 1), (5, 8), (12, 20), (40, 45)), edits) == (
        (0, 1),
        (3, 6),
        (14, 22),
        (45, 50),
    )
