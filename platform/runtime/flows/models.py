"""Flow instances of records, the waiting tasks (inbox), timers due, and the history of transitions."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantScoped
from core.distribution import tenant_foreign_key
from core.ids import new_id

RUNNING = "running"
COMPLETED = "completed"
FAILED = "failed"  # a timer step failed: it waits for a person to try again or move it to a fixed version


class FlowInstance(TenantScoped, Base):
    """One record moving through one flow: SpiffWorkflow's serialized state and a lock counter."""

    __tablename__ = "flow_instances"
    __table_args__ = (
        UniqueConstraint("tenant_id", "entity_id", "flow_id", name="uq_flow_instances_entity_flow"),
        tenant_foreign_key("flow_instances", "entity_id", "entities", ondelete="CASCADE"),
        Index("ix_flow_instances_flow_status", "flow_id", "status", "flow_version_id"),
        tenant_foreign_key("flow_instances", "flow_id", "flows", ondelete="CASCADE"),
        tenant_foreign_key("flow_instances", "flow_version_id", "flow_versions"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    flow_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    flow_version_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    status: Mapped[str] = mapped_column(String(16), default=RUNNING)
    state: Mapped[dict[str, Any]] = mapped_column(JSONB)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # What stopped it ({"message", "element", "at"}), while the status is FAILED.
    error: Mapped[dict[str, Any] | None] = mapped_column(JSONB)

    __mapper_args__ = {"version_id_col": version}


class InboxItem(TenantScoped, Base):
    """A user task waiting for a person, kept in step with its instance in the same transaction.

    Done items stay (``done_at``), so a second click on a step just done gets a clear 409.
    """

    __tablename__ = "inbox_items"
    __table_args__ = (
        UniqueConstraint("tenant_id", "instance_id", "task_id", name="uq_inbox_items_instance_task"),
        Index("ix_inbox_items_waiting", "tenant_id", "created_at", "id", postgresql_where=text("done_at IS NULL")),
        tenant_foreign_key("inbox_items", "entity_id", "entities", ondelete="CASCADE"),
        tenant_foreign_key("inbox_items", "instance_id", "flow_instances", ondelete="CASCADE"),
        tenant_foreign_key("inbox_items", "flow_id", "flows", ondelete="CASCADE"),
        tenant_foreign_key("inbox_items", "blueprint_id", "blueprints", ondelete="CASCADE"),
    )

    # No index of its own: the primary key (tenant_id, id) and ix_inbox_items_waiting lead with it.
    tenant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True, index=False
    )
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    instance_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    flow_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    blueprint_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    task_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    element: Mapped[str] = mapped_column(String(255))
    label: Mapped[str] = mapped_column(String(255))
    role: Mapped[str | None] = mapped_column(String(16))
    member: Mapped[str | None] = mapped_column(String(255))
    field: Mapped[str | None] = mapped_column(String(63))  # the user column naming who may do it
    fields: Mapped[list[str]] = mapped_column(JSONB, default=list)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class FlowTimer(TenantScoped, Base):
    """A timer an instance waits for; the periodic task fires those that are due."""

    __tablename__ = "flow_timers"
    __table_args__ = (
        UniqueConstraint("tenant_id", "instance_id", "task_id", name="uq_flow_timers_instance_task"),
        tenant_foreign_key("flow_timers", "instance_id", "flow_instances", ondelete="CASCADE"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    instance_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    task_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    element: Mapped[str] = mapped_column(String(255))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class FlowHistory(TenantScoped, Base):
    """What happened to a record in a flow: who, when, which transition, which fields changed."""

    __tablename__ = "flow_history"
    __table_args__ = (
        Index("ix_flow_history_entity_at", "entity_id", "at"),
        tenant_foreign_key("flow_history", "entity_id", "entities", ondelete="CASCADE"),
        tenant_foreign_key("flow_history", "instance_id", "flow_instances", ondelete="CASCADE"),
        tenant_foreign_key("flow_history", "flow_id", "flows", ondelete="CASCADE"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    instance_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    flow_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    element: Mapped[str | None] = mapped_column(String(255))
    label: Mapped[str | None] = mapped_column(String(255))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
