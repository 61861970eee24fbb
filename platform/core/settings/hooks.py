"""Hooks (runtime/hooks, docs/hooks.md): events sent to the endpoints workspaces register."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from core.settings.env import env, env_str
from core.settings.server import derived_key


@dataclass(frozen=True, kw_only=True)
class HookSettings:
    # Fernet keys for endpoint secrets and headers: the first encrypts, all decrypt (rotation);
    # derived from secret_key when LOOM_HOOKS_ENCRYPTION_KEY is unset.
    hooks_encryption_keys: tuple[str, ...] = ()
    hooks_allow_http: bool = False
    hooks_allow_private: str = ""  # "", "true" (every address) or CIDRs separated by commas
    hooks_max_payload_bytes: int = 256 * 1024
    hooks_timeout_seconds: int = 15
    hooks_endpoint_concurrency: int = 4  # attempts in flight per endpoint
    hooks_endpoint_rate: int = 50  # attempts started per endpoint per second
    hooks_retention_days: int = 30
    hooks_disable_after_days: int = 5


def hooks_key(secret: str) -> str:
    """The Fernet key hooks use when LOOM_HOOKS_ENCRYPTION_KEY is unset, derived from the secret key."""
    return base64.urlsafe_b64encode(bytes.fromhex(derived_key(secret, "hooks encryption"))).decode()


def read_hooks(secret_key: str) -> dict[str, Any]:
    keys = env("HOOKS_ENCRYPTION_KEY") or hooks_key(secret_key)
    return dict(
        hooks_encryption_keys=tuple(key.strip() for key in keys.split(",") if key.strip()),
        hooks_allow_private=env_str("HOOKS_ALLOW_PRIVATE", "").strip(),
    )
