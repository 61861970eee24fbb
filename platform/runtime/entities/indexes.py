"""Expression indexes for the columns people filter and sort on, asked for by list requests.

A list request that filters or sorts on a column asks for its index (``request_indexes``); the
builder (``index_builds.py``) makes it in the background with CREATE INDEX CONCURRENTLY on the
workspace's partition of ``entities``, partial to the blueprint (``WHERE blueprint_id = ...``),
using the very expression the list query uses. Partial indexes on the tenant's partition cost
other workspaces nothing: their writes never touch them and their plans never consider them
(docs/decisions/0022-entities-partitioned-by-tenant.md). List queries write the blueprint's id
into their text (``sql.of_blueprint``), so even a prepared statement's generic plan matches it.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from core import clock
from core.dispatch import after_commit
from core.ids import new_id
from designer.blueprints.queries import AnyBlueprint
from engine.schema.columns import Column, ColumnType
from runtime.entities.models import ENTITY_PARTITIONS, EntityIndex
from runtime.entities.sql import value_expression

NOT_INDEXED = frozenset({ColumnType.LONG_TEXT})
BUILD_TASK = "entities.build_index"
# How stale ``last_used_at`` may get before a list request writes it again (one write an hour at
# most per index, not one per request).
USE_RESOLUTION = timedelta(hours=1)
RETRY_GIVEN_UP_AFTER = timedelta(days=1)


def index_name(blueprint_id: uuid.UUID, column: Column) -> str:
    digest = hashlib.sha256(f"{blueprint_id}:{column.key}:{column.type.value}".encode()).hexdigest()[:20]
    return f"ix_ent_{digest}"


def partition_of(tenant_id: uuid.UUID) -> str:
    """SQL giving the name of the partition of ``entities`` that holds ``tenant_id``'s records."""
    tenant = uuid.UUID(str(tenant_id))
    return (
        f"SELECT format('entities_p%s', lpad(r::text, 2, '0')) FROM generate_series(0, {ENTITY_PARTITIONS - 1}) r "
        f"WHERE satisfies_hash_partition('entities'::regclass, {ENTITY_PARTITIONS}, r, '{tenant}'::uuid)"
    )


def _expression(column: Column) -> str:
    # Unqualified ("data", not "entities.data"): made on a partition, not on entities.
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    options = {"literal_binds": True, "include_table": False}
    return str(value_expression(column).compile(dialect=dialect, compile_kwargs=options))


def index_ddl(name: str, relation: str, blueprint_id: uuid.UUID, column: Column) -> str:
    """The CREATE INDEX CONCURRENTLY statement for ``column`` of ``blueprint_id`` on ``relation``."""
    expression = _expression(column)
    predicate = f"WHERE blueprint_id = '{uuid.UUID(str(blueprint_id))}'::uuid"
    if column.type == ColumnType.CHOICES:
        return f"CREATE INDEX CONCURRENTLY {name} ON {relation} USING gin (({expression})) {predicate}"
    return f"CREATE INDEX CONCURRENTLY {name} ON {relation} (({expression}), id) {predicate}"


def statistics_name(index: str) -> str:
    """The statistics object that goes with the index ``index`` (``ix_ent_<digest>``)."""
    return "st_ent_" + index.removeprefix("ix_ent_")


def statistics_ddl(index: str, relation: str, column: Column) -> str | None:
    """Statistics on the column's expression over ``relation``, for the index ``index``.

    PostgreSQL takes no statistics from partial indexes, so without these a filter on the
    expression is estimated at 0.5% of the partition: at a million records, "code = x" looked like
    5,000 matches, and the plan walked the created_at order expecting 51 of them soon, reading
    every record when none matched. Containment on choices (GIN) is not estimated from them."""
    if column.type == ColumnType.CHOICES:
        return None
    return f"CREATE STATISTICS IF NOT EXISTS {statistics_name(index)} ON ({_expression(column)}) FROM {relation}"


def request_indexes(db_session: Session, blueprint: AnyBlueprint, columns: Iterable[Column]) -> None:
    """Ask for indexes on ``columns`` of ``blueprint``; each is built once, after this request
    commits. Two requests asking at once make one row (the second insert does nothing)."""
    wanted = {
        c.key: c for c in columns if c.type not in NOT_INDEXED and c.key not in ("id", "created_at", "updated_at")
    }
    if not wanted:
        return
    now = clock.now()
    known = {
        row.name: row
        for row in db_session.execute(
            select(
                EntityIndex.id, EntityIndex.name, EntityIndex.status, EntityIndex.updated_at, EntityIndex.last_used_at
            ).where(EntityIndex.blueprint_id == blueprint.id)
        )
    }
    asked = [known[name] for name in (index_name(blueprint.id, c) for c in wanted.values()) if name in known]
    stale = [row.id for row in asked if row.last_used_at is None or row.last_used_at < now - USE_RESOLUTION]
    if stale:
        db_session.execute(
            update(EntityIndex)
            .where(EntityIndex.id.in_(stale))
            .values(last_used_at=now)
            .execution_options(synchronize_session=False)
        )
    # A build given up on is tried afresh a day later, if the column is still wanted.
    for row in asked:
        if row.status == "failed" and row.updated_at < now - RETRY_GIVEN_UP_AFTER:
            db_session.execute(
                update(EntityIndex)
                .where(EntityIndex.id == row.id, EntityIndex.status == "failed")
                .values(status="pending", attempts=0, next_attempt_at=None)
                .execution_options(synchronize_session=False)
            )
            after_commit(db_session, BUILD_TASK, str(row.id), str(blueprint.tenant_id))
    for column in wanted.values():
        name = index_name(blueprint.id, column)
        if name in known:
            continue
        new = db_session.scalar(
            postgresql.insert(EntityIndex)
            .values(
                id=new_id(),
                tenant_id=blueprint.tenant_id,
                blueprint_id=blueprint.id,
                column_key=column.key,
                column_type=column.type.value,
                name=name,
                status="pending",
                attempts=0,
                last_used_at=now,
            )
            .on_conflict_do_nothing()
            .returning(EntityIndex.id)
        )
        if new is not None:
            after_commit(db_session, BUILD_TASK, str(new), str(blueprint.tenant_id))
