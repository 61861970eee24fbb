"""Entity benchmark at one million records, with plain-SQL baselines measured in the same run.

    .venv/bin/python bench/entities.py [--rows 1000000] [--runs 30] [--database NAME] [--no-write]

Builds a fresh database (loom_bench) with the real migrations, one tenant, one blueprint and N
entities, then measures server-side latency through the Flask app (no network) and the same
query in plain SQL with psycopg. Prints the figures and writes docs/benchmarks.md (entities part).
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("LOOM_ENV", "testing")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.options import add_common, bench_database  # noqa: E402

BENCH_URL = bench_database("loom_bench", "LOOM_BENCH_DATABASE_URL")

import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.report import replace_section  # noqa: E402
from tests.conftest import recreate_database  # noqa: E402

COLUMNS = [
    {"key": "type", "label": "Type", "type": "choice", "required": True, "options": ["BOX", "PALLET", "CRATE", "BAG"]},
    {"key": "space", "label": "Space", "type": "text"},
    {"key": "weight", "label": "Weight", "type": "decimal"},
    {"key": "qty", "label": "Quantity", "type": "integer"},
    {"key": "timestamp", "label": "Timestamp", "type": "datetime"},
]
PASSWORD = "benchmark pass phrase 2026"
# Entity ids as Loom makes them (core.ids.new_id): version 7 UUIDs, here stamped with the row's
# created_at (2026-01-01 plus i seconds) so ids sort in creation order, as they do in production.
UUID7_AT_I = (
    "(lpad(to_hex(1767225600000 + i::bigint * 1000), 12, '0') || '7' || substr(md5(i::text), 1, 3)"
    " || '8' || substr(md5(i::text || 'x'), 1, 15))::uuid"
)
WORKERS = 2  # worker processes running the parts of a big migration, one per core


def p50(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def raw_dsn() -> str:
    return make_url(BENCH_URL).set(drivername="postgresql").render_as_string(hide_password=False)


def setup(rows: int) -> tuple[object, dict[str, str], dict[str, str]]:
    from core import migrate

    recreate_database(BENCH_URL)
    migrate.upgrade(BENCH_URL)
    from runtime.app import create_app

    app = create_app("testing")
    client = app.test_client()
    email = "bench@example.com"
    client.post("/api/auth/register", json={"email": email, "password": PASSWORD})
    with psycopg.connect(raw_dsn(), autocommit=True) as conn:
        conn.execute("UPDATE users SET confirmed_at = now() WHERE email = %s", (email,))
    token = client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    client.post(
        "/api/tenants",
        json={"name": "X Stock", "slug": "x-stock", "timezone": "UTC", "language": "en"},
        headers=headers,
    )
    created = client.post(
        "/api/tenants/x-stock/blueprints", json={"name": "Stock item", "columns": COLUMNS}, headers=headers
    )
    client.post(
        "/api/tenants/x-stock/blueprints/stock_item/publish",
        json={"lock_version": created.get_json()["lock_version"]},
        headers=headers,
    )
    ids = {}
    with psycopg.connect(raw_dsn(), autocommit=True) as conn:
        ids["tenant"], ids["blueprint"], ids["version"] = conn.execute(
            "SELECT b.tenant_id, b.id, b.current_version_id FROM blueprints b"
        ).fetchone()
        start = time.perf_counter()
        conn.execute(
            """
            INSERT INTO entities (id, tenant_id, blueprint_id, blueprint_version_id, data, search_text, created_at, updated_at)
            SELECT {UUID7_AT_I}, %(t)s, %(b)s, %(v)s,
                   jsonb_build_object(
                     'type', (ARRAY['BOX','PALLET','CRATE','BAG'])[1 + i %% 4],
                     'space', 'S-' || (i %% 5000),
                     'weight', ((i::bigint * 7919) %% 100000 / 100.0)::text,
                     'qty', (i * 31) %% 1000,
                     'timestamp', to_char(timestamp '2026-01-01' + (i || ' seconds')::interval, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                   ),
                   (ARRAY['BOX','PALLET','CRATE','BAG'])[1 + i %% 4] || ' S-' || (i %% 5000),
                   timestamptz '2026-01-01' + (i || ' seconds')::interval,
                   timestamptz '2026-01-01' + (i || ' seconds')::interval
            FROM generate_series(1, %(n)s) AS i
            """.replace("{UUID7_AT_I}", UUID7_AT_I),
            {"t": ids["tenant"], "b": ids["blueprint"], "v": ids["version"], "n": rows},
        )
        conn.execute("VACUUM ANALYZE entities")
        print(f"inserted {rows} entities in {time.perf_counter() - start:.1f}s", flush=True)
    return app, headers, {k: str(v) for k, v in ids.items()}


def build_indexes(app: object, headers: dict[str, str]) -> None:
    """Ask for the indexes the way the grid does, then build them like the worker would."""
    from sqlalchemy import select

    from core import db
    from runtime.entities.indexes import build_index
    from runtime.entities.models import EntityIndex

    client = app.test_client()  # type: ignore[attr-defined]
    client.get(
        "/api/tenants/x-stock/entities",
        query_string={
            "blueprint": "stock_item",
            "filter": json.dumps({"column": "qty", "op": "lt", "value": 500}),
            "sort": json.dumps([{"column": "weight", "direction": "asc"}]),
        },
        headers=headers,
    )
    with app.app_context():  # type: ignore[attr-defined]
        index_ids = db.session.scalars(select(EntityIndex.id).execution_options(all_tenants=True)).all()
        db.session.commit()
        for index_id in index_ids:
            start = time.perf_counter()
            print(f"  index {build_index(index_id)} in {time.perf_counter() - start:.1f}s", flush=True)
    with psycopg.connect(raw_dsn(), autocommit=True) as conn:
        conn.execute("ANALYZE entities")


LIST_SQL = """
SELECT id, data, version, created_at, updated_at FROM entities
WHERE tenant_id = %(t)s AND blueprint_id = %(b)s AND CAST(data ->> 'qty' AS BIGINT) < 500
  {after}
ORDER BY CAST(data ->> 'weight' AS NUMERIC) ASC NULLS LAST, id ASC LIMIT 51
"""


def run(rows: int, runs: int) -> list[tuple[str, float, float | None, str]]:
    app, headers, ids = setup(rows)
    build_indexes(app, headers)
    client = app.test_client()  # type: ignore[attr-defined]
    results: list[tuple[str, float, float | None, str]] = []
    base = {
        "blueprint": "stock_item",
        "limit": 50,
        "filter": json.dumps({"column": "qty", "op": "lt", "value": 500}),
        "sort": json.dumps([{"column": "weight", "direction": "asc"}]),
    }
    conn = psycopg.connect(raw_dsn(), autocommit=True)
    params = {"t": ids["tenant"], "b": ids["blueprint"]}

    def api_list(extra: dict[str, str]) -> None:
        response = client.get("/api/tenants/x-stock/entities", query_string={**base, **extra}, headers=headers)
        assert response.status_code == 200, response.get_json()

    # Page 1 and page 1,000 (the cursor of page 1,000 is taken from the row that ends page 999).
    first = timed(lambda: api_list({}), runs)
    first_sql = timed(lambda: conn.execute(LIST_SQL.format(after=""), params).fetchall(), runs)
    results.append(("list, filter + sort on a JSON column, page 1", p50(first), p50(first_sql), "< 20 ms"))
    matching = conn.execute(
        "SELECT count(*) FROM entities WHERE blueprint_id = %(b)s AND CAST(data ->> 'qty' AS BIGINT) < 500", params
    ).fetchone()[0]
    page = min(1000, matching // 50)
    weight, last_id = conn.execute(
        LIST_SQL.format(after="")
        .replace("LIMIT 51", f"OFFSET {(page - 1) * 50 - 1} LIMIT 1")
        .replace("SELECT id, data,", "SELECT data->>'weight', id, data,"),
        params,
    ).fetchone()[:2]
    from core.pagination import encode_cursor

    cursor = encode_cursor([weight, str(last_id)])
    deep = timed(lambda: api_list({"cursor": cursor}), runs)
    after = "AND (CAST(data ->> 'weight' AS NUMERIC), id) > (%(w)s::numeric, %(i)s::uuid)"
    deep_sql = timed(
        lambda: conn.execute(LIST_SQL.format(after=after), {**params, "w": weight, "i": last_id}).fetchall(), runs
    )
    results.append((f"list, same query, page {page:,} (keyset)", p50(deep), p50(deep_sql), "< 20 ms"))

    search = timed(
        lambda: client.get(
            "/api/tenants/x-stock/entities",
            query_string={"blueprint": "stock_item", "q": "pallet s-42", "limit": 50},
            headers=headers,
        ),
        runs,
    )
    search_sql = timed(
        lambda: conn.execute(
            "SELECT id FROM entities WHERE tenant_id=%(t)s AND blueprint_id=%(b)s AND to_tsvector('simple', search_text) @@ to_tsquery('simple', %(q)s) ORDER BY created_at DESC, id DESC LIMIT 51",
            {**params, "q": "'pallet':* & 's':* & '42':*"},
        ).fetchall(),
        runs,
    )
    results.append(("search (prefix words)", p50(search), p50(search_sql), ""))

    def create() -> None:
        r = client.post(
            "/api/tenants/x-stock/entities",
            json={"blueprint": "stock_item", "data": {"type": "BOX", "qty": 3, "weight": "1.5", "space": "new"}},
            headers=headers,
        )
        assert r.status_code == 201

    creates = timed(create, runs)
    create_sql = timed(
        lambda: conn.execute(
            "INSERT INTO entities (id, tenant_id, blueprint_id, blueprint_version_id, data, search_text) VALUES (%s, %s, %s, %s, %s, %s)",
            (
                uuid.uuid4(),
                ids["tenant"],
                ids["blueprint"],
                ids["version"],
                json.dumps({"type": "BOX", "qty": 3}),
                "BOX",
            ),
        ),
        runs,
    )
    results.append(("create", p50(creates), p50(create_sql), "< 10 ms"))

    target = client.get(
        "/api/tenants/x-stock/entities", query_string={"blueprint": "stock_item", "limit": 1}, headers=headers
    ).get_json()["items"][0]
    state = {"version": target["version"], "n": 0}

    def update_one() -> None:
        state["n"] += 1
        r = client.patch(
            f"/api/tenants/x-stock/entities/{target['id']}",
            json={"version": state["version"], "data": {"qty": state["n"]}},
            headers=headers,
        )
        assert r.status_code == 200, r.get_json()
        state["version"] = r.get_json()["version"]

    updates = timed(update_one, runs)
    update_sql = timed(
        lambda: conn.execute(
            "UPDATE entities SET data = jsonb_set(data, '{qty}', '5'), version = version + 1 WHERE id = %s",
            (target["id"],),
        ),
        runs,
    )
    results.append(("update", p50(updates), p50(update_sql), ""))

    results.append(migrate_all(app, headers, conn, rows))
    results.append(import_rows(app, headers, 100_000))
    conn.close()
    return results


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
        status = db.session.get(Job, uuid.UUID(job["id"])).status
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
    return (f"forward migration of {rows:,} entities (total, s)", elapsed * 1000, sql_elapsed * 1000, "< 60 s")


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
    return (f"CSV import of {count:,} rows (total, s)", (time.perf_counter() - start) * 1000, None, "< 30 s")


def write_report(rows: int, results: list[tuple[str, float, float | None, str]]) -> str:
    lines = [
        f"## Entities ({rows:,} records)",
        "",
        f"Measured by `bench/entities.py` on {time.strftime('%Y-%m-%d')}, this machine (2 cores). Latency is the median "
        "server-side time through the Flask app (no network); the baseline is the same work in plain SQL with psycopg, "
        "measured in the same run.",
        "",
        "| measure | Loom | plain SQL | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for name, loom, raw, target in results:
        seconds = "(total, s)" in name
        fmt = (lambda v: f"{v / 1000:.1f} s") if seconds else (lambda v: f"{v:.2f} ms")
        ratio = f"{loom / raw:.1f}x" if raw else "-"
        lines.append(
            f"| {name.replace(' (total, s)', '')} | {fmt(loom)} | {fmt(raw) if raw else '-'} | {ratio} | {target} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    add_common(parser, "loom_bench")
    args = parser.parse_args()
    results = run(args.rows, args.runs)
    report = write_report(args.rows, results)
    print(report)
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", "## Entities", report)


if __name__ == "__main__":
    main()
