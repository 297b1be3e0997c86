"""The user cache behind start-up: compiled patterns and the lexicon, kept between runs.

A cache may only make a run faster: what comes out of it must be what compiling or
building afresh gives, and a damaged or foreign file must be ignored, not trusted.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from moneyfix import regex_cache as compiled
from moneyfix.amounts import lexicon
from moneyfix.user_cache import store

SOURCES = (
    r"(?P<num>\d+(?:\.\d+)?)\s?(?P<mag>(?i:million|billion|mln|bn))?",
    r"(?>(?:US)?\$|€)(?=\d)",
    r"(?<![\w.])(?:tenge|теңге|тенге)(?!\w)",
)
TEXTS = (
    "63 billion tenge (US$148.42 million)",
    "ставка 481,29 тенге за доллар, €1.5 BN",
    "no money here, 2020 and 12.5%",
)


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "moneyfix"


def _readings(patterns: list[re.Pattern[str]]) -> list[list[tuple[tuple[int, int], dict]]]:
    return [
        [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        for pattern in patterns
        for text in TEXTS
    ]


def test_patterns_come_back_from_the_cache_matching_as_compiled(cache_home: Path) -> None:
    fresh = compiled.compile_all("test", SOURCES)
    (kept,) = cache_home.glob("regex-test-*.bin")
    again = compiled.compile_all("test", SOURCES)

    expected = [re.compile(source) for source in SOURCES]
    assert [p.pattern for p in again] == list(SOURCES)
    assert [(p.flags, p.groups, p.groupindex) for p in again] == [
        (p.flags, p.groups, p.groupindex) for p in expected
    ]
    assert _readings(again) == _readings(fresh) == _readings(expected)
    assert kept.stat().st_size > 0


def test_a_damaged_cache_file_is_ignored_and_replaced(cache_home: Path) -> None:
    compiled.compile_all("test", SOURCES)
    (kept,) = cache_home.glob("regex-test-*.bin")
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0xFF
    kept.write_bytes(bytes(data))

    patterns = compiled.compile_all("test", SOURCES)

    assert _readings(patterns) == _readings([re.compile(s) for s in SOURCES])
    assert (
        compiled._restore(kept.read_bytes(), compiled._engine(), SOURCES) is not None
    )  # rewritten whole


def test_a_file_holding_other_patterns_is_not_trusted(cache_home: Path) -> None:
    other = (r"\d+", r"[a-z]+", r"tenge")
    compiled.compile_all("test", other)
    (foreign,) = cache_home.glob("regex-test-*.bin")

    engine = compiled._engine()
    assert compiled._restore(foreign.read_bytes(), engine, other) is not None
    assert compiled._restore(foreign.read_bytes(), engine, SOURCES) is None
    assert compiled._restore(foreign.read_bytes(), "another Python", other) is None
    assert compiled._restore(b"", engine, SOURCES) is None


def test_without_a_usable_cache_directory_patterns_still_compile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_directory = tmp_path / "cache"
    not_a_directory.write_text("a file where the cache directory should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_directory))

    patterns = compiled.compile_all("test", SOURCES)

    assert _readings(patterns) == _readings([re.compile(s) for s in SOURCES])
    assert not_a_directory.read_text() == "a file where the cache directory should be"


def test_the_lexicon_is_kept_and_read_back_the_same(cache_home: Path) -> None:
    lexicon.lexicon.cache_clear()
    try:
        built = lexicon.lexicon()
        (kept,) = cache_home.glob("lexicon-*.json")
        lexicon.lexicon.cache_clear()
        assert lexicon.lexicon() == built
        kept.write_text("{not json", encoding="utf-8")
        lexicon.lexicon.cache_clear()
        assert lexicon.lexicon() == built
    finally:
        lexicon.lexicon.cache_clear()


def test_store_keeps_a_few_files_of_a_family_and_leaves_others(tmp_path: Path) -> None:
    for n in range(5):
        older = tmp_path / f"patterns-{n:08x}.bin"
        older.write_bytes(b"x")
        os.utime(older, (1_000_000 + n, 1_000_000 + n))
    (tmp_path / "lexicon-00000001.json").write_text("{}")

    store(tmp_path / "patterns-00000005.bin", b"new")

    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "lexicon-00000001.json",
        "patterns-00000002.bin",
        "patterns-00000003.bin",
        "patterns-00000004.bin",
        "patterns-00000005.bin",
    ]


SAMPLES = (
    "ASTANA, Nov. 24, 2020 – The fund will grow to nearly 63 billion tenge (US$148.42 million), "
    "up from KZT 7.5 billion; 1,2 млрд тенге (около $2,8 млн), 5-6 billion tenge, €1.5bn.\n",
    "2023 жылғы 3 қарашада: 150 теңге 46 тиын, 5 млрд теңгеден астам, 1 USD = 513,45 теңге.\n",
    "15:32, 21 June 2016 | GMT +6\nfrom 100 to 150 million tenge, or about $350,000; 39 degrees.\n",
)


@pytest.mark.parametrize(
    "module",
    ["moneyfix.amounts.scanner", "moneyfix.documents.dates", "moneyfix.pairs"],
)
def test_the_projects_own_patterns_restore_exactly(
    module: str, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The patterns the project really uses, restored from the cache, read every sample
    exactly as freshly compiled ones do (the test run itself uses whichever it got)."""
    import importlib

    target = importlib.import_module(module)
    recorded: list[tuple[str, ...]] = []

    def record(name: str, sources: tuple[str, ...]) -> list[re.Pattern[str]]:
        recorded.append(tuple(sources))
        return [re.compile(s) for s in sources]

    monkeypatch.setattr(target, "compile_all", record)
    target._patterns.__wrapped__()
    (sources,) = recorded

    compiled.compile_all(module, sources)
    (kept,) = cache_home.glob(f"regex-{module}-*.bin")
    restored = compiled._restore(kept.read_bytes(), compiled._engine(), sources)
    assert restored is not None

    fresh = [re.compile(s) for s in sources]
    readings = [[(m.span(), m.groups()) for m in p.finditer(t)] for p in fresh for t in SAMPLES]
    assert sum(map(len, readings)) >= 5  # the samples exercise these patterns
    assert [[(m.span(), m.groups()) for m in p.finditer(t)] for p in restored for t in SAMPLES] == (
        readings
    )


