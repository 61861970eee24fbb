"""Noisy-neighbour benchmark: a workspace's transitions alone, then beside a workspace hitting every limit.

    .venv/bin/python bench/neighbours.py [--records 40] [--noisy 2] [--database NAME] [--no-write]

Builds a fresh database (loom_bench_neighbours_<pid> unless --database names one) with the real migrations and two workspaces:
"quiet" with the Delivery blueprint and flow, "noisy" with flows whose scripts run too long, use
too much memory, nest too deeply, crash the interpreter, produce too much data or spend a step's
processor budget across several scripts (tests/support/hostile.py). Then it measures the server
time of quiet's transitions (POST /inbox/<id>/complete, two per record) twice in the same run:

- alone: nothing else runs (the baseline);
- beside: ``--noisy`` other app processes (like other web workers on the same machine) press the
  noisy workspace's buttons in a loop for the whole measurement.

The target is quiet's p50 and p95 beside the noise within 2x of alone. Prints the figures and
writes the "## Noisy neighbours" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("LOOM_ENV", "testing")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.options import add_common, bench_database, open_database  # noqa: E402

BENCH_URL = bench_database("loom_bench_neighbours", "LOOM_BENCH_NEIGHBOURS_DATABASE_URL")

import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.report import replace_section  # noqa: E402
from tests.factories import DELIVERY_COLUMNS  # noqa: E402
from tests.support.hostile import BUDGET_STEPS, BUSY, HOSTILE, JOB_COLUMNS, hostile_flow  # noqa: E402

QUIET, NOISY = "quiet", "noisy"
PASSWORD = "benchmark pass phrase 2026"
TARGET = 2.0
Headers = dict[str, str]


def check(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.get_json())
    body: dict[str, Any] = response.get_json()
    return body


def percentile(samples: list[float], q: int) -> float:
    """The ``q``-th percentile of ``samples`` (seconds) in milliseconds."""
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1] * 1000


def owner(client: Any, email: str) -> Headers:
    check(client.post("/api/auth/register", json={"email": email, "password": PASSWORD}))
    dsn = make_url(BENCH_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("UPDATE users SET confirmed_at = now() WHERE email = %s", (email,))
    token = check(client.post("/api/auth/login", json={"email": email, "password": PASSWORD}))["access_token"]
    return {"Authorization": f"Bearer {token}"}


def workspace(client: Any, headers: Headers, slug: str, blueprint: str, columns: list[dict[str, Any]]) -> str:
    """A workspace with one published blueprint; its API prefix."""
    prefix = f"/api/tenants/{slug}"
    tenant = {"name": slug.title(), "slug": slug, "timezone": "Europe/Berlin", "language": "en"}
    check(client.post("/api/tenants", json=tenant, headers=headers), 201)
    created = check(
        client.post(f"{prefix}/blueprints", json={"name": blueprint, "columns": columns}, headers=headers), 201
    )
    lock = {"lock_version": created["lock_version"]}
    check(client.post(f"{prefix}/blueprints/{created['key']}/publish", json=lock, headers=headers), 201)
    return prefix


def publish_flow(client: Any, headers: Headers, prefix: str, payload: dict[str, Any]) -> None:
    flow = check(client.post(f"{prefix}/flows", json=payload, headers=headers), 201)
    check(
        client.post(
            f"{prefix}/flows/{flow['key']}/publish", json={"lock_version": flow["lock_version"]}, headers=headers
        ),
        201,
    )


def setup() -> tuple[Headers, Headers]:
    """A fresh database with both workspaces; the owners' headers (quiet, noisy)."""
    from core import migrate

    open_database(BENCH_URL)
    migrate.upgrade(BENCH_URL)
    from runtime.app import create_app

    client = create_app("testing").test_client()
    quiet = owner(client, "quiet@example.com")
    prefix = workspace(client, quiet, QUIET, "Delivery", DELIVERY_COLUMNS)
    publish_flow(client, quiet, prefix, {"name": "Delivery", "blueprint": "delivery", "template": "delivery"})
    noisy = owner(client, "noisy@example.com")
    prefix = workspace(client, noisy, NOISY, "Job", JOB_COLUMNS)
    scripts = {**{key: [script] for key, script in HOSTILE.items()}, "busy": [BUSY] * BUDGET_STEPS}
    for key, steps in scripts.items():
        publish_flow(client, noisy, prefix, {"name": key.title(), "blueprint": "job", "xml": hostile_flow(key, steps)})
    for i in range(20):  # each record waits at every hostile flow's button
        check(
            client.post(f"{prefix}/entities", json={"blueprint": "job", "data": {"note": f"job {i}"}}, headers=noisy),
            201,
        )
    return quiet, noisy


