"""Signing in: token lifetimes, API keys, rate limits and the Google and Facebook sign-ins."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from core.settings.env import env, env_bool, env_int
from core.social_providers import SocialProvider, read_social_providers

# Rate limits on the endpoints that take a password, a code or send an email, as
# ``LOOM_RATE_LIMIT_<NAME>`` (Flask-Limiter strings, e.g. "10/minute" or "5/hour;20/day").
# runtime/auth/limits.py says which endpoint counts what per which key.
RATE_LIMIT_DEFAULTS: dict[str, str] = {
    "LOGIN": "10/minute",  # one IP address trying one email
    "LOGIN_IP": "50/minute",  # one IP address, any email
    "LOGIN_ACCOUNT": "30/hour",  # one email, from any IP address
    "REGISTER": "10/hour",  # per IP address
    "EMAIL_LINK": "5/hour",  # reset and confirmation emails asked for one address
    "EMAIL_LINK_IP": "20/hour",  # reset and confirmation emails asked from one IP address
    "PASSWORD": "10/minute",  # setting a password (reset link, change) per IP address
    "TWO_FACTOR": "10/minute",  # authenticator and recovery codes, per IP address and per account
    "CONTACT": "10/hour",  # messages to support, per IP address
    "SOCIAL": "30/minute",  # Google and Facebook sign-ins started and come back, per IP address
    "API_KEY": "600/minute",  # requests made with one API key (runtime/apikeys/auth.py)
    "INBOUND_HOOK": "600/minute",  # requests to one flow's inbound hook URL (runtime/messages/inbound.py)
}


@dataclass(frozen=True, kw_only=True)
class AuthSettings:
    access_token_minutes: int
    refresh_token_hours: int
    reset_link_minutes: int = 120
    auth_cache_seconds: int = 5  # token and membership checks remembered per token (at most 5; 0: off)
    # API keys (runtime/apikeys): at most this many unrevoked keys per workspace; last_used_at is
    # written at most once per this many seconds per key; Idempotency-Key answers kept this long.
    api_keys_per_tenant: int = 100
    api_key_last_used_seconds: int = 60
    idempotency_hours: int = 24
    rate_limits_enabled: bool = True
    rate_limit_storage_url: str | None = None
    rate_limits: dict[str, str] = field(default_factory=lambda: dict(RATE_LIMIT_DEFAULTS))
    social_providers: dict[str, SocialProvider] = field(default_factory=dict)  # enabled ones, by name


def read_auth(stage: str) -> dict[str, Any]:
    return dict(
        access_token_minutes=env_int("ACCESS_TOKEN_MINUTES", 30),
        refresh_token_hours=env_int("REFRESH_TOKEN_HOURS", 36),
        # The test suite signs in hundreds of times from one address; its rate-limit tests
        # turn the limits on themselves.
        rate_limits_enabled=env_bool("RATE_LIMITS_ENABLED", stage != "testing"),
        rate_limits={name: env(f"RATE_LIMIT_{name}", value) or value for name, value in RATE_LIMIT_DEFAULTS.items()},
        social_providers=read_social_providers(os.environ),
    )
