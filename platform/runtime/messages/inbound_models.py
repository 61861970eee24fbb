"""Inbound hooks: one URL per flow that turns a signed request into a message.

Both tables are tenant-owned with ``tenant_id`` first in their keys. A hook is found by its
``token`` alone (the request says no workspace), through a unique index; everything after that
is scoped to the hook's workspace.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, ForeignKeyConstraint, Index, String, Text, UniqueConstraint, Uuid, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantScoped
from core.distribution import tenant_foreign_key
from core.ids import new_id


class FlowInboundHook(TenantScoped, Base):
    """A flow's inbound URL: its token, its signing secret (a Fernet token, runtime/hooks/crypto.py),
    the message it makes and which body fields give the correlation keys and the values."""

    __tablename__ = "flow_inbound_hooks"
    __table_args__ = (
        UniqueConstraint("tenant_id", "flow_id", name="uq_flow_inbound_hooks_tenant_flow"),
        # tenant_id last: a request names its hook by the token alone, and this index finds it.
        UniqueConstraint("token", "tenant_id", name="uq_flow_inbound_hooks_token"),
        tenant_foreign_key("flow_inbound_hooks", "flow_id", "flows", ondelete="CASCADE"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    flow_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    token: Mapped[str] = mapped_column(String(64))
    secret: Mapped[str] = mapped_column(Text)
    message_name: Mapped[str] = mapped_column(String(200))
    # Correlation key -> dotted path of a body field ("order.id").
    correlation: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # Value name -> dotted path; None: every top-level member of the body.
    values: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    rotated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class InboundReceipt(TenantScoped, Base):
    """A ``webhook-id`` an inbound hook took, kept while a replay of it could still pass the
    timestamp check; older ones are deleted by the next request to the same hook."""

    __tablename__ = "flow_inbound_receipts"
    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant_id", "hook_id"],
            ["flow_inbound_hooks.tenant_id", "flow_inbound_hooks.id"],
            ondelete="CASCADE",
        ),
        Index("ix_flow_inbound_receipts_received", "tenant_id", "hook_id", "received_at"),
    )

    tenant_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)  # with hook_id, a key of its hook
    hook_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    webhook_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
