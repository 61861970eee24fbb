"""Opening a tenant for a request: membership check, role check, and tenant scoping.

A non-member gets 404 (the tenant might as well not exist); a member without the role gets 403.

With an API key (``core.identity.principal``) the membership is its creator's, seen with the
key's role, or the creator's current one if that is weaker: every later check of
``membership.role`` in the request (routes, operations, flow steps) then applies the key's rights.
Another workspace's key gets 404.

Code that must see the request once its principal, tenant and role are known registers a hook
(``on_tenant_opened``): runtime's Idempotency-Key handling claims the request there.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager
from sqlalchemy.orm.attributes import set_committed_value

from core.db import set_tenant_scope
from core.errors import Forbidden, NotFound
from core.identity import member_cache
from core.identity.models import Membership, Tenant, TenantRole, is_superadmin
from core.identity.principal import current_key, weaker

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
    """The caller's membership in the tenant ``slug``; 404 when absent or not a member.

    Remembered for a few seconds per token and workspace (``core.identity.member_cache``)."""
    membership = member_cache.membership(
        db_session,
        slug,
        user_id,
        lambda: db_session.scalars(
            select(Membership)
            .join(Tenant, Tenant.id == Membership.tenant_id)
            .options(contains_eager(Membership.tenant))  # the request will want its timezone and name
            .where(Tenant.slug == slug, Membership.user_id == user_id)
        ).first(),
    )
    if membership is None:
        raise NotFound(f"No workspace '{slug}' here.")
    key = current_key()
    if key is not None:
        if membership.tenant_id != key.tenant_id:
            raise NotFound(f"No workspace '{slug}' here.")
        # As loaded, not as changed: the flush never writes the key's role into the membership.
        set_committed_value(membership, "role", weaker(key.role, membership.role))
    return membership


TenantOpened = Callable[[Session, Membership], None]
_opened_hooks: list[TenantOpened] = []


def on_tenant_opened(hook: TenantOpened) -> None:
    """Call ``hook(db_session, membership)`` in every ``open_tenant`` once the role check passed."""
    if hook not in _opened_hooks:
        _opened_hooks.append(hook)


def open_tenant(db_session: Session, slug: str, user_id: int, allowed: frozenset[TenantRole] = READ) -> Membership:
    """Check membership and role, then scope ``db_session`` to the tenant for the rest of the request."""
    membership = get_membership(db_session, slug, user_id)
    if membership.role not in allowed:
        raise Forbidden(f"Your role ({membership.role.value}) cannot do this in this workspace.")
    set_tenant_scope(db_session, membership.tenant_id)
    for hook in _opened_hooks:
        hook(db_session, membership)
    return membership
