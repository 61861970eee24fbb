"""Reading a workspace's API keys (the session is scoped to the workspace by ``open_tenant``)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, not_, or_, select
from sqlalchemy.orm import Session

from core import clock
from core.errors import NotFound
from core.identity.models import Membership, TenantRole, User
from core.identity.principal import weaker
from core.pagination import cursor_id, page
from runtime.apikeys.models import ApiKey, creators_membership

NO_KEY = "No API key with this id in this workspace."


def get_key(db_session: Session, key_id: uuid.UUID) -> ApiKey:
    found = db_session.scalars(select(ApiKey).where(ApiKey.id == key_id)).first()
    if found is None:
        raise NotFound(NO_KEY)
    return found


def active_count(db_session: Session) -> int:
    """Unrevoked keys of the workspace (expired ones included: they keep their names)."""
    return int(db_session.scalar(select(func.count()).select_from(ApiKey).where(ApiKey.revoked_at.is_(None))) or 0)


def name_taken(db_session: Session, name: str) -> bool:
    """Whether an unrevoked key of the workspace has this name (case-insensitively)."""
    query = select(ApiKey.id).where(ApiKey.revoked_at.is_(None), func.lower(ApiKey.name) == name.lower()).limit(1)
    return db_session.scalar(query) is not None


def _state_filter(state: str, now: datetime) -> ColumnElement[bool]:
    revoked = ApiKey.revoked_at.is_not(None)
    expired = and_(not_(revoked), ApiKey.expires_at.is_not(None), ApiKey.expires_at <= now)
    left = and_(not_(revoked), not_(expired), or_(Membership.user_id.is_(None), not_(User.active)))
    return {
        "revoked": revoked,
        "expired": expired,
        "creator_left": left,
        "active": and_(not_(revoked), not_(expired), Membership.user_id.is_not(None), User.active),
    }[state]


def _listing(args: dict[str, Any]) -> Select[ApiKey, TenantRole | None, str, bool]:
    query = (
        select(ApiKey, Membership.role, User.email, User.active)
        .join(User, User.id == ApiKey.created_by)
        .outerjoin(Membership, creators_membership())
        .order_by(ApiKey.id.desc())
        .limit(args["limit"] + 1)
    )
    if args.get("state"):
        query = query.where(_state_filter(args["state"], clock.now()))
    if args.get("cursor"):
        query = query.where(ApiKey.id < cursor_id(args["cursor"]))
    return query


def key_page(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    """Newest first, a keyset page at a time; never a secret."""
    rows = [key_view(*row) for row in db_session.execute(_listing(args))]
    return page(rows, args["limit"], lambda row: [str(row["id"])])


def one_key(db_session: Session, key_id: uuid.UUID) -> dict[str, Any]:
    found = db_session.execute(_listing({"limit": 0}).where(ApiKey.id == key_id).limit(1)).first()
    if found is None:
        raise NotFound(NO_KEY)
    return key_view(*found)


def key_view(key: ApiKey, creator_role: TenantRole | None, email: str, creator_active: bool) -> dict[str, Any]:
    """The key as owners and admins see it: what it is, what it may do now, and whether it works."""
    now = clock.now()
    works_for_creator = creator_role is not None and creator_active
    if key.revoked_at is not None:
        state = "revoked"
    elif key.expires_at is not None and key.expires_at <= now:
        state = "expired"
    elif not works_for_creator:
        state = "creator_left"
    else:
        state = "active"
    own_role = TenantRole(key.role)
    return {
        "id": key.id,
        "name": key.name,
        "role": key.role,
        "effective_role": weaker(own_role, creator_role).value if works_for_creator and creator_role else None,
        "prefix": f"loom_{key.public_id}",
        "state": state,
        "created_by": {"id": key.created_by, "email": email},
        "created_at": key.created_at,
        "expires_at": key.expires_at,
        "last_used_at": key.last_used_at,
        "revoked_at": key.revoked_at,
    }
