"""Reads of tenants, always through the caller's membership."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from core.identity.models import Membership, Tenant
from core.pagination import decode_cursor, page


def slug_taken(db_session: Session, slug: str, *, except_id: uuid.UUID | None = None) -> bool:
    query = select(Tenant.id).where(Tenant.slug == slug)
    if except_id is not None:
        query = query.where(Tenant.id != except_id)
    return db_session.scalars(query).first() is not None


def list_my_tenants(db_session: Session, user_id: int, *, limit: int, cursor: str | None) -> dict[str, Any]:
    """The caller's tenants by name, keyset-paged on (lower(name), id)."""
    sort_name = func.lower(Tenant.name)
    query = (
        select(Tenant, Membership.role)
        .join(Membership, Membership.tenant_id == Tenant.id)
        .where(Membership.user_id == user_id)
        .order_by(sort_name, Tenant.id)
        .limit(limit + 1)
    )
    if cursor:
        name, tenant_id = decode_cursor(cursor, 2)
        query = query.where(tuple_(sort_name, Tenant.id) > tuple_(str(name), _uuid(tenant_id)))
    rows = [tenant_view(tenant, role) for tenant, role in db_session.execute(query)]
    return page(rows, limit, lambda row: [row["name"].lower(), str(row["id"])])


def tenant_fields(tenant: Tenant) -> dict[str, Any]:
    """What anyone who may see the tenant sees of it."""
    return {
        "id": tenant.id,
        "name": tenant.name,
        "slug": tenant.slug,
        "timezone": tenant.timezone,
        "language": tenant.language,
        "created_at": tenant.created_at,
        "updated_at": tenant.updated_at,
    }


def tenant_view(tenant: Tenant, role: Any) -> dict[str, Any]:
    """The tenant as its members see it, with the caller's role."""
    return {**tenant_fields(tenant), "role": getattr(role, "value", role)}


def _uuid(value: Any) -> uuid.UUID:
    from core.errors import Invalid

    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Invalid({"cursor": ["This cursor is not valid; start again from the first page."]}) from exc
