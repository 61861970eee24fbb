"""What flow instances wait for (subscriptions) and the messages and signals sent to them.

``FlowSubscription`` rows follow each instance in the transaction of its step, like the inbox and
the timer table, so a message finds the records waiting for it by SQL instead of loading every
instance. ``FlowMessage`` is one message or signal as it was sent (by the API, an inbound hook or
a flow) and what became of it: delivery runs in the background, one transaction per receiving
record, and an unmatched message waits here until a record starts waiting for it or it expires.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantScoped
from core.distribution import tenant_foreign_key
from core.ids import new_id

MESSAGE = "message"
SIGNAL = "signal"
KINDS = (MESSAGE, SIGNAL)

PENDING = "pending"  # matched (or starts a flow): the background delivers it
DELIVERED = "delivered"
UNMATCHED = "unmatched"  # nobody waits for it yet: kept until expires_at
AMBIGUOUS = "ambiguous"  # several records waited for it when it was delivered
FAILED = "failed"  # the receiving step failed; ``error`` says why
STATUSES = (PENDING, DELIVERED, UNMATCHED, AMBIGUOUS, FAILED)

HOOK_SOURCE = "hook:"  # the source of an inbound hook's message: "hook:<flow key>"


class FlowSubscription(TenantScoped, Base):
    """A message or signal one instance waits for now, at one element, with its correlation values."""

    __tablename__ = "flow_subscriptions"
    __table_args__ = (
        Index("ix_flow_subscriptions_kind_name", "tenant_id", "kind", "name"),
        tenant_foreign_key("flow_subscriptions", "entity_id", "entities", ondelete="CASCADE"),
        tenant_foreign_key("flow_subscriptions", "instance_id", "flow_instances", ondelete="CASCADE"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    instance_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(255))
    element: Mapped[str] = mapped_column(String(255))
    # Record fields and the values a message must carry to reach this record ({} for any message).
    correlation: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)


class FlowMessage(TenantScoped, Base):
    """One message or signal sent in a workspace, and what became of it."""

    __tablename__ = "flow_messages"
    __table_args__ = (
        Index("ix_flow_messages_waiting", "tenant_id", "kind", "name", postgresql_where=text("status = 'unmatched'")),
        Index("ix_flow_messages_list", "tenant_id", text("created_at DESC"), text("id DESC")),
        Index("ix_flow_messages_expires_at", "expires_at"),
        # Cleared by the Trash's purge before the flow goes: no SET NULL, which Citus refuses here.
        tenant_foreign_key("flow_messages", "start_flow_id", "flows"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(255))
    correlation: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    values: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    source: Mapped[str] = mapped_column(String(300))  # "api", "hook:<flow key>", "flow:<flow key>"
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    # The records it reached or is to reach (entity ids as text), and the outcome for each.
    matched: Mapped[list[str]] = mapped_column(JSONB, default=list)
    outcomes: Mapped[dict[str, str]] = mapped_column(JSONB, default=dict)
    # A message that starts a flow: that flow (its published version creates the record).
    start_flow_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


def hook_source(flow_key: str) -> str:
    """The source of a message an inbound hook of the flow ``flow_key`` sent."""
    return f"{HOOK_SOURCE}{flow_key}"


def hook_flow(message: FlowMessage) -> str | None:
    """The key of the flow whose inbound hook sent ``message``: only that flow's records take it
    (the hook makes the flow's message); None for a message of the whole workspace (the API's, a
    flow's throw)."""
    return message.source.removeprefix(HOOK_SOURCE) if message.source.startswith(HOOK_SOURCE) else None