def walk(client: Any, headers: Headers, records: int) -> list[float]:
    """Create ``records`` deliveries (not timed) and do both transitions of each; the times, in seconds."""
    prefix = f"/api/tenants/{QUIET}"
    samples = []
    for i in range(records):
        entity = check(
            client.post(
                f"{prefix}/entities",
                json={"blueprint": "delivery", "data": {"deliver_from": f"Town {i}"}},
                headers=headers,
            ),
            201,
        )
        flows = check(client.get(f"{prefix}/entities/{entity['id']}/flows", headers=headers))
        [step] = flows["instances"][0]["waiting"]
        for expected in ("IN_PROGRESS", "DELIVERED"):
            start = time.perf_counter()
            response = client.post(f"{prefix}/inbox/{step['id']}/complete", json={"data": {}}, headers=headers)
            samples.append(time.perf_counter() - start)
            body = check(response)
            assert body["entity"]["data"]["status"] == expected, body["entity"]["data"]
            step = body["instance"]["waiting"][0] if body["instance"]["waiting"] else None
    return samples


def noise(headers: Headers, started: Any, stop: Any, counts: Any) -> None:
    """Another app process pressing the noisy workspace's buttons until told to stop."""
    from runtime.app import create_app

    client = create_app("testing").test_client()
    prefix = f"/api/tenants/{NOISY}"
    while not stop.is_set():
        for item in check(client.get(f"{prefix}/inbox?limit=100", headers=headers))["items"]:
            response = client.post(f"{prefix}/inbox/{item['id']}/complete", json={}, headers=headers)
            assert response.status_code in (409, 422), (item["label"], response.status_code, response.get_json())
            with counts.get_lock():
                counts.value += 1
            started.set()
            if stop.is_set():
                return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=40)
    parser.add_argument("--noisy", type=int, default=2, help="noisy app processes (default 2)")
    add_common(parser, "loom_bench_neighbours")
    args = parser.parse_args()
    quiet, noisy = setup()
    from runtime.app import create_app

    client = create_app("testing").test_client()
    walk(client, quiet, 5)  # warm up: parsed versions, the sandbox's spare processes
    alone = walk(client, quiet, args.records)

    context = multiprocessing.get_context("spawn")
    started, stop, counts = context.Event(), context.Event(), context.Value("i", 0)
    workers = [context.Process(target=noise, args=(noisy, started, stop, counts)) for _ in range(args.noisy)]
    for worker in workers:
        worker.start()
    assert started.wait(timeout=600), "the noisy workspace never got an answer"
    beside = walk(client, quiet, args.records)
    stop.set()
    for worker in workers:
        worker.join(timeout=600)
    refused = counts.value

    rows = [
        ("p50", percentile(alone, 50), percentile(beside, 50)),
        ("p95", percentile(alone, 95), percentile(beside, 95)),
    ]
    lines = [
        "## Noisy neighbours (a workspace's transitions beside one hitting every limit)",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {os.cpu_count()} cores by `bench/neighbours.py`: "
        f"{args.records} Delivery records, two transitions each, alone and then beside {args.noisy} other app "
        f"processes pressing buttons whose scripts run too long, hoard memory, nest too deeply, crash, flood "
        f"or spend the step's processor budget ({refused} such presses answered, all refused with 409/422).",
        "",
        "| Transition time | Alone | Beside the noise | Ratio | Target |",
        "|---|---|---|---|---|",
        *(f"| {name} | {a:.1f} ms | {b:.1f} ms | {b / a:.2f}x | <= {TARGET:g}x |" for name, a, b in rows),
    ]
    print("\n".join(lines))
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", "## Noisy neighbours", "\n".join(lines))


if __name__ == "__main__":
    main()
