"""The entity benchmark's index measurements: the first call on a column nobody filtered before,
the time until its index is ready, two at once, and other workspaces' indexes.

Index builds run as the app runs them: a list request asks for them (``request_indexes``, in the
list code), and builder processes, standing in for the Celery worker's two processes, call the
app's ``build_index`` for each build handed to them; a build answered "busy" (the builder lock is
held) is handed again after the task's own 2-8 s wait. Readiness is ``EntityIndex.status ==
"ready"``, polled every 50 ms. The builders are handed the builds through a queue of their own
(this run's alone), so a Celery broker's wait is not in the figures.
"""

from __future__ import annotations

import importlib
import multiprocessing
import random
import time
import uuid
from typing import Any

from benchkit.entities_measure import Bench, Row
from benchkit.stats import Samples

BUILDERS = 2
TERMINAL = {"ready", "failed", "deferred"}


def _build_index(index_id: uuid.UUID) -> str:
    """The app's ``build_index`` (in index_builds.py since indexes.py was split; indexes.py before)."""
    for name in ("runtime.entities.index_builds", "runtime.entities.indexes"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "build_index"):
            return str(module.build_index(index_id))
    raise RuntimeError("no build_index in runtime.entities")


def builder(queue: Any) -> None:
    """A builder process: build each index id it is handed until it is handed None."""
    from runtime.app import create_app

    app = create_app("testing")
    while True:
        item = queue.get()
        if item is None:
            return
        with app.app_context():
            outcome = _build_index(uuid.UUID(item))
        if outcome == "busy":  # as build_index_task does: again in 2-8 s
            time.sleep(random.uniform(2, 8))
            queue.put(item)


class Builders:
    def __init__(self, count: int = BUILDERS) -> None:
        context = multiprocessing.get_context("spawn")
        self.queue = context.Queue()
        self.processes = [context.Process(target=builder, args=(self.queue,), daemon=True) for _ in range(count)]
        for process in self.processes:
            process.start()

    def hand(self, ids: list[uuid.UUID]) -> None:
        for index_id in ids:
            self.queue.put(str(index_id))

    def stop(self) -> None:
        for _ in self.processes:
            self.queue.put(None)
        for process in self.processes:
            process.join(timeout=60)
            if process.is_alive():
                process.terminate()


def index_rows(app: Any, **where: Any) -> list[Any]:
    """EntityIndex rows (all workspaces) matching ``where`` (column=value)."""
    from sqlalchemy import select

    from core import db
    from runtime.entities.models import EntityIndex

    with app.app_context():
        query = select(EntityIndex).execution_options(all_tenants=True)
        for key, value in where.items():
            query = query.where(getattr(EntityIndex, key) == value)
        rows = list(db.session.scalars(query))
        db.session.expunge_all()
        db.session.commit()
    return rows


def wait_ready(app: Any, ids: list[uuid.UUID], timeout: float) -> tuple[float, dict[str, int]]:
    """Seconds until every index in ``ids`` reached an end state, and how many ended how."""
    start = time.perf_counter()
    wanted = set(ids)
    while True:
        states = {row.id: row.status for row in index_rows(app) if row.id in wanted}
        if all(states.get(i) in TERMINAL for i in wanted) or time.perf_counter() - start > timeout:
            outcomes: dict[str, int] = {}
            for i in wanted:
                outcomes[states.get(i, "missing")] = outcomes.get(states.get(i, "missing"), 0) + 1
            return time.perf_counter() - start, outcomes
        time.sleep(0.05)


def plain_build(bench: Bench, name: str) -> float:
    """Seconds PostgreSQL takes for the same CREATE INDEX CONCURRENTLY, by hand; dropped after."""
    row = bench.conn.execute("SELECT pg_get_indexdef(%s::regclass)", (name,)).fetchone()
    assert row is not None
    copy = f"{name}_plain"
    ddl = row[0].replace(f"INDEX {name} ", f"INDEX CONCURRENTLY {copy} ", 1)
    start = time.perf_counter()
    bench.conn.execute(ddl)
    seconds = time.perf_counter() - start
    bench.conn.execute(f"DROP INDEX CONCURRENTLY {copy}")
    return seconds


