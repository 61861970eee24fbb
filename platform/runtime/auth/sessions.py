"""/api/auth/sessions: the signed-in user's sessions (browsers and devices), and ending them.

A session is one Flask-Security-Too refresh tracker: made at sign-in, rotated by every refresh,
ended by sign-out, by a reused refresh token, by a password change (the others) or reset (all),
or here. Every access token names its session (its refresh family, core.identity.models), and
works only while that session does: ending a session ends its refresh and access tokens at once.
Signing out everywhere also changes the user's token uniquifier, so no token made before works.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from flask import Flask, after_this_request, current_app, g, has_request_context, request
from flask_login import user_logged_out
from flask_security import current_user, refresh_tracker_created
from flask_security.tokens import clear_refresh_token_cookie
from flask_smorest import Blueprint
from itsdangerous import BadSignature
from marshmallow import Schema, fields
from sqlalchemy import select

from core import clock, db
from core.errors import NotFound
from core.identity.models import NEW_TOKEN_SESSION, RefreshTracker, token_session
from core.web import BEARER, current_user_id, signed_in_any

log = logging.getLogger(__name__)
bp = Blueprint(
    "sessions", __name__, url_prefix="/api/auth", description="The signed-in user's sessions (browsers and devices)."
)

# Set by a password change (runtime.auth.passwords) to the caller's session, which the refresh
# tracker Flask-Security makes right after continues.
CONTINUED_SESSION = "loom_continued_session"


class SessionOut(Schema):
    id = fields.Integer(metadata={"description": "Give it to DELETE /api/auth/sessions/{id} to end the session."})
    name = fields.String(metadata={"description": 'Browser and system it signed in from, e.g. "Chrome on Linux".'})
    created_at = fields.String(metadata={"description": "Sign-in (ISO 8601, UTC)."})
    last_used_at = fields.String(metadata={"description": "Last sign-in or refresh (ISO 8601, UTC)."})
    expires_at = fields.String(metadata={"description": "When it ends at the latest: 36 hours after sign-in."})
    current = fields.Boolean(metadata={"description": "The session of this browser (its refresh cookie)."})


class SessionList(Schema):
    items = fields.List(
        fields.Nested(SessionOut),
        metadata={"description": "Sessions not ended and not expired, the most recently used first."},
    )


@bp.route("/sessions")
@bp.doc(security=BEARER)
@bp.response(200, SessionList)
@signed_in_any
def list_sessions() -> dict[str, Any]:
    """The sessions of the signed-in user."""
    current = _cookie_family()
    return {"items": [_session_out(t, current) for t in active_sessions(current_user_id())]}


@bp.route("/sessions/<int:session_id>", methods=["DELETE"])
@bp.doc(security=BEARER)
@bp.response(204)
@bp.alt_response(404, description="Not a session of the signed-in user, or ended already.")
@signed_in_any
def end_session(session_id: int) -> None:
    """End a session: its refresh token stops working. Ending this browser's own signs it out."""
    tracker = end_user_session(current_user_id(), session_id)
    if tracker.refresh_family == _cookie_family():
        after_this_request(clear_refresh_token_cookie)


@bp.route("/sessions", methods=["DELETE"])
@bp.doc(security=BEARER)
@bp.response(204)
@signed_in_any
def end_all_sessions() -> None:
    """Sign out everywhere: every session ends, and every access and refresh token of the
    signed-in user stops working, this one's too."""
    user_id = current_user_id()
    end_every_session(current_app._get_current_object(), current_user)  # type: ignore[attr-defined]
    db.session.flush()
    after_this_request(clear_refresh_token_cookie)
    log.info("signed out everywhere", extra={"user_id": user_id})


def end_every_session(app: Flask, user: Any) -> None:
    """New token uniquifier (every token made before stops working) and every session revoked."""
    datastore = app.extensions["security"].datastore
    datastore.set_token_uniquifier(user)
    for tracker in user.refresh_trackers:
        if tracker.revoked_at is None:
            datastore.revoke_refresh_tracker(tracker)


def active_sessions(user_id: int) -> list[RefreshTracker]:
    """The user's refresh trackers that can still refresh, the most recently used first."""
    now = clock.naive_utcnow()
    idle = current_app.config["SECURITY_REFRESH_TOKEN_MAX_IDLE"]
    query = (
        select(RefreshTracker)
        .where(
            RefreshTracker.user_id == user_id,
            RefreshTracker.revoked_at.is_(None),
            RefreshTracker.expires_at > now,
            RefreshTracker.last_used_at > now - idle,
        )
        .order_by(RefreshTracker.last_used_at.desc(), RefreshTracker.id.desc())
    )
    return list(db.session.scalars(query))


