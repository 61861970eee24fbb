"""Creating the super admin on the system's first start. Idempotent."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from flask_security import hash_password
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.identity.models import SUPERADMIN, Role, User
from runtime.auth.security import security

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BootstrapResult:
    created: bool
    email: str
    password: str | None  # only when generated now; shown once, never stored in clear


def bootstrap_superadmin(db_session: Session, email: str, password: str | None) -> BootstrapResult:
    """Create the super admin role and account unless a super admin exists already."""
    role = db_session.scalars(select(Role).where(Role.name == SUPERADMIN)).first()
    if role is None:
        role = Role(name=SUPERADMIN, description="Operates the whole Loom system", permissions=["admin"])
        db_session.add(role)
        db_session.flush()
    existing = db_session.scalars(select(User).where(User.roles.any(Role.id == role.id))).first()
    if existing is not None:
        return BootstrapResult(created=False, email=existing.email, password=None)
    try:
        # The address must be one the sign-in accepts ("admin@loom.localhost" is not).
        email = security.mail_util.validate(email)
    except ValueError as exc:
        raise ValueError(f"The super admin's email {email!r} cannot be used to sign in: {exc}") from exc
    generated = password is None
    chosen = password or secrets.token_urlsafe(18)
    user = security.datastore.create_user(
        email=email, password=hash_password(chosen), roles=[role], must_change_password=True
    )
    db_session.flush()
    log.info("super admin created", extra={"user_id": user.id})
    return BootstrapResult(created=True, email=email, password=chosen if generated else None)
