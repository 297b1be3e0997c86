"""``moneyfix rates`` through typer's CliRunner."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from nbk_xml import rates_xml
from pytest_httpserver import HTTPServer
from rates_helpers import write_rates
from typer.testing import CliRunner
from werkzeug import Request, Response

from moneyfix.cli.app import app
from moneyfix.rates.files import read_entries

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["rates", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_show_text() -> None:
    code, out, _ = run("show", "usd", "2020-11-25")
    assert code == 0
    assert out.strip() == (
        "USD 2020-11-25: 424.49 KZT per 1 USD (source nbk:bakdaulet, its row of 2020-11-25)"
    )


def test_show_carried_over_day(tmp_path: Path) -> None:
    write_rates(tmp_path, "USD", [("2020-01-01", "380", "nbk:t")])
    code, out, _ = run("show", "USD", "2020-01-03", "--rates-dir", str(tmp_path))
    assert code == 0
    assert out.strip() == (
        "USD 2020-01-03: 380 KZT per 1 USD (source nbk:t, carried over from its row of 2020-01-01)"
    )


def test_show_names_the_source_row_of_a_day_its_source_does_not_list(tmp_path: Path) -> None:
    # Saturday's rate, listed; Sunday and Monday carried by the importer.
    write_rates(
        tmp_path,
        "USD",
        [
            ("2020-05-30", "411.54", "nbk:x"),
            ("2020-05-31", "411.54", "nbk:daily"),  # listed by another source, same rate
            ("2020-06-01", "411.54", "nbk:x:carried"),
            ("2020-06-02", "408.61", "nbk:x"),
        ],
    )
    code, out, _ = run("show", "USD", "2020-06-01", "-f", "json", "--rates-dir", str(tmp_path))
    assert code == 0
    assert json.loads(out) == {
        "currency": "USD",
        "requested_date": "2020-06-01",
        "rate": "411.54",
        "rate_date": "2020-06-01",
        "source": "nbk:x",
        "source_row_date": "2020-05-30",
        "carried": True,
    }
    code, out, _ = run("show", "USD", "2020-06-02", "-f", "json", "--rates-dir", str(tmp_path))
    assert (json.loads(out)["source_row_date"], json.loads(out)["carried"]) == ("2020-06-02", False)


def test_show_without_date_gives_latest_with_note() -> None:
    code, out, err = run("show", "EUR", "--format", "json")
    assert code == 0
    assert "latest known rate" in err
    payload = json.loads(out)
    assert payload["requested_date"] is None
    assert payload["rate_date"] == "2026-09-11"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["USD", "1990-01-01"], "history starts on 1996-09-02"),
        (["USD", "2027-03-01"], "last known rate is of 2026-09-11"),
        (["AUD", "2018-01-01"], "gap from 2016-02-06 to 2021-01-01"),
        (["XYZ", "2020-01-01"], "unknown currency 'XYZ'"),
        (["USD", "25/11/2020"], "bad date '25/11/2020'"),
        (["USD", "2020-11-25", "--format", "yaml"], "yaml"),
    ],
)
def test_show_errors_are_one_line_exit_2(args: list[str], message: str) -> None:
    code, out, err = run("show", *args)
    assert code == 2
    assert message in err
    assert out == ""
    assert "Traceback" not in err


def test_show_max_staleness_option() -> None:
    code, _, err = run("show", "USD", "2026-09-15", "--max-staleness", "2")
    assert code == 2
    assert "max staleness 2" in err
    assert run("show", "USD", "2026-09-15")[0] == 0


def test_show_accepts_dotted_dates() -> None:
    code, out, _ = run("show", "EUR", "02.01.2024")
    assert code == 0
    assert "502.24" in out


def test_missing_rates_dir_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("show", "USD", "--rates-dir", str(tmp_path / "nope"))
    assert code == 2
    assert "does not exist" in err


def test_corrupt_cache_file_is_reported(isolated_env: Path) -> None:
    cache = isolated_env / "moneyfix" / "rates"
    cache.mkdir(parents=True)
    (cache / "USD.csv").write_text("nonsense\n")
    code, _, err = run("show", "USD", "2020-11-25")
    assert code == 2
    assert "USD.csv:1: expected header" in err


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Derived, then official with a carried weekend, a 9-day hole, official again."""
    write_rates(
        tmp_path,
        "USD",
        [
            ("2020-01-01", "380", "derived:d"),
            ("2020-01-02", "381", "nbk:a"),
            ("2020-01-03", "381", "nbk:a:carried"),
            ("2020-01-04", "382", "nbk:a"),
            ("2020-01-14", "390", "nbk:b"),
        ],
    )
    return tmp_path


