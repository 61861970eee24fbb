"""The Flask, Flask-Security and flask-smorest configuration that the settings make."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from core.settings.server import derived_key

if TYPE_CHECKING:
    from core.config import Settings

WRONG_CREDENTIALS = "The email or password is not right."
RESET_LINK_EXPIRED = "This link has expired. Ask for a new one."
RESET_LINK_INVALID = "This link does not work: it was used already or is incomplete. Ask for a new one."


def flask_config(settings: Settings) -> dict[str, Any]:
    """Flask's configuration keys, derived from ``settings``."""
    secure_cookies = settings.env == "production"
    return {
        "LOOM": settings,
        "ENV_NAME": settings.env,
        "DEBUG": settings.debug,
        "TESTING": settings.env == "testing",
        "SECRET_KEY": settings.secret_key,
        "MAX_CONTENT_LENGTH": settings.max_body_bytes,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "SESSION_COOKIE_NAME": "loom_session",
        # flask-smorest / OpenAPI
        "API_TITLE": "Loom API",
        "API_VERSION": "1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": "/api/docs/assets/",
        # Flask-Security-Too: SPA mode, JSON only, token authentication
        "SECURITY_URL_PREFIX": "/api/auth",
        "SECURITY_PASSWORD_SALT": settings.password_salt,
        "SECURITY_PASSWORD_HASH": "argon2",
        "SECURITY_PASSWORD_LENGTH_MIN": 12,
        "SECURITY_PASSWORD_COMPLEXITY_CHECKER": "zxcvbn",
        "SECURITY_ZXCVBN_MINIMUM_SCORE": 3,
        "SECURITY_PASSWORD_CHECK_BREACHED": False,
        # The digest of the email (or password hash) inside the signed confirmation and reset
        # links. Flask-Security's default, sha256_crypt, costs a quarter of a second in pure
        # Python and only on the paths with an account, which the timing would tell; the
        # signature is what protects a link. Old links keep verifying (sha256_crypt stays).
        "SECURITY_HASHING_SCHEMES": ["hex_sha256", "sha256_crypt"],
        "SECURITY_DEPRECATED_HASHING_SCHEMES": ["auto"],
        "SECURITY_REGISTERABLE": True,
        "SECURITY_CONFIRMABLE": True,
        "SECURITY_SEND_REGISTER_EMAIL": True,
        "SECURITY_CONFIRM_EMAIL_WITHIN": timedelta(days=3),
        "SECURITY_TRACKABLE": True,
        "SECURITY_CHANGEABLE": True,
        "SECURITY_RECOVERABLE": True,
        # A reset link works once (the password it sets changes the user's uniquifier, which
        # the link names) and for LOOM_RESET_LINK_MINUTES. Nobody is signed in by a reset.
        "SECURITY_RESET_PASSWORD_WITHIN": timedelta(minutes=settings.reset_link_minutes),
        "SECURITY_AUTO_LOGIN_AFTER_RESET": False,
        "SECURITY_SEND_PASSWORD_CHANGE_EMAIL": True,
        "SECURITY_SEND_PASSWORD_RESET_EMAIL": True,
        "SECURITY_SEND_PASSWORD_RESET_NOTICE_EMAIL": True,
        "SECURITY_EMAIL_SUBJECT_PASSWORD_RESET": "Reset your Loom password",
        "SECURITY_EMAIL_SUBJECT_PASSWORD_NOTICE": "Your Loom password was reset",
        "SECURITY_EMAIL_SUBJECT_PASSWORD_CHANGE_NOTICE": "Your Loom password was changed",
        "SECURITY_MSG_PASSWORD_RESET_EXPIRED": (RESET_LINK_EXPIRED, "error"),
        "SECURITY_MSG_INVALID_RESET_PASSWORD_TOKEN": (RESET_LINK_INVALID, "error"),
        "SECURITY_EMAIL_SENDER": settings.mail_from,
        "SECURITY_EMAIL_SUBJECT_REGISTER": "Confirm your email for Loom",
        "SECURITY_EMAIL_SUBJECT_CONFIRM": "Your new Loom confirmation link",
        "SECURITY_REDIRECT_BEHAVIOR": "spa",
        "SECURITY_REDIRECT_HOST": None,
        "SECURITY_POST_CONFIRM_VIEW": f"{settings.base_url}/signin?confirmed=1",
        "SECURITY_CONFIRM_ERROR_VIEW": f"{settings.base_url}/signin?confirm_error=1",
        "SECURITY_RESET_VIEW": f"{settings.base_url}/reset-password",
        "SECURITY_RESET_ERROR_VIEW": f"{settings.base_url}/forgot-password?reset_error=1",
        "SECURITY_API_ENABLED_METHODS": ["token"],
        "SECURITY_DEFAULT_HTTP_AUTH_REALM": "Loom",
        # The only place a token is read from: Flask-Security would also take ?auth_token= and a
        # JSON body's auth_token; runtime/auth/security.py shows its check the headers only.
        "SECURITY_TOKEN_AUTHENTICATION_HEADER": "Authorization",
        "SECURITY_TOKEN_MAX_AGE": timedelta(minutes=settings.access_token_minutes),
        "SECURITY_REFRESH_TOKEN": True,
        "SECURITY_REFRESH_TOKEN_URL": "/refresh",
        "SECURITY_REFRESH_TOKEN_MAX_AGE": timedelta(hours=settings.refresh_token_hours),
        "SECURITY_REFRESH_TOKEN_MAX_IDLE": timedelta(hours=settings.refresh_token_hours),
        "SECURITY_REFRESH_TOKEN_COOKIE_NAME": "loom_refresh",
        # Ended sessions keep their row: access tokens name their session and stop working
        # while it says revoked (core.identity.models.session_is_live).
        "SECURITY_REFRESH_TOKEN_CLEANUP_REVOKED": False,
        "SECURITY_REFRESH_TOKEN_COOKIE": {
            "samesite": "Strict",
            "httponly": True,
            "secure": secure_cookies,
            "path": "/api/auth",
        },
        "SECURITY_CSRF_IGNORE_UNAUTH_ENDPOINTS": True,
        "SECURITY_LOGOUT_CSRF": False,
        "WTF_CSRF_ENABLED": False,
        "SECURITY_FLASH_MESSAGES": False,
        # Register, reset, confirm and sign-in answer alike whether an email has an account
        # or not (an existing owner is emailed instead of told "taken").
        "SECURITY_RETURN_GENERIC_RESPONSES": True,
        "SECURITY_BACKWARDS_COMPAT_AUTH_TOKEN": True,
        # One message for an unknown email and a wrong password: sign-in never tells
        # whether an address has an account.
        "SECURITY_MSG_USER_DOES_NOT_EXIST": (WRONG_CREDENTIALS, "error"),
        "SECURITY_MSG_INVALID_PASSWORD": (WRONG_CREDENTIALS, "error"),
        "SECURITY_MSG_GENERIC_AUTHN_FAILED": (WRONG_CREDENTIALS, "error"),
        "SECURITY_EMAIL_VALIDATOR_ARGS": {"check_deliverability": False},
        "SECURITY_USE_REGISTER_V2": True,
        "SECURITY_PASSWORD_CONFIRM_REQUIRED": False,
        # Two-factor authentication: an authenticator app (TOTP), asked at every sign-in,
        # with recovery codes kept encrypted. Both keys derive from LOOM_SECRET_KEY.
        "SECURITY_TWO_FACTOR": True,
        "SECURITY_TWO_FACTOR_ENABLED_METHODS": ["authenticator"],
        "SECURITY_TWO_FACTOR_ALWAYS_VALIDATE": True,
        "SECURITY_TWO_FACTOR_RESCUE_EMAIL": False,
        "SECURITY_TOTP_ISSUER": "Loom",
        "SECURITY_TOTP_SECRETS": {"1": derived_key(settings.secret_key, "totp")},
        "SECURITY_MULTI_FACTOR_RECOVERY_CODES": True,
        "SECURITY_MULTI_FACTOR_RECOVERY_CODES_N": 8,
        "SECURITY_MULTI_FACTOR_RECOVERY_CODES_KEYS": [
            base64.urlsafe_b64encode(bytes.fromhex(derived_key(settings.secret_key, "recovery codes"))).decode()
        ],
        # Changing two-factor sign-in asks for the password or a code in that very request
        # (runtime/auth/two_factor.py). Flask-Security's "fresh sign-in" check cannot do it:
        # every access token it mints, refreshed ones too, says "signed in just now".
        "SECURITY_FRESHNESS": timedelta(seconds=-1),
        # Rate limits (runtime/auth/limits.py), counted in Redis in a moving window.
        "LOOM_RATE_LIMITS_ENABLED": settings.rate_limits_enabled,
        "LOOM_RATE_LIMITS": dict(settings.rate_limits),
        "RATELIMIT_STORAGE_URI": settings.rate_limit_storage_url or settings.redis_url or "memory://",
        "RATELIMIT_STRATEGY": "moving-window",
        "RATELIMIT_KEY_PREFIX": "loom",
    }
