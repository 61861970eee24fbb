"""Rate limits (Flask-Limiter) on the /api/auth endpoints that check a secret or send an email.

Each endpoint counts requests per key in a moving window kept in Redis (LOOM_REDIS_URL, so all
web processes share the counts). The keys: the client's IP address (``request.remote_addr``,
which ProxyFix has already set from X-Forwarded-For when LOOM_TRUSTED_PROXIES is on), and for
sign-in and email links also the submitted email. An IP address and an email together get a
low limit, so one attacker cannot lock everyone behind a shared address out; one email from
any address a higher one, so one account cannot be guessed at from many addresses.

Where a wrong guess is what matters (sign-in, codes, passwords), only refused requests count:
people who get it right are never slowed down. A limited request is refused before the view
runs (429 problem+json with Retry-After), so it changes nothing.

Requests made with an API key count per key (``limit_api_key``, called once the key is checked,
so nobody can use up another's key by sending its id with a wrong secret): LOOM_RATE_LIMIT_API_KEY.

The limits are ``LOOM_RATE_LIMIT_<NAME>`` (core.config.RATE_LIMIT_DEFAULTS); they are read per
request from ``app.config["LOOM_RATE_LIMITS"]``, and ``LOOM_RATE_LIMITS_ENABLED`` switches them
(off in the testing stage, whose rate-limit tests turn them on).
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask, Response, current_app, request, session
from flask_limiter import Limiter, RateLimitExceeded
from limits import parse_many

from core.errors import Problem, problem_response

EXTENSION = "loom_limiter"
log = logging.getLogger(__name__)


def client_ip() -> str:
    return request.remote_addr or "unknown"


def _submitted_email() -> str:
    """The email in the body, normalised and hashed (no addresses in Redis); "-" when none."""
    data: Any = request.get_json(silent=True) if request.is_json else request.form
    value = data.get("email") if isinstance(data, Mapping) else None
    if not isinstance(value, str) or not value.strip():
        return "-"
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def ip_and_email() -> str:
    return f"{client_ip()}|{_submitted_email()}"


def signing_in_account() -> str:
    """The account in the middle of a two-factor sign-in (Flask-Security keeps it in the session)."""
    return str(session.get("tf_user_id") or "-")


# endpoint -> (limit name, key, scope); the scope keeps keys of different kinds apart. Scopes
# in SHARED count across endpoints: a code guessed at /tf-validate or /mf-recovery is one guess.
_IP = (client_ip, "ip")
_TWO_FACTOR = (("TWO_FACTOR", client_ip, "two-factor-ip"), ("TWO_FACTOR", signing_in_account, "two-factor-account"))
SHARED = {"two-factor-ip", "two-factor-account"}
RULES: dict[str, tuple[tuple[str, Callable[[], str], str], ...]] = {
    "security.login": (
        ("LOGIN", ip_and_email, "ip-email"),
        ("LOGIN_IP", *_IP),
        ("LOGIN_ACCOUNT", _submitted_email, "email"),
    ),
    "security.register": (("REGISTER", *_IP),),
    "security.forgot_password": (("EMAIL_LINK", _submitted_email, "email"), ("EMAIL_LINK_IP", *_IP)),
    "security.send_confirmation": (("EMAIL_LINK", _submitted_email, "email"), ("EMAIL_LINK_IP", *_IP)),
    "security.reset_password": (("PASSWORD", *_IP),),
    "security.change_password": (("PASSWORD", *_IP),),
    # Changing two-step sign-in asks for the password and a code (runtime/auth/two_factor.py).
    "security.two_factor_setup": (("PASSWORD", *_IP),),
    "security.mf_recovery_codes": (("PASSWORD", *_IP),),
    "security.two_factor_token_validation": _TWO_FACTOR,
    "security.mf_recovery": _TWO_FACTOR,
    "security.two_factor_setup_validate": (("TWO_FACTOR", *_IP),),
    "support.contact": (("CONTACT", *_IP),),
    # Each costs a session and, coming back, calls to the provider.
    "social.start": (("SOCIAL", *_IP),),
    "social.callback": (("SOCIAL", *_IP),),
    "account.delete_account": (("PASSWORD", *_IP),),
    # Creating an API key asks for the password and a code (runtime/apikeys/operations.py).
    "api_keys.ApiKeys": (("PASSWORD", *_IP),),
}
# Sending an account or an email costs work whether it succeeds or not: every request counts.
COUNT_EVERY_REQUEST = {
    "security.register",
    "security.forgot_password",
    "security.send_confirmation",
    "support.contact",
    "social.start",
    "social.callback",
}
# Limited on GET (the provider sends the browser back); every other endpoint on POST.
_GET = {"social.callback"}


def _refused(response: Response) -> bool:
    return 400 <= response.status_code < 500 and response.status_code != 429


def _configured(name: str) -> Callable[[], str]:
    def limit() -> str:
        value: str = current_app.config["LOOM_RATE_LIMITS"][name]
        return value

    return limit


def init_limits(app: Flask) -> Limiter:
    """Put the limits on Flask-Security's views; call after ``init_security``."""
    limiter = Limiter(client_ip, in_memory_fallback_enabled=True)
    limiter.init_app(app)
    limiter.request_filter(lambda: not current_app.config["LOOM_RATE_LIMITS_ENABLED"])
    for endpoint, rules in RULES.items():
        view: Any = app.view_functions[endpoint]
        for name, key, scope in rules:
            limit = limiter.shared_limit if scope in SHARED else limiter.limit
            view = limit(
                _configured(name),
                key_func=key,
                scope=scope,
                methods=["GET"] if endpoint in _GET else ["POST"],
                deduct_when=None if endpoint in COUNT_EVERY_REQUEST else _refused,
            )(view)
        app.view_functions[endpoint] = view
    app.extensions[EXTENSION] = limiter
    app.register_error_handler(RateLimitExceeded, _too_many_attempts)
    app.register_error_handler(TooManyRequests, _too_many_requests)
    return limiter


