"""Record use cases: create, update (optimistic lock), delete to the Trash, restore, delete for good.

They flush; the request commits. Every write goes through ``runtime.entities.writer``, which
validates, writes and announces; what should happen next (flows starting, hooks, audit) reacts
to its events (``runtime.subscribers``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from core import clock
from core.audit.operations import Target, record
from designer.blueprints.models import Blueprint, BlueprintVersion
from runtime.definitions import schema_of
from runtime.entities import writer
from runtime.entities.models import Entity

STALE = writer.STALE


def create_entity(db_session: Session, blueprint: Blueprint, data: Any, user_id: int | None) -> Entity:
    """A new record on the blueprint's current version (its published flows start on the event)."""
    return writer.create_record(db_session, blueprint, data, user_id)


def update_entity(
    db_session: Session, entity: Entity, version: BlueprintVersion, expected: int, data: Any, user_id: int | None
) -> list[dict[str, Any]]:
    """Change some columns; the entity stays on its blueprint version. 409 when ``expected`` is stale.

    Returns the changed fields (empty when nothing changed, and then nothing was written)."""
    return writer.update_record(
        db_session, entity, data, user_id, schema=schema_of(db_session, version), expected=expected
    )


def delete_entity(db_session: Session, entity: Entity, expected: int | None, user_id: int | None) -> None:
    """Move the record to the Trash (restorable until the retention purge)."""
    writer.trash_record(db_session, entity, user_id, expected)


def restore_entity(db_session: Session, entity: Entity, user_id: int | None) -> Entity:
    """Bring a record back from the Trash with its history; its flow goes on."""
    writer.restore_record(db_session, entity, user_id)
    return entity


def purge_entity(db_session: Session, entity: Entity, user_id: int | None) -> None:
    """Delete one trashed record for good, now."""
    blueprint = db_session.get(Blueprint, entity.blueprint_id)
    audit_entity(db_session, "record.purged", entity, blueprint, user_id)
    writer.purge_records(db_session, Entity.id == entity.id, limit=1)
    db_session.expunge(entity)


def retention() -> timedelta:
    """How long the Trash keeps a record (``LOOM_TRASH_RETENTION_DAYS``)."""
    return timedelta(days=current_app.config["LOOM"].trash_retention_days)


def purge_expired(db_session: Session, limit: int) -> int:
    """Delete for good up to ``limit`` of the scoped workspace's records trashed longer than the
    retention; how many went."""
    return writer.purge_records(db_session, Entity.deleted_at < clock.now() - retention(), limit=limit)


def audit_entity(
    db_session: Session,
    action: str,
    entity: Entity,
    blueprint: Blueprint | None,
    user_id: int | None,
    details: dict[str, Any] | None = None,
) -> None:
    """One audit row about a record; it is named by its blueprint, never by its values."""
    record(
        db_session,
        action,
        tenant_id=entity.tenant_id,
        actor_id=user_id,
        target=Target("entity", entity.id, blueprint.name if blueprint else None),
        details={"blueprint": blueprint.key if blueprint else None, **(details or {})},
    )
