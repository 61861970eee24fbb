"""Entities: one table for every blueprint, values in JSONB, typed system columns."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    literal_column,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantScoped, Timestamped, Trashable
from core.distribution import tenant_foreign_key
from core.ids import new_id

# entities is partitioned by hash of tenant_id into this many tables, entities_p00 to entities_p63
# (migration 0028; docs/decisions/0022-entities-partitioned-by-tenant.md).
ENTITY_PARTITIONS = 64


class Entity(Timestamped, TenantScoped, Trashable, Base):
    """One record following one version of a blueprint.

    A deleted record stays in this table with ``deleted_at`` set (the Trash) until it is restored
    or purged; ``core.db`` leaves such rows out of every query unless one asks for them
    (``execution_options(include_trashed=True)``).
    """

    __tablename__ = "entities"
    __table_args__ = (
        Index("ix_entities_list_default", "tenant_id", "blueprint_id", "created_at", "id"),
        # Version changes walk a version's entities in id order, batch after batch.
        Index("ix_entities_version_id", "blueprint_version_id", "id"),
        # The Trash lists a workspace's deleted records, newest first; the purge finds the old ones.
        Index("ix_entities_trash", "tenant_id", "deleted_at", "id", postgresql_where=text("deleted_at IS NOT NULL")),
        Index(
            "ix_entities_search",
            func.to_tsvector(literal_column("'simple'::regconfig"), literal_column("search_text")),
            postgresql_using="gin",
        ),
        PrimaryKeyConstraint("tenant_id", "id"),
        tenant_foreign_key("entities", "blueprint_id", "blueprints", ondelete="CASCADE"),
        tenant_foreign_key("entities", "blueprint_version_id", "blueprint_versions"),
        {"postgresql_partition_by": "HASH (tenant_id)"},
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    # ix_entities_list_default leads with tenant_id, so no index of its own (one less to write).
    # The table's key is (tenant_id, id), as partitioning by tenant needs; records are still found
    # by id alone (core.db.TenantScoped).
    tenant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=False, primary_key=True
    )
    blueprint_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    blueprint_version_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    aside: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    deleted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    __mapper_args__ = {"version_id_col": version}


class EntityIndex(Timestamped, TenantScoped, Base):
    """An expression index the system built (or is building) for a column people filter or sort on."""

    __tablename__ = "entity_indexes"
    __table_args__ = (
        Index("ix_entity_indexes_due", "next_attempt_at", postgresql_where=text("status IN ('pending', 'deferred')")),
        UniqueConstraint("tenant_id", "name", name="uq_entity_indexes_name"),
        tenant_foreign_key("entity_indexes", "blueprint_id", "blueprints", ondelete="CASCADE"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    blueprint_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    column_key: Mapped[str] = mapped_column(String(63))
    column_type: Mapped[str] = mapped_column(String(20))
    # Index names are unique in the database anyway; the constraint carries tenant_id for Citus.
    name: Mapped[str] = mapped_column(String(63))
    # pending (queued or waiting for its next attempt), ready, deferred (too few records yet),
    # failed (given up after the last attempt; ``error`` says why).
    status: Mapped[str] = mapped_column(String(16), default="pending")
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ready_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
