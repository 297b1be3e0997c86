"""Benchmarks for the rates package: the bundled files' size (raw and as the wheel stores
them), per-currency load time, lookups per second, and a one-year ``rates update`` against a
local HTTP server speaking NBK's get_rates.cfm format.

    python bench/bench_rates.py [--latency-ms 20] [--workers 3] [--lookups 200000] [--no-update]

Nothing touches the network: the update runs against http.server on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from moneyfix.rates import load_table
from moneyfix.rates.cache import RateLocations, bundled_rates_dir
from moneyfix.rates.nbk import ClientConfig, NbkClient
from moneyfix.rates.table import RateTable
from moneyfix.rates.update import date_range, update_rates

CODES = ["AUD", "AMD", "CNY", "EUR", "GBP", "IRR", "JPY", "KRW", "RUB", "USD", "UZS"]
QUANTS = {"AMD": 10, "IRR": 1000, "KRW": 100, "UZS": 100}


def nbk_xml(day: dt.date) -> bytes:
    """A synthetic but format-faithful get_rates.cfm body for ``day``."""
    rng = random.Random(day.toordinal())
    items = "".join(
        f"<item><fullname>X</fullname><title>{code}</title>"
        f"<description>{rng.uniform(1, 600):.2f}</description>"
        f"<quant>{QUANTS.get(code, 1)}</quant><index></index><change>0.00</change></item>"
        for code in CODES
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rates><generator>Alternate RSS Builder'
        f"</generator><date>{day:%d.%m.%Y}</date>{items}</rates>"
    ).encode()


def serve(latency: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlparse(self.path).query)
            day = dt.datetime.strptime(query["fdate"][0], "%d.%m.%Y").date()
            if latency:
                time.sleep(latency)
            body = nbk_xml(day)
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=UTF-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def bench_size() -> None:
    """Bytes of the bundled files, and deflated as in the wheel (a zip, one member each)."""
    files = sorted(bundled_rates_dir().glob("*.csv"))
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(zlib.compress(p.read_bytes(), 6)) - 6 for p in files)  # zlib header/tail
    rows = sum(p.read_bytes().count(b"\n") - 1 for p in files)
    print(
        f"bundled: {len(files)} files, {rows:,} rows, {raw / 1e6:.2f} MB, "
        f"{packed / 1e3:.0f} kB deflated"
    )


def bench_load() -> None:
    bundled = bundled_rates_dir()
    print(f"bundled history: {bundled}")
    print(f"{'currency':<9}{'rows':>7}{'cold ms':>9}{'best ms':>9}")
    for code in load_table(bundled).currencies():
        timings = []
        rows = 0
        for _ in range(7):
            table = RateTable(RateLocations((bundled,), bundled, True))
            start = time.perf_counter()
            rows = len(table.series(code).dates)
            timings.append((time.perf_counter() - start) * 1000)
        print(f"{code:<9}{rows:>7}{timings[0]:>9.2f}{min(timings):>9.2f}")
    start = time.perf_counter()
    table = load_table(bundled)
    for code in table.currencies():
        table.series(code)
    print(f"all currencies: {(time.perf_counter() - start) * 1000:.1f} ms")


def bench_lookups(count: int) -> None:
    table = load_table(bundled_rates_dir())
    first, last = table.coverage("USD")
    span = (last - first).days
    rng = random.Random(1)
    days = [first + dt.timedelta(days=rng.randrange(span)) for _ in range(count)]
    lookup = table.lookup
    start = time.perf_counter()
    for day in days:
        lookup("USD", day)
    elapsed = time.perf_counter() - start
    print(f"lookup: {count / elapsed:,.0f}/s ({elapsed / count * 1e6:.2f} us each)")
    cross_days = [d for d in days[: count // 2] if dt.date(2004, 3, 1) <= d < dt.date(2022, 2, 20)]
    start = time.perf_counter()
    for day in cross_days:
        table.cross("RUB", "USD", day)
    elapsed = time.perf_counter() - start
    print(f"cross RUB/USD: {len(cross_days) / elapsed:,.0f}/s")


def bench_update(latency_ms: float, workers: int) -> None:
    server = serve(latency_ms / 1000)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    days = date_range(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            client = NbkClient(ClientConfig(base_url=base, workers=workers))
            start = time.perf_counter()
            report = update_rates(Path(tmp), days, client=client)
            elapsed = time.perf_counter() - start
            files = len(list(Path(tmp).glob("*.csv")))
        print(
            f"update 1 year ({len(days)} requests, {workers} workers, {latency_ms:g} ms server "
            f"latency): {elapsed:.2f} s, {len(days) / elapsed:.0f} days/s, "
            f"{report.rows_written} rows in {files} files, {len(report.failed)} failed"
        )
    finally:
        server.shutdown()


def bench_startup() -> None:
    code = (
        "import sys, time; t = time.perf_counter(); import moneyfix.cli.app; "
        "print((time.perf_counter() - t) * 1000, "
        "[m for m in ('requests', 'rich', 'defusedxml') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    ms, heavy = out.stdout.split(" ", 1)
    print(f"import moneyfix.cli.app: {float(ms):.0f} ms, heavy modules loaded: {heavy.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--no-update", action="store_true", help="Skip the update benchmarks.")
    args = parser.parse_args()
    bench_size()
    bench_load()
    bench_lookups(args.lookups)
    if not args.no_update:
        bench_update(0, args.workers)
        bench_update(args.latency_ms, 1)
        bench_update(args.latency_ms, args.workers)
    bench_startup()


if __name__ == "__main__":
    main()
