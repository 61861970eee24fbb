"""/api/account: the signed-in user's own account (its settings, and deleting it for good)."""

from __future__ import annotations

from typing import Any

from flask import after_this_request
from flask_security.tokens import clear_refresh_token_cookie
from flask_smorest import Blueprint as ApiBlueprint

from core import db
from core.identity.models import User
from core.web import BEARER, current_user_id, signed_in_any, signed_in_person
from runtime.account import operations
from runtime.account.schemas import AccountOut, AccountPatch, DeleteAccountIn, DeletionStarted

bp = ApiBlueprint("account", __name__, url_prefix="/api/account", description="The signed-in user's own account.")


def _me() -> User:
    user = db.session.get(User, current_user_id())
    assert user is not None  # the access token named it
    return user


@bp.route("", methods=["GET"])
@bp.doc(security=BEARER)
@bp.response(200, AccountOut)
@signed_in_person
def get_account() -> User:
    """My account's settings: my language and which emails I get."""
    return _me()


@bp.route("", methods=["PATCH"])
@bp.doc(security=BEARER)
@bp.arguments(AccountPatch)
@bp.response(200, AccountOut)
@signed_in_person
def update_account(body: dict[str, Any]) -> User:
    """Change my account's settings: my ``language`` (null: no choice) and the email when a task waits
    for me (``notify_tasks``)."""
    user = _me()
    operations.update_settings(db.session(), user, body)
    return user


@bp.route("/delete", methods=["POST"])
@bp.doc(security=BEARER)
@bp.arguments(DeleteAccountIn)
@bp.response(202, DeletionStarted)
@bp.alt_response(422, description="The password, the code or the typed email is missing or wrong (per field).")
@bp.alt_response(403, description="The super admin's account cannot be deleted.")
@signed_in_any
def delete_account(body: dict[str, Any]) -> dict[str, Any]:
    """Delete my account and everything that is only mine, for good.

    Needs the password (when the account has one) and the authenticator's code (when two-factor
    sign-in is on); an account with neither types its email as ``confirm_email``. The account is
    closed at once: every token stops working and signing in answers like for an unknown email.
    Workspaces where I am the only owner are deleted with all they hold; in the others my
    membership goes and my name leaves their records. A background job does it; an email confirms
    it when it is done. Works for a user past the two-factor deadline too.
    """
    session = db.session()
    user = session.get(User, current_user_id())
    assert user is not None  # the access token named it
    job = operations.delete_account(session, user, body)
    after_this_request(clear_refresh_token_cookie)
    return {"job_id": job.id}
