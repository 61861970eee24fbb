"""Expression indexes for the columns people filter and sort on, built concurrently in the background.

A list request that filters or sorts on a column asks for its index; a Celery task builds it
with CREATE INDEX CONCURRENTLY (no table lock), using the very expression the list query uses.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterable

from celery import shared_task
from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from core import db
from core.dispatch import after_commit
from designer.blueprints.models import Blueprint
from engine.schema.columns import Column, ColumnType
from runtime.entities.models import EntityIndex
from runtime.entities.sql import value_expression

log = logging.getLogger(__name__)
NOT_INDEXED = frozenset({ColumnType.LONG_TEXT})


def index_name(blueprint_id: uuid.UUID, column: Column) -> str:
    digest = hashlib.sha256(f"{blueprint_id}:{column.key}:{column.type.value}".encode()).hexdigest()[:20]
    return f"ix_ent_{digest}"


def index_ddl(name: str, blueprint_id: uuid.UUID, column: Column) -> str:
    expression = value_expression(column).compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
    if column.type == ColumnType.CHOICES:
        return f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON entities USING gin (({expression}))"
    # Not partial: a partial index (WHERE blueprint_id = ...) would not serve generic plans of
    # prepared statements, whose blueprint_id is a parameter.
    return f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON entities (blueprint_id, ({expression}), id)"


def request_indexes(db_session: Session, blueprint: Blueprint, columns: Iterable[Column]) -> None:
    """Ask for indexes on ``columns`` of ``blueprint``; each is built once, after this request commits."""
    wanted = {
        c.key: c for c in columns if c.type not in NOT_INDEXED and c.key not in ("id", "created_at", "updated_at")
    }
    if not wanted:
        return
    existing = set(db_session.scalars(select(EntityIndex.name).where(EntityIndex.blueprint_id == blueprint.id)))
    for column in wanted.values():
        name = index_name(blueprint.id, column)
        if name in existing:
            continue
        row = EntityIndex(
            tenant_id=blueprint.tenant_id,
            blueprint_id=blueprint.id,
            column_key=column.key,
            column_type=column.type.value,
            name=name,
        )
        db_session.add(row)
        db_session.flush()
        after_commit(db_session, "entities.build_index", str(row.id))


def build_index(index_id: uuid.UUID) -> str:
    """Build one index outside any transaction (CONCURRENTLY requires it)."""
    session = db.session()
    row = session.scalars(
        select(EntityIndex).where(EntityIndex.id == index_id).execution_options(all_tenants=True)
    ).first()
    if row is None or row.status == "ready":
        return "skipped"
    column = Column(
        key=row.column_key, label=row.column_key, type=ColumnType(row.column_type), options=(), reference=None
    )
    ddl = index_ddl(row.name, row.blueprint_id, column)
    # End this session's transaction first: CREATE INDEX CONCURRENTLY waits for every open
    # transaction, this one included, and would wait for ever.
    session.commit()
    engine = current_app.extensions["loom_engine"]
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(ddl)
        row.status, row.error = "ready", None
    except Exception as exc:
        log.exception("index build failed", extra={"index": row.name})
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f"DROP INDEX CONCURRENTLY IF EXISTS {row.name}")
        row.status, row.error = "failed", str(exc)[:2000]
    session.commit()
    return row.status


@shared_task(name="entities.build_index")
def build_index_task(index_id: str) -> str:
    return build_index(uuid.UUID(index_id))
