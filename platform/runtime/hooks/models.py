"""Hook tables: endpoints, messages (the outbox), deliveries (message x endpoint) and attempts.

Every table is tenant-owned with ``tenant_id`` first in its primary key and in every foreign key
between them, so the four can be distributed by workspace (Citus) and a workspace's rows stay
together. A message is written in the business transaction when at least one enabled endpoint
wants the event; its deliveries are made after commit by the fan-out (runtime/hooks/dispatch.py),
so an event costs one row however many endpoints listen.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantScoped, Timestamped
from core.delivery import DeliveryState
from core.ids import new_id

SOURCE_APP = "app"
SOURCE_SUBSCRIPTION = "subscription"  # made through the REST Hooks API (Zapier, Make, n8n)


class HookEndpoint(TenantScoped, Timestamped, Base):
    """A URL of the workspace's that wants some events, with its secrets and its health."""

    __tablename__ = "hook_endpoints"
    __table_args__ = (
        # The event receiver's one query: a workspace's enabled endpoints.
        Index("ix_hook_endpoints_enabled", "tenant_id", postgresql_where=text("enabled")),
        # The back office opens an endpoint by the id in its URL, with no tenant (not unique: Citus).
        Index("ix_hook_endpoints_id", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str] = mapped_column(String(500), default="")
    event_types: Mapped[list[str]] = mapped_column(ARRAY(String(64)))
    # None: every blueprint. Only events about a blueprint's records are filtered by it.
    blueprint_ids: Mapped[list[uuid.UUID] | None] = mapped_column(ARRAY(Uuid))
    # None: any change. record.updated is sent only when one of these columns changed.
    changed_fields: Mapped[list[str] | None] = mapped_column(ARRAY(String(63)))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(String(500))
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    source: Mapped[str] = mapped_column(String(16), default=SOURCE_APP)
    # Fernet tokens (runtime/hooks/crypto.py): the signing secret, the one it replaced while the
    # overlap lasts, and the custom headers as JSON. Header names are kept in clear for display.
    secret: Mapped[str] = mapped_column(Text)
    previous_secret: Mapped[str | None] = mapped_column(Text)
    previous_secret_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    headers: Mapped[str | None] = mapped_column(Text)
    header_names: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Health, updated by each attempt's outcome.
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    failure_streak: Mapped[int] = mapped_column(Integer, default=0)
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Per-endpoint rate limit: attempts started in the current one-second window.
    rate_window_start: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rate_window_count: Mapped[int] = mapped_column(Integer, default=0)

    # Known to the ORM by its whole key: the lanes load it with session.get(HookEndpoint, (tenant_id, id)).
    __mapper_args__ = {"primary_key": ["tenant_id", "id"]}


class HookMessage(TenantScoped, Base):
    """One event that at least one endpoint wanted, as the exact body every endpoint receives."""

    __tablename__ = "hook_messages"
    __table_args__ = (
        Index("ix_hook_messages_unfanned", "created_at", postgresql_where=text("fanned_out_at IS NULL")),
        Index("ix_hook_messages_created_at", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    event_type: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    body: Mapped[str] = mapped_column(Text)  # signed byte for byte: kept as sent, never re-serialized
    endpoint_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid))
    blueprint_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    fanned_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HookDelivery(DeliveryState, TenantScoped, Base):
    """One message to one endpoint: its retries, lease and outcome (core.delivery)."""

    __tablename__ = "hook_deliveries"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "message_id"], ["hook_messages.tenant_id", "hook_messages.id"], ondelete="CASCADE"
        ),
        ForeignKeyConstraint(
            ["tenant_id", "endpoint_id"], ["hook_endpoints.tenant_id", "hook_endpoints.id"], ondelete="CASCADE"
        ),
        UniqueConstraint("tenant_id", "message_id", "endpoint_id", name="uq_hook_deliveries_message_endpoint"),
        # The sweep: each enabled endpoint's due work, oldest first (so every endpoint gets its turn).
        Index(
            "ix_hook_deliveries_due",
            "tenant_id",
            "endpoint_id",
            "next_attempt_at",
            postgresql_where=text("status IN ('pending', 'delivering')"),
        ),
        # Counting an endpoint's attempts in flight (its concurrency limit).
        Index("ix_hook_deliveries_in_flight", "endpoint_id", postgresql_where=text("status = 'delivering'")),
        Index("ix_hook_deliveries_endpoint", "tenant_id", "endpoint_id", text("id DESC")),
        Index("ix_hook_deliveries_tenant", "tenant_id", text("id DESC")),
        # The back office finds a delivery's workspace by the id in its URL (not unique: Citus).
        Index("ix_hook_deliveries_id", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    message_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    endpoint_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    event_type: Mapped[str] = mapped_column(String(64))
    last_status_code: Mapped[int | None] = mapped_column(Integer)


class HookAttempt(TenantScoped, Base):
    """One try of one delivery: when, how long, what the receiver answered (kept 30 days)."""

    __tablename__ = "hook_attempts"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "delivery_id"], ["hook_deliveries.tenant_id", "hook_deliveries.id"], ondelete="CASCADE"
        ),
        Index("ix_hook_attempts_delivery", "tenant_id", "delivery_id"),
        Index("ix_hook_attempts_endpoint", "tenant_id", "endpoint_id", text("id DESC")),
        Index("ix_hook_attempts_attempted_at", "attempted_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    delivery_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    endpoint_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    number: Mapped[int] = mapped_column(Integer)
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_ms: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[str | None] = mapped_column(Text)  # the first 2 KiB, as text
    error: Mapped[str | None] = mapped_column(Text)
    succeeded: Mapped[bool] = mapped_column(Boolean)
