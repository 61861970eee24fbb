"""Reads of a tenant's members and pending invitations (the session is scoped to the tenant)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.identity.invitations import Invitation
from core.identity.models import Membership, User


def members(db_session: Session, tenant_id: uuid.UUID) -> list[tuple[Membership, User]]:
    """Everyone in the tenant with their account, owners first, then by email."""
    rows = db_session.execute(
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.tenant_id == tenant_id)
        .order_by(Membership.role, User.email)
    ).all()
    return [(membership, user) for membership, user in rows]


def pending_invitations(db_session: Session) -> list[Invitation]:
    """Invitations neither accepted nor withdrawn, newest first."""
    return list(
        db_session.scalars(
            select(Invitation)
            .where(Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
            .order_by(Invitation.created_at.desc())
        )
    )
