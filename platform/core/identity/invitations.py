"""An invitation to join a tenant: a link emailed to one address, for one role, that expires.

Only a digest of the link's token is stored; the link itself is in the email alone. It works once:
accepting it by the signed-in owner of that address (checked case-insensitively) makes them a
member. Inviting the same address again replaces the pending invitation.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Enum, ForeignKey, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantScoped
from core.distribution import unique_per_tenant_ignoring_case
from core.identity.models import Tenant, TenantRole
from core.ids import new_id


class Invitation(TenantScoped, Base):
    __tablename__ = "invitations"
    __table_args__ = (
        # One pending invitation per address and tenant.
        unique_per_tenant_ignoring_case(
            "uq_invitations_pending", "email", "accepted_at IS NULL AND revoked_at IS NULL"
        ),
        # tenant_id last: accepting finds the invitation by the link's digest alone.
        UniqueConstraint("token_digest", "tenant_id", name="uq_invitations_token_digest"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(255))
    role: Mapped[TenantRole] = mapped_column(
        Enum(TenantRole, name="tenant_role", values_callable=lambda e: [m.value for m in e])
    )
    token_digest: Mapped[str] = mapped_column(String(64))
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    tenant: Mapped[Tenant] = relationship()
