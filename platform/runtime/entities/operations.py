"""Entity use cases: create, update (optimistic lock), delete. They flush; the request commits."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import clock
from core.audit.operations import record
from core.errors import Conflict, Invalid
from core.identity.models import Membership
from designer.blueprints.models import Blueprint, BlueprintVersion
from engine.schema import FieldErrors, Schema
from engine.schema.columns import ColumnType
from engine.schema.search import searchable_text
from runtime.entities.models import Entity
from runtime.flows.operations import start_flows_for

log = logging.getLogger(__name__)
STALE = "Someone else changed this record after you opened it; reload to see their changes."


def schema_of(version: BlueprintVersion) -> Schema:
    return Schema.parse(version.columns)


def _clean(
    db_session: Session, schema: Schema, data: dict[str, Any], existing: dict[str, Any] | None
) -> dict[str, Any]:
    try:
        clean = schema.validate(data, existing=existing)
    except FieldErrors as exc:
        raise Invalid({f"data.{k}": v for k, v in exc.errors.items()}) from exc
    _check_links(db_session, schema, clean, changed=set(data))
    return clean


def _check_links(db_session: Session, schema: Schema, clean: dict[str, Any], changed: set[str]) -> None:
    """References must name an entity of the right blueprint in this tenant; users must be members."""
    errors: dict[str, list[str]] = {}
    for column in schema.columns:
        value = clean.get(column.key)
        if value is None or column.key not in changed:
            continue
        if column.type == ColumnType.REFERENCE:
            found = db_session.scalars(
                select(Entity.id)
                .join(Blueprint, Blueprint.id == Entity.blueprint_id)
                .where(Entity.id == uuid.UUID(value), Blueprint.key == column.reference)
            ).first()
            if found is None:
                errors[f"data.{column.key}"] = ["No such record in this workspace."]
        elif column.type == ColumnType.USER:
            tenant_id = db_session.info.get("tenant_id")
            member = db_session.get(Membership, (tenant_id, value))
            if member is None:
                errors[f"data.{column.key}"] = ["Not a member of this workspace."]
    if errors:
        raise Invalid(errors)


def create_entity(db_session: Session, blueprint: Blueprint, data: dict[str, Any], user_id: int) -> Entity:
    """A new record on the blueprint's current version, started in every published flow of it."""
    version = blueprint.current_version
    if version is None:
        raise Invalid({"blueprint": [f"Publish {blueprint.name} before adding records."]})
    schema = schema_of(version)
    clean = _clean(db_session, schema, data, None)
    entity = Entity(
        tenant_id=blueprint.tenant_id,
        blueprint_id=blueprint.id,
        blueprint_version_id=version.id,
        data=clean,
        search_text=searchable_text(schema, clean),
        created_by=user_id,
        updated_by=user_id,
    )
    db_session.add(entity)
    db_session.flush()
    start_flows_for(db_session, entity, user_id)
    return entity


def update_entity(
    db_session: Session, entity: Entity, version: BlueprintVersion, expected: int, data: dict[str, Any], user_id: int
) -> Entity:
    """Change some columns; the entity stays on its blueprint version. 409 when ``expected`` is stale."""
    if expected != entity.version:
        raise Conflict(STALE)
    schema = schema_of(version)
    clean = _clean(db_session, schema, data, entity.data)
    if clean == entity.data:
        return entity
    entity.data = clean
    entity.search_text = searchable_text(schema, clean)
    entity.updated_by = user_id
    entity.updated_at = clock.now()
    db_session.flush()
    return entity


def delete_entity(db_session: Session, entity: Entity, expected: int | None, user_id: int | None) -> None:
    if expected is not None and expected != entity.version:
        raise Conflict(STALE)
    blueprint = db_session.get(Blueprint, entity.blueprint_id)
    db_session.delete(entity)
    db_session.flush()
    audit_entity(db_session, "record.deleted", entity, blueprint, user_id)


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
        target_type="entity",
        target_id=entity.id,
        target_label=blueprint.name if blueprint else None,
        details={"blueprint": blueprint.key if blueprint else None, **(details or {})},
    )
