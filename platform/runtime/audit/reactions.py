"""The audit log's reactions to record events: deletes and restores always, and changes made by
Loom's staff (an admin correcting a record), so a workspace's owners see what happened to their
data. Members' everyday edits are not audited; the flow history and hooks carry those."""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.audit.operations import Target, record
from core.events import DomainEvent
from designer.blueprints.models import Blueprint

ALWAYS = {"record.deleted", "record.restored"}


def audit_record_event(db_session: Session, event: DomainEvent) -> None:
    """One audit row for a record event worth keeping (see the module's docstring)."""
    if event.type not in ALWAYS and not (event.type == "record.updated" and event.actor["type"] == "admin"):
        return
    blueprint = db_session.get(Blueprint, event.blueprint_id) if event.blueprint_id else None
    details: dict[str, object] = {"blueprint": blueprint.key if blueprint else None}
    if event.changed:
        details["fields"] = sorted(event.changed)
    record(
        db_session,
        event.type,
        tenant_id=event.tenant_id,
        actor_id=event.actor.get("user_id"),
        target=Target("entity", event.data["record"]["id"], blueprint.name if blueprint else None),
        details=details,
    )
