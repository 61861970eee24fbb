"""Where a transition's time goes: CPU per process, and cProfile of transitions through the API.

Used by ``bench/flows.py``: the CPU split on every run, the profile with ``--profile`` and on every
run that misses a target. cProfile slows Python-heavy code more than waiting, so read its figures
as proportions, not as latencies. The profiler's clock is the process's CPU time, so time spent
waiting for PostgreSQL or the sandbox does not show; the CPU split says how much those use.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

# (what it is, file the function is in, function): inclusive time per transition
PARTS = [
    ("whole request (Flask wsgi_app)", "flask/app.py", "wsgi_app"),
    ("  before_request hooks (bearer token, user)", "flask/app.py", "preprocess_request"),
    ("  route: membership and inbox item", "runtime/flows/routes.py", "_open"),
    ("  route: item, record, versions; instance held (one query)", "runtime/flows/queries.py", "item_held"),
    ("  complete_item (the operation)", "runtime/flows/operations.py", "complete_item"),
    ("    blueprint version -> schema", "runtime/flows/steps.py", "entity_schema"),
    ("    tenant -> timezone", "runtime/flows/engine.py", "zone_of"),
    ("    restore (SpiffWorkflow JSON -> workflow)", "engine/flows/run.py", "restore"),
    ("    complete + engine steps", "engine/flows/run.py", "complete"),
    ("      sandbox round trip (script task)", "engine/flows/sandbox/client.py", "_ask"),
    ("    settle (record, instance, history, inbox)", "runtime/flows/steps.py", "settle"),
    ("      serialize (workflow -> JSON)", "engine/flows/run.py", "serialize"),
    ("      sync_waiting (inbox rows)", "runtime/flows/steps.py", "sync_waiting"),
    ("  response: entity view", "runtime/entities/views.py", "entity_views"),
    ("  response: instance view (waiting items)", "runtime/flows/views.py", "instances"),
    ("  after_request hooks (commit)", "flask/app.py", "process_response"),
    ("SQLAlchemy Connection.execute, all statements", "sqlalchemy/engine/base.py", "execute"),
    ("  psycopg waiting for PostgreSQL", "psycopg/connection.py", "wait"),
    ("COMMIT", "psycopg/connection.py", "commit"),
    ("logging (records handled)", "logging/__init__.py", "handle"),
]


def cpu_seconds(pids: dict[str, list[int]]) -> dict[str, dict[int, float]] | None:
    """CPU time (user + system) each process of each group used so far, by process id; a process
    that has ended is left out (compare readings over the processes in both). None if /proc is
    not readable at all."""
    used: dict[str, dict[int, float]] = {}
    readable = False
    for group, members in pids.items():
        used[group] = {}
        for pid in members:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            readable = True
            used[group][pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used if readable else None


def loom_pids(dsn: str, slug: str) -> dict[str, list[int]] | None:
    """This process, the sandbox interpreter its thread runs workspace ``slug``'s scripts in (each
    workspace gets a process of its own) and the PostgreSQL backends of the database ``dsn``."""
    from runtime.flows.engine import sandbox

    if make_url(dsn).host not in (None, "", "127.0.0.1", "localhost", "::1"):
        return None  # the database runs elsewhere: its processes are not ours to read
    with psycopg.connect(dsn, autocommit=True) as conn:
        backends = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
        tenant = conn.execute("SELECT id FROM tenants WHERE slug = %s", (slug,)).fetchone()
    scripts = sandbox(tenant[0] if tenant else None).process_id()
    return {"app": [os.getpid()], "sandbox": [scripts], "PostgreSQL": [pid for (pid,) in backends]}


def _short(filename: str) -> str:
    for marker in ("site-packages/", "platform/", "lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return Path(filename).name


def profile_transitions(walk: Callable[[], int], top: int = 15) -> str:
    """Run ``walk`` (which returns how many transitions it did) under cProfile; a per-transition summary."""
    statements = [0]

    def count(*_: Any) -> None:
        statements[0] += 1

    event.listen(Engine, "before_cursor_execute", count)
    profiler = cProfile.Profile(time.process_time)  # CPU time: waiting for PostgreSQL or the sandbox is not counted
    try:
        profiler.enable()
        transitions = walk()
        profiler.disable()
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    stats = pstats.Stats(profiler)
    entries = stats.stats  # type: ignore[attr-defined]
    per = 1000 / transitions
    lines = [
        f"profile of {transitions} transitions through the API (cProfile; ms per transition, inclusive)",
        f"SQL statements per transition: {statements[0] / transitions:.1f}",
        "",
    ]
    for label, suffix, name in PARTS:
        found = [
            (cc, nc, tt, ct)
            for (fn, _, fname), (cc, nc, tt, ct, _) in entries.items()
            if fname == name and fn.endswith(suffix)
        ]
        if found:
            cum = max(ct for *_, ct in found)
            calls = sum(nc for _, nc, _, _ in found)
            lines.append(f"{cum * per:8.2f} ms  {calls / transitions:5.1f} calls  {label}")
    lines += ["", f"top {top} by own time (ms per transition, calls per transition):"]
    own = sorted(entries.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    for (fn, line, name), (_, nc, tt, _, _) in own:
        lines.append(f"{tt * per:8.2f} ms  {nc / transitions:6.1f}  {_short(fn)}:{line}({name})")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative").print_stats(top)
    lines += ["", "by cumulative time (totals over the run):", out.getvalue()]
    return "\n".join(lines)
