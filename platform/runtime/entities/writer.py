"""The one place a record is written.

Every change to a record goes through here: people and API keys creating and editing, flow
steps (transitions, scripts, timers), CSV imports, version changes, the Trash,
account scrubbing and admin corrections. The writer validates against the record's version
(references must name a live record of the right blueprint, people must be members), writes the
values with their search text and who changed them when, works out which fields changed, and
announces it (``core.events``): flows start on ``record.created``, hooks and audit listen too.
An update that changes no value writes nothing and announces nothing.

A person's edit (``update_record`` without ``by_flow``) may also be refused by the guards others
register (``guard_edits``): the fields a published flow writes change only through its steps,
unless the blueprint lets people edit them (``runtime.flows.owned``). Creating a record may set
them (an initial value; imports need it).

Bulk paths use the batch forms: an import announces ``record.created`` per row, a version change
rewrites a batch in one statement and announces only ``migration.finished`` (its job does), and
a purge announces nothing per row.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, insert, select, text
from sqlalchemy.orm import Session

from core import clock
from core.errors import Conflict, Invalid
from core.events import DomainEvent, emit
from core.ids import new_id
from designer.blueprints.models import Blueprint, BlueprintVersion
from engine.schema import FieldErrors, Schema
from engine.schema.columns import ColumnType
from engine.schema.search import searchable_text
from runtime.definitions import schema_of
from runtime.entities.models import Entity
from runtime.entities.validation import guards, link_errors, validate

STALE = "Someone else changed this record after you opened it; reload to see their changes."
TRASHED = {"include_trashed": True}


@dataclass(frozen=True)
class Failure:
    """A row of a batch that was not written, and why (per field)."""

    index: int
    errors: dict[str, list[str]]


def field_changes(schema: Schema, before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """What changed from what to what, in stored form, in column order."""
    return [
        {"field": c.key, "label": c.label, "before": before.get(c.key), "after": after.get(c.key)}
        for c in schema.columns
        if before.get(c.key) != after.get(c.key)
    ]


def payload(db_session: Session, entity: Entity) -> dict[str, Any]:
    """The record as events and hooks carry it (JSON-ready)."""
    blueprint = db_session.get(Blueprint, entity.blueprint_id)
    version = db_session.get(BlueprintVersion, entity.blueprint_version_id)
    return {
        "id": str(entity.id),
        "blueprint": blueprint.key if blueprint is not None else None,
        "blueprint_id": str(entity.blueprint_id),
        "blueprint_version": version.number if version is not None else None,
        "version": entity.version,
        "data": entity.data,
        "created_at": _iso(entity.created_at),
        "updated_at": _iso(entity.updated_at),
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _announce(
    db_session: Session,
    type_: str,
    entity: Entity,
    user_id: int | None,
    changes: list[dict[str, Any]] | None = None,
    *,
    tolerant: bool = False,
) -> DomainEvent:
    data: dict[str, Any] = {"record": payload(db_session, entity)}
    if changes is not None:
        data["changes"] = [{"field": c["field"], "before": c["before"], "after": c["after"]} for c in changes]
    return emit(
        db_session,
        type_,
        entity.tenant_id,
        data,
        user_id=user_id,
        blueprint_id=entity.blueprint_id,
        changed=[c["field"] for c in changes or ()],
        subject=entity,
        tolerant=tolerant,
    )


def create_record(db_session: Session, blueprint: Blueprint, data: Any, user_id: int | None) -> Entity:
    """A new record on the blueprint's current version; announces ``record.created``."""
    version = blueprint.current_version
    if version is None:
        raise Invalid({"blueprint": [f"Publish {blueprint.name} before adding records."]})
    schema = schema_of(db_session, version)
    clean = validate(db_session, schema, data, None)
    now = clock.now()
    entity = Entity(
        tenant_id=blueprint.tenant_id,
        blueprint_id=blueprint.id,
        blueprint_version_id=version.id,
        data=clean,
        search_text=searchable_text(schema, clean),
        created_by=user_id,
        updated_by=user_id,
        created_at=now,
        updated_at=now,
    )
    db_session.add(entity)
    db_session.flush()
    _announce(db_session, "record.created", entity, user_id)
    return entity


