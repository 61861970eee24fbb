"""Two-step sign-in rules on top of Flask-Security-Too's authenticator views.

- An authenticator code works once (``LoomTotp``): the time step of the last code accepted is
  stored on the user by a conditional update, so two requests racing with one code cannot both win.
  A code refused for being used already is told apart from a wrong one (``take_code_used``), so
  the person is told to wait for the next code instead of thinking they typed it wrong.
- Changing it needs proof in the request (runtime.auth.reauth): turning it off, moving it to a
  new phone, making new recovery codes. Flask-Security's own "freshness" check is off (config):
  every access token it mints, refreshes included, claims a fresh sign-in.
- Recovery codes are shown once: made when two-step sign-in is turned on (in that answer) or on
  request, never read back; turning it off throws them away. Using one locks the user's row, so
  one code cannot sign in twice at once either.
- Every change is emailed to the account: on, off, new codes, a recovery code used.
"""

from __future__ import annotations

from typing import Any, cast

from flask import Flask, g, request
from flask_security import MfRecoveryCodesUtil, Totp, current_user, tf_disabled, tf_profile_changed
from passlib.totp import TokenError, UsedTokenError
from sqlalchemy import CursorResult, or_, update
from sqlalchemy.orm.attributes import set_committed_value

from core import db
from core.errors import Forbidden
from core.identity.models import User, two_factor_optional
from runtime.auth.code_use import note_code_used
from runtime.auth.reauth import check_reauthentication
from runtime.mail.language import recipient_language
from runtime.mail.render import send_email

CODES_SHOWN_ONCE = "Recovery codes are shown once, when they are made; make new ones if you lost them."
REQUIRED_NOW = "Two-step sign-in is required for your account now; move it to a new phone instead of turning it off."
# Set while two-step sign-in is being turned on: the codes made then go into that answer.
_NEW_CODES = "loom_new_recovery_codes"


class LoomTotp(Totp):
    """Flask-Security's TOTP with replay protection: a code is accepted once."""

    def verify_totp(self, token: str, totp_secret: str, user: Any, window: int = 0) -> bool:
        try:
            match = self._totp.verify(token, totp_secret, window=window, last_counter=user.tf_last_counter)
        except UsedTokenError:
            note_code_used()
            return False
        except TokenError:
            return False
        # Only moves forward, and only once per step: a second request with the same code
        # waits for this row and then matches nothing.
        claimed = cast(
            CursorResult[Any],
            db.session().execute(
                update(User)
                .where(User.id == user.id, or_(User.tf_last_counter.is_(None), User.tf_last_counter < match.counter))
                .values(tf_last_counter=match.counter)
                .execution_options(synchronize_session=False)
            ),
        )
        if claimed.rowcount != 1:
            note_code_used()  # another request took this step (or a later one) first
            return False
        set_committed_value(user, "tf_last_counter", match.counter)
        return True


class LoomRecoveryCodes(MfRecoveryCodesUtil):
    """Recovery codes that announce themselves by email and cannot be used twice at once."""

    def create_recovery_codes(self, user: Any) -> list[str]:
        codes = super().create_recovery_codes(user)
        if _NEW_CODES not in g:  # when turning two-step sign-in on, that email says it
            send_email(user.email, recipient_language(db.session(), user), "recovery_codes", user=user)
        return codes

    def check_recovery_code(self, user: Any, code: str) -> bool:
        # Wait for any other request using a code of this user, then read the codes it left.
        db.session().refresh(user, attribute_names=["mf_recovery_codes"], with_for_update=True)
        return super().check_recovery_code(user, code)

    def delete_recovery_code(self, user: Any, code: str) -> bool:
        deleted = super().delete_recovery_code(user, code)
        left = len(user.mf_recovery_codes or [])
        send_email(user.email, recipient_language(db.session(), user), "recovery_code_used", user=user, codes_left=left)
        return deleted


def take_new_recovery_codes() -> list[str] | None:
    """The codes made while this request turned two-step sign-in on, for its answer."""
    codes: list[str] | None = g.pop(_NEW_CODES, None)
    return codes


def init_two_factor(app: Flask) -> None:
    """Wire the rules above to Flask-Security's views; call after ``security.init_app``."""
    tf_profile_changed.connect(_turned_on, sender=app, weak=False)
    tf_disabled.connect(_turned_off, sender=app, weak=False)
    app.before_request(_require_proof)


def _turned_on(app: Flask, user: Any, **_: Any) -> None:
    """Set up, or moved to a new phone: say so; the first time, hand out the recovery codes."""
    send_email(user.email, recipient_language(db.session(), user), "two_factor_on", user=user)
    if not user.mf_recovery_codes:
        setattr(g, _NEW_CODES, [])  # marks the turning on: no separate "new codes" email
        setattr(g, _NEW_CODES, app.extensions["security"].mf_recovery_codes_util.create_recovery_codes(user))


def _turned_off(app: Flask, user: Any, **_: Any) -> None:
    app.extensions["security"].datastore.mf_set_recovery_codes(user, None)
    send_email(user.email, recipient_language(db.session(), user), "two_factor_off", user=user)


def _require_proof() -> None:
    """Before Flask-Security's views that change two-step sign-in: the caller proves who they are."""
    endpoint = request.endpoint
    if endpoint == "security.mf_recovery_codes" and request.method == "GET":
        raise Forbidden(CODES_SHOWN_ONCE)
    if request.method != "POST" or not current_user.is_authenticated:
        return  # Flask-Security answers the rest (an anonymous caller gets 401)
    body = request.get_json(silent=True) or {}
    if endpoint == "security.mf_recovery_codes":
        check_reauthentication(current_user, body)
    elif endpoint == "security.two_factor_setup" and current_user.tf_primary_method:
        # Turning it off or moving it; setting it up the first time needs no more than sign-in.
        if body.get("setup") == "disable" and not two_factor_optional(current_user):
            raise Forbidden(REQUIRED_NOW)
        check_reauthentication(current_user, body)
