"""The grid over HTTP: gunicorn with N sync worker processes pinned to some cores (``taskset``), and
one client process pinned to others, its threads sending the grid's first page for a while.

The baseline is the same gunicorn, workers and pinning serving ``benchkit/entities_wsgi.py``: a bare
WSGI function that sends the statements the grid request sent (recorded in the same run) with
psycopg and answers the last one's rows as JSON.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import pickle
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchkit.stats import Samples

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Load:
    """What one configuration answered."""

    rate: float  # pages per second
    latency: Samples  # as the client saw them
    errors: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(app: str, workers: int, cpus: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = ["taskset", "-c", cpus, gunicorn, f"--workers={workers}", f"--bind=127.0.0.1:{port}"]
    command += ["--chdir", str(ROOT / "platform"), "--log-level=warning", "--pythonpath", str(ROOT), app]
    server = subprocess.Popen(command, env={**os.environ, "LOOM_LOG_LEVEL": "WARNING", **env})
    return server, port


def _drive(port: int, path: str, headers: dict[str, str], seconds: float, clients: int, cpus: str, out: Any) -> None:
    """The client process: ``clients`` threads, each one request at a time, for ``seconds``."""
    os.sched_setaffinity(0, {int(c) for c in cpus.split(",")})
    latencies: list[float] = []
    errors = [0]
    stop = time.perf_counter() + seconds

    def one() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                closing = response.getheader("Connection", "").lower() == "close"
            except OSError:
                ok, closing = False, True
            if ok:
                latencies.append(time.perf_counter() - start)
            else:
                errors[0] += 1
            if closing:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    started = time.perf_counter()
    threads = [threading.Thread(target=one) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put((len(latencies) / (time.perf_counter() - started), latencies, errors[0]))


def _ready(port: int, path: str, headers: dict[str, str]) -> None:
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        try:
            for _ in range(20):  # every worker has answered a few
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                assert response.status == 200, response.status
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer")


def load(
    app: str,
    env: dict[str, str],
    path: str,
    headers: dict[str, str],
    *,
    workers: int,
    server_cpus: str,
    client_cpus: str,
    clients: int,
    seconds: float,
) -> Load:
    server, port = serve(app, workers, server_cpus, env)
    try:
        _ready(port, path, headers)
        context = multiprocessing.get_context("spawn")
        out = context.Queue()
        client = context.Process(target=_drive, args=(port, path, headers, seconds, clients, client_cpus, out))
        client.start()
        rate, latencies, errors = out.get(timeout=seconds + 120)
        client.join()
        return Load(rate, Samples(latencies), errors)
    finally:
        server.terminate()
        server.wait(timeout=60)


def loom_and_baseline(
    path: str, headers: dict[str, str], statements: list[tuple[str, Any]], dsn: str, **options: Any
) -> tuple[Load, Load]:
    """The grid page from Loom, then from the bare WSGI baseline, under the same configuration."""
    loom = load("runtime.app:create_app()", {}, path, headers, **options)
    with tempfile.NamedTemporaryFile(suffix=".pickle", delete=False) as handle:
        pickle.dump(statements, handle)
    try:
        env = {"LOOM_BENCH_REPLAY": handle.name, "LOOM_BENCH_REPLAY_DSN": dsn}
        baseline = load("benchkit.entities_wsgi:application", env, path, headers, **options)
    finally:
        os.unlink(handle.name)
    return loom, baseline
