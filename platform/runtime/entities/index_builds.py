"""Building the expression indexes list requests ask for: one builder at a time, retried, swept.

CREATE INDEX CONCURRENTLY waits for every transaction older than its own snapshot, and two
builds of expression indexes wait for each other: run at once they deadlock and one dies. So a
build first takes a database-wide advisory lock without waiting (``pg_try_advisory_lock``); a
build that finds it taken is queued again a few seconds later and does not count as an attempt.

A build drops an invalid leftover of the same name first (``IF NOT EXISTS`` would skip it and
call it done), creates the index, checks that PostgreSQL marked it valid, creates statistics on
its expression (PostgreSQL takes none from partial indexes), then ANALYZEs the partition so plans
and counts know the expression's values. A failed build is tried again
later (30 s, 2 min, 8 min, ... up to ``LOOM_INDEX_BUILD_MAX_ATTEMPTS``), then marked failed.
Each build runs on its own connection with its own statement budget, closed afterwards, so no
setting or lock can leak into the pool.

The sweep (every minute) re-queues builds whose task was lost, rechecks blueprints deferred for
having too few records, and drops indexes (with their statistics) no row stands for or that
PostgreSQL left invalid. The Celery tasks that run both are in runtime/entities/tasks.py.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import Connection, text
from sqlalchemy.engine import Engine

from core import clock
from core.config import Settings
from engine.schema.columns import Column, ColumnType
from runtime.entities.indexes import BUILD_TASK, index_ddl, partition_of, statistics_ddl, statistics_name
from runtime.settings import app_settings

log = logging.getLogger(__name__)
# pg_try_advisory_lock key of the one index builder (any fixed 64-bit number; "loomidx" in ASCII).
BUILDER_LOCK = 0x6C6F6F6D696478
SWEEP_TASK = "entities.sweep_indexes"
DEFERRED_RECHECK = timedelta(hours=1)
# A queued build that has not started by then is queued again by the sweep.
QUEUED_GRACE = timedelta(minutes=2)
SWEEP_BATCH = 200
STATISTICS_BATCH = 20  # ready indexes given their statistics per sweep (each ANALYZEs a partition)


@dataclass(frozen=True)
class Build:
    id: uuid.UUID
    tenant_id: uuid.UUID
    blueprint_id: uuid.UUID
    name: str
    column: Column
    attempts: int


def _engine() -> Engine:
    engine: Engine = current_app.extensions["loom_engine"]
    return engine


def _load(conn: Connection, index_id: uuid.UUID, tenant_id: uuid.UUID | None) -> Build | None:
    # By the whole key (tenant_id, id); a build queued before the tenant came with it, by id alone.
    whose = "" if tenant_id is None else "tenant_id = :tenant AND "
    row = conn.execute(
        text(
            "SELECT id, tenant_id, blueprint_id, name, column_key, column_type, attempts "
            f"FROM entity_indexes WHERE {whose}id = :id AND status = 'pending'"
        ),
        {"id": index_id, "tenant": tenant_id},
    ).first()
    if row is None:
        return None
    return Build(row.id, row.tenant_id, row.blueprint_id, row.name, _column(row), row.attempts)


def _column(row: Any) -> Column:
    """The column an ``entity_indexes`` row stands for, as far as its expression needs."""
    return Column(
        key=row.column_key, label=row.column_key, type=ColumnType(row.column_type), options=(), reference=None
    )


def build_index(index_id: uuid.UUID, tenant_id: uuid.UUID | None = None) -> str:
    """Build one pending index: "ready", "deferred", "retry", "failed", "busy" or "skipped"."""
    settings = app_settings()
    conn = _engine().connect().execution_options(isolation_level="AUTOCOMMIT")
    holding = False
    try:
        build = _load(conn, index_id, tenant_id)
        if build is None:
            return "skipped"
        if not conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": BUILDER_LOCK}):
            return "busy"
        holding = True
        timeout = int(settings.index_build_timeout_ms)
        conn.exec_driver_sql(f"SET statement_timeout = {timeout}")
        conn.exec_driver_sql(f"SET lock_timeout = {timeout}")
        try:
            return _build(conn, build, settings)
        except Exception as exc:  # any failure of one build is that build's alone
            log.warning("index build failed", extra={"index": build.name, "error": type(exc).__name__})
            _drop_quietly(conn, build.name)
            return _failed(conn, build, settings, exc)
    finally:
        if holding:
            _unlock(conn)
        # Closed, not returned to the pool: the session's settings go with it.
        conn.invalidate()
        conn.close()


def _unlock(conn: Connection) -> None:
    """Let the next build start now: a closed connection's backend lets go of its locks only as
    it exits, which another build may not wait for."""
    try:
        conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": BUILDER_LOCK})
    except Exception:  # the connection is closed below all the same, and with it the lock
        log.warning("could not release the index builder's lock; it goes with the connection")


def _build(conn: Connection, build: Build, settings: Settings) -> str:
    records = conn.scalar(
        text(
            "SELECT count(*) FROM (SELECT 1 FROM entities WHERE tenant_id = :tenant AND blueprint_id = :blueprint "
            "AND deleted_at IS NULL LIMIT :enough) AS found"
        ),
        {"tenant": build.tenant_id, "blueprint": build.blueprint_id, "enough": int(settings.index_min_rows)},
    )
    if (records or 0) < int(settings.index_min_rows):
        _set(conn, build.tenant_id, build.id, status="deferred", next_attempt_at=clock.now() + DEFERRED_RECHECK)
        return "deferred"
    relation = str(conn.scalar(text(partition_of(build.tenant_id))))
    _keep_within_budget(conn, build, int(settings.index_max_per_blueprint))
    valid = conn.scalar(
        text("SELECT i.indisvalid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid WHERE c.relname = :name"),
        {"name": build.name},
    )
    if valid is False:
        conn.exec_driver_sql(f"DROP INDEX CONCURRENTLY IF EXISTS {build.name}")
    if not valid:
        conn.exec_driver_sql(index_ddl(build.name, relation, build.blueprint_id, build.column))
        if not _is_valid(conn, build.name):
            raise RuntimeError("PostgreSQL left the index invalid")
    statistics = statistics_ddl(build.name, relation, build.column)
    if statistics is not None:
        conn.exec_driver_sql(statistics)
    # Only the record values: that builds the statistics objects on their expressions, and skips
    # every other column and every partial index's own expression (PostgreSQL estimates nothing
    # from those), which grew with the workspaces sharing the partition.
    conn.exec_driver_sql(f"ANALYZE {relation} (data)")
    now = clock.now()
    _set(conn, build.tenant_id, build.id, status="ready", error=None, next_attempt_at=None, ready_at=now)
    return "ready"


def _is_valid(conn: Connection, name: str) -> bool:
    return bool(
        conn.scalar(
            text("SELECT i.indisvalid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid WHERE c.relname = :n"),
            {"n": name},
        )
    )


def _keep_within_budget(conn: Connection, build: Build, budget: int) -> None:
    """Drop the blueprint's least recently used ready indexes so this one fits the budget."""
    over = conn.execute(
        text(
            "SELECT id, name FROM entity_indexes WHERE blueprint_id = :blueprint AND status = 'ready' AND id <> :id "
            "ORDER BY coalesce(last_used_at, ready_at) NULLS FIRST, id "
            "OFFSET 0 LIMIT greatest((SELECT count(*) FROM entity_indexes WHERE blueprint_id = :blueprint "
            "AND status = 'ready' AND id <> :id) - :keep, 0)"
        ),
        {"blueprint": build.blueprint_id, "id": build.id, "keep": max(budget - 1, 0)},
    ).all()
    for row in over:
        _drop(conn, row.name)
        conn.execute(
            text("DELETE FROM entity_indexes WHERE tenant_id = :tenant AND id = :id"),
            {"tenant": build.tenant_id, "id": row.id},
        )
        log.info("index dropped to keep the blueprint's budget", extra={"index": row.name})


