"""Client for the National Bank of Kazakhstan's daily rates: ``get_rates.cfm?fdate=DD.MM.YYYY``.

One request returns every currency for one date. The service has quirks (see
``shared/data/nbk-api-samples/README.md``) that decide what counts as data:

* the response's ``<date>`` must equal the date asked for: for dates outside its archive the
  service answers with *today's* snapshot, which must not be stored under the requested date;
* a body containing ``информации нет`` ("no information") means no data for that date;
* an empty 200 body is a transient hiccup and is retried, like 5xx and connection errors;
* ``<description>`` is KZT per ``<quant>`` units (10 for AMD/HUF, 100 for KRW/UZS, 1000+ for
  IRR), so the per-unit rate is description / quant, using the quant of the same response.

``requests`` and ``defusedxml`` are imported on first use to keep ``moneyfix --version`` fast.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal

from moneyfix import __version__
from moneyfix.rates.files import CURRENCY_RE

if TYPE_CHECKING:
    import requests

DEFAULT_BASE_URL = "https://nationalbank.kz"
ENV_BASE_URL = "MONEYFIX_NBK_URL"
NO_DATA_MARKER = "информации нет"
MAX_WORKERS = 4

Status = Literal["ok", "no-data", "failed"]


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """Network settings; tests shrink timeouts and backoff, mirrors change ``base_url``."""

    base_url: str = DEFAULT_BASE_URL
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    retries: int = 3
    """Extra attempts after the first one, for transient failures only."""
    backoff: float = 0.5
    """Seconds before the first retry; doubled for each further one."""
    max_bytes: int = 1_000_000
    """A day's XML is ~12 kB; anything far larger is not a rates response."""
    workers: int = 3
    user_agent: str = (
        f"moneyfix/{__version__} (+https://pypi.org/project/moneyfix/; official-rate checker)"
    )

    @classmethod
    def from_env(cls, **overrides: Any) -> ClientConfig:
        """Defaults, with ``MONEYFIX_NBK_URL`` as base URL when set."""
        base = os.environ.get(ENV_BASE_URL, "").strip() or DEFAULT_BASE_URL
        values: dict[str, Any] = {"base_url": base}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass(frozen=True, slots=True)
class DayRates:
    """The outcome for one requested date: rates (KZT per 1 unit), or why there are none."""

    requested: dt.date
    status: Status
    rates: dict[str, Decimal] = field(default_factory=dict)
    detail: str = ""


class TransientError(Exception):
    """Worth retrying: 5xx, connection problems, timeouts, an empty body."""


class PermanentError(Exception):
    """Retrying will not help: 4xx, malformed XML, an oversized body."""


def _fdate(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def parse_rates_xml(body: bytes, requested: dt.date) -> DayRates:
    """Interpret one ``get_rates.cfm`` body for ``requested`` (pure: no network)."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    if not body.strip():
        raise TransientError("empty response body")
    text = body.decode("utf-8", errors="replace")
    if NO_DATA_MARKER in text.lower():
        return DayRates(requested, "no-data", detail="server says no information for this date")
    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise PermanentError(f"malformed XML: {exc}") from None
    if root.tag != "rates":
        raise PermanentError(f"unexpected XML root <{root.tag}>")
    stated = (root.findtext("date") or "").strip()
    try:
        stated_day = dt.datetime.strptime(stated, "%d.%m.%Y").date()
    except ValueError:
        raise PermanentError(f"response has no valid <date> (got {stated!r})") from None
    if stated_day != requested:
        return DayRates(
            requested,
            "no-data",
            detail=f"response is for {_fdate(stated_day)}, not {_fdate(requested)}",
        )
    rates: dict[str, Decimal] = {}
    skipped: list[str] = []
    for item in root.iter("item"):
        code = (item.findtext("title") or "").strip().upper()
        try:
            amount = Decimal((item.findtext("description") or "").strip())
            quant = Decimal((item.findtext("quant") or "1").strip() or "1")
        except InvalidOperation:
            skipped.append(code or "?")
            continue
        if not CURRENCY_RE.match(code) or not amount.is_finite() or amount <= 0 or quant <= 0:
            skipped.append(code or "?")
            continue
        rates[code] = amount / quant
    if not rates:
        return DayRates(requested, "no-data", detail="response lists no currencies")
    detail = f"skipped unreadable items: {', '.join(skipped)}" if skipped else ""
    return DayRates(requested, "ok", rates, detail)


def _read_capped(response: requests.Response, limit: int) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PermanentError(f"response too large ({declared} bytes, limit {limit})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > limit:
            raise PermanentError(f"response too large (over {limit} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


class NbkClient:
    """Fetches days from NBK with retries; one ``requests.Session`` per worker thread."""

    def __init__(
        self, config: ClientConfig | None = None, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.config = config or ClientConfig.from_env()
        self._sleep = sleep
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            import requests

            session = requests.Session()
            session.headers["User-Agent"] = self.config.user_agent
            session.headers["Accept"] = "text/xml, application/xml;q=0.9, */*;q=0.1"
            self._local.session = session
        return session

    @property
    def url(self) -> str:
        return self.config.base_url.rstrip("/") + "/rss/get_rates.cfm"

    def _attempt(self, day: dt.date) -> DayRates:
        import requests

        cfg = self.config
        try:
            response = self._session().get(
                self.url,
                params={"fdate": _fdate(day)},
                timeout=(cfg.connect_timeout, cfg.read_timeout),
                stream=True,
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise TransientError(f"network error: {type(exc).__name__}") from None
        except requests.RequestException as exc:
            raise PermanentError(f"request failed: {exc}") from None
        with response:
            if response.status_code >= 500 or response.status_code == 429:
                raise TransientError(f"HTTP {response.status_code}")
            if response.status_code != 200:
                raise PermanentError(f"HTTP {response.status_code}")
            try:
                body = _read_capped(response, cfg.max_bytes)
            except (requests.ConnectionError, requests.Timeout) as exc:
                raise TransientError(f"network error: {type(exc).__name__}") from None
            except requests.RequestException as exc:
                raise TransientError(f"network error while reading: {exc}") from None
        return parse_rates_xml(body, day)

    def fetch_day(self, day: dt.date) -> DayRates:
        """One date, with retries on transient errors; never raises for network trouble."""
        attempts = max(0, self.config.retries) + 1
        last = ""
        for attempt in range(attempts):
            try:
                return self._attempt(day)
            except PermanentError as exc:
                return DayRates(day, "failed", detail=str(exc))
            except TransientError as exc:
                last = str(exc)
                if attempt + 1 < attempts:
                    self._sleep(self.config.backoff * (2**attempt))
        return DayRates(day, "failed", detail=f"{last} (after {attempts} attempts)")

    def fetch_days(self, days: Iterable[dt.date]) -> Iterator[DayRates]:
        """Many dates with at most ``workers`` (<= 4) requests in flight; completion order."""
        workers = min(max(1, self.config.workers), MAX_WORKERS)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="nbk") as pool:
            futures = [pool.submit(self.fetch_day, day) for day in days]
            try:
                for future in as_completed(futures):
                    yield future.result()
            finally:
                for future in futures:
                    future.cancel()
