"""The Trash: deleted blueprints keep their entities until restored or deleted for good."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, text, tuple_, update
from sqlalchemy.orm import Session

from core.audit.operations import record_definition
from core.errors import Invalid, NotFound
from core.jobs.models import Job
from core.jobs.operations import start_job
from core.pagination import decode_cursor, page
from designer.blueprints.models import Blueprint, BlueprintVersion
from designer.flows.models import Flow
from runtime.entities import writer
from runtime.entities.models import Entity, EntityIndex
from runtime.entities.usage import capped_count, capped_counts
from runtime.messages.models import FlowMessage

PURGE_KIND = "trash.purge"
PURGE_BATCH = 5000


def get_trashed(db_session: Session, blueprint_id: uuid.UUID) -> Blueprint:
    found = db_session.scalars(
        select(Blueprint).where(Blueprint.id == blueprint_id, Blueprint.deleted_at.is_not(None))
    ).first()
    if found is None:
        raise NotFound("No such blueprint in the Trash.")
    return found


def list_trash(db_session: Session, *, limit: int, cursor: str | None) -> dict[str, Any]:
    """Deleted blueprints, most recently deleted first, with how many records each still holds."""
    query = (
        select(Blueprint)
        .where(Blueprint.deleted_at.is_not(None))
        .order_by(Blueprint.deleted_at.desc(), Blueprint.id.desc())
        .limit(limit + 1)
    )
    if cursor:
        deleted, blueprint_id = decode_cursor(cursor, 2)
        query = query.where(
            tuple_(Blueprint.deleted_at, Blueprint.id)
            < tuple_(datetime.fromisoformat(str(deleted)), uuid.UUID(str(blueprint_id)))
        )
    result = page(list(db_session.scalars(query)), limit, lambda b: [b.deleted_at.isoformat(), str(b.id)])
    counts = capped_counts(db_session, Entity.blueprint_id, [b.id for b in result["items"]])
    result["items"] = [
        {
            "id": b.id,
            "key": b.key,
            "name": b.name,
            "deleted_at": b.deleted_at,
            "entity_count": counts[b.id][0],
        }
        for b in result["items"]
    ]
    return result


def undelete(db_session: Session, blueprint: Blueprint, user_id: int | None) -> Blueprint:
    """Put a blueprint back as it was, if its name and key are still free."""
    taken = db_session.scalars(
        select(Blueprint).where(
            Blueprint.deleted_at.is_(None),
            (Blueprint.key == blueprint.key) | (func.lower(Blueprint.name) == blueprint.name.lower()),
        )
    ).first()
    if taken is not None:
        raise Invalid({"blueprint": [f"'{taken.name}' now uses this name or key; attach the records to it instead."]})
    blueprint.deleted_at = None
    db_session.flush()
    record_definition(db_session, "blueprint.restored", "blueprint", blueprint, user_id)
    return blueprint


def versions_in_use(db_session: Session, blueprint: Blueprint) -> list[BlueprintVersion]:
    """The versions of a trashed blueprint that still have records."""
    ids = select(Entity.blueprint_version_id).where(Entity.blueprint_id == blueprint.id).distinct()
    return list(
        db_session.scalars(
            select(BlueprintVersion).where(BlueprintVersion.id.in_(ids)).order_by(BlueprintVersion.number)
        )
    )


def purge(db_session: Session, blueprint: Blueprint, user_id: int) -> Job:
    """Delete a trashed blueprint and all its records for good, in the background."""
    total, _ = capped_count(db_session, Entity.blueprint_id == blueprint.id)
    record_definition(db_session, "blueprint.purged", "blueprint", blueprint, user_id, {"records": total})
    return start_job(
        db_session,
        PURGE_KIND,
        tenant_id=blueprint.tenant_id,
        params={"blueprint_id": str(blueprint.id), "name": blueprint.name},
        total=total,
        user_id=user_id,
    )


def purge_step(db_session: Session, job: Job) -> bool:
    blueprint_id = uuid.UUID(job.params["blueprint_id"])
    deleted = writer.purge_records(db_session, Entity.blueprint_id == blueprint_id, limit=PURGE_BATCH)
    job.done += deleted
    if deleted == PURGE_BATCH:
        return False
    for name in db_session.scalars(select(EntityIndex.name).where(EntityIndex.blueprint_id == blueprint_id)):
        db_session.execute(text(f'DROP INDEX IF EXISTS "{name}"'))  # names are ix_ent_<hex>, made by Loom
    blueprint = db_session.get(Blueprint, blueprint_id)
    if blueprint is not None:
        # The keys to versions and flows clear nothing themselves (Citus takes no SET NULL on them).
        blueprint.current_version_id = None
        flows = select(Flow.id).where(Flow.blueprint_id == blueprint_id)
        db_session.execute(update(FlowMessage).where(FlowMessage.start_flow_id.in_(flows)).values(start_flow_id=None))
        db_session.flush()
        db_session.execute(delete(BlueprintVersion).where(BlueprintVersion.blueprint_id == blueprint_id))
        db_session.delete(blueprint)
    return True
