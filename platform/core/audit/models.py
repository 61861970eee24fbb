"""The audit log: who did what, when, in which workspace.

One row per action that changes who may do what or what a workspace is built from: member and
invitation changes, workspace settings, blueprint and flow publishes, version changes, deletions.
Admin actions carry the admin as actor with ``actor_kind`` "admin"; actions run from the server's
command line have "shell", background work "system". A request made with a workspace's API key has
"api_key": the actor is the person who created the key, and ``actor_label`` the key's name then.

Rows are written in the same transaction as the change (a rolled-back change leaves no trace) and
never updated, except to forget a deleted person (runtime.account.deletion). ``tenant_id`` is
null for actions outside any workspace (an admin disabling a user); a workspace's rows go with it.
Ids are time-ordered (UUID v7), so the newest-first keyset page walks the primary key.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, String, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.ids import new_id

ACTOR_KINDS = ("member", "admin", "shell", "system", "api_key")


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_tenant_id_id", "tenant_id", text("id DESC")),
        Index("ix_audit_events_target", "target_type", "target_id"),
        # Forgetting a deleted person finds the invitations sent to their address.
        Index(
            "ix_audit_events_invited",
            func.lower(text("target_label")),
            postgresql_where=text("target_type = 'invitation'"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_kind: Mapped[str] = mapped_column(String(16))
    # The API key's name when actor_kind is "api_key", as it was then (the row outlives the key).
    actor_label: Mapped[str | None] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str | None] = mapped_column(String(32))
    target_id: Mapped[str | None] = mapped_column(String(64))
    target_label: Mapped[str | None] = mapped_column(String(255))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
