"""The NBK client against a real HTTP server on 127.0.0.1 speaking NBK's format."""

from __future__ import annotations

import datetime as dt
import threading
import time
from decimal import Decimal

import pytest
from nbk_xml import fdate, rates_xml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from moneyfix.rates.nbk import ClientConfig, NbkClient, PermanentError, parse_rates_xml

DAY = dt.date(2026, 4, 1)
PATH = "/rss/get_rates.cfm"
XML = "text/xml; charset=UTF-8"


def client(server: HTTPServer, **overrides: object) -> NbkClient:
    settings: dict[str, object] = {
        "base_url": server.url_for("/").rstrip("/"),
        "connect_timeout": 1.0,
        "read_timeout": 2.0,
        "retries": 2,
        "backoff": 0.01,
        "max_bytes": 100_000,
        "workers": 2,
    }
    settings.update(overrides)
    return NbkClient(ClientConfig(**settings))  # type: ignore[arg-type]


def test_normal_day_with_quants(nbk_server: HTTPServer) -> None:
    nbk_server.expect_request(PATH, query_string=fdate(DAY)).respond_with_data(
        rates_xml(DAY), content_type=XML
    )
    result = client(nbk_server).fetch_day(DAY)
    assert result.status == "ok"
    assert result.rates["USD"] == Decimal("470.12")
    assert result.rates["EUR"] == Decimal("545")
    assert result.rates["AMD"] == Decimal("1.26")  # quant 10
    assert result.rates["KRW"] == Decimal("0.3395")  # quant 100
    assert result.rates["UZS"] == Decimal("0.0371")  # quant 100
    assert result.rates["IRR"] == Decimal("0.00112")  # quant 1000
    request = nbk_server.log[0][0]
    assert request.headers["User-Agent"].startswith("moneyfix/")


def test_weekend_day_carries_the_rate(nbk_server: HTTPServer) -> None:
    sunday = dt.date(2026, 4, 5)
    items = [("ДОЛЛАР США", "USD", "470.12", 1, "", "0.00")]
    nbk_server.expect_request(PATH, query_string=fdate(sunday)).respond_with_data(
        rates_xml(sunday, items), content_type=XML
    )
    result = client(nbk_server).fetch_day(sunday)
    assert result.status == "ok"
    assert result.rates == {"USD": Decimal("470.12")}


def test_wrong_date_in_response_means_no_data(nbk_server: HTTPServer) -> None:
    # Outside its archive the service answers with today's snapshot: never store it.
    asked = dt.date(2019, 3, 4)
    nbk_server.expect_request(PATH, query_string=fdate(asked)).respond_with_data(
        rates_xml(DAY), content_type=XML
    )
    result = client(nbk_server).fetch_day(asked)
    assert result.status == "no-data"
    assert result.rates == {}
    assert "01.04.2026" in result.detail


@pytest.mark.parametrize(
    "body",
    [
        "информации нет",
        "<html><body><p>Информации нет</p></body></html>",
        '<?xml version="1.0" encoding="utf-8"?><rates><date>01.04.2026</date>'
        "<error>информации нет</error></rates>",
    ],
)
def test_no_data_marker(nbk_server: HTTPServer, body: str) -> None:
    nbk_server.expect_request(PATH).respond_with_data(body.encode(), content_type=XML)
    result = client(nbk_server).fetch_day(DAY)
    assert result.status == "no-data"
    assert len(nbk_server.log) == 1  # definitive: not retried


def test_empty_body_is_retried_then_succeeds(nbk_server: HTTPServer) -> None:
    nbk_server.expect_oneshot_request(PATH).respond_with_data(b"", content_type=XML)
    nbk_server.expect_request(PATH).respond_with_data(rates_xml(DAY), content_type=XML)
    result = client(nbk_server).fetch_day(DAY)
    assert result.status == "ok"
    assert len(nbk_server.log) == 2


def test_empty_body_every_time_fails_after_retries(nbk_server: HTTPServer) -> None:
    nbk_server.expect_request(PATH).respond_with_data(b"  \n", content_type=XML)
    result = client(nbk_server, retries=2).fetch_day(DAY)
    assert result.status == "failed"
    assert "empty" in result.detail
    assert len(nbk_server.log) == 3


def test_server_error_then_success(nbk_server: HTTPServer) -> None:
    nbk_server.expect_oneshot_request(PATH).respond_with_data("oops", status=500)
    nbk_server.expect_oneshot_request(PATH).respond_with_data("busy", status=503)
    nbk_server.expect_request(PATH).respond_with_data(rates_xml(DAY), content_type=XML)
    sleeps: list[float] = []
    nbk = NbkClient(client(nbk_server, backoff=0.5).config, sleep=sleeps.append)
    result = nbk.fetch_day(DAY)
    assert result.status == "ok"
    assert sleeps == [0.5, 1.0]  # exponential backoff


