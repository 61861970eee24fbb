"""The caller's membership of a workspace, remembered per token and workspace for a few seconds.

``core.identity.access.get_membership`` loads the membership (with its workspace) on every
request under ``/api/tenants/<slug>``. Its outcome is kept under the request's credential's
SHA-256 and the slug (``core.identity.auth_cache``): one workspace's entry never answers for
another, and one token's never for another token. The entry carries the generations of everyone,
the user, the workspace and the membership; a role change, a removal, a workspace renamed or
deleted, and everything that moves the user's generation (sign-out, deactivation ...) make the
next request load it again. A refusal (not a member) is never kept.

Like the token's entry (``runtime.auth.token_cache``), an entry is made under generations read
before the query, so the first request notes the workspace's id and the second makes the entry.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from flask import current_app, request
from sqlalchemy.orm import Session

from core.identity import auth_cache
from core.identity.models import Membership, Tenant

MAX_HINTS = 20_000
_hints: dict[str, uuid.UUID] = {}  # entry name -> the workspace's id


def entry_name(token_digest: str, slug: str) -> str:
    return f"member:{token_digest}|{slug}"


def _keys(tenant_id: uuid.UUID, user_id: int) -> tuple[str, ...]:
    return (
        auth_cache.EVERYONE,
        auth_cache.user_key(user_id),
        auth_cache.tenant_key(tenant_id),
        auth_cache.membership_key(tenant_id, user_id),
    )


def membership(
    db_session: Session, slug: str, user_id: int, load: Callable[[], Membership | None]
) -> Membership | None:
    """The membership ``load()`` would find, from the cache when an entry is there and holds."""
    ttl = auth_cache.seconds()
    token = request.headers.get(current_app.config["SECURITY_TOKEN_AUTHENTICATION_HEADER"]) if ttl else None
    if not token:
        return load()
    name = entry_name(auth_cache.digest(token), slug)
    found = auth_cache.recall(name)
    if found is not None and found[1]["membership"]["user_id"] == user_id:
        return _attach(db_session, found[1])
    hint = _hints.get(name)
    keys = _keys(hint, user_id) if hint is not None else ()
    made_under = auth_cache.generations(keys) if keys else None
    loaded = load()
    if loaded is None:
        return None
    if made_under is not None and hint == loaded.tenant_id:
        entry = {"membership": auth_cache.snapshot(loaded), "tenant": auth_cache.snapshot(loaded.tenant)}
        auth_cache.remember(name, keys, made_under, entry, ttl)
    elif len(_hints) < MAX_HINTS:
        _hints[name] = loaded.tenant_id
    else:
        _hints.clear()
    return loaded


def _attach(db_session: Session, entry: dict[str, Any]) -> Membership:
    tenant = auth_cache.revive(Tenant, entry["tenant"])
    found = auth_cache.revive(Membership, entry["membership"], {"tenant": tenant})
    return auth_cache.attach(db_session, found, tenant)  # type: ignore[no-any-return]
