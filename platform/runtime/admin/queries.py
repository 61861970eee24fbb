"""What the admin pages read: users and workspaces across all of Loom, a keyset page at a time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import ScalarSelect

from core.errors import Invalid, NotFound
from core.identity.models import Membership, Tenant, User, is_superadmin
from core.pagination import decode_cursor, page
from runtime.tenants.queries import tenant_fields


def _after(cursor: str | None, kind: type) -> Any:
    """The last key of the previous page, of type ``kind``; a bad cursor is a 422."""
    if not cursor:
        return None
    (value,) = decode_cursor(cursor, 1)
    if type(value) is not kind:
        raise Invalid({"cursor": ["This cursor is not valid; start again from the first page."]})
    return value


def _utc(moment: datetime | None) -> datetime | None:
    """Flask-Security's columns hold UTC without a zone; the API says so (``+00:00``)."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def user_view(user: User, workspaces: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "active": user.active,
        "confirmed_at": _utc(user.confirmed_at),
        "created_at": _utc(user.create_datetime),
        "last_login_at": _utc(user.current_login_at),
        "two_factor": bool(user.tf_primary_method),
        "admin": is_superadmin(user),
        "workspaces": workspaces or [],
    }


def users_page(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    """Users by id, newest first; ``q`` matches part of the email (no wildcards)."""
    query = select(User).order_by(User.id.desc()).limit(args["limit"] + 1)
    if args.get("q"):
        query = query.where(User.email.icontains(args["q"].strip(), autoescape=True))
    if args.get("active") is not None:
        query = query.where(User.active.is_(args["active"]))
    after = _after(args.get("cursor"), int)
    if after is not None:
        query = query.where(User.id < after)
    users = [user_view(u) for u in db_session.scalars(query)]
    return page(users, args["limit"], lambda u: [u["id"]])


def get_user(db_session: Session, user_id: int) -> User:
    user = db_session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    return user


def user_detail(db_session: Session, user: User) -> dict[str, Any]:
    rows = db_session.execute(
        select(Tenant.slug, Tenant.name, Membership.role)
        .join(Membership, Membership.tenant_id == Tenant.id)
        .where(Membership.user_id == user.id)
        .order_by(Tenant.name)
    ).all()
    return user_view(user, [{"slug": s, "name": n, "role": r.value} for s, n, r in rows])


def tenant_view(tenant: Tenant, members: int) -> dict[str, Any]:
    return {**tenant_fields(tenant), "members": members}


def _member_count() -> ScalarSelect[int]:
    return select(func.count()).where(Membership.tenant_id == Tenant.id).scalar_subquery()


def tenants_page(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    """Workspaces by slug; ``q`` matches part of the name or the slug (no wildcards)."""
    query = select(Tenant, _member_count()).order_by(Tenant.slug).limit(args["limit"] + 1)
    if args.get("q"):
        q = args["q"].strip()
        query = query.where(or_(Tenant.name.icontains(q, autoescape=True), Tenant.slug.icontains(q, autoescape=True)))
    after = _after(args.get("cursor"), str)
    if after is not None:
        query = query.where(Tenant.slug > after)
    rows = [tenant_view(t, n) for t, n in db_session.execute(query)]
    return page(rows, args["limit"], lambda t: [t["slug"]])


def get_tenant(db_session: Session, slug: str) -> Tenant:
    tenant = db_session.scalars(select(Tenant).where(Tenant.slug == slug)).first()
    if tenant is None:
        raise NotFound(f"No workspace '{slug}'.")
    return tenant


def tenant_detail(db_session: Session, slug: str) -> dict[str, Any]:
    row = db_session.execute(select(Tenant, _member_count()).where(Tenant.slug == slug)).first()
    if row is None:
        raise NotFound(f"No workspace '{slug}'.")
    return tenant_view(*row)
