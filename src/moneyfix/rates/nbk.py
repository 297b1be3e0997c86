"""Client for the National Bank of Kazakhstan's daily rates: ``get_rates.cfm?fdate=DD.MM.YYYY``.

One request returns every currency for one date. The service has quirks (see
``shared/data/nbk-api-samples/README.md``) that decide what counts as data:

* the response's ``<date>`` must equal the date asked for: for dates outside its archive the
  service answers with *today's* snapshot, which must not be stored under the requested date;
* a body containing ``информации нет`` ("no information") means no data for that date;
* an empty 200 body is a transient hiccup and is retried, like 5xx and connection errors;
* ``<description>`` is KZT per ``<quant>`` units (10 for AMD/HUF, 100 for KRW/UZS, 1000+ for
  IRR), so the per-unit rate is description / quant, using the quant of the same response.

A response is also treated as hostile until shown otherwise: a value must be a finite,
positive, plausible number (within a factor of 10 of the range the currency has had, when
the history knows it), a currency listed twice is refused, a redirect to another host is
not followed, and every request has a total deadline (a server that drips one byte at a
time is cut off) inside a per-date patience that bounds the retries too.

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
from moneyfix.rates.files import CURRENCY_RE, MAX_RATE, MIN_RATE

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
    read_timeout: float = 10.0
    deadline: float = 10.0
    """Seconds one request may take in all, body included (a dripping server is cut off)."""
    patience: float = 15.0
    """Seconds one date may take with its retries and waits: with 3 requests in flight and
    ``rates update`` giving up after 6 failed dates, an unreachable server costs < 60 s."""
    retries: int = 3
    """Extra attempts after the first one, for transient failures only."""
    backoff: float = 0.5
    """Seconds before the first retry; doubled for each further one."""
    max_redirects: int = 3
    """Redirects followed, on the same host only."""
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


Bounds = Callable[[str], "tuple[Decimal, Decimal] | None"]
"""The lowest and highest rate a currency has had (``None``: not known)."""

PLAUSIBLE_FACTOR = 10


def implausible(code: str, value: Decimal, bounds: Bounds | None = None) -> str | None:
    """Why ``value`` cannot be the KZT rate of ``code``, or ``None`` when it can be."""
    if not value.is_finite() or value <= 0:
        return f"{code} {value} is not a positive number"
    if not MIN_RATE <= value <= MAX_RATE:
        return f"{code} {value:.6g} is out of any currency's range"
    known = bounds(code) if bounds is not None else None
    if known is not None:
        low, high = known
        if not low / PLAUSIBLE_FACTOR <= value <= high * PLAUSIBLE_FACTOR:
            return (
                f"{code} {value.normalize():f} is more than {PLAUSIBLE_FACTOR}x outside its "
                f"known range {low.normalize():f} .. {high.normalize():f}"
            )
    return None


def parse_rates_xml(body: bytes, requested: dt.date, bounds: Bounds | None = None) -> DayRates:
    """Interpret one ``get_rates.cfm`` body for ``requested`` (pure: no network).

    Unreadable, implausible and duplicated items are left out and named in ``detail``."""
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
    refused: list[str] = []
    seen: set[str] = set()
    for item in root.iter("item"):
        code = (item.findtext("title") or "").strip().upper()
        if code in seen:
            rates.pop(code, None)
            refused.append(f"{code} listed twice")
            continue
        seen.add(code)
        value = _item_rate(item)
        if value is None or not CURRENCY_RE.match(code):
            skipped.append(code or "?")
            continue
        problem = implausible(code, value, bounds)
        if problem is not None:
            refused.append(problem)
            continue
        rates[code] = value
    notes = []
    if skipped:
        notes.append(f"skipped unreadable items: {', '.join(skipped)}")
    if refused:
        notes.append(f"refused: {'; '.join(refused)}")
    if not rates:
        return DayRates(
            requested, "no-data", detail="; ".join(notes) or "response lists no currencies"
        )
    return DayRates(requested, "ok", rates, "; ".join(notes))


def _item_rate(item: Any) -> Decimal | None:
    """``description / quant`` of an ``<item>``, or ``None`` when either is not a number."""
    try:
        amount = Decimal((item.findtext("description") or "").strip())
        quant = Decimal((item.findtext("quant") or "1").strip() or "1")
    except InvalidOperation:
        return None
    if not (amount.is_finite() and quant.is_finite()) or amount <= 0 or quant <= 0:
        return None
    try:
        return amount / quant
    except ArithmeticError:  # 1e999999 / 1e-999999 overflows
        return None


def _read_capped(response: requests.Response, limit: int, deadline: float) -> bytes:
    """The body, at most ``limit`` bytes, read by whatever each packet brings (``read1``) so
    that a server dripping bytes meets the ``deadline`` (a ``time.monotonic`` value)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PermanentError(f"response too large ({declared} bytes, limit {limit})")
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TransientError("response too slow (over the deadline per request)")
        chunk = response.raw.read1(65536, decode_content=True)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise PermanentError(f"response too large (over {limit} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


class NbkClient:
    """Fetches days from NBK with retries; one ``requests.Session`` per worker thread."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        sleep: Callable[[float], None] = time.sleep,
        bounds: Bounds | None = None,
        on_retry: Callable[[dt.date, str, float, int], None] | None = None,
    ) -> None:
        """``bounds`` gives each currency's known range (values far outside are refused);
        ``on_retry(day, reason, wait, attempt)`` is told before each retry (progress)."""
        self.config = config or ClientConfig.from_env()
        self._sleep = sleep
        self._bounds = bounds
        self._on_retry = on_retry
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

    def _get(self, url: str, params: dict[str, str] | None, until: float) -> requests.Response:
        import requests

        cfg = self.config
        left = max(0.1, until - time.monotonic())
        try:
            return self._session().get(
                url,
                params=params,
                timeout=(min(cfg.connect_timeout, left), min(cfg.read_timeout, left)),
                stream=True,
                allow_redirects=False,
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise TransientError(f"network error: {type(exc).__name__}") from None
        except requests.RequestException as exc:
            raise PermanentError(f"request failed: {exc}") from None

    def _response(self, day: dt.date, until: float) -> requests.Response:
        """The response for ``day``, following redirects on the same host only."""
        from urllib.parse import urljoin, urlsplit

        url: str = self.url
        params: dict[str, str] | None = {"fdate": _fdate(day)}
        for _ in range(self.config.max_redirects + 1):
            response = self._get(url, params, until)
            if not response.is_redirect:
                return response
            target = urljoin(response.url, response.headers.get("Location", ""))
            response.close()
            if urlsplit(target).netloc != urlsplit(url).netloc:
                raise PermanentError(
                    f"redirected to another host ({urlsplit(target).netloc}); not followed"
                )
            url, params = target, None
        raise PermanentError(f"more than {self.config.max_redirects} redirects")

    def _attempt(self, day: dt.date, until: float) -> DayRates:
        import requests

        cfg = self.config
        deadline = min(until, time.monotonic() + cfg.deadline)
        response = self._response(day, deadline)
        with response:
            if response.status_code >= 500 or response.status_code == 429:
                raise TransientError(f"HTTP {response.status_code}")
            if response.status_code != 200:
                raise PermanentError(f"HTTP {response.status_code}")
            try:
                body = _read_capped(response, cfg.max_bytes, deadline)
            except (requests.ConnectionError, requests.Timeout) as exc:
                raise TransientError(f"network error: {type(exc).__name__}") from None
            except (requests.RequestException, OSError, ValueError) as exc:
                raise TransientError(f"network error while reading: {exc}") from None
        return parse_rates_xml(body, day, self._bounds)

    def fetch_day(self, day: dt.date) -> DayRates:
        """One date, with retries on transient errors, all within the date's patience;
        never raises for network trouble."""
        cfg = self.config
        until = time.monotonic() + cfg.patience
        attempts = max(0, cfg.retries) + 1
        attempt = 1
        while True:
            try:
                return self._attempt(day, until)
            except PermanentError as exc:
                return DayRates(day, "failed", detail=str(exc))
            except TransientError as exc:
                last = str(exc)
            wait = cfg.backoff * (2 ** (attempt - 1))
            if attempt == attempts or time.monotonic() + wait >= until:
                return DayRates(day, "failed", detail=f"{last} (after {attempt} attempts)")
            attempt += 1
            if self._on_retry is not None:
                self._on_retry(day, last, wait, attempt)
            self._sleep(wait)

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
