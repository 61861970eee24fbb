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

from core.errors import Forbidden, Invalid
from core.identity.models import User
from core.jobs.models import Job
from runtime.account.deletion import start_deletion

log = logging.getLogger(__name__)
SUPERADMIN = "superadmin"
# How long an authenticator code stays good, per two-factor method (as Flask-Security's own form).
_WINDOWS = {
    "authenticator": "TWO_FACTOR_AUTHENTICATOR_VALIDITY",
    "google_authenticator": "TWO_FACTOR_AUTHENTICATOR_VALIDITY",
}

PASSWORD_MISSING = "Enter your password to confirm."  # noqa: S105 - a message, not a password
PASSWORD_WRONG = "This password is not right."  # noqa: S105 - a message, not a password
CODE_MISSING = "Enter the current code from your authenticator app."
CODE_WRONG = "This code is not right; enter the current one from your authenticator app."
EMAIL_MISMATCH = "Type your email address exactly as you sign in with it."


def check_reauthentication(user: User, body: dict[str, Any]) -> None:
    """Raise Invalid (per field) unless ``body`` proves the caller is the account's owner right now.

    A stolen access token is not enough to delete an account: the password if it has one, the
    authenticator's code if two-factor is on, and for an account with neither (signed up with
    Google or Facebook) the email address typed out.
    """
    security = current_app.extensions["security"]
    errors: dict[str, list[str]] = {}
    has_password = bool(user.password)
    has_code = bool(user.tf_primary_method and user.tf_totp_secret)
    if has_password:
        password = body.get("password") or ""
        if not password:
            errors["password"] = [PASSWORD_MISSING]
        elif not user.verify_and_update_password(security.password_util.normalize(password)):
            errors["password"] = [PASSWORD_WRONG]
    if has_code:
        code = "".join(str(body.get("code") or "").split())
        # How far from now a code may be, as Flask-Security's own two-factor form allows (seconds).
        window = int(current_app.config.get("SECURITY_TWO_FACTOR_AUTHENTICATOR_VALIDITY", 120))
        if not code:
            errors["code"] = [CODE_MISSING]
        elif not security.totp_factory.verify_totp(
            token=code, totp_secret=user.tf_totp_secret, user=user, window=window
        ):
            errors["code"] = [CODE_WRONG]
    if not has_password and not has_code:
        typed = str(body.get("confirm_email") or "").strip().lower()
        if typed != user.email.strip().lower():
            errors["confirm_email"] = [EMAIL_MISMATCH]
    if errors:
        raise Invalid(errors)


def delete_account(db_session: Session, user: User, body: dict[str, Any]) -> Job:
    """Check who asks, close the account now, and queue the deletion of everything it holds."""
    if any(role.name == SUPERADMIN for role in user.roles):
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
    datastore = current_app.extensions["security"].datastore
    user.active = False
    datastore.set_token_uniquifier(user)
    datastore.set_uniquifier(user)
    for tracker in user.refresh_trackers:
        if tracker.revoked_at is None:
            datastore.revoke_refresh_tracker(tracker)
    user.password = None
