"""Reading the audit log: filtered, newest first, a keyset page at a time."""

from __future__ import annotations

import uuid
from typing import Any, TypeVarTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from core.audit.models import AuditEvent
from core.identity.models import Tenant, User
from core.pagination import cursor_id, page

_Ts = TypeVarTuple("_Ts")


def _filtered(query: Select[*_Ts], args: dict[str, Any]) -> Select[*_Ts]:
    if args.get("category"):
        query = query.where(AuditEvent.action.startswith(f"{args['category']}.", autoescape=True))
    if args.get("action"):
        query = query.where(AuditEvent.action == args["action"])
    if args.get("actor") is not None:
        query = query.where(AuditEvent.actor_id == args["actor"])
    if args.get("actor_kind"):
        query = query.where(AuditEvent.actor_kind == args["actor_kind"])
    if args.get("target_type"):
        query = query.where(AuditEvent.target_type == args["target_type"])
    if args.get("target_id"):
        query = query.where(AuditEvent.target_id == args["target_id"])
    if args.get("since"):
        query = query.where(AuditEvent.at >= args["since"])
    if args.get("until"):
        query = query.where(AuditEvent.at < args["until"])
    return query


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
    query = _filtered(query, args).order_by(AuditEvent.id.desc()).limit(args["limit"] + 1)
    if args.get("cursor"):
        query = query.where(AuditEvent.id < cursor_id(args["cursor"]))
    rows = [event_view(event, email, slug) for event, email, slug in db_session.execute(query)]
    return page(rows, args["limit"], lambda row: [str(row["id"])])
