"""Flow transition benchmark, with bare SpiffWorkflow as the baseline measured in the same run.

    .venv/bin/python bench/flows.py [--records 150] [--worker-records 250] [--warmup 5] [--profile] [--database NAME] [--no-write]

Builds a fresh database (loom_bench_flows_<pid> unless --database names one) with the real migrations, one tenant with the Delivery
blueprint and the published Delivery flow (the drawn bpmn/examples/delivery.bpmn), and creates records
(each starts a Delivery instance; creation is not timed). Then it measures:

- latency: the server-side time of POST /inbox/<id>/complete through the Flask app (no network),
  two transitions per record ("Delivery started", then "Delivered");
- CPU per transition: the app process's own CPU time (time.process_time) over the latency run,
  and the CPU of every process a transition uses (the app, its sandbox interpreter, its
  PostgreSQL backends, read from /proc);
- throughput: two worker processes (one per core, like two app workers), each with its own app,
  working on disjoint records; transitions / wall time from the moment both start.

The baseline is the same diagram run by SpiffWorkflow alone, in memory: per transition, restore the
workflow from JSON, complete the ready user task, run the engine steps, serialize to JSON again.
Prints the figures and writes the "## Flows" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("LOOM_ENV", "testing")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.options import add_common, bench_database, open_database  # noqa: E402

BENCH_URL = bench_database("loom_bench_flows", "LOOM_BENCH_FLOWS_DATABASE_URL")

import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench import flows_state  # noqa: E402
from bench.flows_profile import cpu_seconds, loom_pids, profile_transitions  # noqa: E402
from bench.report import replace_section  # noqa: E402
from benchkit.stats import FLOOR_PATH, request_floor  # noqa: E402
from tests.factories import DELIVERY_COLUMNS  # noqa: E402

DIAGRAM = ROOT / "bpmn" / "examples" / "delivery.bpmn"
SLUG = "x-delivery"
T = f"/api/tenants/{SLUG}"
PASSWORD = "benchmark pass phrase 2026"
WORKERS = 2  # app worker processes, one per core
P50_TARGET_MS = 15.0
CPU_TARGET_MS = 5.0  # the app process's CPU time per transition
RATE_TARGET = 300.0

Headers = dict[str, str]
Result = tuple[str, float, float, str]  # measure, Loom, baseline, target
Run = tuple[float, float, list[float], float]  # a worker's start, end, samples (s), CPU time (s)


def percentile(samples: list[float], q: int) -> float:
    """The ``q``-th percentile of ``samples`` (seconds) in milliseconds."""
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1] * 1000


def raw_dsn() -> str:
    return make_url(BENCH_URL).set(drivername="postgresql").render_as_string(hide_password=False)


def check(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.get_json())
    body: dict[str, Any] = response.get_json()
    return body


# Loom, through the API -------------------------------------------------------------------------


def setup() -> tuple[Any, Headers]:
    """A fresh database, a signed-in owner, a tenant, the Delivery blueprint and flow, published."""
    from core import migrate

    open_database(BENCH_URL)
    migrate.upgrade(BENCH_URL)
    from runtime.app import create_app

    app = create_app("testing")
    client = app.test_client()
    email = "bench@example.com"
    check(client.post("/api/auth/register", json={"email": email, "password": PASSWORD}))
    with psycopg.connect(raw_dsn(), autocommit=True) as conn:
        conn.execute("UPDATE users SET confirmed_at = now() WHERE email = %s", (email,))
    token = check(client.post("/api/auth/login", json={"email": email, "password": PASSWORD}))["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    tenant = {"name": "X Delivery", "slug": SLUG, "timezone": "Europe/Berlin", "language": "en"}
    check(client.post("/api/tenants", json=tenant, headers=headers), 201)
    blueprint = check(
        client.post(f"{T}/blueprints", json={"name": "Delivery", "columns": DELIVERY_COLUMNS}, headers=headers), 201
    )
    lock = {"lock_version": blueprint["lock_version"]}
    check(client.post(f"{T}/blueprints/{blueprint['key']}/publish", json=lock, headers=headers), 201)
    flow = check(
        client.post(
            f"{T}/flows",
            json={"name": "Delivery", "blueprint": "delivery", "xml": DIAGRAM.read_text(encoding="utf-8")},
            headers=headers,
        ),
        201,
    )
    lock = {"lock_version": flow["lock_version"]}
    check(client.post(f"{T}/flows/{flow['key']}/publish", json=lock, headers=headers), 201)
    return app, headers


def create_records(app: Any, headers: Headers, count: int) -> list[str]:
    """``count`` records, each waiting at "Delivery started"; the inbox item ids, oldest first."""
    client = app.test_client()
    start = time.perf_counter()
    for i in range(count):
        data = {"blueprint": "delivery", "data": {"deliver_from": "Berlin", "cargo": f"Cargo {i}"}}
        check(client.post(f"{T}/entities", json=data, headers=headers), 201)
    items: list[str] = []
    query: dict[str, Any] = {"limit": 100}
    while True:
        page = check(client.get(f"{T}/inbox", query_string=query, headers=headers))
        items += [i["id"] for i in page["items"] if i["label"] == "Delivery started"]
        if not page.get("next_cursor"):
            break
        query["cursor"] = page["next_cursor"]
    assert len(items) == count, (len(items), count)
    print(f"created {count} records in {time.perf_counter() - start:.1f}s", flush=True)
    return items


def walk(client: Any, headers: Headers, items: list[str]) -> list[float]:
    """Both transitions of each record; the time of each complete call, in seconds."""
    samples = []
    for first in items:
        step = first
        for label in ("Delivery started", "Delivered"):
            start = time.perf_counter()
            response = client.post(f"{T}/inbox/{step}/complete", json={"data": {}}, headers=headers)
            samples.append(time.perf_counter() - start)
            instance = check(response)["instance"]
            if label == "Delivery started":
                [waiting] = instance["waiting"]
                assert waiting["label"] == "Delivered", waiting
                step = waiting["id"]  # the record's next step
            else:
                assert instance["status"] == "completed", instance
    return samples


def loom_worker(headers: Headers, warmup: list[str], items: list[str], barrier: Any, results: Any) -> None:
    """One app worker: its own app and client; warms up, waits for the other, then works its records."""
    from runtime.app import create_app

    client = create_app("testing").test_client()
    walk(client, headers, warmup)
    barrier.wait(timeout=600)
    cpu, start = time.process_time(), time.perf_counter()
    samples = walk(client, headers, items)
    results.put((start, time.perf_counter(), samples, time.process_time() - cpu))


# Bare SpiffWorkflow, in memory -----------------------------------------------------------------


class Baseline:
    """The same diagram with SpiffWorkflow's own parser, script engine and serializer."""

    def __init__(self) -> None:
        from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
        from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
        from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
        from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG

        parser = SpiffBpmnParser()
        parser.add_bpmn_file(str(DIAGRAM))
        self.spec = parser.get_spec("delivery_flow")
        self.subprocesses = parser.get_subprocess_specs("delivery_flow")
        # The diagram's scripts call now(); SpiffWorkflow's environment gets one so the diagram runs.
        self.engine = PythonScriptEngine(environment=TaskDataEnvironment({"now": lambda: datetime.now(UTC)}))
        self.serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))

    def start(self, count: int) -> list[str]:
        """``count`` serialized instances waiting at "Delivery started"."""
        from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
        from SpiffWorkflow.util.task import TaskState

        states = []
        for i in range(count):
            workflow = BpmnWorkflow(self.spec, self.subprocesses, script_engine=self.engine)
            for task in workflow.get_tasks(state=TaskState.READY):
                task.data.update({"deliver_from": "Berlin", "cargo": f"Cargo {i}", "status": "PENDING"})
            workflow.do_engine_steps()
            states.append(self.serializer.serialize_json(workflow))
        return states

    def transition(self, state: str) -> tuple[str, bool]:
        """Restore, complete the waiting user task, run on, serialize; the new state and whether it ended."""
        from SpiffWorkflow.util.task import TaskState

        workflow = self.serializer.deserialize_json(state)
        workflow.script_engine = self.engine
        [task] = workflow.get_tasks(state=TaskState.READY, manual=True)
        task.data.update({})  # the form's values (none in this diagram)
        task.run()
        workflow.do_engine_steps()
        return self.serializer.serialize_json(workflow), workflow.is_completed()

    def walk(self, states: list[str]) -> list[float]:
        samples = []
        for first in states:
            state = first
            for last in (False, True):
                start = time.perf_counter()
                state, completed = self.transition(state)
                samples.append(time.perf_counter() - start)
                assert completed == last
        return samples