def new_columns(
    bench: Bench, builders: Builders, slug: str, blueprint: str, filters: list[dict[str, Any]]
) -> list[Row]:
    """For each filter on a column nobody filtered before: the first call, then its index's build."""
    first, first_python, first_sql = Samples(), Samples(), Samples()
    ready, plain = Samples(), Samples()
    incomplete, outcomes = 0, dict[str, int]()
    for condition in filters:
        body, whole, sql = bench.lister(slug, blueprint, filter=condition)()
        first.add(whole)
        first_python.add(whole - sql)
        incomplete += body.get("complete") is False
        statements = list(bench.clock.statements)
        first_sql.add(bench.replay(statements))
        rows = [r for r in index_rows(bench.app, column_key=condition["column"]) if r.status not in TERMINAL]
        if not rows:
            outcomes["no build asked for"] = outcomes.get("no build asked for", 0) + 1
            continue
        builders.hand([r.id for r in rows])
        seconds, ended = wait_ready(bench.app, [r.id for r in rows], timeout=1800)
        ready.add(seconds)
        outcomes.update({k: outcomes.get(k, 0) + v for k, v in ended.items()})
        for r in rows:
            plain.add(plain_build(bench, r.name))
    n = len(filters)
    call = Row(
        f"first call on a new column (filter, {n} columns)",
        first,
        first_sql,
        "the same statements replayed at once, before the index exists; leaves out Flask, sign-in, ORM, JSON",
        "<= 300 ms",
        first_python,
    )
    call.notes.append(f"{incomplete} of {n} answered complete: false" if incomplete else "all complete")
    built = Row(
        f"index ready after a first call ({n} indexes)",
        ready,
        plain,
        "the same CREATE INDEX CONCURRENTLY by hand; leaves out the hand-over, the builder's lock, bookkeeping and ANALYZE",
        "<= 10 s",
    )
    built.notes.append(", ".join(f"{count} {state}" for state, count in sorted(outcomes.items())))
    return [call, built]


def two_at_once(bench: Bench, builders: Builders, slug: str, blueprint: str, pair: list[dict[str, Any]]) -> Row:
    """One request filtering on two new columns; both builds handed at once, until both end."""
    bench.lister(slug, blueprint, filter={"and": pair})()
    wanted = {c["column"] for c in pair}
    rows = [r for r in index_rows(bench.app) if r.column_key in wanted and r.status not in TERMINAL]
    builders.hand([r.id for r in rows])
    seconds, ended = wait_ready(bench.app, [r.id for r in rows], timeout=1800)
    plain = Samples([sum(plain_build(bench, r.name) for r in rows)])
    row = Row(
        "two new columns at once, until both indexes are ready",
        Samples([seconds]),
        plain,
        "the two CREATE INDEX CONCURRENTLY by hand, one after the other; leaves out the hand-over, lock waits, ANALYZE",
        "<= 10 s, both ready",
    )
    row.notes.append(", ".join(f"{count} {state}" for state, count in sorted(ended.items())))
    return row


def others_indexes(bench: Bench, builders: Builders, slugs: list[str], blueprint: str) -> tuple[float, dict[str, int]]:
    """Each workspace in ``slugs`` sorts ``blueprint`` on qty (asking for its index); all built."""
    for slug in slugs:
        bench.lister(slug, blueprint, sort=[{"column": "qty", "direction": "asc"}])()
    ids = [r.id for r in index_rows(bench.app) if r.status not in TERMINAL]
    started = time.perf_counter()
    builders.hand(ids)
    _, outcomes = wait_ready(bench.app, ids, timeout=4 * 3600)
    return time.perf_counter() - started, outcomes
