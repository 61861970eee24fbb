"""Flask-Security-Too set up for a JSON-only single-page app.

Flask-Security-Too owns registration, confirmation, sign-in, password change and reset, access
tokens and rotating refresh tokens (a reused refresh token revokes its family). This module
adapts it to Loom: its JSON answers become flat bodies and problem+json errors, and its mail goes
to the outbox. Passwords (runtime/auth/passwords.py), sessions (sessions.py) and rate limits
(limits.py) add Loom's rules around it.
"""

from __future__ import annotations

import base64
import io
from datetime import timedelta
from typing import Any

import qrcode
import qrcode.image.svg
from flask import (
    Flask,
    Request,
    Response,
    current_app,
    g,
    has_request_context,
    jsonify,
    make_response,
    request,
    session,
)
from flask_security import MailUtil, Security, SQLAlchemySessionUserDatastore, user_registered
from flask_security.core import _request_loader
from flask_security.tokens import response_tokens
from werkzeug.datastructures import Headers, ImmutableMultiDict

from core import clock, db
from core.config import RESET_LINK_EXPIRED, WRONG_CREDENTIALS
from core.errors import problem_response
from core.identity import auth_changes  # noqa: F401 - its listeners move the auth cache's generations
from core.identity.models import NEW_TOKEN_SESSION, RefreshTracker, Role, User
from core.mail.operations import queue_email
from runtime.auth.code_use import CODE_USED, take_code_used
from runtime.auth.passwords import FORMS, init_passwords
from runtime.auth.sessions import init_sessions
from runtime.auth.token_cache import token_user
from runtime.auth.two_factor import LoomRecoveryCodes, LoomTotp, init_two_factor, take_new_recovery_codes
from runtime.mail.language import address_language, recipient_language, request_language
from runtime.mail.render import has_email, send_email

WRONG_CURRENT_PASSWORD = "Your current password is not right."  # noqa: S105 - a message, not a password


class OutboxMailUtil(MailUtil):
    """Flask-Security-Too's emails go to the outbox, in the request's transaction, written from
    Loom's catalog (runtime/mail/texts.py) in the user's language; Flask-Security's own text is
    kept only for an email the catalog does not have."""

    def send_mail(
        self,
        template: str,
        subject: str,
        recipient: str | tuple[str, str],
        sender: str | tuple[str, str],
        body: str | None,
        html: str | None,
        **kwargs: Any,
    ) -> None:
        address = recipient if isinstance(recipient, str) else recipient[1]
        name = template.rsplit("/", 1)[-1]
        if has_email(name):
            user = kwargs.get("user")
            asked = request_language()
            if isinstance(user, User):
                language = recipient_language(db.session(), user, fallback=asked)
            else:
                language = address_language(db.session(), address, fallback=asked)
            send_email(address, language, name, **kwargs)
            return
        queue_email(
            db.session(),
            recipient=address,
            sender=sender if isinstance(sender, str) else f"{sender[0]} <{sender[1]}>",
            subject=str(subject),
            text_body=body or "",
            html_body=html,
            template=name,
        )


security = Security(
    mail_util_cls=OutboxMailUtil, totp_cls=LoomTotp, mf_recovery_codes_util_cls=LoomRecoveryCodes, **FORMS
)