def baseline_worker(warmup: int, count: int, barrier: Any, results: Any) -> None:
    """SpiffWorkflow alone in a process of its own (a small heap, as a bare engine would have)."""
    baseline = Baseline()
    baseline.walk(baseline.start(warmup))
    states = baseline.start(count)
    barrier.wait(timeout=600)
    cpu, start = time.process_time(), time.perf_counter()
    samples = baseline.walk(states)
    results.put((start, time.perf_counter(), samples, time.process_time() - cpu))


def in_parallel(target: Callable[..., None], jobs: list[tuple[Any, ...]]) -> list[Run]:
    """Run ``target(*job, barrier, results)`` in one spawned process per job; what each reported.

    The clock runs from the moment every process has passed the barrier (after its own warm-up)
    until the last one is done.
    """
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(jobs)), context.Queue()
    processes = [context.Process(target=target, args=(*job, barrier, results)) for job in jobs]
    for process in processes:
        process.start()
    done: list[Run] = []
    try:
        while len(done) < len(processes):
            try:
                done.append(results.get(timeout=1))
            except queue.Empty:
                failed = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
                assert not failed, f"a worker process failed: exit codes {failed}"
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.terminate()
    return done


def rate(runs: list[Run]) -> float:
    """Transitions per second over the wall time from the first start to the last end."""
    return sum(len(samples) for _, _, samples, _ in runs) / (max(r[1] for r in runs) - min(r[0] for r in runs))


