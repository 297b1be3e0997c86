"""The scanner pauses the garbage collector while it runs, and leaves it as it was."""

from __future__ import annotations

import gc

import pytest

from moneyfix.amounts import find_amounts, scanner


def test_collector_enabled_again_after_a_scan() -> None:
    assert gc.isenabled()
    assert [a.currency for a in find_amounts("It cost $5 million.")] == ["USD"]
    assert gc.isenabled()


def test_collector_left_disabled_when_the_caller_disabled_it() -> None:
    gc.disable()
    try:
        assert [a.currency for a in find_amounts("It cost 5 billion tenge.")] == ["KZT"]
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_enabled_again_when_the_scan_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        assert not gc.isenabled()  # paused during the scan
        raise RuntimeError("scan failed")

    monkeypatch.setattr(scanner, "_find_amounts", broken)
    with pytest.raises(RuntimeError):
        find_amounts("It cost $5 million.")
    assert gc.isenabled()