def end_user_session(user_id: int, session_id: int) -> RefreshTracker:
    """Revoke one of the user's active sessions; NotFound for anyone else's, or an ended one."""
    tracker = next((t for t in active_sessions(user_id) if t.id == session_id), None)
    if tracker is None:
        raise NotFound("There is no such session.")
    current_app.extensions["security"].datastore.revoke_refresh_tracker(tracker)
    db.session.flush()
    log.info("session ended", extra={"user_id": user_id, "session_id": session_id})
    return tracker


def caller_tracker(user: Any) -> RefreshTracker | None:
    """The user's refresh tracker named by the request's refresh cookie, if any."""
    family = _cookie_family()
    if family is None:
        return None
    return next((t for t in user.refresh_trackers if t.refresh_family == family), None)


def _cookie_family() -> str | None:
    """The refresh token family in the request's refresh cookie (Flask-Security signs it)."""
    token = request.cookies.get(current_app.config["SECURITY_REFRESH_TOKEN_COOKIE_NAME"])
    if not token:
        return None
    try:
        data = current_app.extensions["security"].refresh_token_serializer.loads(token)
    except (BadSignature, TypeError, ValueError):
        return None
    family = data.get("family") if isinstance(data, dict) else None
    return str(family) if family else None


def _stamp(value: datetime) -> str:
    return f"{value.isoformat()}Z"


def _session_out(tracker: RefreshTracker, current: str | None) -> dict[str, Any]:
    return {
        "id": tracker.id,
        "name": tracker.name,
        "created_at": _stamp(tracker.create_datetime),
        "last_used_at": _stamp(tracker.last_used_at),
        "expires_at": _stamp(tracker.expires_at),
        "current": tracker.refresh_family == current,
    }


def init_sessions(app: Flask) -> None:
    """Name each new session after its browser (Flask-Security calls every one "default"); keep
    a refreshed access token in its session; end the token's session at sign-out."""
    refresh_tracker_created.connect(_on_tracker_created, sender=app, weak=False)
    user_logged_out.connect(_on_signed_out, sender=app, weak=False)
    app.before_request(_refresh_keeps_session)


def _refresh_keeps_session() -> None:
    """The access token a refresh hands out belongs to the session being refreshed."""
    if request.endpoint == "security.refresh_token":
        family = _cookie_family()
        if family:
            setattr(g, NEW_TOKEN_SESSION, family)


def _on_signed_out(app: Flask, user: Any, **_: Any) -> None:
    """Sign-out ends the session of the access token used for it (Flask-Security ends the one
    of the refresh cookie, when the request carries it)."""
    family = token_session()
    if family is None or user is None:
        return
    tracker = next((t for t in user.refresh_trackers if t.refresh_family == family), None)
    if tracker is not None and tracker.revoked_at is None:
        app.extensions["security"].datastore.revoke_refresh_tracker(tracker)
        db.session.flush()


def _on_tracker_created(app: Flask, user: Any, refresh_tracker: RefreshTracker, **_: Any) -> None:
    if not has_request_context():
        return
    continued: RefreshTracker | None = g.pop(CONTINUED_SESSION, None)
    if continued is not None:
        refresh_tracker.name = continued.name
        refresh_tracker.create_datetime = continued.create_datetime
        refresh_tracker.expires_at = min(refresh_tracker.expires_at, continued.expires_at)
        return
    refresh_tracker.name = describe_device(request.headers.get("User-Agent", ""))
    refresh_tracker.create_datetime = clock.naive_utcnow()


# Checked in order: Edge and Opera also say "Chrome", Chrome also says "Safari", Android
# also says "Linux" and iOS also says "Mac OS X".
_BROWSERS = (
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Windows", "Windows"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)


def describe_device(user_agent: str) -> str:
    """ "Chrome on Linux" from a User-Agent header; the header itself (trimmed) when unknown."""
    agent = " ".join(user_agent.split())
    browser = next((name for token, name in _BROWSERS if token in agent), None)
    system = next((name for token, name in _SYSTEMS if token in agent), None)
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or agent[:64] or "Unknown device"
