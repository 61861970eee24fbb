"""Reads of blueprints and versions. The session is scoped to the tenant by the caller."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select, tuple_
from sqlalchemy.orm import Session

from core.db import rows_below_orm, scope_criteria
from core.errors import NotFound
from core.pagination import decode_cursor, page
from designer.blueprints.models import Blueprint, BlueprintVersion
from designer.versioned.queries import all_versions, find_version, version_or_404
from engine.schema import Schema


def get_blueprint(db_session: Session, key: str) -> Blueprint:
    """A live blueprint of the scoped tenant by key; 404 otherwise."""
    found = db_session.scalars(select(Blueprint).where(Blueprint.key == key, Blueprint.deleted_at.is_(None))).first()
    if found is None:
        raise NotFound(f"No blueprint '{key}' here.")
    return found


@dataclass(frozen=True, slots=True)
class BlueprintRef:
    """What the readers of records need of a blueprint (a grid page): read as one row of four
    columns, not as a whole ``Blueprint`` with its draft."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    key: str
    current_version_id: uuid.UUID | None


AnyBlueprint = Blueprint | BlueprintRef


def blueprint_ref(db_session: Session, key: str) -> BlueprintRef:
    """``get_blueprint``, for readers that need no more than a ``BlueprintRef``."""
    found = rows_below_orm(db_session, _REF, {"loom_blueprint_key": key})
    if not found:
        raise NotFound(f"No blueprint '{key}' here.")
    return BlueprintRef(*found[0])


_REF = (
    select(Blueprint.id, Blueprint.tenant_id, Blueprint.key, Blueprint.current_version_id)
    .where(*scope_criteria(Blueprint), Blueprint.key == bindparam("loom_blueprint_key"), Blueprint.deleted_at.is_(None))
    .limit(1)
)


@dataclass(frozen=True)
class Published:
    """A published version as the readers of records need it."""

    id: uuid.UUID
    number: int
    schema: Schema


# Published versions never change: each process keeps the parsed ones it has read, by tenant and
# id (a version of one tenant is never looked up for another). The blueprint row itself (its
# draft, its lock_version, which version is current) is read fresh every time.
_published: dict[tuple[uuid.UUID, uuid.UUID], Published] = {}
PUBLISHED_KEPT = 1_000


def published_version(db_session: Session, blueprint: AnyBlueprint) -> Published | None:
    """The blueprint's current version, parsed; a query only the first time a process meets it."""
    version_id = blueprint.current_version_id
    if version_id is None:
        return None
    key = (blueprint.tenant_id, version_id)
    found = _published.get(key)
    if found is None:
        version = db_session.get(BlueprintVersion, version_id)
        if version is None:
            return None
        found = Published(version.id, version.number, Schema.parse(version.columns))
        if len(_published) >= PUBLISHED_KEPT:
            _published.clear()
        _published[key] = found
    return found


def get_version(db_session: Session, blueprint: Blueprint, number: int) -> BlueprintVersion:
    found = find_version(db_session, BlueprintVersion, BlueprintVersion.blueprint_id, blueprint.id, number)
    return version_or_404(found, blueprint.name, number)


def versions_of(db_session: Session, blueprint: Blueprint) -> list[BlueprintVersion]:
    return all_versions(db_session, BlueprintVersion, BlueprintVersion.blueprint_id, blueprint.id)


def list_blueprints(db_session: Session, *, limit: int, cursor: str | None) -> dict[str, Any]:
    """Live blueprints by name, keyset-paged on (lower(name), id)."""
    sort_name = func.lower(Blueprint.name)
    query = select(Blueprint).where(Blueprint.deleted_at.is_(None)).order_by(sort_name, Blueprint.id).limit(limit + 1)
    if cursor:
        name, blueprint_id = decode_cursor(cursor, 2)
        query = query.where(tuple_(sort_name, Blueprint.id) > tuple_(str(name), uuid.UUID(str(blueprint_id))))
    rows = list(db_session.scalars(query))
    return page(rows, limit, lambda b: [b.name.lower(), str(b.id)])