def update_record(
    db_session: Session,
    entity: Entity,
    values: Any,
    user_id: int | None,
    *,
    schema: Schema,
    expected: int | None = None,
    at: datetime | None = None,
    prefix: str = "data.",
    by_flow: bool = False,
) -> list[dict[str, Any]]:
    """Change some of the record's values (``schema`` is its version's); the fields that changed.

    ``expected`` is the version counter the caller saw (409 when stale). Nothing is written or
    announced when no value changes. A person's edit (not ``by_flow``, a flow's step) passes the
    registered guards first.
    """
    if expected is not None and expected != entity.version:
        raise Conflict(STALE)
    before = dict(entity.data)
    after = validate(db_session, schema, values, before, prefix)
    changes = field_changes(schema, before, after)
    if not changes:
        return []
    if not by_flow:
        for guard in guards():
            guard(db_session, entity, schema, [c["field"] for c in changes], prefix)
    entity.data = after
    entity.search_text = searchable_text(schema, after)
    entity.updated_by = user_id
    entity.updated_at = at or clock.now()
    db_session.flush()
    _announce(db_session, "record.updated", entity, user_id, changes)
    return changes


def trash_record(db_session: Session, entity: Entity, user_id: int | None, expected: int | None = None) -> None:
    """Move the record to the Trash; its flow and timers wait there until it is restored."""
    if expected is not None and expected != entity.version:
        raise Conflict(STALE)
    entity.deleted_at = clock.now()
    entity.deleted_by = user_id
    db_session.flush()
    _announce(db_session, "record.deleted", entity, user_id)


def restore_record(db_session: Session, entity: Entity, user_id: int | None) -> None:
    """Bring the record back from the Trash as it was; its flow goes on where it waited."""
    if entity.deleted_at is None:
        raise Conflict("This record is not in the Trash.")
    blueprint = db_session.get(Blueprint, entity.blueprint_id)
    if blueprint is None or blueprint.deleted_at is not None:
        raise Invalid({"blueprint": ["Its blueprint is in the Trash; restore the blueprint first."]})
    entity.deleted_at = None
    entity.deleted_by = None
    entity.updated_by = user_id
    entity.updated_at = clock.now()
    db_session.flush()
    _announce(db_session, "record.restored", entity, user_id)


def create_records(
    db_session: Session, blueprint: Blueprint, version: BlueprintVersion, rows: list[Any], user_id: int | None
) -> tuple[list[uuid.UUID], list[Failure]]:
    """The batch form of ``create_record`` (imports): valid rows are inserted in one statement and
    each announces ``record.created`` (tolerant: a reaction that cannot happen, such as a flow that
    cannot start, is reported with the row's index and leaves the record created); a row that
    fails validation is reported by its index and not written."""
    failures: list[Failure] = []
    new_rows: list[dict[str, Any]] = []
    now = clock.now()
    schema = schema_of(db_session, version)
    for index, clean in enumerate(_checked(db_session, schema, rows, failures)):
        if clean is None:
            continue
        new_rows.append(
            {
                "id": new_id(),
                "tenant_id": blueprint.tenant_id,
                "blueprint_id": blueprint.id,
                "blueprint_version_id": version.id,
                "data": clean,
                "search_text": searchable_text(schema, clean),
                "created_by": user_id,
                "updated_by": user_id,
                "created_at": now,
                "updated_at": now,
                "_index": index,
            }
        )
    if not new_rows:
        return [], failures
    indexes = [row.pop("_index") for row in new_rows]
    db_session.execute(insert(Entity), new_rows)
    # Announced from the rows as inserted (no need to read thousands of records back); a receiver
    # that needs the record itself (a flow starting) loads it.
    of_blueprint = {
        "blueprint": blueprint.key,
        "blueprint_id": str(blueprint.id),
        "blueprint_version": version.number,
    }
    for index, row in zip(indexes, new_rows, strict=True):
        record = {
            "id": str(row["id"]),
            **of_blueprint,
            "version": 1,
            "data": row["data"],
            "created_at": now.isoformat(),
            "updated_at": now.isoformat(),
        }
        event = emit(
            db_session,
            "record.created",
            blueprint.tenant_id,
            {"record": record},
            user_id=user_id,
            blueprint_id=blueprint.id,
            tolerant=True,
        )
        for refusal in event.refusals:
            failures.append(Failure(index, {"record": [record["id"]], **refusal}))
    return [row["id"] for row in new_rows], failures


def check_records(db_session: Session, version: BlueprintVersion, rows: list[Any]) -> list[Failure]:
    """What ``create_records`` would refuse of ``rows``, writing nothing (an import's check of every row)."""
    failures: list[Failure] = []
    for _ in _checked(db_session, schema_of(db_session, version), rows, failures):
        pass
    return failures


