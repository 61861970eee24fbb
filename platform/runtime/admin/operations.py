"""What admins change: accounts (disable, enable, delete for good). Each change is audited with
the admin as actor; the request commits."""

from __future__ import annotations

from flask import current_app
from sqlalchemy.orm import Session

from core.audit.operations import record
from core.errors import Forbidden
from core.identity.models import User, is_superadmin
from core.jobs.models import Job
from runtime.account.deletion import start_deletion
from runtime.account.operations import close_account

NOT_AN_ADMIN = "Super admins are managed from the server's command line, not here."


def _audit(db_session: Session, action: str, admin: User, user: User) -> None:
    record(
        db_session,
        action,
        tenant_id=None,
        actor_id=admin.id,
        target_type="user",
        target_id=user.id,
        target_label=user.email,
    )


def set_active(db_session: Session, admin: User, user: User, active: bool) -> User:
    """Disable an account (its sessions end at once) or enable it again."""
    if is_superadmin(user):
        raise Forbidden(NOT_AN_ADMIN)
    if user.active == active:
        return user
    user.active = active
    if not active:
        datastore = current_app.extensions["security"].datastore
        datastore.set_token_uniquifier(user)
        for tracker in user.refresh_trackers:
            if tracker.revoked_at is None:
                datastore.revoke_refresh_tracker(tracker)
    db_session.flush()
    _audit(db_session, "user.enabled" if active else "user.disabled", admin, user)
    return user


def delete_user(db_session: Session, admin: User, user: User) -> Job:
    """Close the account now and delete everything it holds in the background, as when the
    person deletes it themselves (runtime.account.deletion)."""
    if is_superadmin(user):
        raise Forbidden(NOT_AN_ADMIN)
    _audit(db_session, "user.deleted", admin, user)
    close_account(user)
    db_session.flush()
    return start_deletion(db_session, user)
