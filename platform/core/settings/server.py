"""The web server: the stage, the secrets every key derives from, the public address, request
bodies and answers, and the first super admin."""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field
from typing import Any

from core.config_checks import DEFAULT_SALT, DEFAULT_SECRET, ConfigError
from core.settings.env import env, env_bool, env_int, env_str

STAGES = ("development", "testing", "production")


@dataclass(frozen=True, kw_only=True)
class ServerSettings:
    env: str
    debug: bool
    secret_key: str
    password_salt: str
    base_url: str
    max_body_bytes: int
    webapp_dist: str
    admin_email: str
    trusted_proxies: int
    admin_password: str | None
    json_max_depth: int = 64  # arrays and objects nested in one JSON body (runtime/api/guard.py)
    compress_min_bytes: int = 1024  # API JSON answers at least this long are gzipped (runtime/compression.py)
    extra: dict[str, Any] = field(default_factory=dict)


def read_stage(env_name: str | None) -> str:
    """The stage: ``env_name`` when given, else ``LOOM_ENV`` (default development)."""
    stage = env_name or env_str("ENV", "development")
    if stage not in STAGES:
        raise ConfigError(f"LOOM_ENV must be one of {', '.join(STAGES)}, not {stage!r}")
    return stage


def read_server(stage: str) -> dict[str, Any]:
    return dict(
        env=stage,
        debug=env_bool("DEBUG", False),
        secret_key=env_str("SECRET_KEY", DEFAULT_SECRET),
        password_salt=env_str("SECURITY_PASSWORD_SALT", DEFAULT_SALT),
        base_url=env_str("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        max_body_bytes=env_int("MAX_BODY_BYTES", 1024 * 1024),
        webapp_dist=env_str("WEBAPP_DIST", _default_webapp_dist()),
        # A reserved name that email validation accepts (".localhost" is refused at sign-in).
        admin_email=env_str("ADMIN_EMAIL", "admin@loom.example"),
        trusted_proxies=env_int("TRUSTED_PROXIES", 0),
        admin_password=env("ADMIN_PASSWORD"),
    )


def _default_webapp_dist() -> str:
    """The webapp packaged into a release (runtime/webapp_dist), else the source tree's build."""
    platform = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    packaged = os.path.normpath(os.path.join(platform, "runtime", "webapp_dist"))
    if os.path.isfile(os.path.join(packaged, "index.html")):
        return packaged
    return os.path.normpath(os.path.join(platform, "..", "webapp", "dist"))


def derived_key(secret: str, purpose: str) -> str:
    """A 32-byte key (hex) for one ``purpose``, derived from the secret key: one secret to keep."""
    return hmac.new(secret.encode(), f"loom {purpose}".encode(), hashlib.sha256).hexdigest()