def test_the_lexicon_cache_is_named_for_the_code_that_builds_it(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change to the builder's code must never reuse a lexicon built by the old code."""
    before = lexicon._cache_file()
    changed = tmp_path / "lexicon.py"
    changed.write_bytes(Path(lexicon.__file__).read_bytes() + b"\n# a changed builder\n")
    monkeypatch.setattr(lexicon, "__file__", str(changed))
    after = lexicon._cache_file()
    assert before is not None and after is not None
    assert before != after


CONSTANTS = (
    (r"(?P<num>\d+)\s?(?P<mag>million|billion)?", re.I),
    (r"^[ \t]*moneyfix:[ \t]*(?P<verb>[a-z-]+)\r?$", re.M),
    (r"(?<![\w.])(?:tenge|теңге|тенге)(?!\w)", 0),
)


def test_constant_patterns_come_back_from_the_kept_file_as_compiled(tmp_path: Path) -> None:
    path = tmp_path / "regex-kept-00000001.bin"
    engine = compiled._engine()
    assert engine is not None
    first = compiled._Kept.load(path, engine)
    fresh = [first.compile(source, flags) for source, flags in CONSTANTS]
    assert not path.exists()  # written at exit, once
    first.save()

    again = compiled._Kept.load(path, engine)
    assert set(again.entries) == {(source, int(flags)) for source, flags in CONSTANTS}
    restored = [again.compile(source, flags) for source, flags in CONSTANTS]
    expected = [re.compile(source, flags) for source, flags in CONSTANTS]
    assert restored == expected  # equal patterns: same source, flags and engine code
    assert _readings(restored) == _readings(fresh) == _readings(expected)
    assert not again.changed  # nothing new to write


def test_a_damaged_or_foreign_kept_file_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "regex-kept-00000001.bin"
    engine = compiled._engine()
    assert engine is not None
    kept = compiled._Kept.load(path, engine)
    for source, flags in CONSTANTS:
        kept.compile(source, flags)
    kept.save()

    assert compiled._Kept.load(path, "another Python").entries == {}
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    damaged = compiled._Kept.load(path, engine)
    assert damaged.entries == {}
    patterns = [damaged.compile(source, flags) for source, flags in CONSTANTS]
    assert patterns == [re.compile(source, flags) for source, flags in CONSTANTS]


def test_without_a_cache_directory_constant_patterns_still_compile() -> None:
    engine = compiled._engine()
    assert engine is not None
    kept = compiled._Kept(None, engine, {})
    patterns = [kept.compile(source, flags) for source, flags in CONSTANTS]
    assert patterns == [re.compile(source, flags) for source, flags in CONSTANTS]
    kept.save()  # nowhere to write: nothing happens


def test_the_projects_constant_patterns_restore_exactly() -> None:
    """Every constant pattern the modules compiled in this test run (from the kept file
    or afresh), rebuilt from its kept entry, equals what ``re.compile`` gives."""
    import moneyfix.check  # the rules, periods, scanner, suppressions
    import moneyfix.documents.markdown

    assert moneyfix.check.check_document and moneyfix.documents.markdown.analyse

    entries = compiled._kept().entries
    assert len(entries) >= 50
    for (source, flags), entry in entries.items():
        restored = compiled._from_entries([entry])
        assert restored is not None
        assert restored[0] == re.compile(source, flags), source


def test_built_sources_are_kept_for_exactly_their_inputs(cache_home: Path) -> None:
    built: list[bytes] = []

    def build(inputs: bytes) -> list[str]:
        built.append(inputs)
        return [inputs.decode(), r"\d+"]

    first = compiled.built_sources("test", b"tenge", lambda: build(b"tenge"))
    again = compiled.built_sources("test", b"tenge", lambda: build(b"tenge"))
    other = compiled.built_sources("test", b"dollar", lambda: build(b"dollar"))

    assert first == again == ["tenge", r"\d+"]
    assert other == ["dollar", r"\d+"]
    assert built == [b"tenge", b"dollar"]  # the second call read the kept file


def test_damaged_kept_sources_are_built_again(cache_home: Path) -> None:
    compiled.built_sources("test", b"tenge", lambda: ["tenge"])
    (kept,) = cache_home.glob("sources-test-*.bin")
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0xFF
    kept.write_bytes(bytes(data))

    assert compiled.built_sources("test", b"tenge", lambda: ["built again"]) == ["built again"]
    assert compiled.built_sources("test", b"tenge", lambda: ["not called"]) == ["built again"]


def test_the_scanners_kept_sources_follow_its_lexicon_and_code(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scanner builds its patterns from the lexicon and its modules' code: a change
    to either must build them afresh, and kept ones are what building gives."""
    from moneyfix import hedges
    from moneyfix.amounts import scanner

    lex = lexicon.lexicon()
    inputs = scanner._source_inputs(lex)
    assert inputs is not None
    fewer = lex._replace(magnitudes={k: v for k, v in lex.magnitudes.items() if k != "bn"})
    assert scanner._source_inputs(fewer) != inputs

    changed = tmp_path / "hedges.py"
    changed.write_bytes(Path(hedges.__file__).read_bytes() + b"\n# another hedge list\n")
    with monkeypatch.context() as patched:
        patched.setattr(hedges, "__file__", str(changed))
        assert scanner._source_inputs(lex) != inputs
    assert scanner._source_inputs(lex) == inputs

    built = list(scanner._sources(lex))
    compiled.built_sources("scanner", inputs, lambda: built)
    assert compiled.built_sources("scanner", inputs, lambda: []) == built