# The run ---------------------------------------------------------------------------------------


def run(app: Any, headers: Headers, records: int, worker_records: int, warmup: int) -> tuple[list[Result], float]:
    """Latency and throughput through the API and with SpiffWorkflow alone, in one run; and the
    app's CPU for a signed-in request that does next to nothing (``request_floor``)."""
    items = create_records(app, headers, warmup + records + WORKERS * (warmup + worker_records))
    main_warmup, items = items[:warmup], items[warmup:]
    latency_items, items = items[:records], items[records:]
    parts = [items[i * (warmup + worker_records) : (i + 1) * (warmup + worker_records)] for i in range(WORKERS)]

    client = app.test_client()
    walk(client, headers, main_warmup)  # the first call starts the sandbox interpreter
    pids = loom_pids(raw_dsn(), SLUG)
    cpu = cpu_seconds(pids) if pids else None
    own_cpu, start = time.process_time(), time.perf_counter()
    loom = walk(client, headers, latency_items)
    loom_rate_1 = len(loom) / (time.perf_counter() - start)
    app_cpu = (time.process_time() - own_cpu) / len(loom) * 1000
    used = cpu_seconds(pids) if pids else None
    loom_cpu = None
    if used is not None and cpu is not None:
        split = cpu_used(cpu, used, len(loom))
        loom_cpu = sum(split.values())
        print("CPU per transition: " + ", ".join(f"{g} {ms:.2f} ms" for g, ms in split.items()), flush=True)

    [alone] = in_parallel(baseline_worker, [(warmup, records)])
    bare, bare_rate_1, bare_cpu = alone[2], rate([alone]), alone[3] / len(alone[2]) * 1000
    print(f"latency: {len(loom)} transitions through the API, {len(bare)} with SpiffWorkflow alone", flush=True)

    workers = in_parallel(loom_worker, [(headers, part[:warmup], part[warmup:]) for part in parts])
    loom_rate_2 = rate(workers)
    wall = max(r[1] for r in workers) - min(r[0] for r in workers)
    busy = sum(r[3] for r in workers) / (WORKERS * wall)
    print(f"{WORKERS} Loom workers: their app processes were on a CPU {busy:.0%} of the wall time", flush=True)
    bare_rate_2 = rate(in_parallel(baseline_worker, [(warmup, worker_records) for _ in range(WORKERS)]))
    print(f"throughput: {WORKERS} x {2 * worker_records} transitions, Loom and SpiffWorkflow alone", flush=True)

    workers_cpu = sum(r[3] for r in workers) / sum(len(r[2]) for r in workers) * 1000
    floor = request_floor(client, headers)
    print(f"a signed-in request doing next to nothing ({FLOOR_PATH}): {floor:.2f} ms of CPU", flush=True)
    results: list[Result] = [
        ("transition, p50 (ms)", percentile(loom, 50), percentile(bare, 50), f"< {P50_TARGET_MS:g} ms"),
        ("transition, p95 (ms)", percentile(loom, 95), percentile(bare, 95), ""),
        ("throughput, 1 process (transitions/s)", loom_rate_1, bare_rate_1, ""),
        (f"throughput, {WORKERS} processes (transitions/s)", loom_rate_2, bare_rate_2, f">= {RATE_TARGET:g}/s"),
        ("CPU per transition, app process (ms)", app_cpu, bare_cpu, f"<= {CPU_TARGET_MS:g} ms"),
        (f"CPU per transition, app process, {WORKERS} workers at once (ms)", workers_cpu, bare_cpu, ""),
    ]
    if loom_cpu is not None:
        results.append(("CPU per transition, all processes (ms)", loom_cpu, bare_cpu, ""))
    return results, floor