def _failed(conn: Connection, build: Build, settings: Settings, exc: Exception) -> str:
    attempts = build.attempts + 1
    error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:2000]
    if attempts >= int(settings.index_build_max_attempts):
        _set(conn, build.tenant_id, build.id, status="failed", attempts=attempts, error=error, next_attempt_at=None)
        return "failed"
    wait = retry_wait(attempts)
    _set(conn, build.tenant_id, build.id, attempts=attempts, error=error, next_attempt_at=clock.now() + wait)
    send_build(build.id, build.tenant_id, countdown=wait.total_seconds())
    return "retry"


def retry_wait(attempts: int) -> timedelta:
    """30 s after the first failure, then four times longer each time, at most an hour."""
    return timedelta(seconds=min(30 * 4 ** (attempts - 1), 3600))


def _drop(conn: Connection, name: str) -> None:
    """The index ``name`` and the statistics made with it."""
    conn.exec_driver_sql(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
    conn.exec_driver_sql(f"DROP STATISTICS IF EXISTS {statistics_name(name)}")


def _drop_quietly(conn: Connection, name: str) -> None:
    try:
        _drop(conn, name)
    except Exception:  # the sweep drops what is left
        log.warning("could not drop a failed index; the sweep will", extra={"index": name})


def _set(conn: Connection, tenant_id: uuid.UUID, index_id: uuid.UUID, **values: Any) -> None:
    assignments = ", ".join(f"{key} = :{key}" for key in values)
    conn.execute(
        text(f"UPDATE entity_indexes SET {assignments}, updated_at = now() WHERE tenant_id = :tenant AND id = :id"),
        {"tenant": tenant_id, "id": index_id, **values},
    )


def send_build(index_id: uuid.UUID, tenant_id: uuid.UUID | None, countdown: float) -> None:
    from celery import current_app as celery_app

    args = [str(index_id)] if tenant_id is None else [str(index_id), str(tenant_id)]
    try:
        celery_app.send_task(BUILD_TASK, args=args, countdown=countdown)
    except Exception:  # the sweep queues it again
        log.warning("could not queue an index build; the sweep will")


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Queue lost and due builds, recheck deferred blueprints, drop invalid and orphaned indexes."""
    now = now or clock.now()
    done = {"queued": 0, "dropped": 0, "analyzed": 0}
    conn = _engine().connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        due: list[Any] = list(
            conn.execute(
                text(
                    "SELECT tenant_id, id FROM entity_indexes WHERE status IN ('pending', 'deferred') "
                    "AND (next_attempt_at IS NULL OR next_attempt_at <= :now) "
                    "AND (next_attempt_at IS NOT NULL OR updated_at <= :grace) "
                    "ORDER BY next_attempt_at NULLS FIRST LIMIT :n"
                ),
                {"now": now, "grace": now - QUEUED_GRACE, "n": SWEEP_BATCH},
            ).all()
        )
        for tenant_id, index_id in due:
            try:
                _set(conn, tenant_id, index_id, status="pending", next_attempt_at=now + QUEUED_GRACE)
                send_build(index_id, tenant_id, countdown=0)
                done["queued"] += 1
            except Exception:  # one row's failure stays that row's
                log.exception("index sweep could not queue a build")
        if conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": BUILDER_LOCK}):
            try:
                done["dropped"] = _drop_leftovers(conn)
                done["analyzed"] = _add_missing_statistics(conn)
            finally:
                _unlock(conn)
    finally:
        conn.invalidate()
        conn.close()
    return done


def _drop_leftovers(conn: Connection) -> int:
    """Indexes named like Loom's that PostgreSQL left invalid or that no live row stands for."""
    names: list[str] = list(
        conn.execute(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
                "WHERE c.relkind = 'i' AND c.relname LIKE 'ix\\_ent\\_%' AND (NOT i.indisvalid OR NOT EXISTS "
                "(SELECT 1 FROM entity_indexes e WHERE e.name = c.relname AND e.status IN ('ready', 'pending')))"
                # statistics left without their index (a build that stopped between the two)
                " UNION SELECT 'ix_ent_' || substr(s.stxname, 8) FROM pg_statistic_ext s "
                "WHERE s.stxname LIKE 'st\\_ent\\_%' AND NOT EXISTS (SELECT 1 FROM entity_indexes e "
                "WHERE e.name = 'ix_ent_' || substr(s.stxname, 8) AND e.status IN ('ready', 'pending'))"
            )
        ).scalars()
    )
    dropped = 0
    for name in names:
        try:
            _drop(conn, name)
            dropped += 1
        except Exception:  # one index's failure stays that index's
            log.exception("index sweep could not drop a leftover index", extra={"index": name})
    return dropped


