"""The NBK client against hostile responses on 127.0.0.1 (issue 13, defect 3): values that
are not plausible rates, currencies listed twice, redirects to another host, a server that
drips bytes, and a cache row that a bad fetch left behind."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from nbk_xml import rates_xml
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Request, Response

from moneyfix.cli.app import app
from moneyfix.rates.nbk import ClientConfig, NbkClient

DAY = dt.date(2026, 4, 1)
PATH = "/rss/get_rates.cfm"
XML = "text/xml; charset=UTF-8"
USD_RANGE = (Decimal("60"), Decimal("550"))


def client(server: HTTPServer, **overrides: object) -> NbkClient:
    settings: dict[str, object] = {
        "base_url": server.url_for("/").rstrip("/"),
        "connect_timeout": 1.0,
        "read_timeout": 1.0,
        "retries": 0,
        "backoff": 0.01,
    }
    settings.update(overrides)
    known = {"USD": USD_RANGE}
    return NbkClient(ClientConfig(**settings), bounds=known.get)  # type: ignore[arg-type]


def _items(*rows: tuple[str, str, int]) -> list[tuple[str, str, str, int, str, str]]:
    return [("X", code, value, quant, "", "0.00") for code, value, quant in rows]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999999", "sNaN", "0"])
def test_a_value_that_is_no_number_is_refused(nbk_server: HTTPServer, value: str) -> None:
    items = _items(("USD", "470.12", 1), ("EUR", value, 1))
    nbk_server.expect_request(PATH).respond_with_data(rates_xml(DAY, items), content_type=XML)
    result = client(nbk_server).fetch_day(DAY)
    assert result.status == "ok"
    assert result.rates == {"USD": Decimal("470.12")}
    assert "EUR" in result.detail


def test_a_value_far_outside_the_known_range_is_refused(nbk_server: HTTPServer) -> None:
    items = _items(("USD", "47012", 1), ("EUR", "545", 1))
    nbk_server.expect_request(PATH).respond_with_data(rates_xml(DAY, items), content_type=XML)
    result = client(nbk_server).fetch_day(DAY)
    assert result.rates == {"EUR": Decimal("545")}
    assert "USD 47012 is more than 10x outside its known range 60 .. 550" in result.detail


def test_a_value_within_ten_times_the_known_range_is_kept(nbk_server: HTTPServer) -> None:
    items = _items(("USD", "4700", 1))
    nbk_server.expect_request(PATH).respond_with_data(rates_xml(DAY, items), content_type=XML)
    assert client(nbk_server).fetch_day(DAY).rates == {"USD": Decimal("4700")}


def test_an_unknown_currency_with_an_absurd_value_is_refused(nbk_server: HTTPServer) -> None:
    items = _items(("USD", "470.12", 1), ("XAU", "1e12", 1), ("IRR", "1e-12", 1))
    nbk_server.expect_request(PATH).respond_with_data(rates_xml(DAY, items), content_type=XML)
    result = client(nbk_server).fetch_day(DAY)
    assert result.rates == {"USD": Decimal("470.12")}
    assert "XAU" in result.detail and "IRR" in result.detail


def test_a_currency_listed_twice_is_refused(nbk_server: HTTPServer) -> None:
    items = _items(("USD", "470.12", 1), ("EUR", "545", 1), ("USD", "47.01", 1))
    nbk_server.expect_request(PATH).respond_with_data(rates_xml(DAY, items), content_type=XML)
    result = client(nbk_server).fetch_day(DAY)
    assert result.rates == {"EUR": Decimal("545")}
    assert "USD listed twice" in result.detail


def test_a_redirect_to_another_host_is_not_followed(nbk_server: HTTPServer) -> None:
    nbk_server.expect_request(PATH).respond_with_response(
        Response(status=302, headers={"Location": "http://rates.example.invalid/get_rates.cfm"})
    )
    result = client(nbk_server).fetch_day(DAY)
    assert result.status == "failed"
    assert result.detail == "redirected to another host (rates.example.invalid); not followed"
    assert len(nbk_server.log) == 1


def test_a_redirect_on_the_same_host_is_followed(nbk_server: HTTPServer) -> None:
    nbk_server.expect_request(PATH).respond_with_response(
        Response(status=301, headers={"Location": "/mirror/rates.xml"})
    )
    nbk_server.expect_request("/mirror/rates.xml").respond_with_data(
        rates_xml(DAY), content_type=XML
    )
    assert client(nbk_server).fetch_day(DAY).rates["USD"] == Decimal("470.12")


def _drip(request: Request) -> Response:
    def body() -> Iterator[bytes]:
        for byte in rates_xml(DAY):
            time.sleep(0.02)
            yield bytes([byte])

    return Response(body(), content_type=XML)


def test_a_server_that_drips_bytes_is_cut_off_by_the_deadline(nbk_server: HTTPServer) -> None:
    nbk_server.expect_request(PATH).respond_with_handler(_drip)
    started = time.monotonic()
    result = client(nbk_server, deadline=0.5).fetch_day(DAY)
    elapsed = time.monotonic() - started
    assert result.status == "failed"
    assert "too slow" in result.detail
    assert elapsed < 2.0  # the whole body would take over a minute


def test_retries_stop_at_the_dates_patience_and_are_announced(nbk_server: HTTPServer) -> None:
    nbk_server.expect_request(PATH).respond_with_data("busy", status=503)
    told: list[tuple[dt.date, str, float, int]] = []
    config = ClientConfig(
        base_url=nbk_server.url_for("/").rstrip("/"), retries=10, backoff=0.2, patience=1.0
    )
    started = time.monotonic()
    result = NbkClient(config, on_retry=lambda *a: told.append(a)).fetch_day(DAY)
    elapsed = time.monotonic() - started
    assert result.status == "failed"
    assert elapsed < 1.5
    assert told[:2] == [(DAY, "HTTP 503", 0.2, 2), (DAY, "HTTP 503", 0.4, 3)]
    assert len(told) < 10


def test_the_default_patience_keeps_an_update_under_a_minute() -> None:
    """Three dates in flight; ``rates update`` stops after six failed dates: two rounds
    of the per-date patience, each attempt itself bounded by the request deadline."""
    config = ClientConfig()
    assert 2 * (config.patience + config.deadline) < 60


def test_a_bad_row_in_the_user_cache_is_skipped_with_a_warning(
    tmp_path: Path, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = isolated_env / "moneyfix" / "rates"
    cache.mkdir(parents=True)
    (cache / "USD.csv").write_text(
        "date,rate,source\n2020-11-24,NaN,nbk:api\n2020-11-25,1e999999,nbk:api\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("It cost 100 billion tenge (US$235.59).\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--date", "2020-11-24", "a.txt"])
    assert result.exit_code == 1, result.output
    assert "MF001" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [
        f"moneyfix: warning: {cache / 'USD.csv'}:2: rate must be positive, got 'NaN'; row skipped",
        f"moneyfix: warning: {cache / 'USD.csv'}:3: rate '1e999999' is out of any currency's"
        " range; row skipped",
    ]
