"""Entity benchmark: many workspaces, one big blueprint, new columns, index builds, writes, HTTP.

    .venv/bin/python bench/entities.py [--small] [--tenants 1000] [--records 1000000] [--scale 1000000]
        [--runs 50] [--seconds 20] [--clients 8] [--server-cpus 1] [--client-cpus 0]
        [--database NAME] [--no-write]

Builds a database of its own with the real migrations (Alembic); through the API, ``--tenants``
workspaces of 5 blueprints sharing ``--records`` records, a workspace "big" with one blueprint of
``--scale`` records, and a workspace "writer" (benchkit/entities_seed.py: records by SQL, in the
writer's form). ``--small`` is 50 workspaces, 100,000 + 100,000 records, fewer runs: a quick check.
In this order it measures, each request next to a baseline measured in the same run:

1. creates and updates in "writer" while no workspace has an index;
2. every other workspace sorts a blueprint on a column, and its index is built (benchkit/entities_indexes.py);
3. the grid's first and next page on the big blueprint and on a small workspace's blueprint;
4. a filter on a column nobody filtered before (the first call, then until its index is ready), five
   times; one request on two new columns (until both are ready);
5. selective, 1% and no-match filters and searches on the big blueprint;
6. creates and updates in "writer" again, now beside the other workspaces' indexes (the ratio);
7. the grid's first page over HTTP: gunicorn with 2 and then 4 worker processes (benchkit/entities_http.py).

Prints the figures and writes the "## Entities" section of docs/benchmarks.md (not with --no-write).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("LOOM_ENV", "testing")
os.environ.setdefault("LOOM_LOG_LEVEL", "WARNING")
# Every blueprint may get its indexes, also a small workspace's few hundred records, so the
# "other workspaces' indexes" of the write measurement exist (the default skips small blueprints).
os.environ.setdefault("LOOM_INDEX_MIN_ROWS", "0")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.options import add_common, bench_database, open_database  # noqa: E402

BENCH_URL = bench_database("loom_bench", "LOOM_BENCH_DATABASE_URL")

import psycopg  # noqa: E402

from bench.report import replace_section  # noqa: E402
from benchkit import entities_seed as seed  # noqa: E402

COLUMNS = seed.BIG_COLUMNS


def raw_dsn() -> str:
    """The benchmark database for psycopg."""
    return seed.dsn(BENCH_URL)


def start_app() -> Any:
    """A fresh database built by the migrations, and the app on it."""
    from core import migrate

    open_database(BENCH_URL)
    migrate.upgrade(BENCH_URL)
    from runtime.app import create_app

    return create_app("testing")


def setup(rows: int) -> tuple[Any, dict[str, str], dict[str, str]]:
    """One workspace "x-stock" with one blueprint "stock_item" of ``rows`` records (for other
    benchmarks): the app, the owner's headers and the workspace, blueprint and version ids."""
    app = start_app()
    world = seed.one_blueprint(app, BENCH_URL, rows, "x-stock", "stock_item")
    with psycopg.connect(raw_dsn()) as conn:
        found = conn.execute(
            "SELECT b.tenant_id, b.id, b.current_version_id FROM blueprints b JOIN tenants t ON t.id = b.tenant_id"
            " WHERE t.slug = 'x-stock'"
        ).fetchone()
    assert found is not None
    return app, world.headers, {"tenant": str(found[0]), "blueprint": str(found[1]), "version": str(found[2])}


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="50 workspaces, 100,000 + 100,000 records, fewer runs")
    parser.add_argument("--tenants", type=int, default=1000, help="small workspaces (5 blueprints each)")
    parser.add_argument("--records", type=int, default=1_000_000, help="records shared by the small workspaces")
    parser.add_argument("--scale", type=int, default=1_000_000, help="records of the big blueprint (10000000: 10M)")
    parser.add_argument("--runs", type=int, default=50, help="warm runs per in-process measure")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each HTTP load")
    parser.add_argument("--clients", type=int, default=8, help="client threads over HTTP (one client process)")
    parser.add_argument("--server-cpus", default="1", help="cores gunicorn is pinned to (taskset -c)")
    parser.add_argument("--client-cpus", default="0", help="cores the client process is pinned to")
    add_common(parser, "loom_bench")
    return parser


def options(argv: list[str] | None = None) -> argparse.Namespace:
    args = parser().parse_args(argv)
    if args.small:
        args.tenants, args.records, args.scale = 50, 100_000, 100_000
        args.runs, args.seconds = min(args.runs, 20), min(args.seconds, 5.0)
    return args


def main() -> None:
    from benchkit.entities_run import run

    args = options()
    started = time.perf_counter()
    report = run(args, start_app(), BENCH_URL)
    print(report)
    print(f"whole run: {time.perf_counter() - started:.0f} s")
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", "## Entities", report)


if __name__ == "__main__":
    main()
