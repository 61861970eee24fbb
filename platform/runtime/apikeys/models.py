"""API keys of a workspace, and the answers kept for requests sent with an Idempotency-Key.

A key is ``loom_<public id>_<secret>``. Only an HMAC-SHA256 of the whole key (keyed by a key
derived from LOOM_SECRET_KEY) is stored: the secret is 256 random bits, so a slow password hash
would add cost per request and no safety. ``public_id`` (64 random bits, shown in the list so
people can tell keys apart) finds the row through an index; the digest is then compared in
constant time. The lookup index is not unique on its own: tenant-owned tables keep tenant_id in
every key (the schema may be distributed by tenant), and a collision between workspaces would
only mean two rows to compare.

A key acts for the member who created it and goes with that person's account (ON DELETE
CASCADE); it stops working as soon as they leave the workspace, for good (coming back later does
not revive it). Revoked keys stay listed.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ColumnElement,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Uuid,
    and_,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, TenantScoped
from core.distribution import unique_per_tenant_ignoring_case
from core.identity.models import Membership
from core.ids import new_id

KEY_ROLES = ("admin", "editor", "viewer")


class ApiKey(TenantScoped, Base):
    __tablename__ = "api_keys"
    __table_args__ = (
        Index("ix_api_keys_public_id", "public_id"),
        # One unrevoked key per name, so the audit log's "API key 'Zapier'" names one key.
        unique_per_tenant_ignoring_case("uq_api_keys_active_name", "name", "revoked_at IS NULL"),
        CheckConstraint("role IN ('admin', 'editor', 'viewer')", name="role"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    public_id: Mapped[str] = mapped_column(String(16))
    secret_digest: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The database's clock, as for memberships: a key made before its creator's current membership
    # began belongs to an earlier membership, and stays dead when they are invited back.
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)


def creators_membership() -> ColumnElement[bool]:
    """Join condition: the membership of the key's creator that was there when the key was made."""
    return and_(
        Membership.tenant_id == ApiKey.tenant_id,
        Membership.user_id == ApiKey.created_by,
        Membership.created_at <= ApiKey.created_at,
    )


class IdempotentRequest(TenantScoped, Base):
    """The first 2xx answer to a POST sent with an Idempotency-Key, replayed for 24 hours.

    ``principal`` is who sent it ("user:<id>" or "key:<uuid>"), so one person's key never
    replays another's answer. ``user_id`` is the person (a key's creator): their answers go with
    their account. A purge task deletes rows older than LOOM_IDEMPOTENCY_HOURS.
    """

    __tablename__ = "idempotent_requests"
    __table_args__ = (Index("ix_idempotent_requests_created_at", "created_at"),)

    principal: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(SmallInteger)
    content_type: Mapped[str | None] = mapped_column(String(128))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
