"""Creating and revoking a workspace's API keys. They flush; the request commits.

Creating a key hands out lasting access to the workspace, so it takes the same proof as turning
two-step sign-in off or deleting the account (``runtime.auth.reauth``): the password and the
authenticator's code in the request itself. The fields are checked first, so a code is not used
up by a request that fails on its name. Both changes are in the audit log.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import clock
from core.audit.operations import Target, record_by_member
from core.errors import Conflict, Invalid
from core.identity.models import Membership, User
from runtime.apikeys import queries
from runtime.apikeys.auth import digest, new_token
from runtime.apikeys.models import ApiKey
from runtime.auth.reauth import check_reauthentication

log = logging.getLogger(__name__)
NAME_TAKEN = "An API key with this name exists already; choose another name, or revoke that key first."
NAME_EMPTY = "Give the key a name, e.g. what it is for."
IN_THE_PAST = "Choose a time in the future, or none for a key that works until it is revoked."
TOO_MANY = "This workspace has {limit} API keys already; revoke one that is no longer used first."


def create_key(db_session: Session, actor: Membership, user: User, body: dict[str, Any]) -> tuple[ApiKey, str]:
    """A new key acting for ``user``; returns it with the whole key, which is never stored."""
    name = " ".join(str(body["name"]).split())
    if not name:
        raise Invalid({"name": [NAME_EMPTY]})
    now = clock.now()
    if body.get("expires_at") is not None and body["expires_at"] <= now:
        raise Invalid({"expires_at": [IN_THE_PAST]})
    if queries.name_taken(db_session, name):
        raise Invalid({"name": [NAME_TAKEN]})
    limit = current_app.config["LOOM"].api_keys_per_tenant
    if queries.active_count(db_session) >= limit:
        raise Conflict(TOO_MANY.format(limit=limit))
    check_reauthentication(user, body)
    token, public_id = new_token()
    key = ApiKey(
        tenant_id=actor.tenant_id,
        public_id=public_id,
        secret_digest=digest(token),
        name=name,
        role=body["role"],
        created_by=user.id,
        expires_at=body.get("expires_at"),
    )
    db_session.add(key)
    try:
        with db_session.begin_nested():
            db_session.flush()
    except IntegrityError as exc:  # the name is taken, perhaps by a request a moment ago
        raise Invalid({"name": [NAME_TAKEN]}) from exc
    _record(db_session, actor, "api_key.created", key)
    log.info("api key created", extra={"tenant_id": str(key.tenant_id), "api_key_id": str(key.id)})
    return key, token


def revoke_key(db_session: Session, actor: Membership, key: ApiKey) -> ApiKey:
    """The key stops working at once; revoking it again changes nothing."""
    if key.revoked_at is None:
        key.revoked_at = clock.now()
        key.revoked_by = actor.user_id
        db_session.flush()
        _record(db_session, actor, "api_key.revoked", key)
        log.info("api key revoked", extra={"tenant_id": str(key.tenant_id), "api_key_id": str(key.id)})
    return key


def _record(db_session: Session, actor: Membership, action: str, key: ApiKey) -> None:
    expires_at = key.expires_at.isoformat() if key.expires_at else None
    record_by_member(
        db_session, actor, action, Target("api_key", key.id, key.name), {"role": key.role, "expires_at": expires_at}
    )
