"""Checking an API key on each request, cheaply.

A key is ``loom_<public id>_<secret>``: 16 hex digits that find the row through an index, then
43 characters of ``secrets.token_urlsafe(32)``. The stored digest is HMAC-SHA256 of the whole
key under a key derived from LOOM_SECRET_KEY (so a copy of the database alone cannot be used to
check guesses), compared with ``hmac.compare_digest``. A slow password hash (argon2) would cost
tens of milliseconds on every request and protect nothing more: a 256-bit random secret cannot
be guessed, however fast the hash (bench/apikeys.py measures the check).

One query reads the key, its workspace's slug, its creator and the creator's role there. The
key works while it is not revoked, not expired, its creator's account is active and the creator
is still a member, in the membership the key was made in (not one begun since: a person removed
and invited back does not get old keys back); any of these failing is a 401 before the tenant.
``last_used_at`` is written at most once per LOOM_API_KEY_LAST_USED_SECONDS per key, and never
waits for another request holding the row (SKIP LOCKED), so busy keys cost no write per request.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta
from functools import lru_cache

from flask import Flask, current_app
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, lazyload

from core import clock, db
from core.identity.models import Membership, Tenant, TenantRole, User
from core.identity.principal import KEY_PREFIX, KeyPrincipal, Unauthorized, register_key_authenticator
from runtime.apikeys.models import ApiKey, creators_membership
from runtime.auth.limits import limit_api_key

log = logging.getLogger(__name__)
PUBLIC_ID_BYTES = 8  # 16 hex digits
SECRET_BYTES = 32
NOT_VALID = "This API key is not valid. Check that it was copied whole, or create a new one."
REVOKED = "This API key was revoked. Create a new one in the workspace's settings."
EXPIRED = "This API key has expired. Create a new one in the workspace's settings."
CREATOR_GONE = (
    "This API key stopped working: the person who created it is no longer a member of the workspace. Create a new one."
)


def new_token() -> tuple[str, str]:
    """A fresh key and its public id. The key is shown once and never stored."""
    public_id = secrets.token_hex(PUBLIC_ID_BYTES)
    return f"{KEY_PREFIX}{public_id}_{secrets.token_urlsafe(SECRET_BYTES)}", public_id


def public_id_of(token: str) -> str | None:
    """The public id inside a presented key, or None when the key is not shaped like one of ours."""
    rest = token.removeprefix(KEY_PREFIX)
    public_id, sep, secret = rest.partition("_")
    if rest == token or not sep or len(public_id) != 2 * PUBLIC_ID_BYTES or not secret or len(token) > 128:
        return None
    return public_id if all(c in "0123456789abcdef" for c in public_id) else None


@lru_cache(maxsize=4)
def _hmac_key(secret_key: str) -> bytes:
    return hmac.new(secret_key.encode(), b"loom api keys", hashlib.sha256).digest()


def digest(token: str) -> str:
    """HMAC-SHA256 of the key under a key only the server holds (hex, 64 characters)."""
    return hmac.new(_hmac_key(current_app.config["SECRET_KEY"]), token.encode(), hashlib.sha256).hexdigest()


def authenticate(token: str) -> KeyPrincipal:
    """The principal for ``token``, or Unauthorized saying why it does not work."""
    session = db.session()
    public_id = public_id_of(token)
    presented = digest(token)  # computed for malformed keys too: every refusal costs the same
    if public_id is None:
        raise Unauthorized(NOT_VALID)
    rows = session.execute(
        select(ApiKey, Tenant.slug, Membership.role, User)
        .join(Tenant, Tenant.id == ApiKey.tenant_id)
        .join(User, User.id == ApiKey.created_by)
        .outerjoin(Membership, creators_membership())
        .where(ApiKey.public_id == public_id)
        .options(lazyload(User.roles))
        .execution_options(all_tenants=True)  # the key says which workspace; nothing is scoped yet
    ).all()
    found = next((row for row in rows if hmac.compare_digest(row[0].secret_digest, presented)), None)
    if found is None:
        raise Unauthorized(NOT_VALID)
    key, slug, creator_role, user = found
    now = clock.now()
    if key.revoked_at is not None:
        raise Unauthorized(REVOKED)
    if key.expires_at is not None and key.expires_at <= now:
        raise Unauthorized(EXPIRED)
    if creator_role is None or not user.active:
        raise Unauthorized(CREATOR_GONE)
    limit_api_key(str(key.id))
    _touch(session, key, now)
    log.debug("api key accepted", extra={"api_key_id": str(key.id), "tenant_id": str(key.tenant_id)})
    return KeyPrincipal(
        id=key.id, name=key.name, tenant_id=key.tenant_id, tenant_slug=slug, role=TenantRole(key.role), user=user
    )


def _touch(db_session: Session, key: ApiKey, now: datetime) -> None:
    """Note the use, unless it was noted less than the interval ago or another request is at it."""
    interval = timedelta(seconds=current_app.config["LOOM"].api_key_last_used_seconds)
    if key.last_used_at is not None and now - key.last_used_at < interval:
        return
    stale = or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at <= now - interval)
    free = (
        select(ApiKey.id)
        .where(ApiKey.tenant_id == key.tenant_id, ApiKey.id == key.id, stale)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    db_session.execute(
        update(ApiKey)
        .where(ApiKey.tenant_id == key.tenant_id, ApiKey.id == free)
        .values(last_used_at=now)
        .execution_options(all_tenants=True, synchronize_session=False)
    )


def init_api_keys(app: Flask) -> None:
    """Accept API keys on tenant routes and honour Idempotency-Key on tenant POSTs."""
    from runtime.apikeys import idempotency, tasks  # noqa: F401 - tasks registers the purge task

    register_key_authenticator(authenticate)
    idempotency.init_idempotency(app)
