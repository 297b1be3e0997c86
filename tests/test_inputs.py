"""Walking PATH arguments."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from moneyfix.inputs import InputError, glob_matches, iter_inputs


def _make(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def _rel(root: Path, items: list[Path | InputError]) -> list[str]:
    return [
        str(item) if isinstance(item, InputError) else item.relative_to(root).as_posix()
        for item in items
    ]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    _make(
        tmp_path,
        "b.md",
        "a.txt",
        "c.pdf",
        ".hidden.md",
        ".git/x.md",
        "sub/z.html",
        "sub/y.HTM",
        "sub/deep/w.jsonl",
        "drafts/d.md",
        "news/2020/n.markdown",
    )
    return tmp_path


_SUPPORTED = [
    "a.txt",
    "b.md",
    "drafts/d.md",
    "news/2020/n.markdown",
    "sub/deep/w.jsonl",
    "sub/y.HTM",
    "sub/z.html",
]
"""The tree's files a walk finds, in its order."""


def test_recursive_sorted_supported_suffixes_no_hidden(tree: Path) -> None:
    found = _rel(tree, list(iter_inputs([str(tree)])))
    assert found == _SUPPORTED


def test_exclude_prunes_directories_and_files(tree: Path) -> None:
    found = _rel(tree, list(iter_inputs([str(tree)], exclude=["drafts", "*.html", "sub/deep/"])))
    assert found == ["a.txt", "b.md", "news/2020/n.markdown", "sub/y.HTM"]


def test_include_globs(tree: Path) -> None:
    found = _rel(tree, list(iter_inputs([str(tree)], include=["**/*.md", "news/**"])))
    assert found == ["b.md", "drafts/d.md", "news/2020/n.markdown"]


def test_missing_path_is_yielded_as_error_and_walk_goes_on(tree: Path) -> None:
    items = list(iter_inputs([str(tree / "nope.md"), str(tree / "a.txt")]))
    assert isinstance(items[0], InputError)
    assert str(items[0]) == f"{tree / 'nope.md'}: no such file or directory"
    assert items[1] == tree / "a.txt"


def test_explicit_files_are_kept_whatever_their_suffix_and_deduplicated(tree: Path) -> None:
    items = list(iter_inputs([str(tree / "c.pdf"), str(tree / "b.md"), str(tree)]))
    names = _rel(tree, items)
    assert names[:2] == ["c.pdf", "b.md"]
    assert names.count("b.md") == 1


def test_a_file_named_through_a_link_or_a_relative_path_is_read_once(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / "alias").symlink_to(tree / "sub")  # a linked directory, named as an argument
    (tree / "e-link.md").symlink_to(tree / "b.md")  # a linked file, found by the walk
    monkeypatch.chdir(tree / "sub")
    items = list(iter_inputs([str(tree), str(tree / "alias"), "z.html", "../b.md"]))
    found = _rel(tree, [item if item.is_absolute() else tree / "sub" / item for item in items])
    assert found == _SUPPORTED


def test_stdin_is_passed_through(tree: Path) -> None:
    assert list(iter_inputs(["-"])) == [Path("-")]


def test_extra_suffixes_for_archives(tree: Path) -> None:
    _make(tree, "dump.tar.gz", "dump.zip")
    found = _rel(tree, list(iter_inputs([str(tree)], suffixes=(".zip", ".tar.gz"))))
    assert found == ["dump.tar.gz", "dump.zip"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_directory_is_reported(tree: Path) -> None:
    locked = tree / "sub" / "deep"
    locked.chmod(0)
    try:
        items = list(iter_inputs([str(tree)]))
    finally:
        locked.chmod(0o755)
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1
    assert "permission denied" in str(errors[0])


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.md", "a/b/c.md", True),
        ("drafts", "drafts/x.md", True),
        ("drafts", "mydrafts/x.md", False),
        ("news/*.md", "news/a.md", True),
        ("news/*.md", "news/2020/a.md", False),
        ("news/**/*.md", "news/a.md", True),
        ("news/**/*.md", "news/2020/11/a.md", True),
        ("**/a.md", "a.md", True),
        ("20[12]?-*", "2019-x.md", True),
        ("20[!1]?-*", "2019-x.md", False),
        ("", "a.md", False),
    ],
)
def test_glob_matches(pattern: str, path: str, expected: bool) -> None:
    assert glob_matches(pattern, path) is expected