def cpu_used(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]], count: int) -> dict[str, float]:
    """Each group's CPU milliseconds per transition between two readings, over the processes
    read both times (a pooled connection's backend may end in between)."""
    return {
        group: sum(after[group][pid] - before[group][pid] for pid in after[group] if pid in before[group])
        / count
        * 1000
        for group in after
    }


def profile(app: Any, headers: Headers, records: int) -> str:
    """Where the time of ``records`` fresh records' transitions goes (cProfile, per transition)."""
    items = create_records(app, headers, records)
    client = app.test_client()
    return profile_transitions(lambda: len(walk(client, headers, items)))


def status(results: list[Result]) -> str:
    """Whether each target is met, and by how much it is missed."""
    p50, rate, cpu = results[0][1], results[3][1], results[4][1]
    latency = f"transition p50 {p50:.2f} ms against < {P50_TARGET_MS:g} ms: "
    latency += (
        "met" if p50 < P50_TARGET_MS else f"missed by {p50 - P50_TARGET_MS:.2f} ms ({p50 / P50_TARGET_MS - 1:.0%} over)"
    )
    throughput = f"{WORKERS}-process throughput {rate:.0f}/s against >= {RATE_TARGET:g}/s: "
    throughput += (
        "met" if rate >= RATE_TARGET else f"missed by {RATE_TARGET - rate:.0f}/s ({1 - rate / RATE_TARGET:.0%} short)"
    )
    used = f"app CPU per transition {cpu:.2f} ms against <= {CPU_TARGET_MS:g} ms: "
    used += (
        "met"
        if cpu <= CPU_TARGET_MS
        else f"missed by {cpu - CPU_TARGET_MS:.2f} ms ({cpu / CPU_TARGET_MS - 1:.0%} over)"
    )
    return f"{latency}; {throughput}; {used}"


