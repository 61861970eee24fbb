"""Endpoint secrets and custom headers, encrypted at rest with Fernet.

A database dump or a read-only SQL injection must not hand out the signing secrets (anyone with
one can forge Loom's calls to that receiver) or the headers (often an ``Authorization`` the
receiver expects). The keys come from ``LOOM_HOOKS_ENCRYPTION_KEY`` (several, comma-separated:
the first encrypts, every one decrypts, so a key can be rotated) or are derived from
``LOOM_SECRET_KEY``.
"""

from __future__ import annotations

import base64
import json
import secrets

from cryptography.fernet import Fernet, MultiFernet
from flask import current_app

SECRET_PREFIX = "whsec_"  # noqa: S105 - the Standard Webhooks prefix, not a secret
SECRET_BYTES = 32


def _fernet() -> MultiFernet:
    keys = current_app.config["LOOM"].hooks_encryption_keys
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def new_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def encrypt_headers(headers: dict[str, str] | None) -> str | None:
    return encrypt(json.dumps(headers, sort_keys=True)) if headers else None


def decrypt_headers(token: str | None) -> dict[str, str]:
    if not token:
        return {}
    value = json.loads(decrypt(token))
    return {str(name): str(text) for name, text in value.items()}