def _field_errors(payload: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field, messages in (payload.get("field_errors") or {}).items():
        key = "_schema" if field in (None, "null", "") else str(field)
        errors[key] = [str(m) for m in messages]
    return errors


def _problem(payload: dict[str, Any], code: int) -> Response:
    field_errors = _field_errors(payload)
    extra: dict[str, str] = {}
    if field_errors.get("password") == [WRONG_CREDENTIALS] and request.endpoint != "security.login":
        # /change and /verify check the signed-in user's current password.
        field_errors["password"] = [WRONG_CURRENT_PASSWORD]
        payload = {"errors": [WRONG_CURRENT_PASSWORD]}
    elif any(WRONG_CREDENTIALS in messages for messages in field_errors.values()):
        # Not attached to a field: which field it would be on tells whether the email exists.
        field_errors = {}
        payload = {"errors": [WRONG_CREDENTIALS]}
    elif request.endpoint == "security.login" and "_schema" in field_errors:
        # Said only after the right password (passwords.LoomLoginForm): about the account.
        field_errors = {"email": field_errors.pop("_schema"), **field_errors}
    elif request.endpoint == "security.reset_password":
        link = field_errors.pop("_schema", [])
        if link:
            # The webapp offers to send a new link; "reason" lets it say why in its language.
            field_errors["token"] = link
            extra["reason"] = "link_expired" if RESET_LINK_EXPIRED in link else "link_invalid"
            payload = {"errors": link}
    elif "code" in field_errors and take_code_used():
        # The right code, used once already: the next one from the app will do.
        field_errors["code"] = [CODE_USED]
        extra["reason"] = "code_used"
        payload = {"errors": [CODE_USED]}
    messages = [str(m) for m in payload.get("errors") or []]
    detail = messages[0] if messages else None
    if request.endpoint == "security.refresh_token" and code == 400:
        # No valid refresh cookie (missing, expired, revoked, reused): the session has ended.
        return problem_response(401, "Sign-in required", "Your session has ended; sign in again.")
    if code == 400:
        status, title = 422, "Invalid input"
    elif code == 401:
        status, title = 401, "Sign-in required"
    else:
        status, title = code, "Request refused"
    return problem_response(status, title, detail, field_errors or None, **extra)


def render_json(payload: dict[str, Any], code: int, headers: dict[str, str] | None, user: Any) -> Response:
    """Flat success bodies with the access token lifted out; problem+json for errors."""
    if code >= 400:
        response = _problem(payload, code)
    else:
        if request.endpoint == "security.mf_recovery" and user is not None and "user" in payload:
            # Flask-Security signs the user in but hands out no token here: a recovery code
            # stands in for the authenticator's code, so it gets what /tf-validate gives.
            response_tokens(user, payload)
        body = {k: v for k, v in payload.items() if k != "csrf_token"}
        if request.endpoint == "security.register":
            # A new account and an email that has one already answer alike: no user here.
            body.pop("user", None)
        codes = take_new_recovery_codes()
        if codes:
            # Two-step sign-in was just turned on: its recovery codes, shown this once.
            body["recovery_codes"] = codes
        if "tf_authr_uri" in body:
            # Flask-Security draws the QR code for its own pages only; the webapp shows this one.
            body["tf_authr_qrcode"] = _qr_data_url(str(body["tf_authr_uri"]))
        user_part = dict(body.get("user") or {})
        token = user_part.pop("authentication_token", None)
        if user_part:
            body["user"] = user_part
        if token:
            max_age: timedelta = current_app.config["SECURITY_TOKEN_MAX_AGE"]
            body["access_token"] = token
            body["access_expires_at"] = (clock.now() + max_age).isoformat()
            refresh_age: timedelta = current_app.config["SECURITY_REFRESH_TOKEN_MAX_AGE"]
            tracker = _latest_tracker(user)
            expires = tracker.expires_at if tracker else clock.naive_utcnow() + refresh_age
            body["refresh_expires_at"] = expires.isoformat() + "Z"
        response = make_response(jsonify(body), code)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _qr_data_url(text: str) -> str:
    """An SVG QR code of ``text``, as a data URL for an <img>."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage)
    with io.BytesIO() as buffer:
        image.save(buffer)
        return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _latest_tracker(user: Any) -> RefreshTracker | None:
    trackers = [t for t in getattr(user, "refresh_trackers", []) or [] if t.revoked_at is None]
    return max(trackers, key=lambda t: t.last_used_at, default=None)


class LoomUserDatastore(SQLAlchemySessionUserDatastore):
    """Names a new session (refresh token family) as the access token minted with it says."""

    def create_refresh_tracker(self, user: Any, name: str, expires_at: Any, **kwargs: Any) -> Any:
        tracker = super().create_refresh_tracker(user, name, expires_at, **kwargs)
        family = g.pop(NEW_TOKEN_SESSION, None) if has_request_context() else None
        if family:
            tracker.refresh_family = family
        return tracker


class _HeaderOnly:
    """What Flask-Security's token check may see of a request: its headers, no query or body.

    It would also take the token from ``?auth_token=`` or a JSON body's ``auth_token``, where
    it ends up in access logs and browser history; Loom accepts ``Authorization: Bearer`` only.
    """

    args: ImmutableMultiDict[str, str] = ImmutableMultiDict()
    is_json = False

    def __init__(self, headers: Headers) -> None:
        self.headers = headers


def _token_from_header_only(req: Request) -> Any:
    """Flask-Security's token check on the header alone, remembered per token for a few seconds
    (``runtime.auth.token_cache``)."""
    header = current_app.config["SECURITY_TOKEN_AUTHENTICATION_HEADER"]
    return token_user(req.headers.get(header), lambda: _request_loader(_HeaderOnly(req.headers)))  # type: ignore[no-untyped-call]


def _unauthenticated(mechanisms: list[str] | None = None, headers: dict[str, str] | None = None) -> Response:
    return problem_response(401, "Sign-in required", "Sign in to continue; your session may have expired.")


def _unauthorized(func: str, params: list[str] | None = None) -> Response:
    return problem_response(403, "Forbidden", "You are not allowed to do this.")


def _remember_signup_language(app: Flask, user: Any, **_: Any) -> None:
    """The browser's language at sign-up: the guess for emails until the person chooses one."""
    user.signup_language = request_language()


def init_security(app: Flask) -> Security:
    """Attach Flask-Security-Too to ``app`` with Loom's models and adapters."""
    datastore = LoomUserDatastore(db.session, User, Role, refresh_tracker_model=RefreshTracker)
    security.init_app(app, datastore)
    security.login_manager.request_loader(_token_from_header_only)
    security.datetime_factory = clock.naive_utcnow
    init_passwords(app)
    init_sessions(app)
    init_two_factor(app)
    user_registered.connect(_remember_signup_language, sender=app, weak=False)
    security.render_json(render_json)
    security.unauthn_handler(_unauthenticated)
    security.unauthz_handler(_unauthorized)

    app.wsgi_app = BearerToken(app.wsgi_app)  # type: ignore[method-assign]

    @app.after_request
    def _no_cookie_sign_in(response: Response) -> Response:
        # Loom authenticates API calls by access token only. Flask-Login still records a
        # sign-in in the cookie session; drop it so the cookie never acts as a credential
        # (the session keeps only the short-lived state of multi-step flows such as 2FA).
        for key in _LOGIN_SESSION_KEYS:
            session.pop(key, None)
        return response

    return security


class BearerToken:
    """WSGI middleware: accept ``Authorization: Bearer <token>`` (the standard scheme).

    Flask-Security-Too reads the raw token from the configured header, so the scheme is
    removed before anything in the app looks at the request.
    """

    def __init__(self, wsgi_app: Any) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        value = environ.get("HTTP_AUTHORIZATION", "")
        if value[:7].lower() == "bearer ":
            environ["HTTP_AUTHORIZATION"] = value[7:].strip()
        return self.wsgi_app(environ, start_response)


_LOGIN_SESSION_KEYS = ("_user_id", "_fresh", "_id", "fs_cc", "fs_paa", "fs_gexp", "_remember", "_remember_seconds")
