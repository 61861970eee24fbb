"""How long moving ``entities`` onto partitions by tenant takes (migration 0028), and whether writers wait.

    .venv/bin/python bench/partitioning.py [--records 1000000] [--database NAME] [--no-write]

Builds a database at migration 0027 with the real migrations, a workspace with one blueprint and
``--records`` records (copies of one record the app wrote, made by INSERT ... SELECT), then runs
migration 0028 while a writer keeps inserting and updating records through plain SQL. Reports the
migration's wall time, how many writes ran meanwhile, the writer's p50/p99/max latency (the
longest wait is the exclusive lock of the swap), and checks that every record and every write is
in the partitioned table. The baseline is the same writer on the same table before the migration.
Writes the "## Partitioning entities by tenant (migration 0028)" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

os.environ.setdefault("LOOM_ENV", "testing")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.options import add_common, bench_database, open_database  # noqa: E402

BENCH_URL = bench_database("loom_bench_partitioning", "LOOM_BENCH_PARTITIONING_DATABASE_URL")

import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.report import replace_section  # noqa: E402

SLUG = "bench-partitioning"
HEADING = "## Partitioning entities by tenant (migration 0028)"


def _plain(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def seed(records: int) -> None:
    """One workspace, one blueprint, one record through the app; then ``records`` copies of it."""
    from core import migrate

    migrate.upgrade(BENCH_URL, "0027")
    from runtime.app import create_app
    from tests.factories import create_blueprint, create_entity, create_tenant, signed_in_user

    app = create_app("testing")
    client = app.test_client()
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG)
    create_entity(client, headers, SLUG, "stock_item", type="BOX", qty=1, weight="2.5")
    with psycopg.connect(_plain(BENCH_URL), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO entities SELECT gen_random_uuid(), blueprint_id, blueprint_version_id, "
            "jsonb_set(data, '{qty}', to_jsonb(n)), aside, search_text, version, created_by, updated_by, "
            "created_at, updated_at, tenant_id, deleted_at, deleted_by "
            "FROM entities, generate_series(2, %s) n",
            (records,),
        )
        conn.execute("VACUUM ANALYZE entities")


class Writer(threading.Thread):
    """Inserts a record and updates another, again and again, timing each write."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.latencies: list[float] = []
        self.inserted: list[str] = []
        self.updated: list[str] = []
        self.stop = threading.Event()
        self.errors: list[str] = []

    def run(self) -> None:
        with psycopg.connect(_plain(BENCH_URL), autocommit=True) as conn:
            template = conn.execute("SELECT id FROM entities ORDER BY created_at LIMIT 1").fetchone()
            assert template is not None
            while not self.stop.is_set():
                new_id = str(uuid.uuid4())
                started = time.perf_counter()
                try:
                    conn.execute(
                        "INSERT INTO entities SELECT %s, blueprint_id, blueprint_version_id, data, aside, "
                        "search_text, version, created_by, updated_by, now(), now(), tenant_id, NULL, NULL "
                        "FROM entities WHERE id = %s",
                        (new_id, template[0]),
                    )
                    row = conn.execute(
                        "UPDATE entities SET data = jsonb_set(data, '{space}', '\"moved\"'), version = version + 1 "
                        "WHERE id = (SELECT id FROM entities WHERE data->>'space' IS NULL LIMIT 1) RETURNING id"
                    ).fetchone()
                except psycopg.Error as exc:  # the swap renames the table under a running statement
                    self.errors.append(type(exc).__name__)
                    continue
                self.latencies.append(time.perf_counter() - started)
                self.inserted.append(new_id)
                if row is not None:
                    self.updated.append(str(row[0]))


def _percentile(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1] * 1000 if len(samples) > 1 else 0.0


def measure(records: int) -> dict[str, Any]:
    from core import migrate

    baseline = Writer()
    baseline.start()
    time.sleep(3)
    baseline.stop.set()
    baseline.join()
    writer = Writer()
    writer.start()
    started = time.perf_counter()
    migrate.upgrade(BENCH_URL, "0028")
    seconds = time.perf_counter() - started
    writer.stop.set()
    writer.join()
    with psycopg.connect(_plain(BENCH_URL)) as conn:
        total = conn.execute("SELECT count(*) FROM entities").fetchone()
        kind = conn.execute("SELECT relkind FROM pg_class WHERE relname = 'entities'").fetchone()
        moved = conn.execute(
            "SELECT count(*) FROM entities WHERE id = ANY(%s::uuid[]) AND data->>'space' = 'moved'", (writer.updated,)
        ).fetchone()
        found = conn.execute("SELECT count(*) FROM entities WHERE id = ANY(%s::uuid[])", (writer.inserted,)).fetchone()
    expected = records + len(baseline.inserted) + len(writer.inserted)
    assert kind == ("p",), kind
    assert total == (expected,), (total, expected)
    assert found == (len(writer.inserted),) and moved == (len(set(writer.updated)),), (found, moved)
    return {
        "records": records,
        "seconds": seconds,
        "writes": len(writer.latencies),
        "errors": len(writer.errors),
        "base_p50": _percentile(baseline.latencies, 50),
        "base_p99": _percentile(baseline.latencies, 99),
        "base_max": max(baseline.latencies) * 1000,
        "p50": _percentile(writer.latencies, 50),
        "p99": _percentile(writer.latencies, 99),
        "max": max(writer.latencies) * 1000,
    }


def report(figures: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"Migration 0028 on {figures['records']:,} records of one workspace, with a writer inserting and "
            "updating records through plain SQL the whole time (2 cores, measured).",
            "",
            "| | wall time | writes meanwhile | write p50 | write p99 | longest write |",
            "|---|---|---|---|---|---|",
            f"| before the migration (baseline, 3 s) | | | {figures['base_p50']:.1f} ms | "
            f"{figures['base_p99']:.1f} ms | {figures['base_max']:.0f} ms |",
            f"| during the migration | {figures['seconds']:.1f} s | {figures['writes']:,} "
            f"({figures['errors']} refused) | {figures['p50']:.1f} ms | {figures['p99']:.1f} ms | "
            f"{figures['max']:.0f} ms |",
            "",
            "Every record and every write made during the copy is in the partitioned table afterwards (checked). "
            "The baseline leaves out the copy's own load; the longest write during the migration is the wait "
            "for the swap's exclusive lock plus the copy's competition for the 2 cores.",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    add_common(parser, "loom_bench_partitioning")
    args = parser.parse_args()
    open_database(BENCH_URL)
    seed(args.records)
    figures = measure(args.records)
    text = report(figures)
    print(text)
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", HEADING, f"{HEADING}\n\n{text}")


if __name__ == "__main__":
    main()
