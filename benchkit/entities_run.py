"""One run of bench/entities.py: build, measure in order, and the report's text."""

from __future__ import annotations

import argparse
import multiprocessing
import os
import time
from datetime import UTC, datetime
from typing import Any

import psycopg

from benchkit import entities_seed as seed
from benchkit.entities_http import loom_and_baseline
from benchkit.entities_indexes import Builders, new_columns, others_indexes, two_at_once
from benchkit.entities_measure import Bench, Row
from benchkit.entities_report import Run, render, write_ratio
from benchkit.stats import Samples


def cold_process(path: str, headers: dict[str, str], out: Any) -> None:
    """A new process: build the app, then time its first and second request of ``path``."""
    from runtime.app import create_app

    client = create_app("testing").test_client()
    times = []
    for _ in range(2):
        start = time.perf_counter()
        response = client.get(path, headers=headers)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.get_json()
    out.put(times)


def cold_row(path: str, headers: dict[str, str], statements: list[tuple[str, Any]], dsn: str) -> Row:
    """A new app process's first request; baseline: a new connection sending the same statements once."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    process = context.Process(target=cold_process, args=(path, headers, out))
    process.start()
    first, second = out.get(timeout=600)
    process.join()
    start = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn, conn.transaction(force_rollback=True):
        for statement, params in statements:
            cursor = conn.execute(statement, params or None)
            if cursor.description is not None:
                cursor.fetchall()
    row = Row(
        "grid, first page, big blueprint, first request of a new app process",
        Samples([first]),
        Samples([time.perf_counter() - start]),
        "a new connection sending the same statements once; leaves out starting Python and building the app",
    )
    row.notes.append(f"its second request: {second * 1000:.1f} ms")
    return row


def run(args: argparse.Namespace, app: Any, url: str) -> str:
    load_start = os.getloadavg()[0]
    started = time.perf_counter()
    world = seed.build(app, url, args.tenants, 5, args.records, args.scale)
    seed.check_shape(world, url, args.scale)
    seeded = time.perf_counter() - started
    size = _size(url, world.records)
    bench = Bench(app, world.headers, seed.dsn(url), args.runs)
    per = max(1, args.records // (args.tenants * 5))
    big, small = world.big_slug, world.small_slugs[0]
    result = Run("", [])
    writes = max(args.runs, 20)
    lone = bench.writes(world.writer_slug, "b1", "no workspace has an index", writes)
    builders = Builders()
    try:
        built, outcomes = others_indexes(bench, builders, world.small_slugs, "b1")
        print(f"{len(world.small_slugs)} other workspaces' indexes in {built:.1f} s: {outcomes}", flush=True)
        # Right after the builds, so the two write measurements are close in time (the machine's load drifts).
        label = f"beside {len(world.small_slugs):,} workspaces' indexes"
        others = bench.writes(world.writer_slug, "b1", label, writes)
        ended = ", ".join(f"{count:,} {state}" for state, count in sorted(outcomes.items()))
        result.ratios.append(
            f"The other workspaces' indexes (one each, asked for by a sort on a column, then built one after "
            f"another by the builders): {built:.0f} s in all ({ended})."
        )
        result.rows += bench.grid(big, world.big_key, f"{args.scale:,}-record blueprint")
        result.rows += bench.grid(small, "b1", f"a small workspace's blueprint ({per:,} records)")
        fresh = [{"column": key, "op": "eq", "value": 7} for key in seed.FRESH[:4]]
        fresh.append({"column": "code", "op": "eq", "value": f"k{args.scale // 3}"})
        result.rows += new_columns(bench, builders, big, world.big_key, fresh)
        pair = [{"column": seed.FRESH[4], "op": "eq", "value": 3}, {"column": seed.FRESH[5], "op": "eq", "value": 4}]
        result.rows.append(two_at_once(bench, builders, big, world.big_key, pair))
    finally:
        builders.stop()
    lister = bench.lister
    key = world.big_key
    for name, call, target in [
        ("filter, one record (code =, indexed)", lister(big, key, filter=_eq("code", f"k{args.scale // 4}")), ""),
        ("filter, 1% of records (f1 =, indexed)", lister(big, key, filter=_eq("f1", 7)), ""),
        ("filter, no match (code =, indexed)", lister(big, key, filter=_eq("code", "none")), ""),
        ("search, a few records (one word)", lister(big, key, q=f"k{args.scale // 5}"), ""),
        ("search, 25% of records (one word)", lister(big, key, q="pallet"), ""),
        ("search, no match", lister(big, key, q="zqxjv"), "<= 50 ms"),
    ]:
        result.rows.append(bench.measure(name, call, target=target))
    result.rows += lone + others
    result.ratios.append(
        f"Write cost beside the other workspaces' indexes over the same writes before any index existed (p50): "
        f"create {write_ratio(lone[0], others[0])}, update {write_ratio(lone[1], others[1])}; target <= 1.2x."
    )
    path = f"/api/tenants/{big}/entities?blueprint={key}&limit=50"
    bench.request("GET", path, 200)
    statements = list(bench.clock.statements)
    result.rows.append(cold_row(path, world.headers, statements, seed.dsn(url)))
    bench.close()
    app.extensions["loom_engine"].dispose()  # its connections go now, so the database drops cleanly
    for workers in (2, 4):
        loom, baseline = loom_and_baseline(
            path,
            world.headers,
            statements,
            seed.dsn(url),
            workers=workers,
            server_cpus=args.server_cpus,
            client_cpus=args.client_cpus,
            clients=args.clients,
            seconds=args.seconds,
        )
        result.http.append((workers, loom, baseline))
    result.http_setup = (
        f"The grid's first page on the big blueprint over HTTP (`GET {path.replace(big, '<slug>')}`): gunicorn "
        f"(sync workers) pinned to CPU {args.server_cpus} with `taskset`, one client process pinned to CPU "
        f"{args.client_cpus} with {args.clients} threads (one request at a time each, a new connection per request: "
        f"sync workers close it), {args.seconds:.0f} s per line; PostgreSQL runs unpinned on the same two cores. "
        "Rate limits are off (testing settings). The baseline is the same gunicorn and split serving a bare WSGI "
        "function that sends the grid request's statements with psycopg (benchkit/entities_wsgi.py)."
    )
    result.title = f"## Entities ({args.scale:,} + {world.records - args.scale:,} records, {args.tenants:,} workspaces)"
    result.intro = _intro(args, world, per, seeded, load_start)
    result.intro.insert(1, "")
    result.intro.insert(2, size)
    return render(result)


def _size(url: str, records: int) -> str:
    """What the records take on disk, right after the load (every partition, TOAST and indexes)."""
    with psycopg.connect(seed.dsn(url)) as conn:
        row = conn.execute(
            "SELECT sum(pg_table_size(relid)), sum(pg_indexes_size(relid)) FROM pg_partition_tree('entities')"
        ).fetchone()
    table, indexes = (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)
    text = (
        f"Size of `entities` after the load: {table / 2**20:,.0f} MiB of table and {indexes / 2**20:,.0f} MiB of "
        f"indexes for {records:,} records: {table / records:,.0f} + {indexes / records:,.0f} bytes per record."
    )
    print(text, flush=True)
    return text


def _eq(column: str, value: Any) -> dict[str, Any]:
    return {"column": column, "op": "eq", "value": value}


def _intro(args: argparse.Namespace, world: seed.World, per: int, seeded: float, load_start: float) -> list[str]:
    with psycopg.connect(seed.dsn(os.environ["LOOM_DATABASE_URL"])) as conn:
        version = conn.execute("SHOW server_version").fetchone()
    return [
        f"Measured by `bench/entities.py{' --small' if args.small else ''}` on {datetime.now(UTC):%Y-%m-%d}, this "
        f"machine ({os.cpu_count()} cores, load average {load_start:.1f} at the start and "
        f"{os.getloadavg()[0]:.1f} at the end; PostgreSQL {version[0] if version else '?'}). Built through the API: "
        f"{args.tenants:,} workspaces of 5 blueprints with {per:,} records each, a workspace with one blueprint of "
        f"{args.scale:,} records and one that only the write measurements write to; the records inserted by SQL in "
        f"the form the app's writer stores (checked against one written through the API); {seeded:.0f} s to build.",
        "",
        "In-process figures go through the Flask test client (no network): p50 / p95 / max over the warm runs (n), "
        'after a first run shown apart as "first (cold)": the first request of its kind in this process. Nothing '
        "is truly cold: PostgreSQL's buffers and the OS cache are never emptied (the server is shared and is not "
        "restarted); the one cold-process line is a freshly started app process's first request. Python is the whole "
        "request minus the time between the driver's cursor events. Every baseline is measured in the same run; the "
        "numbered notes say what each leaves out. Targets are read against p95 (for a few samples, the max).",
        "",
        "Index builds run as the app runs them: the list request asks for them, two builder processes (standing in "
        "for the worker's two) call `build_index` as they are handed builds, and readiness is `EntityIndex.status` "
        "polled every 50 ms. `LOOM_INDEX_MIN_ROWS=0` in this run, so the small workspaces' blueprints get the "
        f"indexes the write comparison needs ({len(world.small_slugs):,} of them, one per workspace).",
    ]
