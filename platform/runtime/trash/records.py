"""Records in the Trash: listed newest first, restored with their history and flow, or deleted for good.

A deleted record keeps its row with ``deleted_at`` set (``runtime.entities.writer.trash_record``);
every other query leaves it out. After ``LOOM_TRASH_RETENTION_DAYS`` the hourly purge
(``runtime/trash/tasks.py``) deletes it for good, one workspace at a time.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from core.db import rows_by_id
from core.errors import Invalid
from core.identity.models import User
from core.pagination import decode_cursor, page
from designer.blueprints.models import Blueprint
from designer.blueprints.queries import get_blueprint
from runtime.entities.models import Entity
from runtime.entities.operations import retention
from runtime.entities.queries import versions_by_id


def list_trashed_records(
    db_session: Session, *, blueprint: str | None, limit: int, cursor: str | None
) -> dict[str, Any]:
    """Records in the Trash, most recently deleted first, with when the purge will take them."""
    query = (
        select(Entity)
        .where(Entity.deleted_at.is_not(None))
        .order_by(Entity.deleted_at.desc(), Entity.id.desc())
        .limit(limit + 1)
        .execution_options(include_trashed=True)
    )
    if blueprint:
        query = query.where(Entity.blueprint_id == get_blueprint(db_session, blueprint).id)
    if cursor:
        deleted, entity_id = decode_cursor(cursor, 2)
        try:
            after = tuple_(datetime.fromisoformat(str(deleted)), uuid.UUID(str(entity_id)))
        except ValueError as exc:
            raise Invalid({"cursor": ["This cursor is not valid; start again from the first page."]}) from exc
        query = query.where(tuple_(Entity.deleted_at, Entity.id) < after)
    rows: list[Entity] = list(db_session.scalars(query))
    result = page(rows, limit, lambda e: [e.deleted_at.isoformat() if e.deleted_at else "", str(e.id)])
    result["items"] = trashed_views(db_session, result["items"])
    return result


def trashed_views(db_session: Session, entities: list[Entity]) -> list[dict[str, Any]]:
    """Trashed records as the Trash shows them: the blueprint, the values, who deleted it and when."""
    blueprints = rows_by_id(db_session, Blueprint, {e.blueprint_id for e in entities})
    versions = versions_by_id(db_session, {e.blueprint_version_id for e in entities})
    people = rows_by_id(db_session, User, {e.deleted_by for e in entities if e.deleted_by is not None})
    keep = retention()
    views = []
    for entity in entities:
        blueprint = blueprints.get(entity.blueprint_id)
        deleter = people.get(entity.deleted_by)
        views.append(
            {
                "id": entity.id,
                "blueprint": blueprint.key if blueprint else None,
                "blueprint_name": blueprint.name if blueprint else None,
                "blueprint_version": {
                    "id": entity.blueprint_version_id,
                    "number": versions[entity.blueprint_version_id].number,
                },
                "data": entity.data,
                "version": entity.version,
                "created_at": entity.created_at,
                "updated_at": entity.updated_at,
                "deleted_at": entity.deleted_at,
                "deleted_by": {"id": deleter.id, "email": deleter.email} if deleter else None,
                "purge_at": entity.deleted_at + keep if entity.deleted_at else None,
            }
        )
    return views