def floor_arithmetic(results: list[Result], floor: float) -> str:
    """What the targets leave per transition, beside what the parts cost that no transition avoids."""
    app_cpu, bare_cpu = results[4][1], results[4][2]
    budget = WORKERS * 1000 / RATE_TARGET
    parts = (
        f"The parts every transition pays: a signed-in request that does next to nothing ({FLOOR_PATH}) "
        f"{floor:.2f} ms of the app's CPU, and SpiffWorkflow's own step {bare_cpu:.2f} ms: {floor + bare_cpu:.2f} ms "
        f"before any statement (the app used {app_cpu:.2f} ms in all)."
    )
    totals = [r for r in results if r[0].startswith("CPU per transition, all processes")]
    if totals:
        others = totals[0][1] - app_cpu
        parts += (
            f" {RATE_TARGET:g} transitions/s on {WORKERS} cores leave {budget:.2f} ms of CPU per transition for "
            f"every process, PostgreSQL and the sandbox included; those two used {others:.2f} ms here, leaving "
            f"{budget - others:.2f} ms for the app."
        )
    return parts


def write_report(records: int, worker_records: int, load: float, results: list[Result], floor: float) -> str:
    lines = [
        "## Flows (Delivery transitions)",
        "",
        f"Measured by `bench/flows.py` on {time.strftime('%Y-%m-%d')}, this machine (2 cores; load average "
        f"{load:.1f} when the run started). Latency is the server-side time of "
        "`POST /api/tenants/<slug>/inbox/<id>/complete` through the Flask app (no network), over "
        f'{2 * records} transitions (each record: "Delivery started", then "Delivered"), after a warm-up. '
        f"Throughput with {WORKERS} processes is {WORKERS} x {2 * worker_records} transitions by {WORKERS} worker "
        "processes, each with its own app, on disjoint records, over the wall time from when both start; with 1 "
        "process it is the latency run's transitions over its wall time. CPU per transition of the app process "
        "is its own CPU time (`time.process_time`) during the latency run, and during the 2-process run (both "
        "workers' CPU time over all their transitions); for all processes it adds the app's sandbox interpreter "
        "and its PostgreSQL backends (read from /proc) during the latency run. The baseline's CPU is its "
        "process's own. The baseline is the same diagram (`bpmn/examples/delivery.bpmn`) run by SpiffWorkflow "
        "alone in memory (its own parser, script engine and serializer; no database, no sandbox), in processes of "
        "its own: per transition, restore from JSON, complete the waiting user task, run the engine steps, "
        "serialize to JSON; measured in the same run. The ratio is Loom / baseline: for times how many times longer, for throughput the "
        "fraction of the baseline's rate.",
        "",
        "| measure | Loom | bare SpiffWorkflow | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for name, loom, bare, target in results:
        if "(ms)" in name:
            cells = f"{loom:.2f} ms | {bare:.2f} ms | {loom / bare:.1f}x"
        else:
            cells = f"{loom:.0f}/s | {bare:.0f}/s | {loom / bare:.3f}x"
        lines.append(f"| {name.replace(' (ms)', '').replace(' (transitions/s)', '')} | {cells} | {target} |")
    lines += ["", f"Targets: {status(results)}.", "", floor_arithmetic(results, floor)]
    return "\n".join(lines) + "\n"


def state_table() -> str:
    """The stored state of one instance in shapes that grow (bench/flows_state.py), as Markdown."""
    from engine.flows.sandbox import Sandbox

    sandbox = Sandbox()
    try:
        return "\n".join(flows_state.lines(flows_state.state_sizes(sandbox)))
    finally:
        sandbox.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=150, help="records for latency (2 transitions each)")
    parser.add_argument("--worker-records", type=int, default=250, help="records per worker for throughput")
    parser.add_argument("--warmup", type=int, default=5, help="untimed records before each measurement")
    parser.add_argument("--profile", action="store_true", help="profile transitions even when the targets are met")
    parser.add_argument("--profile-records", type=int, default=20, help="records profiled (2 transitions each)")
    add_common(parser, "loom_bench_flows")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    app, headers = setup()
    results, floor = run(app, headers, args.records, args.worker_records, args.warmup)
    report = write_report(args.records, args.worker_records, load, results, floor) + "\n" + state_table() + "\n"
    print(report)
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", "## Flows", report)
    missed = results[0][1] >= P50_TARGET_MS or results[3][1] < RATE_TARGET or results[4][1] > CPU_TARGET_MS
    if args.profile or missed:
        print(profile(app, headers, args.profile_records))


if __name__ == "__main__":
    main()
