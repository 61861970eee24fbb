"""/api/auth/social: sign in, sign up and link with Google and Facebook; linked accounts.

The webapp asks ``POST /<provider>/start`` for the provider's sign-in URL and sends the browser
there; the provider sends it back to ``GET /<provider>/callback``, which always answers with a
redirect to the webapp (LOOM_BASE_URL), saying what happened in the query string. The flow's
state (CSRF ``state``, PKCE verifier, intent, the linking user, where to land) waits in the
Flask session cookie, which is SameSite=Lax so the provider's redirect back carries it.

Signing in ends as a password sign-in does: with two-factor on, the session holds the same
state Flask-Security's tf_enter leaves and the webapp asks for the code (/api/auth/tf-validate
or /mf-recovery); without, a refresh token in the ``loom_refresh`` cookie, which the webapp
turns into an access token with /api/auth/refresh. The callback itself hands out no access
token: it would have to travel in a URL.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any
from urllib.parse import urlencode

from flask import Response, current_app, session
from flask_security import current_user, login_user
from flask_security.tf_plugin import tf_clean_session
from flask_security.tokens import new_refresh_tracker, set_refresh_token_cookie
from flask_smorest import Blueprint

from core import clock, db
from core.errors import NotFound
from core.identity.models import User
from core.social_providers import SocialProvider
from core.web import BEARER, current_user_id, signed_in
from runtime.auth.social.client import Profile, ProviderError, authorization_url, fetch_profile
from runtime.auth.social.operations import (
    SignInRefused,
    identities_of,
    link_identity,
    unlink_identity,
    user_for_sign_in,
)
from runtime.auth.social.schemas import LinkedAccounts, SocialCallbackArgs, SocialStartIn, SocialStartOut
from runtime.mail.language import request_language

log = logging.getLogger(__name__)
bp = Blueprint(
    "social",
    __name__,
    url_prefix="/api/auth/social",
    description="Sign in, sign up and link accounts with Google and Facebook.",
)

PENDING = "loom_social"  # session key of the sign-in under way at a provider
PENDING_SECONDS = 15 * 60  # how long the person may take at the provider


def enabled_providers() -> dict[str, SocialProvider]:
    providers: dict[str, SocialProvider] = current_app.config["LOOM"].social_providers
    return providers


def callback_url(provider: str) -> str:
    """The redirect URI to register at the provider."""
    return f"{current_app.config['LOOM'].base_url}/api/auth/social/{provider}/callback"


def safe_next(value: Any) -> str | None:
    """A path on the webapp's own site, or None: never a redirect to someone else's."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//") or len(value) > 512:
        return None
    if "\\" in value or any(ord(c) < 0x21 or ord(c) == 0x7F for c in value):
        return None  # browsers read "/\\host" as "//host"; no spaces or control characters
    return value


@bp.route("/<provider>/start", methods=["POST"])
@bp.arguments(SocialStartIn)
@bp.response(200, SocialStartOut)
@bp.alt_response(401, description="intent link without a valid access token.")
@bp.alt_response(403, description="intent link by a user who must set up two-factor sign-in first.")
@bp.alt_response(404, description="No such provider, or it is not enabled (see /api/meta).")
@bp.doc(security=[{}, *BEARER])
def start(args: dict[str, Any], provider: str) -> Any:
    """Start signing in (or linking) with a provider: where to send the browser."""
    settings = enabled_providers().get(provider)
    if settings is None:
        raise NotFound("There is no such sign-in provider.")
    owner = None
    if args["intent"] == "link":
        owner = signed_in(current_user_id)()
        if isinstance(owner, Response):
            return owner  # Flask-Security's 401
    url, state, verifier = authorization_url(settings, callback_url(provider))
    session[PENDING] = {
        "provider": provider,
        "state": state,
        "verifier": verifier,
        "intent": args["intent"],
        "user_id": owner,
        "next": safe_next(args.get("next")),
        "at": int(clock.now().timestamp()),
    }
    return {"authorize_url": url}


