"""The dataclasses' methods run from code kept in the user cache (``moneyfix.code_cache``):
classes made from kept code behave as compiled ones, a warm run compiles nothing, and a
damaged file is only compiled again. Each case runs in a fresh interpreter, as the CLI
does, so that this process's ``dataclasses`` stays as it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLASSES = '''
import dataclasses, sys
from dataclasses import dataclass, field

if sys.argv[1] == "cached":
    from moneyfix import code_cache

    code_cache.install("test", sys.argv[2])


@dataclass(frozen=True, slots=True, order=True)
class Point:
    x: int
    y: tuple[int, ...] = ()


@dataclass
class Box:
    """A box."""

    size: float = 1.5
    items: list[str] = field(default_factory=list)


try:
    Point(1).x = 2
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
print(repr(Point(1, (2,))), Point(1) < Point(2), hash(Point(1)) == hash(Point(1)), frozen)
print(repr(Box()), Box(2.0, ["a"]) == Box(2.0, ["a"]), Box().items is not Box().items)
print(Point.__doc__, Point.__init__.__annotations__, Box.__init__.__annotations__)
'''


def _run(tmp_path: Path, mode: str, package: str = "__main__") -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", CLASSES, mode, package],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def _kept(tmp_path: Path) -> Path:
    (path,) = (tmp_path / "moneyfix").glob("code-test-*.bin")
    return path


def test_classes_made_from_kept_code_behave_as_compiled_ones(tmp_path: Path) -> None:
    compiled = _run(tmp_path, "plain")
    assert "Point(x=1, y=(2,)) True True True" in compiled

    assert _run(tmp_path, "cached") == compiled  # compiles, keeps
    assert _kept(tmp_path).stat().st_size > 0
    assert _run(tmp_path, "cached") == compiled  # runs what was kept


def test_a_warm_run_compiles_nothing(tmp_path: Path) -> None:
    _run(tmp_path, "cached")
    kept = _kept(tmp_path)
    before = (kept.read_bytes(), kept.stat().st_mtime_ns)

    _run(tmp_path, "cached")

    assert (kept.read_bytes(), kept.stat().st_mtime_ns) == before


def test_a_damaged_file_is_compiled_again(tmp_path: Path) -> None:
    compiled = _run(tmp_path, "plain")
    _run(tmp_path, "cached")
    kept = _kept(tmp_path)
    good = kept.read_bytes()
    kept.write_bytes(good[:4] + b"\x00" * (len(good) - 4))

    assert _run(tmp_path, "cached") == compiled
    assert kept.read_bytes() == good


def test_only_the_classes_of_the_package_are_kept(tmp_path: Path) -> None:
    compiled = _run(tmp_path, "plain")

    assert _run(tmp_path, "cached", "moneyfix") == compiled  # __main__'s classes: compiled

    assert not (tmp_path / "moneyfix").exists()