def _add_missing_statistics(conn: Connection) -> int:
    """Statistics for ready indexes built before builds made them (or whose statistics someone
    dropped), a few per sweep; the partitions ANALYZEd after. How many were added."""
    rows = conn.execute(
        text(
            "SELECT tenant_id, name, column_key, column_type FROM entity_indexes e WHERE status = 'ready' "
            "AND column_type <> :choices "  # containment on choices is not estimated from statistics
            "AND NOT EXISTS (SELECT 1 FROM pg_statistic_ext s WHERE s.stxname = 'st_ent_' || substr(e.name, 8)) "
            "AND EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = e.name) ORDER BY ready_at LIMIT :n"
        ),
        {"n": STATISTICS_BATCH, "choices": ColumnType.CHOICES.value},
    ).all()
    added, relations = 0, set()
    for row in rows:
        column = _column(row)
        try:
            relation = str(conn.scalar(text(partition_of(row.tenant_id))))
            statistics = statistics_ddl(row.name, relation, column)
            if statistics is None:
                continue
            conn.exec_driver_sql(statistics)
            relations.add(relation)
            added += 1
        except Exception:  # one index's failure stays that index's
            log.exception("index sweep could not add statistics", extra={"index": row.name})
    for relation in sorted(relations):
        try:
            conn.exec_driver_sql(f"ANALYZE {relation} (data)")  # as _build does
        except Exception:
            log.exception("index sweep could not analyze a partition", extra={"relation": relation})
    return added
