"""Proving, inside a request, that the person holding the token is the account's owner right now.

A stolen access token (or an unlocked browser) must not be enough to turn two-step sign-in off,
move it to another phone, make new recovery codes or delete the account. Those requests carry the
proof in their body: the password if the account has one, a current authenticator code (or,
having lost the phone, one of the recovery codes, which it uses up) if two-step sign-in is on,
and for an account with neither (signed up with Google or Facebook) the email address typed out.
Wrong or missing parts are field errors; nothing changes.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from marshmallow import fields, validate

from core.errors import Invalid
from core.identity.models import User
from runtime.auth.code_use import CODE_USED, take_code_used

PASSWORD_MISSING = "Enter your password to confirm."  # noqa: S105 - a message, not a password
PASSWORD_WRONG = "This password is not right."  # noqa: S105 - a message, not a password
CODE_MISSING = "Enter the current code from your authenticator app, or a recovery code."
CODE_WRONG = "This code is not right; enter the current one from your authenticator app, or a recovery code."
EMAIL_MISMATCH = "Type your email address exactly as you sign in with it."


def password_field(description: str) -> fields.String:
    """The request field that carries the password, for ``check_reauthentication``."""
    return fields.String(load_default=None, validate=validate.Length(max=4096), metadata={"description": description})


def code_field(description: str) -> fields.String:
    """The request field that carries the authenticator or recovery code."""
    return fields.String(load_default=None, validate=validate.Length(max=32), metadata={"description": description})


def confirm_email_field(description: str) -> fields.String:
    """The request field that carries the email, typed out, of an account with neither."""
    return fields.String(load_default=None, validate=validate.Length(max=255), metadata={"description": description})


def check_reauthentication(user: User, body: dict[str, Any]) -> None:
    """Raise Invalid (per field) unless ``body`` proves the caller is the account's owner."""
    security = current_app.extensions["security"]
    errors: dict[str, list[str]] = {}
    has_password = bool(user.password)
    has_code = bool(user.tf_primary_method and user.tf_totp_secret)
    if has_password:
        password = str(body.get("password") or "")
        if not password:
            errors["password"] = [PASSWORD_MISSING]
        elif not user.verify_and_update_password(security.password_util.normalize(password)):
            errors["password"] = [PASSWORD_WRONG]
    if has_code:
        code = "".join(str(body.get("code") or "").split())
        if not code:
            errors["code"] = [CODE_MISSING]
        elif not errors and not _second_factor(user, code):
            # The right code whose time step was taken already: the app's next code will do.
            errors["code"] = [CODE_USED if take_code_used() else CODE_WRONG]
        # After a wrong password the code is not tried: a code works once, and this one
        # stays good for the next attempt.
    if not has_password and not has_code:
        typed = str(body.get("confirm_email") or "").strip().lower()
        if typed != user.email.strip().lower():
            errors["confirm_email"] = [EMAIL_MISMATCH]
    if errors:
        used = errors.get("code") == [CODE_USED]
        raise Invalid(errors, extra={"reason": "code_used"} if used else None)


def _second_factor(user: User, code: str) -> bool:
    """The authenticator's code (once), or a recovery code (used up)."""
    security = current_app.extensions["security"]
    # How far from now a code may be, as Flask-Security's own two-factor form allows (seconds).
    window = int(current_app.config.get("SECURITY_TWO_FACTOR_AUTHENTICATOR_VALIDITY", 120))
    if code.isdigit():
        return bool(
            security.totp_factory.verify_totp(token=code, totp_secret=user.tf_totp_secret, user=user, window=window)
        )
    recovery = security.mf_recovery_codes_util
    if not recovery.check_recovery_code(user, code.lower()):
        return False
    recovery.delete_recovery_code(user, code.lower())
    return True
