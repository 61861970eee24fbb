"""Passwords: Flask-Security-Too's /change, /reset and /reset/<token>, with Loom's session rules.

Flask-Security changes the password and the user's ``fs_uniquifier`` (which ends cookie sessions
and outstanding reset links). Loom's API runs on access and refresh tokens, which that does not
touch, so after a change or a reset this module also

- rotates ``fs_token_uniquifier``: every access token issued before stops working, and so does
  every refresh token (they name the user by it);
- revokes the refresh trackers: the sessions' list shows them ended.

After a change Flask-Security hands the caller a new access token and refresh cookie at once; that
new refresh tracker continues the caller's session (its name, start and 36-hour deadline), so the
caller goes on and every other session ends. A reset ends every session and signs nobody in.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g, has_request_context
from flask_security import (
    ChangePasswordForm,
    LoginForm,
    ResetPasswordForm,
    hash_password,
    password_changed,
    password_reset,
    reset_password_instructions_sent,
)
from flask_security.utils import get_message
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from core import clock
from core.identity.models import is_superadmin
from runtime.auth.sessions import CONTINUED_SESSION, caller_tracker, end_every_session


class LoomLoginForm(LoginForm):
    """Sign-in whose account details survive the generic answers.

    With SECURITY_RETURN_GENERIC_RESPONSES Flask-Security replaces every error on the email and
    password fields by one generic message: right until the password is proven, since the
    field it lands on would tell whether the email exists. Once the password is right, what
    is wrong with the account (not confirmed yet) may be said; moved to the form level it
    escapes that replacement, and ``render_json`` puts it back on ``email`` for the webapp.
    """

    def validate(self, **kwargs: Any) -> bool:
        if super().validate(**kwargs):
            return True
        if self._admin_confirming_later():
            return True
        if self.user_authenticated:
            for field in (self.email, self.password):
                self.form_errors.extend(field.errors)
                field.errors = []
        return False

    def _admin_confirming_later(self) -> bool:
        """The super admin signs in before confirming the address: confirming it is one of the
        hardening steps the admin API walks them through (runtime.admin.access). Only when the
        password was right and confirmation is all that is missing (Flask-Security checks it last)."""
        if not (self.user_authenticated and self.requires_confirmation):
            return False
        if not is_superadmin(self.user):
            return False
        confirmation = get_message("CONFIRMATION_REQUIRED")[0]
        if self.email.errors != [confirmation] or self.password.errors:
            return False
        self.email.errors = []
        self.requires_confirmation = False
        return True


class LoomChangePasswordForm(ChangePasswordForm):
    """``{"password": current, "new_password": new}``: the webapp asks for the new one once."""

    new_password_confirm = None

    def validate(self, **kwargs: Any) -> bool:
        if super().validate(**kwargs):
            return True
        same = get_message("PASSWORD_IS_THE_SAME")[0]
        if same in self.password.errors:
            # About the new password, so said on that field.
            self.password.errors = [m for m in self.password.errors if m != same]
            self.new_password.errors = [*self.new_password.errors, same]
        return False


class LoomResetPasswordForm(ResetPasswordForm):
    """``{"password": new}`` sent to the link's /api/auth/reset/<token>."""

    password_confirm = None


FORMS: dict[str, Any] = {
    "login_form": LoomLoginForm,
    "change_password_form": LoomChangePasswordForm,
    "reset_password_form": LoomResetPasswordForm,
}


class _LoomClockSigner(TimestampSigner):
    """Stamps and checks reset links with Loom's clock, the one source of "now" (tests move it)."""

    def get_timestamp(self) -> int:
        return int(clock.now().timestamp())


def init_passwords(app: Flask) -> None:
    """Wire the session rules to Flask-Security's signals; call after ``security.init_app``."""
    security = app.extensions["security"]
    keys = [app.config["SECRET_KEY"], *(app.config.get("SECRET_KEY_FALLBACKS") or [])]
    security.reset_serializer = URLSafeTimedSerializer(
        keys, salt=app.config["SECURITY_RESET_SALT"], signer=_LoomClockSigner
    )
    password_changed.connect(_after_change, sender=app, weak=False)
    password_reset.connect(_after_reset, sender=app, weak=False)
    reset_password_instructions_sent.connect(_after_reset_mail, sender=app, weak=False)


def _after_change(app: Flask, user: Any, **_: Any) -> None:
    user.must_change_password = False
    own = caller_tracker(user) if has_request_context() else None
    if own is not None:
        g.setdefault(CONTINUED_SESSION, own)
    end_every_session(app, user)


def _after_reset(app: Flask, user: Any, **_: Any) -> None:
    user.must_change_password = False
    end_every_session(app, user)


def _after_reset_mail(app: Flask, **_: Any) -> None:
    # An unknown or unconfirmed email costs Flask-Security one password hash (its timing
    # guard); a real one costs the same here, so the answer's timing tells nothing.
    hash_password("not-a-password")