def test_info_text(mixed: Path) -> None:
    code, out, _ = run("info", "--rates-dir", str(mixed))
    assert code == 0
    assert out.splitlines()[1:] == [
        "USD  2020-01-01 .. 2020-01-14  5 days: 4 official (1 of them carried over), 1 derived",
        "     official: 2020-01-02 .. 2020-01-04, 2020-01-14 .. 2020-01-14",
        "     gaps over 7 days: 2020-01-04 to 2020-01-14",
        "     sources: derived:d 1, nbk:a 3, nbk:b 1",
    ]


def test_info_json(mixed: Path) -> None:
    code, out, _ = run("info", "--format", "json", "--rates-dir", str(mixed))
    assert code == 0
    payload = json.loads(out)
    assert payload["pinned"] is True
    (usd,) = payload["currencies"]
    del usd["days_since_last"]
    assert usd == {
        "currency": "USD",
        "first_date": "2020-01-01",
        "last_date": "2020-01-14",
        "rows": 5,
        "official_days": 4,
        "carried_days": 1,
        "derived_days": 1,
        "official_ranges": [["2020-01-02", "2020-01-04"], ["2020-01-14", "2020-01-14"]],
        "gaps": [["2020-01-04", "2020-01-14"]],
        "sources": {"derived:d": 1, "nbk:a": 3, "nbk:b": 1},
    }


def test_info_of_the_bundled_history() -> None:
    code, out, _ = run("info")
    assert code == 0
    assert "user cache:" in out
    lines = out.splitlines()
    usd = lines.index(
        next(line for line in lines if line.startswith("USD  1996-09-02 .. 2026-09-11"))
    )
    assert lines[usd + 1] == "     official: 2005-01-01 .. 2026-09-11"
    assert lines[usd + 2] == "     gaps over 7 days: none"