class TooManyRequests(Problem):
    """Over a limit counted by hand (``limit_api_key``); the answer says when to try again."""

    status = 429
    title = "Too many requests"

    def __init__(self, wait: int) -> None:
        unit = "second" if wait == 1 else "seconds"
        detail = f"Too many requests with this API key. Try again in {wait} {unit}."
        super().__init__(detail, extra={"retry_after": wait})
        self.wait = wait


def limit_api_key(key_id: str) -> None:
    """Count one request made with the API key ``key_id``; TooManyRequests over LOOM_RATE_LIMIT_API_KEY.

    With the counts' storage down the request goes through (logged): a key is no reason to stop work.
    """
    if not current_app.config["LOOM_RATE_LIMITS_ENABLED"]:
        return
    strategy = current_app.extensions[EXTENSION].limiter
    for item in parse_many(current_app.config["LOOM_RATE_LIMITS"]["API_KEY"]):
        identifiers = ("loom", "api-key", key_id)
        try:
            if strategy.hit(item, *identifiers):
                continue
            reset_at = strategy.get_window_stats(item, *identifiers).reset_time
        except Exception:
            log.warning("rate limit storage unavailable; API key request let through", extra={"api_key_id": key_id})
            return
        raise TooManyRequests(max(1, math.ceil(reset_at - time.time())))


def _too_many_requests(exc: TooManyRequests) -> Response:
    response = problem_response(exc.status, exc.title, exc.detail, **exc.extra)
    response.headers["Retry-After"] = str(exc.wait)
    return response


def _too_many_attempts(exc: RateLimitExceeded) -> Response:
    """429 problem+json saying when to try again, also as Retry-After (seconds)."""
    limiter: Limiter = current_app.extensions[EXTENSION]
    try:
        breached = limiter.current_limit
        wait = math.ceil(breached.reset_at - time.time()) if breached else 0
    except Exception:  # the storage went away meanwhile: the window's length is a safe answer
        wait = 0
    wait = max(1, wait or exc.limit.limit.get_expiry())
    unit = "second" if wait == 1 else "seconds"
    response = problem_response(
        429, "Too many attempts", f"Too many attempts. Try again in {wait} {unit}.", retry_after=wait
    )
    response.headers["Retry-After"] = str(wait)
    return response
