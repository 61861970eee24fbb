"""Background jobs on records: a forward migration of every record of a blueprint, and a CSV import.

    .venv/bin/python bench/entity_jobs.py [--rows 1000000] [--import-rows 100000] [--database NAME] [--no-write]

Builds a database of its own with the real migrations and one workspace with one blueprint of
``--rows`` records (``bench.entities.setup``: records by SQL in the form the app's writer stores).
Then it publishes a version 2 (a column changes type, one goes, one comes with a default) and
times the migration of every record as the worker runs it (a big migration splits into parts, run
here by two processes, one per core), against the same change as one plain SQL UPDATE (rolled
back; it leaves out batching, per-record conversion and version checks); and a CSV import of
``--import-rows`` rows through the import job (no baseline). Prints the figures and writes the
"## Entity jobs" section of docs/benchmarks.md (not with --no-write).
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("LOOM_ENV", "testing")
os.environ.setdefault("LOOM_LOG_LEVEL", "WARNING")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.options import add_common, bench_database  # noqa: E402

BENCH_URL = bench_database("loom_bench_jobs", "LOOM_BENCH_JOBS_DATABASE_URL")

import psycopg  # noqa: E402

from bench.entities import COLUMNS, raw_dsn, setup  # noqa: E402
from bench.report import replace_section  # noqa: E402

WORKERS = 2  # worker processes running the parts of a big migration, one per core


def run_parts(part_ids: list[str]) -> None:
    """A worker process: step each part of a job until it ends."""
    from core import db
    from core.jobs.tasks import run_one_step
    from runtime.app import create_app

    app = create_app("testing")
    with app.app_context():
        for part_id in part_ids:
            while True:
                status = run_one_step(db.session(), uuid.UUID(part_id))
                db.session.commit()
                if status is None or status.value in ("done", "failed"):
                    break


def migrate_all(
    app: object, headers: dict[str, str], conn: psycopg.Connection, rows: int
) -> tuple[str, float, float | None, str]:
    from sqlalchemy import select

    from core import db
    from core.jobs.models import Job
    from core.jobs.tasks import run_one_step

    client = app.test_client()  # type: ignore[attr-defined]
    detail = client.get("/api/tenants/x-stock/blueprints/stock_item", headers=headers).get_json()
    columns = [dict(c) for c in COLUMNS]
    assert columns[3]["key"] == "qty"
    columns[3]["type"] = "decimal"  # qty becomes a decimal
    columns = [c for c in columns if c["key"] != "space"] + [
        {"key": "zone", "label": "Zone", "type": "text", "default": "A"}
    ]
    detail = client.patch(
        "/api/tenants/x-stock/blueprints/stock_item",
        json={"lock_version": detail["lock_version"], "draft": {"columns": columns, "form": None}},
        headers=headers,
    ).get_json()
    client.post(
        "/api/tenants/x-stock/blueprints/stock_item/publish",
        json={"lock_version": detail["lock_version"]},
        headers=headers,
    )
    job = client.post(
        "/api/tenants/x-stock/blueprints/stock_item/migrations",
        json={"from_version": 1, "to_version": 2},
        headers=headers,
    ).get_json()
    start = time.perf_counter()
    with app.app_context():  # type: ignore[attr-defined]
        run_one_step(db.session(), uuid.UUID(job["id"]))  # the first step splits it into parts
        db.session.commit()
        parts = [str(i) for i in db.session.scalars(select(Job.id).where(Job.parent_id == uuid.UUID(job["id"])))]
        db.session.commit()
    # The parts run in WORKERS processes, as the Celery worker's processes would run them; a small
    # migration (--rows below the split size) runs its steps here.
    if parts:
        with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(run_parts, [parts[i::WORKERS] for i in range(WORKERS)]))
    else:
        run_parts([job["id"]])
    with app.app_context():  # type: ignore[attr-defined]
        finished = db.session.get(Job, uuid.UUID(job["id"]))
        assert finished is not None
        status = finished.status
        db.session.commit()
    assert status.value == "done", status
    elapsed = time.perf_counter() - start
    sql_start = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("""UPDATE entities SET data = (data - 'space') || jsonb_build_object('zone', 'A', 'qty', (data->>'qty')::numeric::text),
                    aside = jsonb_build_object('v1', jsonb_build_object('space', data->'space')), version = version + 1
                    WHERE blueprint_version_id = (SELECT id FROM blueprint_versions WHERE number = 2 LIMIT 1)""")
    conn.execute("ROLLBACK")
    sql_elapsed = time.perf_counter() - sql_start
    return (f"forward migration of {rows:,} entities", elapsed * 1000, sql_elapsed * 1000, "< 60 s")


def import_rows(app: object, headers: dict[str, str], count: int) -> tuple[str, float, float | None, str]:
    import dataclasses
    import tempfile

    from core import db
    from core.jobs.tasks import run_one_step

    settings = app.config["LOOM"]  # type: ignore[attr-defined]
    app.config["LOOM"] = dataclasses.replace(settings, storage_dir=tempfile.mkdtemp())  # type: ignore[attr-defined]
    body = io.StringIO()
    body.write("type,weight,qty,timestamp,zone\n")
    for i in range(count):
        body.write(f"BOX,{i % 997}.25,{i % 1000},2026-02-01T00:00:00Z,Z{i % 10}\n")
    client = app.test_client()  # type: ignore[attr-defined]
    info = client.post(
        "/api/tenants/x-stock/imports",
        data={"blueprint": "stock_item", "file": (io.BytesIO(body.getvalue().encode()), "bulk.csv")},
        headers=headers,
        content_type="multipart/form-data",
    ).get_json()
    job = client.post(
        f"/api/tenants/x-stock/imports/{info['file_id']}/start",
        json={"blueprint": "stock_item", "rows": info["rows"], "mapping": info["mapping"]},
        headers=headers,
    ).get_json()
    start = time.perf_counter()
    with app.app_context():  # type: ignore[attr-defined]
        while True:
            status = run_one_step(db.session(), uuid.UUID(job["id"]))
            db.session.commit()
            if status is not None and status.value in ("done", "failed"):
                break
    return (f"CSV import of {count:,} rows", (time.perf_counter() - start) * 1000, None, "< 30 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    add_common(parser, "loom_bench_jobs")
    args = parser.parse_args()
    app, headers, _ = setup(args.rows)
    with psycopg.connect(raw_dsn(), autocommit=True) as conn:
        results = [migrate_all(app, headers, conn, args.rows), import_rows(app, headers, args.import_rows)]
    lines = [
        f"## Entity jobs ({args.rows:,} records)",
        "",
        f"Measured by `bench/entity_jobs.py` on {time.strftime('%Y-%m-%d')}, this machine ({os.cpu_count()} cores; "
        f"load average {os.getloadavg()[0]:.1f} at the end). Whole-job wall time; the migration's baseline is the "
        "same change as one plain SQL UPDATE in the same run (rolled back; it leaves out batching, per-record "
        "conversion and version checks); the import has none.",
        "",
        "| measure | Loom | plain SQL | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for name, loom, raw, target in results:
        ratio = f"{loom / raw:.1f}x" if raw else "-"
        plain = f"{raw / 1000:.1f} s" if raw else "-"
        lines.append(f"| {name} | {loom / 1000:.1f} s | {plain} | {ratio} | {target} |")
    report = "\n".join(lines) + "\n"
    print(report)
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", "## Entity jobs", report)


if __name__ == "__main__":
    main()