def _checked(
    db_session: Session, schema: Schema, rows: list[Any], failures: list[Failure]
) -> Iterator[dict[str, Any] | None]:
    """Each row's clean values, or None for a row refused (added to ``failures``)."""
    linked = any(c.type in (ColumnType.REFERENCE, ColumnType.USER) for c in schema.columns)
    for index, values in enumerate(rows):
        try:
            clean = schema.validate(values)
        except FieldErrors as exc:
            failures.append(Failure(index, exc.errors))
            yield None
            continue
        errors = link_errors(db_session, schema, clean, set(clean)) if linked else {}
        if errors:
            failures.append(Failure(index, errors))
        yield None if errors else clean


# The version change's batch form. The batch is read (tenant-scoped) without locks, then written back
# in one statement that only touches rows still as they were read: every change to a record
# bumps its version number. Joining on id and version keeps the plan a primary-key lookup per row.
_REWRITE = text(
    """
    UPDATE entities AS e
    SET data = v.data, aside = v.aside, search_text = v.search,
        blueprint_version_id = :version_id, blueprint_id = :blueprint_id,
        version = e.version + 1, updated_at = :now
    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS v(id uuid, version int, data jsonb, aside jsonb, search text)
    WHERE e.id = v.id AND e.version = v.version AND e.tenant_id = :tenant_id AND e.deleted_at IS NULL
    RETURNING e.id
    """
)


def rewrite_records(db_session: Session, target: BlueprintVersion, rows: list[dict[str, Any]]) -> list[uuid.UUID]:
    """Put records on ``target`` with new values and aside values, in one statement; nothing is
    announced per row. ``rows`` are ``{id, version, data, aside}`` as read; a row changed since
    (another version counter) is not written. Returns the ids written."""
    schema = schema_of(db_session, target)
    batch = [{**row, "id": str(row["id"]), "search": searchable_text(schema, row["data"])} for row in rows]
    if not batch:
        return []
    return list(
        db_session.scalars(
            _REWRITE,
            {
                "rows": json.dumps(batch),  # one JSON parameter for the whole batch: cheap to send
                "version_id": target.id,
                "blueprint_id": target.blueprint_id,
                "tenant_id": target.tenant_id,
                "now": clock.now(),
            },
        ).all()
    )


def move_record(
    db_session: Session, entity: Entity, target: BlueprintVersion, data: dict[str, Any], aside: dict[str, Any]
) -> None:
    """One record to another version (values converted by the caller's version change plan)."""
    entity.data = data
    entity.aside = aside
    entity.blueprint_version_id = target.id
    entity.blueprint_id = target.blueprint_id
    entity.search_text = searchable_text(schema_of(db_session, target), data)
    entity.updated_at = clock.now()
    db_session.flush()


def replace_values(
    db_session: Session, changes: list[tuple[uuid.UUID, dict[str, Any], dict[str, Any]]], user_id: int | None
) -> int:
    """Batch form for erasing a person (account deletion): ``(id, data, aside)`` written as given,
    with fresh search text and no announcement (nobody is told a person's id was removed). The
    version counter moves on, so an editor holding the old values gets a 409. Trashed records are
    scrubbed too."""
    wanted = {entity_id: (data, aside) for entity_id, data, aside in changes}
    if not wanted:
        return 0
    entities = list(db_session.scalars(select(Entity).where(Entity.id.in_(wanted)).execution_options(**TRASHED)))
    versions = {e.blueprint_version_id for e in entities}
    schemas = {
        v.id: schema_of(db_session, v)
        for v in db_session.scalars(select(BlueprintVersion).where(BlueprintVersion.id.in_(versions)))
    }
    now = clock.now()
    for entity in entities:
        entity.data, entity.aside = wanted[entity.id]
        entity.search_text = searchable_text(schemas.get(entity.blueprint_version_id, Schema(())), entity.data)
        entity.updated_at = now
        entity.updated_by = user_id
    db_session.flush()
    return len(entities)


def purge_records(db_session: Session, *where: ColumnElement[bool], limit: int) -> int:
    """Delete up to ``limit`` records matching ``where`` for good, trashed ones included; nothing
    is announced per row. Returns how many went (fewer than ``limit``: nothing is left)."""
    ids = select(Entity.id).where(*where).limit(limit).scalar_subquery()
    result: Any = db_session.execute(
        delete(Entity).where(Entity.id.in_(ids)).execution_options(**TRASHED, synchronize_session=False)
    )
    return int(result.rowcount)
