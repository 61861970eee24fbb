"""Deleting one's own account: proving it is really them, then shutting the account at once.

The data goes in the background (runtime.account.deletion), but the account stops working in the
request that asks for it: after a 202 nobody can sign in with it or use any token it had. They
flush; the request commits.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from core.errors import Forbidden
from core.identity.models import User, is_superadmin
from core.jobs.models import Job
from runtime.account.deletion import start_deletion
from runtime.auth.reauth import check_reauthentication
from runtime.auth.sessions import end_every_session

log = logging.getLogger(__name__)


def update_settings(db_session: Session, user: User, body: dict[str, Any]) -> None:
    """The account's own settings; only what ``body`` names changes."""
    if "notify_tasks" in body:
        user.notify_tasks = bool(body["notify_tasks"])
    if "language" in body:
        user.language = body["language"]
    db_session.flush()
    log.info("account settings changed", extra={"user_id": user.id, "fields": sorted(body)})


def delete_account(db_session: Session, user: User, body: dict[str, Any]) -> Job:
    """Check who asks, close the account now, and queue the deletion of everything it holds."""
    if is_superadmin(user):
        raise Forbidden("The super admin's account cannot be deleted; hand the role over first.")
    check_reauthentication(user, body)
    close_account(user)
    db_session.flush()
    job = start_deletion(db_session, user)
    log.info("account deletion requested", extra={"user_id": user.id, "job_id": str(job.id)})
    return job


def close_account(user: User) -> None:
    """From now on the account is no way in, and it answers sign-in like an unknown email.

    - ``active = False``: Flask-Security refuses its tokens and every sign-in;
    - a new ``fs_token_uniquifier``: every access token and refresh token issued stops working;
    - its refresh trackers revoked: the sessions are over;
    - a new ``fs_uniquifier``: outstanding reset and confirmation links stop working;
    - no password: Flask-Security answers a sign-in with the generic "wrong email or password"
      before it looks at whether the account is active (which would tell that the account exists).
    """
    user.active = False
    end_every_session(current_app, user)
    current_app.extensions["security"].datastore.set_uniquifier(user)
    user.password = None
