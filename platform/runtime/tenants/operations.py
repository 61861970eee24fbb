"""Tenant use cases. They flush; the request commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.audit.operations import Target, record
from core.errors import Forbidden, Invalid
from core.identity.models import Membership, Tenant, TenantRole
from runtime.tenants.queries import slug_taken

SLUG_TAKEN = "This slug is already taken; choose another one."
MANAGERS = (TenantRole.OWNER, TenantRole.ADMIN)


def create_tenant(db_session: Session, user_id: int, data: dict[str, Any]) -> tuple[Tenant, Membership]:
    """Create a tenant with the caller as its owner."""
    if slug_taken(db_session, data["slug"]):
        raise Invalid({"slug": [SLUG_TAKEN]})
    tenant = Tenant(name=data["name"].strip(), slug=data["slug"], timezone=data["timezone"], language=data["language"])
    membership = Membership(tenant=tenant, user_id=user_id, role=TenantRole.OWNER)
    db_session.add_all([tenant, membership])
    _flush_unique_slug(db_session)
    _record(db_session, "workspace.created", tenant, user_id)
    return tenant, membership


def update_tenant(db_session: Session, membership: Membership, data: dict[str, Any]) -> Tenant:
    """Rename or re-configure a tenant; owners and admins only."""
    if membership.role not in MANAGERS:
        raise Forbidden("Only owners and admins can change workspace settings.")
    tenant = membership.tenant
    if "slug" in data and data["slug"] != tenant.slug and slug_taken(db_session, data["slug"], except_id=tenant.id):
        raise Invalid({"slug": [SLUG_TAKEN]})
    changes: dict[str, Any] = {}
    for key in ("name", "slug", "timezone", "language"):
        if key in data:
            value = data[key].strip() if key == "name" else data[key]
            if value != getattr(tenant, key):
                changes[key] = {"from": getattr(tenant, key), "to": value}
            setattr(tenant, key, value)
    _flush_unique_slug(db_session)
    if changes:
        _record(db_session, "workspace.updated", tenant, membership.user_id, changes)
    return tenant


def _record(
    db_session: Session, action: str, tenant: Tenant, actor_id: int, details: dict[str, Any] | None = None
) -> None:
    """One audit row about the workspace, in its own log."""
    record(
        db_session,
        action,
        tenant_id=tenant.id,
        actor_id=actor_id,
        target=Target("workspace", tenant.id, tenant.name),
        details=details,
    )


def _flush_unique_slug(db_session: Session) -> None:
    """Two people taking the same slug at once: the database decides, the loser gets 422."""
    try:
        with db_session.begin_nested():
            db_session.flush()
    except IntegrityError as exc:
        if "uq_tenants_slug" in str(exc.orig):
            raise Invalid({"slug": [SLUG_TAKEN]}) from exc
        raise
