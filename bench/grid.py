"""What a grid page costs in Python, and how many a small server answers per second.

    .venv/bin/python bench/grid.py [--rows 1000000] [--runs 300] [--seconds 20] [--threads 8]
                                   [--database NAME] [--no-write] [--profile]

Builds a fresh database (``loom_bench_<pid>`` unless ``--database``) with the real migrations,
one workspace, one blueprint and N records (as bench/entities.py seeds them), then measures the
grid's first page (``GET /api/tenants/<slug>/entities?blueprint=...&limit=50``):

- in the process, through the Flask test client (no network): the whole request, the time spent
  in SQL (between the driver's cursor events, so the database's own time and the driver's),
  Python = whole - SQL, and the process's CPU time (less sensitive to a busy machine); with the
  auth cache on and off (LOOM_AUTH_CACHE_SECONDS);
- the raw SQL baseline: the statements that page sent, sent again with psycopg and no ORM;
- over HTTP: gunicorn with 2 sync workers, and one client process whose threads each keep a
  connection open where the server allows it; pages per second over ``--seconds``.

Prints the figures and writes the "## Grid request path" section of docs/benchmarks.md (not with
--no-write). The machine may be shared: the figures are indicative.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import http.client
import os
import pstats
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("LOOM_ENV", "testing")
os.environ.setdefault("LOOM_LOG_LEVEL", "WARNING")  # no request log line per page (in the figures or the terminal)
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "platform"))

from bench.options import add_common, bench_database  # noqa: E402

BENCH_URL = bench_database("loom_bench", "LOOM_BENCH_GRID_DATABASE_URL")  # bench.entities seeds the same one

import psycopg  # noqa: E402
from sqlalchemy import event  # noqa: E402

from bench.entities import raw_dsn, setup  # noqa: E402
from bench.report import replace_section  # noqa: E402
from benchkit.stats import FLOOR_PATH, request_floor  # noqa: E402

PAGE = "/api/tenants/x-stock/entities?blueprint=stock_item&limit=50"
HEADING = "## Grid request path"
READS = ("SELECT", "EXPLAIN", "WITH")


class SqlClock:
    """Time spent between the driver's cursor events, and the statements sent (for the baseline)."""

    def __init__(self, engine: Any) -> None:
        self.seconds = 0.0
        self.statements: list[tuple[str, Any]] = []
        self._started = 0.0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        self.statements.append((statement, params))
        self._started = time.perf_counter()

    def _after(self, conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        self.seconds += time.perf_counter() - self._started


def set_cache(app: Any, seconds: int) -> None:
    app.config["LOOM"] = dataclasses.replace(app.config["LOOM"], auth_cache_seconds=seconds)


def in_process(app: Any, headers: dict[str, str], runs: int) -> tuple[dict[str, float], list[tuple[str, Any]]]:
    """Median milliseconds of the page through the test client, and the statements one page sent."""
    client = app.test_client()
    clock = SqlClock(app.extensions["loom_engine"])
    whole, sql, cpu, sent = [], [], [], []
    for _ in range(runs + 20):
        clock.seconds, clock.statements = 0.0, []
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(PAGE, headers=headers)
        whole.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        sql.append(clock.seconds)
        sent.append(clock.statements)
        assert response.status_code == 200, response.get_json()
    whole, sql, cpu, sent = whole[20:], sql[20:], cpu[20:], sent[20:]
    usual = statistics.median_low(len(statements) for statements in sent)  # a page, not a cache refill
    python = [w - s for w, s in zip(whole, sql, strict=True)]
    event.remove(app.extensions["loom_engine"], "before_cursor_execute", clock._before)
    event.remove(app.extensions["loom_engine"], "after_cursor_execute", clock._after)
    figures = {
        "whole": statistics.median(whole) * 1000,
        "sql": statistics.median(sql) * 1000,
        "python": statistics.median(python) * 1000,
        "cpu": statistics.median(cpu) * 1000,
        "statements": float(usual),
    }
    return figures, next(statements for statements in reversed(sent) if len(statements) == usual)


def raw_baseline(statements: list[tuple[str, Any]], runs: int) -> float:
    """The page's statements sent with psycopg (one connection, autocommit), median ms per page."""
    samples = []
    with psycopg.connect(raw_dsn(), autocommit=True) as conn:
        for _ in range(runs + 20):
            start = time.perf_counter()
            for statement, params in statements:
                if statement.lstrip().upper().startswith(READS):  # not SAVEPOINT / RELEASE (autocommit here)
                    conn.execute(statement, params or None).fetchall()
            samples.append(time.perf_counter() - start)
    return statistics.median(samples[20:]) * 1000


def profile(app: Any, headers: dict[str, str]) -> None:
    client = app.test_client()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(200):
        client.get(PAGE, headers=headers)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(40)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def over_http(headers: dict[str, str], seconds: float, threads: int) -> float:
    """Pages per second from gunicorn (2 sync workers), driven by ``threads`` threads."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--chdir",
            str(ROOT / "platform"),
            "--log-level=warning",
            "runtime.app:create_app()",
        ],
        env={**os.environ, "LOOM_LOG_LEVEL": "WARNING"},
    )
    try:
        wait_for(port, headers)
        counts = [0] * threads
        stop = time.perf_counter() + seconds

        def drive(slot: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while time.perf_counter() < stop:
                conn.request("GET", PAGE, headers=headers)
                response = conn.getresponse()
                response.read()
                assert response.status == 200, response.status
                counts[slot] += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

        started = time.perf_counter()
        workers = [threading.Thread(target=drive, args=(i,)) for i in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return sum(counts) / (time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(port: int, headers: dict[str, str]) -> None:
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            for _ in range(10):  # both workers warm
                conn.request("GET", PAGE, headers=headers)
                conn.getresponse().read()
                conn.close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common(parser, "loom_bench")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of 200 pages and stop")
    args = parser.parse_args()
    app, headers, _ = setup(args.rows)
    load_before = os.getloadavg()[0]
    if args.profile:
        profile(app, headers)
        return
    configured = app.config["LOOM"].auth_cache_seconds
    set_cache(app, 0)
    uncached, _ = in_process(app, headers, args.runs)
    floor_uncached = request_floor(app.test_client(), headers, args.runs)
    set_cache(app, configured)
    cached, statements = in_process(app, headers, args.runs)
    floor_cached = request_floor(app.test_client(), headers, args.runs)
    baseline = raw_baseline(statements, args.runs)
    rate = over_http(headers, args.seconds, args.threads)
    load_after = os.getloadavg()[0]
    lines = [
        f"{HEADING} ({args.rows:,} records)",
        "",
        f"The grid's first page (`GET {PAGE.replace('x-stock', '<slug>')}`), median of {args.runs} requests "
        "through the app in one process, and over HTTP, request log at WARNING. Indicative: measured on a "
        f"shared 2-core machine (load average {load_before:.1f} before, {load_after:.1f} after).",
        "",
        "| Measure | Auth cache off | Auth cache on |",
        "|---|---|---|",
        f"| Whole request, ms | {uncached['whole']:.2f} | {cached['whole']:.2f} |",
        f"| SQL (cursor events), ms | {uncached['sql']:.2f} | {cached['sql']:.2f} |",
        f"| Python (whole - SQL), ms | {uncached['python']:.2f} | {cached['python']:.2f} |",
        f"| This process's CPU, ms | {uncached['cpu']:.2f} | {cached['cpu']:.2f} |",
        f"| Statements sent | {uncached['statements']:.0f} | {cached['statements']:.0f} |",
        f"| Floor: CPU of a signed-in request doing next to nothing (`GET {FLOOR_PATH}`), ms "
        f"| {floor_uncached:.2f} | {floor_cached:.2f} |",
        "",
        f"Raw SQL baseline (the same statements with psycopg, no ORM): {baseline:.2f} ms per page.",
        "",
        f"Over HTTP (gunicorn, 2 sync workers; one client process, {args.threads} threads, "
        f"{args.seconds:.0f} s): {rate:.0f} pages/s.",
    ]
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", HEADING, body)


if __name__ == "__main__":
    main()
