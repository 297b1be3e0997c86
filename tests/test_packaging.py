"""The sdist and the wheel hold what users and the tests need, and nothing else.

Both are built the way pip builds them (``build`` calling the project's backend, without
isolation: the test extra installs ``build`` and ``hatchling``), the wheel from the sdist,
so an sdist that lacks a file the build needs fails here. The wheel is then run unpacked,
away from the source tree: the bundled rates must come from inside it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pathspec
import pytest

ROOT = Path(__file__).resolve().parents[1]
NAME = "moneyfix-0.1.0"
SDIST_DIRS = ("bench", "examples", "rates", "scripts", "src", "tests")
SDIST_FILES = (".gitignore", ".pre-commit-hooks.yaml", "LICENSE", "README.md", "pyproject.toml")
EXAMPLE = "examples/2020-11-24-civil-forum.md"

JUNK = re.compile(
    r"(^|/)(\.git|__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|\.hypothesis|\.venv"
    r"|venv|build|dist|[^/]*\.egg-info|\.DS_Store)(/|$)"
    r"|\.py[cod]$|\.moneyfix-tmp$|\.(orig|rej|swp|bak|tmp)$|~$"
)
"""What a checkout collects besides its files: VCS data, caches, editor and merge leftovers."""


def _source_files(top: str) -> set[str]:
    """The files under ``ROOT/top`` that a release may ship: not ignored by git, not junk."""
    ignore = pathspec.GitIgnoreSpec.from_lines(
        (ROOT / ".gitignore").read_text("utf-8").splitlines()
    )
    found = set()
    for path in (ROOT / top).rglob("*"):
        relative = path.relative_to(ROOT).as_posix()
        if path.is_file() and not ignore.match_file(relative) and not JUNK.search(relative):
            found.add(relative)
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The sdist, the wheel built from it, and the sdist unpacked."""
    try:
        import build
        import hatchling  # noqa: F401  (the backend, imported by build without isolation)
    except ImportError:
        pytest.skip("building needs build and hatchling: pip install build hatchling")
    out = tmp_path_factory.mktemp("dist")
    sdist = Path(build.ProjectBuilder(ROOT).build("sdist", out))
    with tarfile.open(sdist) as archive:
        archive.extractall(out / "unpacked", filter="data")
    unpacked = out / "unpacked" / NAME
    wheel = Path(build.ProjectBuilder(unpacked).build("wheel", out))
    return sdist, wheel, unpacked


def _sdist_names(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as archive:
        names = [m.name for m in archive.getmembers() if m.isfile()]
    assert all(n.startswith(f"{NAME}/") for n in names)
    return [n.removeprefix(f"{NAME}/") for n in names]


def _wheel_names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return [n for n in archive.namelist() if not n.endswith("/")]


def test_the_sdist_holds_the_source_tree_and_nothing_else(
    built: tuple[Path, Path, Path],
) -> None:
    names = _sdist_names(built[0])
    assert len(names) == len(set(names))
    expected = {"PKG-INFO", *SDIST_FILES}.union(*(_source_files(top) for top in SDIST_DIRS))
    assert set(names) == expected
    assert not [n for n in names if JUNK.search(n)]


def test_the_sdist_has_what_the_tests_and_users_read(built: tuple[Path, Path, Path]) -> None:
    names = set(_sdist_names(built[0]))
    assert {
        "README.md",
        "LICENSE",
        EXAMPLE,
        "rates/USD.csv",
        "rates/index/MRP.csv",
        "src/moneyfix/py.typed",
        "src/moneyfix/report/assets/review.js",
        "bench/make_archive.py",  # the convert tests generate their archives with it
        ".pre-commit-hooks.yaml",  # tests/cli check the hooks file
        "tests/conftest.py",
    } <= names


def test_the_wheel_holds_the_package_and_the_rates_only(built: tuple[Path, Path, Path]) -> None:
    names = _wheel_names(built[1])
    package = {"moneyfix/" + n.removeprefix("src/moneyfix/") for n in _source_files("src")}
    rates = {"moneyfix/_bundled_rates/" + n.removeprefix("rates/") for n in _source_files("rates")}
    info = {
        f"{NAME}.dist-info/{n}"
        for n in ("METADATA", "WHEEL", "RECORD", "entry_points.txt", "licenses/LICENSE")
    }
    assert set(names) == package | rates | info
    assert {"moneyfix/py.typed", "moneyfix/_bundled_rates/USD.csv"} <= set(names)
    with zipfile.ZipFile(built[1]) as archive:
        metadata = archive.read(f"{NAME}.dist-info/METADATA").decode("utf-8")
        entry_points = archive.read(f"{NAME}.dist-info/entry_points.txt").decode("utf-8")
    assert "License-Expression: MIT" in metadata
    assert "Description-Content-Type: text/markdown" in metadata
    assert (ROOT / "README.md").read_text("utf-8").splitlines()[0] in metadata.splitlines()
    assert "moneyfix = moneyfix.cli.app:main" in entry_points.splitlines()


def test_the_unpacked_wheel_checks_the_example_with_its_own_rates(
    built: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, wheel, unpacked = built
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONEYFIX_")}
    env.update(PYTHONPATH=str(site), XDG_CACHE_HOME=str(tmp_path / "cache"), NO_COLOR="1")

    def python(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )

    where = python(
        "-c",
        "import moneyfix.rates.cache as c; print(c.__file__); print(c.bundled_rates_dir())",
    )
    assert where.stdout.splitlines() == [
        str(site / "moneyfix/rates/cache.py"),
        str(site / "moneyfix/_bundled_rates"),
    ], where.stderr
    check = python("-m", "moneyfix", "check", "--output-format", "json", str(unpacked / EXAMPLE))
    assert check.returncode == 1, check.stderr
    (file,) = json.loads(check.stdout)["files"]
    (finding,) = (f for f in file["findings"] if f["code"] == "MF001")
    assert (finding["line"], finding["column"], finding["text"]) == (13, 20, "US$235.59")
    assert finding["evidence"]["rate_date"] == "2020-11-25"
    assert finding["evidence"]["rate_source"].startswith("nbk")