@bp.route("/<provider>/callback")
@bp.arguments(SocialCallbackArgs, location="query")
@bp.doc(
    responses={
        "302": {
            "description": (
                "To the webapp. Signed in: `next` or `/` (refresh cookie set); two-factor: "
                "`/signin?step=two-factor`; linked: `/account?linked=<provider>`; refused: "
                "`/signin` or `/account` with `social_error` (cancelled, failed, no_email, "
                "email_exists, disabled, taken, already_linked) and `provider`."
            )
        }
    }
)
def callback(args: dict[str, Any], provider: str) -> Response:
    """Where the provider sends the browser back. Register this URL at the provider."""
    pending = session.pop(PENDING, None)
    pending = pending if isinstance(pending, dict) else {}
    page = "/account" if pending.get("intent") == "link" else "/signin"
    settings = enabled_providers().get(provider)
    if settings is None:
        return _to(page, social_error="failed")
    if not _state_matches(pending, provider, args.get("state")):
        log.warning("%s sign-in refused: state missing, expired or not this browser's", provider)
        return _to(page, social_error="failed", provider=provider)
    if args.get("error") or not args.get("code"):
        error = str(args.get("error") or "no code")[:64]
        log.info("%s sign-in ended at the provider: %s", provider, error)
        reason = "cancelled" if error == "access_denied" else "failed"
        return _to(page, social_error=reason, provider=provider)
    try:
        profile = fetch_profile(settings, callback_url(provider), args["code"], str(pending.get("verifier")))
    except ProviderError as exc:
        log.warning("%s sign-in failed: %s", provider, exc)
        return _to(page, social_error="failed", provider=provider)
    if pending.get("intent") == "link":
        return _finish_link(provider, profile, pending.get("user_id"))
    return _finish_sign_in(provider, profile, safe_next(pending.get("next")))


@bp.route("")
@bp.doc(security=BEARER)
@bp.response(200, LinkedAccounts)
@signed_in
def linked() -> dict[str, Any]:
    """The signed-in user's Google and Facebook accounts."""
    items = [
        {"provider": i.provider, "email": i.email, "created_at": i.created_at} for i in identities_of(current_user_id())
    ]
    return {"items": items, "has_password": current_user.password is not None}


@bp.route("/<provider>", methods=["DELETE"])
@bp.doc(security=BEARER)
@bp.response(204)
@bp.alt_response(404, description="No account of this provider is linked.")
@bp.alt_response(409, description="It is the only way in: no password and no other linked account.")
@signed_in
def unlink(provider: str) -> None:
    """Unlink the user's account of a provider (never the last way into the Loom account)."""
    unlink_identity(current_user_id(), provider)


def _state_matches(pending: dict[str, Any], provider: str, state: Any) -> bool:
    expected = pending.get("state")
    if pending.get("provider") != provider or not isinstance(expected, str) or not isinstance(state, str):
        return False
    if clock.now().timestamp() - float(pending.get("at") or 0) > PENDING_SECONDS:
        return False
    return hmac.compare_digest(expected.encode(), state.encode())


def _finish_link(provider: str, profile: Profile, user_id: Any) -> Response:
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active:
        return _to("/account", social_error="failed", provider=provider)
    outcome = link_identity(user, provider, profile)
    if outcome == "linked":
        return _to("/account", linked=provider)
    log.info("%s account not linked: %s", provider, outcome, extra={"user_id": user.id})
    return _to("/account", social_error=outcome, provider=provider)


def _finish_sign_in(provider: str, profile: Profile, next_path: str | None) -> Response:
    language = request_language()
    try:
        user = user_for_sign_in(provider, profile, language)
    except SignInRefused as refused:
        log.info("%s sign-in refused: %s", provider, refused.reason)
        return _to("/signin", social_error=refused.reason, provider=provider)
    tf_clean_session()  # type: ignore[no-untyped-call]
    if user.tf_primary_method:
        # As Flask-Security's tf_enter and tf_login leave a password sign-in: the second factor next.
        session["tf_user_id"] = user.fs_uniquifier
        session["tf_state"] = "ready"
        return _to("/signin", step="two-factor", next=next_path)
    login_user(user, authn_via=["oauth"])  # sign-in tracking; the cookie session is dropped after
    datastore = current_app.extensions["security"].datastore
    if not user.fs_token_uniquifier:
        datastore.set_token_uniquifier(user)
    _tracker, refresh_token = new_refresh_tracker(user, name="default")
    log.info("signed in with %s", provider, extra={"user_id": user.id, "provider": provider})
    return set_refresh_token_cookie(_to(next_path or "/"), refresh_token)


def _to(path: str, **params: str | None) -> Response:
    """A redirect to the webapp; nothing in between may keep it (it may carry the refresh cookie)."""
    query = urlencode({key: value for key, value in params.items() if value})
    location = f"{current_app.config['LOOM'].base_url}{path}{'?' + query if query else ''}"
    return Response(status=302, headers={"Location": location, "Cache-Control": "no-store"})
