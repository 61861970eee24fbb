"""Reading the audit log: filtered, newest first, a keyset page at a time."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.audit.models import AuditEvent
from core.identity.models import Tenant, User
from core.pagination import cursor_id, page
from runtime.query_filters import Condition, where_given

_FILTERS: dict[str, Condition] = {
    "category": lambda category: AuditEvent.action.startswith(f"{category}.", autoescape=True),
    "action": lambda action: AuditEvent.action == action,
    "actor": lambda actor: AuditEvent.actor_id == actor,
    "actor_kind": lambda kind: AuditEvent.actor_kind == kind,
    "target_type": lambda target_type: AuditEvent.target_type == target_type,
    "target_id": lambda target_id: AuditEvent.target_id == target_id,
    "since": lambda since: AuditEvent.at >= since,
    "until": lambda until: AuditEvent.at < until,
}


def event_view(event: AuditEvent, email: str | None, tenant: str | None) -> dict[str, Any]:
    return {
        "id": event.id,
        "tenant": tenant,
        "at": event.at,
        "action": event.action,
        "actor": {"id": event.actor_id, "email": email, "kind": event.actor_kind, "name": event.actor_label},
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_label": event.target_label,
        "details": event.details,
    }


def audit_page(
    db_session: Session, tenant_id: uuid.UUID | None, args: dict[str, Any], everywhere: bool = False
) -> dict[str, Any]:
    """One page of the log of ``tenant_id`` (or, for admins with ``everywhere``, of all of Loom)."""
    query = (
        select(AuditEvent, User.email, Tenant.slug)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .outerjoin(Tenant, Tenant.id == AuditEvent.tenant_id)
    )
    if not everywhere or tenant_id is not None:
        query = query.where(AuditEvent.tenant_id == tenant_id)
    query = where_given(query, args, _FILTERS).order_by(AuditEvent.id.desc()).limit(args["limit"] + 1)
    if args.get("cursor"):
        query = query.where(AuditEvent.id < cursor_id(args["cursor"]))
    rows = [event_view(event, email, slug) for event, email, slug in db_session.execute(query)]
    return page(rows, args["limit"], lambda row: [str(row["id"])])