def test_info_conflicts(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text("date,USD\n2016-01-13,362.62\n2016-01-14,366.54\n")
    second = tmp_path / "b.csv"
    second.write_text("date,USD\n2016-01-13,365.07\n2016-01-14,366.54\n")
    target = tmp_path / "rates"
    assert run("info", "--conflicts", "--rates-dir", str(tmp_path))[1].strip() == (
        "no conflicts between official sources"
    )
    for path, label in [(first, "nbk:first"), (second, "nbk:second")]:
        assert run("import", str(path), "-s", label, "--rates-dir", str(target))[0] == 0
    code, out, _ = run("info", "--conflicts", "--rates-dir", str(target))
    assert code == 0
    assert out.splitlines()[1:] == ["USD 2016-01-13: 362.62 (nbk:first), not 365.07 (nbk:second)"]
    code, out, _ = run("info", "--conflicts", "-f", "json", "--rates-dir", str(target))
    assert json.loads(out) == {
        "conflicts": [
            {
                "date": "2016-01-13",
                "currency": "USD",
                "rate": "362.62",
                "source": "nbk:first",
                "other_rate": "365.07",
                "other_source": "nbk:second",
            }
        ]
    }


def test_bundled_conflicts_are_the_usd_days_of_january_2016() -> None:
    code, out, _ = run("info", "--conflicts", "-f", "json")
    assert code == 0
    rows = json.loads(out)["conflicts"]
    assert len(rows) == 25
    assert {(r["currency"], r["source"].split(":")[1], r["other_source"]) for r in rows} == {
        ("USD", "bakdaulet", "nbk:yergaliyev")
    }
    assert (rows[0]["date"], rows[-1]["date"]) == ("2016-01-06", "2016-02-01")


def test_import_then_export(tmp_path: Path) -> None:
    source = tmp_path / "mine.csv"
    source.write_text("date,USD_quant,USD\n2030-01-01,1,600\n2030-01-02,1,601\n")
    target = tmp_path / "rates"
    code, out, err = run("import", str(source), "--source", "nbk:mine", "--rates-dir", str(target))
    assert code == 0, err
    assert "USD: 2 added" in out
    code, out, _ = run("export", "--rates-dir", str(target))
    assert out.splitlines() == [
        "date,currency,rate,source",
        "2030-01-01,USD,600,nbk:mine",
        "2030-01-02,USD,601,nbk:mine",
    ]
    exported = tmp_path / "all.csv"
    assert run("export", "-c", "USD", "--rates-dir", str(target), "-o", str(exported))[0] == 0
    assert exported.read_text().count("\n") == 3


def test_import_of_a_source_in_two_parts(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text("date,USD\n2006-03-10,129.5\n2006-03-11,130\n")
    second = tmp_path / "b.csv"
    second.write_text("date,currency,rate\n2006-03-14,USD,129\n")
    target = tmp_path / "rates"
    code, out, err = run(
        "import", str(first), str(second), "-s", "bakdaulet", "--rates-dir", str(target)
    )
    assert code == 0, err
    assert out.splitlines() == [
        f"{first}, {second}: 3 rows (wide+long layout) into {target}",
        "  USD: 5 added, 0 replaced, 0 kept",
    ]
    code, out, _ = run("show", "USD", "2006-03-13", "--rates-dir", str(target))
    assert (
        "130 KZT per 1 USD (source nbk:bakdaulet, carried over from its row of 2006-03-11)" in out
    )


def test_import_goes_to_the_user_cache_by_default(isolated_env: Path, tmp_path: Path) -> None:
    source = tmp_path / "late.csv"
    source.write_text("date,USD\n2026-09-12,451.5\n")
    assert run("import", str(source), "--source", "nbk:late")[0] == 0
    assert (isolated_env / "moneyfix" / "rates" / "USD.csv").is_file()
    code, out, _ = run("show", "USD", "2026-09-12")
    assert code == 0
    assert "451.5" in out
    assert "nbk:late" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv", "--source", "nbk:x"], "missing.csv: no such file"),
        (["{bad}", "--source", "somewhere"], "unknown source 'somewhere'"),
        (["{bad}", "--source", "nbk:x"], "bad.csv:2: bad number"),
        (["{bad}"], "bad.csv: this table has no source column"),
    ],
)
def test_import_errors(tmp_path: Path, args: list[str], message: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,USD\n2020-01-01,many\n")
    args = [a.replace("{bad}", str(bad)) for a in args]
    code, _, err = run("import", *args, "--rates-dir", str(tmp_path / "out"))
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def serve_days(server: HTTPServer, missing: frozenset[dt.date] = frozenset()) -> None:
    def handler(request: Request) -> Response:
        asked = dt.datetime.strptime(request.args["fdate"], "%d.%m.%Y").date()
        if asked in missing:
            return Response("информации нет".encode(), content_type="text/xml")
        return Response(rates_xml(asked), content_type="text/xml; charset=UTF-8")

    server.expect_request("/rss/get_rates.cfm").respond_with_handler(handler)


def test_update_against_local_server(nbk_server: HTTPServer, tmp_path: Path) -> None:
    serve_days(nbk_server, missing=frozenset({dt.date(2026, 9, 14)}))
    env = {"MONEYFIX_NBK_URL": nbk_server.url_for("/").rstrip("/")}
    target = tmp_path / "pinned"
    write_rates(target, "USD", [("2026-09-11", "450.79", "nbk:bakdaulet")])
    code, out, err = run(
        "update", "--from", "2026-09-12", "--to", "2026-09-16", "-c", "USD,KRW",
        "--rates-dir", str(target), env=env,
    )  # fmt: skip
    assert code == 0, err
    assert "4 days with rates, 1 without, 0 failed" in out
    assert sorted(p.name for p in target.iterdir()) == ["KRW.csv", "USD.csv"]
    usd = read_entries(target / "USD.csv")
    assert len(usd) == 5
    assert dt.date(2026, 9, 14) not in usd
    code, out, _ = run("show", "KRW", "2026-09-16", "--format", "json", "--rates-dir", str(target))
    assert json.loads(out)["rate"] == "0.3395"
    assert json.loads(out)["source"] == "nbk:api"
    # default range resumes after the last known date; nothing left to do up to --to
    code, out, _ = run("update", "--to", "2026-09-16", "--rates-dir", str(target), env=env)
    assert code == 0
    assert "up to date" in out


def test_update_writes_the_user_cache_and_reports_failures(
    nbk_server: HTTPServer, isolated_env: Path
) -> None:
    nbk_server.expect_request("/rss/get_rates.cfm").respond_with_data("down", status=404)
    env = {"MONEYFIX_NBK_URL": nbk_server.url_for("/").rstrip("/")}
    code, out, err = run("update", "--from", "2026-09-12", "--to", "2026-09-13", env=env)
    assert code == 1
    assert "2 dates failed, first 2026-09-12: HTTP 404" in err
    nbk_server.clear()
    serve_days(nbk_server)
    code, out, err = run("update", "--from", "2026-09-12", "--to", "2026-09-13", env=env)
    assert code == 0, err
    assert (isolated_env / "moneyfix" / "rates" / "USD.csv").is_file()
    code, out, _ = run("show", "USD", "2026-09-13")
    assert "470.12" in out
    assert "nbk:api" in out


def test_update_bad_dates() -> None:
    code, _, err = run("update", "--from", "yesterday")
    assert code == 2
    assert "bad --from date 'yesterday'" in err


def test_update_gives_up_quickly_when_the_server_is_unreachable(tmp_path: Path) -> None:
    env = {"MONEYFIX_NBK_URL": "http://127.0.0.1:9"}
    code, _, err = run(
        "update", "--from", "2026-01-01", "--to", "2026-03-31", "--retries", "0",
        "--rates-dir", str(tmp_path), env=env,
    )  # fmt: skip
    assert code == 1
    assert "cannot fetch from http://127.0.0.1:9/rss/get_rates.cfm" in err
    assert list(tmp_path.iterdir()) == []
