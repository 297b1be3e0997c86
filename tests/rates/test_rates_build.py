"""The bundled history is exactly what the build makes of the shared source tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from moneyfix.rates.build import STEPS, build, main

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT.parent / "shared" / "data" / "rates-sources"
BUNDLED = ROOT / "rates"


def _data_files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.csv"))}


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the shared source tables are not here")
def test_a_rebuild_gives_the_bundled_files_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "rates"
    out.mkdir()
    (out / "XYZ.csv").write_text("date,rate,source\n2020-01-01,1,nbk:stale\n")  # replaced
    build(SOURCES, out)
    rebuilt = _data_files(out)
    assert sorted(rebuilt) == sorted(_data_files(BUNDLED))
    for name, data in _data_files(BUNDLED).items():
        assert rebuilt[name] == data, f"rates/{name} differs from a rebuild"


def test_a_missing_source_table_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"build_rates: {tmp_path}: missing source table {STEPS[0].files[0]}"
    assert not (tmp_path / "out").exists()