def test_client_error_is_not_retried(nbk_server: HTTPServer) -> None:
    nbk_server.expect_request(PATH).respond_with_data("gone", status=404)
    result = client(nbk_server).fetch_day(DAY)
    assert result.status == "failed"
    assert "404" in result.detail
    assert len(nbk_server.log) == 1


class SlowHandler:
    """Answers after a delay; ``wait`` lets the test finish only once every reply was sent,
    so no late request shows up in the next test's log (the server is shared)."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.calls = 0
        self.pending: list[threading.Event] = []

    def __call__(self, _request: Request) -> Response:
        done = threading.Event()
        self.pending.append(done)
        self.calls += 1
        time.sleep(self.delay)
        done.set()
        return Response(rates_xml(DAY), content_type=XML)

    def wait(self) -> None:
        for event in self.pending:
            event.wait(5)
        time.sleep(0.05)


def test_timeout_is_retried(nbk_server: HTTPServer) -> None:
    slow = SlowHandler(0.6)

    nbk_server.expect_oneshot_request(PATH).respond_with_handler(slow)
    nbk_server.expect_request(PATH).respond_with_data(rates_xml(DAY), content_type=XML)
    started = time.monotonic()
    result = client(nbk_server, read_timeout=0.2).fetch_day(DAY)
    elapsed = time.monotonic() - started
    slow.wait()
    assert result.status == "ok"
    assert slow.calls == 1
    assert elapsed < 0.6  # answered by the retry, not by the slow reply


def test_timeout_every_time_fails(nbk_server: HTTPServer) -> None:
    slow = SlowHandler(0.4)
    nbk_server.expect_request(PATH).respond_with_handler(slow)
    result = client(nbk_server, read_timeout=0.1, retries=1).fetch_day(DAY)
    slow.wait()
    assert slow.calls == 2
    assert result.status == "failed"
    assert "Timeout" in result.detail or "network" in result.detail


def test_connection_refused_fails_cleanly() -> None:
    config = ClientConfig(base_url="http://127.0.0.1:9", retries=1, backoff=0.0)
    result = NbkClient(config).fetch_day(DAY)
    assert result.status == "failed"
    assert "network error" in result.detail


@pytest.mark.parametrize(
    "body",
    [
        b"<rates><date>01.04.2026</date><item><title>USD</title>",
        b"\x00\x01 not xml at all",
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rates>&a;</rates>',
    ],
)
def test_malformed_xml_fails_without_retry(nbk_server: HTTPServer, body: bytes) -> None:
    nbk_server.expect_request(PATH).respond_with_data(body, content_type=XML)
    result = client(nbk_server).fetch_day(DAY)
    assert result.status == "failed"
    assert len(nbk_server.log) == 1


def test_oversized_body_is_refused(nbk_server: HTTPServer) -> None:
    nbk_server.expect_request(PATH).respond_with_data(b"x" * 300_000, content_type=XML)
    result = client(nbk_server, max_bytes=100_000).fetch_day(DAY)
    assert result.status == "failed"
    assert "too large" in result.detail


def test_oversized_streamed_body_without_length_is_refused(nbk_server: HTTPServer) -> None:
    def stream(_request: Request) -> Response:
        def chunks():  # type: ignore[no-untyped-def]
            for _ in range(40):
                yield b"<x>" + b"y" * 10_000 + b"</x>"

        return Response(chunks(), content_type=XML)

    nbk_server.expect_request(PATH).respond_with_handler(stream)
    result = client(nbk_server, max_bytes=100_000).fetch_day(DAY)
    assert result.status == "failed"
    assert "too large" in result.detail


def test_item_with_bad_number_is_skipped_not_fatal() -> None:
    items = [
        ("ДОЛЛАР США", "USD", "470.12", 1, "", "0.00"),
        ("ЕВРО", "EUR", "n/a", 1, "", "0.00"),
    ]
    result = parse_rates_xml(rates_xml(DAY, items), DAY)
    assert result.status == "ok"
    assert set(result.rates) == {"USD"}
    assert "EUR" in result.detail


def test_missing_date_element_is_an_error() -> None:
    with pytest.raises(PermanentError):
        parse_rates_xml(b"<rates><item><title>USD</title></item></rates>", DAY)


def test_base_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONEYFIX_NBK_URL", "http://mirror.example/")
    assert NbkClient(ClientConfig.from_env()).url == "http://mirror.example/rss/get_rates.cfm"


def test_at_most_a_few_requests_in_flight(nbk_server: HTTPServer) -> None:
    lock = threading.Lock()
    active = 0
    peak = 0

    def handler(request: Request) -> Response:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.05)
        with lock:
            active -= 1
        asked = dt.datetime.strptime(request.args["fdate"], "%d.%m.%Y").date()
        return Response(rates_xml(asked), content_type=XML)

    nbk_server.expect_request(PATH).respond_with_handler(handler)
    days = [DAY + dt.timedelta(days=i) for i in range(16)]
    results = list(client(nbk_server, workers=10).fetch_days(days))
    assert sorted(r.requested for r in results) == days
    assert all(r.status == "ok" for r in results)
    assert 1 < peak <= 4
