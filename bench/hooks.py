"""Hooks benchmark: delivery rate, commit-to-receipt latency, and what subscriptions cost a create.

    .venv/bin/python bench/hooks.py [--events 300] [--steady-seconds 20] [--creates 200] [--database NAME] [--no-write]

Builds a fresh database (loom_bench_hooks_<pid> unless --database names one) with the real migrations, a workspace (and a twin without hooks) with the
Delivery blueprint, and a receiver on 127.0.0.1 (a process of its own, answering 204 and noting
when each message arrived). Celery workers are real: two `celery worker` processes on the
`hooks` queue (one per core), fed through Redis. It measures:

- deliveries per second: ``--events`` records created with 10 endpoints subscribed while the
  workers are stopped, then the workers start and drain them; the rate runs from the first
  receipt to the last. Baseline: the same number of signed POSTs sent straight to the receiver
  by two plain Python processes (http.client, standardwebhooks signing), no Loom in between.
- commit to receipt at a steady 50 events/s with one endpoint: each record's create returns
  after its transaction committed; the receiver notes when its message arrives (p50, p95).
  Baseline: one direct signed POST's round trip.
- a record create with 0 and with 10 endpoints subscribed (workers stopped, so only the create's
  own work counts: the endpoint lookup, the message row and handing it to Redis), in two
  workspaces alike but for their hooks, one create in each in turn (so a change in the machine's
  load during the run weighs on both alike).

Prints the figures and writes the "## Hooks" section of docs/benchmarks.md (not with --no-write).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

os.environ.setdefault("LOOM_ENV", "testing")
os.environ.setdefault("LOOM_REDIS_URL", "redis://127.0.0.1:6379/9")
os.environ["LOOM_HOOKS_ALLOW_HTTP"] = "true"
os.environ["LOOM_HOOKS_ALLOW_PRIVATE"] = "127.0.0.1/32"
os.environ.setdefault("LOOM_HOOKS_ENDPOINT_RATE", "1000")  # the bench measures Loom, not its limits
os.environ.setdefault("LOOM_HOOKS_ENDPOINT_CONCURRENCY", "8")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.options import add_common, bench_database, open_database  # noqa: E402

BENCH_URL = bench_database("loom_bench_hooks", "LOOM_BENCH_HOOKS_DATABASE_URL")

import psycopg  # noqa: E402
import redis  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.report import replace_section  # noqa: E402
from tests.factories import DELIVERY_COLUMNS  # noqa: E402

SLUG = "x-delivery"
QUIET_SLUG = "x-delivery-quiet"  # the same workspace without hooks: the create cost's other half
T = f"/api/tenants/{SLUG}"
PASSWORD = "benchmark pass phrase 2026"
PORT = int(os.environ.get("LOOM_BENCH_HOOKS_PORT", "18765"))
RATE_TARGET, P95_TARGET_MS, COST_TARGET = 300.0, 1000.0, 1.2
# Each of the two worker processes: Celery's pool and its slots. Deliveries wait on the network and
# the database, so the bench runs several at once in threads per worker process.
POOL = os.environ.get("LOOM_BENCH_HOOKS_POOL", "threads:8")
Headers = dict[str, str]


def check(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.get_json())
    body: dict[str, Any] = response.get_json()
    return body


# The receiver -----------------------------------------------------------------------------------


def receiver(port: int, ready: Any, log: Any) -> None:
    """Answer 204 to every POST and note (webhook-id, arrival time, record id); GET returns the notes."""
    notes: list[tuple[str, float, str | None]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            arrived = time.time()
            record = json.loads(body).get("data", {}).get("record", {}).get("id")
            # webhook-id names the message, the same for every endpoint: the path tells them apart.
            notes.append((f"{self.headers.get('webhook-id', '')} {self.path}", arrived, record))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            payload = json.dumps(notes).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_DELETE(self) -> None:
            notes.clear()
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    ready.set()
    server.serve_forever()


def notes(port: int) -> list[tuple[str, float, str | None]]:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/")
    found = json.loads(conn.getresponse().read())
    conn.close()
    return [tuple(n) for n in found]  # type: ignore[misc]


def clear(port: int) -> None:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("DELETE", "/")
    conn.getresponse().read()
    conn.close()


def wait_for(port: int, count: int, timeout: float) -> list[tuple[str, float, str | None]]:
    deadline = time.monotonic() + timeout
    while True:
        found = notes(port)
        if len({n[0] for n in found}) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


# Loom -------------------------------------------------------------------------------------------


def setup() -> tuple[Any, Headers]:
    from core import migrate

    open_database(BENCH_URL)
    migrate.upgrade(BENCH_URL)
    redis.Redis.from_url(os.environ["LOOM_REDIS_URL"]).flushdb()
    from runtime.app import create_app

    app = create_app("testing")
    client = app.test_client()
    email = "bench@example.com"
    check(client.post("/api/auth/register", json={"email": email, "password": PASSWORD}))
    dsn = make_url(BENCH_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("UPDATE users SET confirmed_at = now() WHERE email = %s", (email,))
    token = check(client.post("/api/auth/login", json={"email": email, "password": PASSWORD}))["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    for slug in (SLUG, QUIET_SLUG):
        tenant = {"name": slug, "slug": slug, "timezone": "Europe/Berlin", "language": "en"}
        check(client.post("/api/tenants", json=tenant, headers=headers), 201)
        base = f"/api/tenants/{slug}"
        blueprint = check(
            client.post(f"{base}/blueprints", json={"name": "Delivery", "columns": DELIVERY_COLUMNS}, headers=headers),
            201,
        )
        lock = {"lock_version": blueprint["lock_version"]}
        check(client.post(f"{base}/blueprints/delivery/publish", json=lock, headers=headers), 201)
    return app, headers


def subscribe(client: Any, headers: Headers, count: int) -> list[str]:
    """``count`` endpoints on the receiver for record.created; their ids."""
    ids = []
    for n in range(count):
        body = {"url": f"http://127.0.0.1:{PORT}/hook/{n}", "event_types": ["record.created"]}
        ids.append(check(client.post(f"{T}/hooks/endpoints", json=body, headers=headers), 201)["id"])
    return ids


def unsubscribe(client: Any, headers: Headers, ids: list[str]) -> None:
    for endpoint_id in ids:
        response = client.delete(f"{T}/hooks/endpoints/{endpoint_id}", headers=headers)
        assert response.status_code == 204, response.get_json()


def create(client: Any, headers: Headers, n: int, slug: str = SLUG) -> tuple[str, float, float]:
    """One record; its id, the time its create took (s) and when it returned (epoch, after commit)."""
    start = time.perf_counter()
    response = client.post(
        f"/api/tenants/{slug}/entities",
        json={"blueprint": "delivery", "data": {"deliver_from": "Berlin", "cargo": f"C{n}"}},
        headers=headers,
    )
    took = time.perf_counter() - start
    return check(response, 201)["id"], took, time.time()


def start_workers() -> list[subprocess.Popen[bytes]]:
    """Two Celery worker processes on the hooks queue, like two worker machines' cores."""
    celery = str(Path(sys.executable).with_name("celery"))
    pool, slots = POOL.split(":")
    command = [celery, "-A", "runtime.worker:celery", "worker", "-Q", "hooks", "--pool", pool, "-c", slots]
    command += ["--loglevel", "WARNING"]
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}"}
    logs = [open(f"/tmp/loom-bench-hooks-worker{i}.log", "wb") for i in range(2)]  # noqa: SIM115
    return [
        subprocess.Popen([*command, "-n", f"bench{i}@%h"], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        for i, log in enumerate(logs)
    ]


def stop_workers(workers: list[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()


# The baseline: signed POSTs straight to the receiver ----------------------------------------------


def direct_sender(count: int, port: int, results: Any) -> None:
    import http.client

    from standardwebhooks.webhooks import Webhook

    hook = Webhook("whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    samples = []
    for n in range(count):
        body = json.dumps({"type": "record.created", "data": {"record": {"id": f"direct-{os.getpid()}-{n}"}}})
        msg_id = f"msg_direct_{os.getpid()}_{n}"
        now = datetime.now(UTC)
        headers = {
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": hook.sign(msg_id, now, body),
            "Content-Type": "application/json",
        }
        start = time.perf_counter()
        conn.request("POST", "/direct", body=body, headers=headers)
        conn.getresponse().read()
        samples.append(time.perf_counter() - start)
    conn.close()
    results.put(samples)


def direct(count: int, processes: int) -> tuple[float, list[float]]:
    """``count`` signed POSTs from ``processes`` processes: the rate and each round trip."""
    results: Any = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=direct_sender, args=(count // processes, PORT, results))
        for _ in range(processes)
    ]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    samples = [s for _ in workers for s in results.get(timeout=300)]
    elapsed = time.perf_counter() - start
    for worker in workers:
        worker.join()
    return len(samples) / elapsed, samples


def pct(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=300, help="records for the delivery rate (x10 deliveries)")
    parser.add_argument("--steady-seconds", type=int, default=20)
    parser.add_argument("--creates", type=int, default=200, help="creates timed with 0 and with 10 endpoints")
    add_common(parser, "loom_bench_hooks")
    args = parser.parse_args()

    ready = multiprocessing.Event()
    receiving = multiprocessing.Process(target=receiver, args=(PORT, ready, None), daemon=True)
    receiving.start()
    ready.wait(10)
    app, headers = setup()
    client = app.test_client()

    # Create cost: 0 endpoints against 10 (no workers running, so only the create's own work counts),
    # one create of each in turn, so that the machine's load changing during the run (other
    # processes on these 2 cores) weighs on both halves alike instead of on one of them.
    ten = subscribe(client, headers, 10)
    for n in range(20):  # warm-up
        create(client, headers, n, QUIET_SLUG)
        create(client, headers, n)
    alone: list[float] = []
    with_ten: list[float] = []
    for n in range(args.creates):
        alone.append(create(client, headers, n, QUIET_SLUG)[1])
        with_ten.append(create(client, headers, n)[1])
    cost = statistics.median(with_ten) / statistics.median(alone)
    print(
        f"create: {statistics.median(alone) * 1000:.2f} ms alone, {statistics.median(with_ten) * 1000:.2f} ms with 10 endpoints ({cost:.2f}x)"
    )

    # Delivery rate: a backlog of events x 10 endpoints, drained by two workers.
    redis.Redis.from_url(os.environ["LOOM_REDIS_URL"]).flushdb()
    clear(PORT)
    for n in range(args.events):
        create(client, headers, n)
    expected = args.events * 10
    workers = start_workers()
    try:
        found = wait_for(PORT, expected, timeout=600)
        arrivals = sorted(n[1] for n in found)
        delivered = len({n[0] for n in found})
        rate = (delivered - 1) / (arrivals[-1] - arrivals[0]) if delivered > 1 else 0.0
        print(f"deliveries: {delivered}/{expected} at {rate:.0f}/s with 2 workers")

        # Steady 50 events/s with one endpoint: commit to receipt.
        unsubscribe(client, headers, ten[1:])
        clear(PORT)
        committed: dict[str, float] = {}
        total = 50 * args.steady_seconds
        start = time.perf_counter()
        for n in range(total):
            record_id, _, at = create(client, headers, n)
            committed[record_id] = at
            pause = start + (n + 1) / 50 - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
        received = wait_for(PORT, total, timeout=120)
        first: dict[str, float] = {}
        for _, arrived, record_id in received:
            if record_id in committed:
                first[record_id] = min(arrived, first.get(record_id, arrived))
        latencies = [first[r] - committed[r] for r in first]
        print(
            f"steady: {len(first)}/{total} received, p50 {pct(latencies, 50):.1f} ms, p95 {pct(latencies, 95):.1f} ms"
        )
    finally:
        stop_workers(workers)

    direct_rate, _ = direct(expected, 2)
    _, direct_samples = direct(400, 1)
    print(
        f"baseline: {direct_rate:.0f} signed POSTs/s from 2 processes, round trip p50 {pct(direct_samples, 50):.2f} ms"
    )
    receiving.terminate()

    rows = [
        (
            "deliveries per second, 2 workers",
            f"{rate:.0f}/s",
            f"{direct_rate:.0f}/s",
            f"{rate / direct_rate:.2f}x",
            ">= 300/s",
        ),
        (
            "commit to receipt at 50 events/s, p50",
            f"{pct(latencies, 50):.1f} ms",
            f"{pct(direct_samples, 50):.2f} ms",
            "",
            "",
        ),
        (
            "commit to receipt at 50 events/s, p95",
            f"{pct(latencies, 95):.1f} ms",
            f"{pct(direct_samples, 95):.2f} ms",
            "",
            "< 1000 ms",
        ),
        ("record create, 0 endpoints", f"{statistics.median(alone) * 1000:.2f} ms", "", "", ""),
        (
            "record create, 10 endpoints subscribed",
            f"{statistics.median(with_ten) * 1000:.2f} ms",
            "",
            f"{cost:.2f}x",
            "<= 1.2x",
        ),
    ]
    verdicts = [
        f"delivery rate {rate:.0f}/s against >= {RATE_TARGET:.0f}/s: {'met' if rate >= RATE_TARGET else 'NOT met'}",
        f"p95 {pct(latencies, 95):.0f} ms against < {P95_TARGET_MS:.0f} ms: {'met' if pct(latencies, 95) < P95_TARGET_MS else 'NOT met'}",
        f"create with 10 endpoints {cost:.2f}x against <= {COST_TARGET}x: {'met' if cost <= COST_TARGET else 'NOT met'}",
    ]
    for verdict in verdicts:
        print(verdict)
    if args.no_write:
        return
    load = os.getloadavg()[0]
    body = "\n".join(
        [
            "## Hooks",
            "",
            f"Measured by `bench/hooks.py` on {datetime.now(UTC):%Y-%m-%d}, this machine ({os.cpu_count()} cores; load average "
            f"{load:.1f} at the end). Real Celery workers (2 processes on the `hooks` queue, fed through Redis) deliver to a "
            "receiver on 127.0.0.1 in a process of its own. The delivery rate drains "
            f"{args.events} record.created events x 10 endpoints from first to last receipt; the baseline sends as many "
            "signed POSTs straight to the receiver from 2 plain Python processes. Commit to receipt runs "
            f"{args.steady_seconds} s at 50 creates/s with 1 endpoint; the baseline is one direct POST's round trip. "
            f"Create times are the median of {args.creates} creates of each kind through the Flask app with no worker "
            "running, taken in turn in two workspaces alike but for their hooks.",
            "",
            "| measure | Loom | direct POSTs | ratio | target |",
            "|---|---|---|---|---|",
            *[f"| {' | '.join(row)} |" for row in rows],
            "",
            "Targets: " + "; ".join(verdicts) + ".",
        ]
    )
    replace_section(ROOT / "docs" / "benchmarks.md", "## Hooks", body)


if __name__ == "__main__":
    main()
