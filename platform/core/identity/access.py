"""Opening a tenant for a request: membership check, role check, and tenant scoping.

A non-member gets 404 (the tenant might as well not exist); a member without the role gets 403.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from core.db import set_tenant_scope
from core.errors import Forbidden, NotFound
from core.identity.models import Membership, Tenant, TenantRole, is_superadmin

READ = frozenset(TenantRole)
EDIT = frozenset({TenantRole.OWNER, TenantRole.ADMIN, TenantRole.EDITOR})
MANAGE = frozenset({TenantRole.OWNER, TenantRole.ADMIN})
ADMIN_IS_NO_MEMBER = (
    "An administrator's account runs Loom and belongs to no workspace; use a personal account to work in one."
)


def refuse_superadmin(user: object) -> None:
    """An admin session is never a workspace member's session: super admins create and join none."""
    if is_superadmin(user):
        raise Forbidden(ADMIN_IS_NO_MEMBER)


def get_membership(db_session: Session, slug: str, user_id: int) -> Membership:
    """The caller's membership in the tenant ``slug``; 404 when absent or not a member."""
    membership = db_session.scalars(
        select(Membership)
        .join(Tenant, Tenant.id == Membership.tenant_id)
        .options(contains_eager(Membership.tenant))  # the request will want its timezone and name
        .where(Tenant.slug == slug, Membership.user_id == user_id)
    ).first()
    if membership is None:
        raise NotFound(f"No workspace '{slug}' here.")
    return membership


def open_tenant(db_session: Session, slug: str, user_id: int, allowed: frozenset[TenantRole] = READ) -> Membership:
    """Check membership and role, then scope ``db_session`` to the tenant for the rest of the request."""
    membership = get_membership(db_session, slug, user_id)
    if membership.role not in allowed:
        raise Forbidden(f"Your role ({membership.role.value}) cannot do this in this workspace.")
    set_tenant_scope(db_session, membership.tenant_id)
    return membership
