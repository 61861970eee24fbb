"""The mail outbox table: each message and its delivery's bookkeeping (core.delivery).

A message is ``pending`` (due at ``next_attempt_at``), ``delivering`` (a worker holds it until
``next_attempt_at``, its lease), ``sent`` (handed to SMTP), ``captured`` (kept for the dev
mailbox), or ``failed``: a dead letter, after the last attempt of the retry schedule or when the
SMTP server refused it for good. Dead letters stay until an admin sends them again.

The table holds mail to people, not to workspaces (a reference table, core.distribution):
``tenant_id`` only says which workspace's work queued the message, for the back office.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import DateTime, Enum, ForeignKey, Index, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, Timestamped
from core.delivery import DeliveryState
from core.ids import new_id


class OutboxStatus(enum.StrEnum):
    """core.delivery's statuses where they mean the same (pending, delivering, failed), and the two
    ways a message leaves: sent by SMTP, or captured for the dev mailbox."""

    PENDING = "pending"
    DELIVERING = "delivering"
    SENT = "sent"
    CAPTURED = "captured"
    FAILED = "failed"


class OutboxMessage(DeliveryState, Timestamped, Base):
    """One email to one recipient, written in the transaction that caused it."""

    __tablename__ = "mail_outbox"
    __table_args__ = (
        # The sweep: messages due for an attempt, and leases that ran out.
        Index("ix_mail_outbox_due", "next_attempt_at", postgresql_where=text("status IN ('pending', 'delivering')")),
        # The back office's dead letters, newest first.
        Index("ix_mail_outbox_failed", "created_at", "id", postgresql_where=text("status = 'failed'")),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    recipient: Mapped[str] = mapped_column(String(255), index=True)
    sender: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    template: Mapped[str | None] = mapped_column(String(64))
    # The bookkeeping writes core.delivery's statuses here; they are values of this enum too.
    status: Mapped[OutboxStatus] = mapped_column(  # type: ignore[assignment]
        Enum(OutboxStatus, name="outbox_status", values_callable=lambda e: [m.value for m in e]),
        default=OutboxStatus.PENDING,
        index=True,
    )
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    tenant_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="SET NULL"), index=True, default=None
    )
