"""What the server's command line does for admins (``loom admin ...``), audited as "shell"."""

from __future__ import annotations

import secrets

from flask import current_app
from flask_security import hash_password
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.audit.operations import acting_as
from core.identity.models import SUPERADMIN, Role, User, is_superadmin
from runtime.admin.operations import audit_user, two_factor_off


class ShellError(Exception):
    """A command that cannot be done as asked; the message says why."""


def _user(db_session: Session, email: str) -> User | None:
    return db_session.scalars(select(User).where(func.lower(User.email) == email.strip().lower())).first()


def create_superadmin(db_session: Session, email: str) -> str:
    """Another super admin, with a generated initial password (returned, shown once). Like the
    first one, they must change it, confirm the address and turn on two-step sign-in."""
    acting_as("shell")
    if _user(db_session, email) is not None:
        raise ShellError(f"An account with the email {email} exists already.")
    role = db_session.scalars(select(Role).where(Role.name == SUPERADMIN)).first()
    if role is None:
        raise ShellError("There is no super admin role yet: run `loom bootstrap` first.")
    password = secrets.token_urlsafe(18)
    datastore = current_app.extensions["security"].datastore
    user = datastore.create_user(
        email=email.strip(), password=hash_password(password), roles=[role], must_change_password=True
    )
    db_session.flush()
    audit_user(db_session, "admin.created", None, user)
    return password


def reset_two_factor(db_session: Session, email: str) -> None:
    """Turn off a super admin's two-step sign-in (a lost phone); they set it up again at the next
    sign-in, as the admin API requires. The person is told by email."""
    acting_as("shell")
    user = _user(db_session, email)
    if user is None or not is_superadmin(user):
        raise ShellError(f"No super admin has the email {email}.")
    if not user.tf_primary_method:
        raise ShellError(f"{email} has no two-step sign-in to reset.")
    two_factor_off(db_session, user)
    audit_user(db_session, "admin.two_factor_reset", None, user)
