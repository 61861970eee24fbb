"""Shaping records for the API, with few queries per page.

``entity_json``, ``items_json`` and ``listing_json`` write what ``EntityOut`` and ``EntityPage``
(schemas.py) dump, key for key and value for value, as plain functions: marshmallow walked nine
fields of every record
of a page, about a tenth of a grid page's time. The schemas still describe the responses (the
OpenAPI document); tests/runtime/entities/test_entity_json.py holds the two to the same output
for every column type."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from core import db
from core.db import rows_by_id
from designer.blueprints.models import Blueprint
from designer.blueprints.queries import AnyBlueprint, blueprint_ref, get_blueprint, published_version
from runtime.entities import queries
from runtime.entities.models import Entity
from runtime.entities.schemas import EntityPage

# The page's own fields (next_cursor, count ...) are few and dumped by the schema, so a field added
# to EntityPage is in the answer too; only the records skip marshmallow.
_PAGE_WITHOUT_ITEMS = EntityPage(exclude=("items",))


def entity_views(entities: Sequence[Entity | Any], blueprint: Blueprint | None = None) -> list[dict[str, Any]]:
    """Records (``Entity`` objects, or rows of ``sql.PAGE_COLUMNS``) as the API shows them."""
    keys, numbers = _names(entities, blueprint)
    return [
        {
            "id": e.id,
            "blueprint": keys[e.blueprint_id],
            "blueprint_version": {"id": e.blueprint_version_id, "number": numbers[e.blueprint_version_id]},
            "data": e.data,
            "version": e.version,
            "created_at": e.created_at,
            "updated_at": e.updated_at,
        }
        for e in entities
    ]


def items_json(rows: Sequence[Any], blueprint: AnyBlueprint) -> list[dict[str, Any]]:
    """``entity_json`` of each of ``entity_views``, in one pass, for rows of
    ``sql.PAGE_COLUMNS`` (a grid page's 50 records: unpacked, not read attribute by attribute)."""
    keys, numbers = _names(rows, blueprint)
    return [
        {
            "id": str(id_),
            "blueprint": keys[blueprint_id],
            "blueprint_version": {"id": str(version_id), "number": numbers[version_id]},
            "data": dict(data) if data is not None else None,
            "version": version,
            "created_at": _instant(created_at),
            "updated_at": _instant(updated_at),
        }
        for id_, blueprint_id, version_id, data, version, created_at, updated_at, *_ in rows  # a count may follow
    ]


def _names(
    entities: Sequence[Entity | Any], blueprint: AnyBlueprint | None
) -> tuple[dict[uuid.UUID, str], dict[uuid.UUID, int]]:
    """The blueprint keys and version numbers the records name, with few queries."""
    session = db.session()
    numbers: dict[uuid.UUID, int] = {}
    keys: dict[uuid.UUID, str] = {}
    if blueprint is not None:
        keys[blueprint.id] = blueprint.key
        published = published_version(session, blueprint) if entities else None
        if published is not None:
            numbers[published.id] = published.number
    missing = {e.blueprint_version_id for e in entities} - numbers.keys()
    numbers.update((key, found.number) for key, found in queries.versions_by_id(session, missing).items())
    others = {e.blueprint_id for e in entities} - keys.keys()
    keys.update((key, found.key) for key, found in rows_by_id(session, Blueprint, others).items())
    return keys, numbers


def listing(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    """A page of the blueprint ``args["blueprint"]``'s records as the API shows them (EntityPage),
    for the scoped tenant."""
    blueprint = get_blueprint(db_session, args["blueprint"])
    result = queries.list_entities(db_session, blueprint, args)
    return {**result, "items": entity_views(result["items"], blueprint)}


def listing_json(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    """``EntityPage().dump(listing(...))``, the records written in one pass."""
    blueprint = blueprint_ref(db_session, args["blueprint"])
    result = queries.list_entities(db_session, blueprint, args)
    dumped: dict[str, Any] = _PAGE_WITHOUT_ITEMS.dump(result)
    dumped["items"] = items_json(result["items"], blueprint)
    return dumped


def entity_json(view: dict[str, Any]) -> dict[str, Any]:
    """One record (as ``entity_views`` makes it) as ``EntityOut().dump`` writes it."""
    version = view["blueprint_version"]
    data = view["data"]
    return {
        "id": _text(view["id"]),
        "blueprint": _text(view["blueprint"]),
        "blueprint_version": {"id": _text(version["id"]), "number": _number(version["number"])},
        "data": dict(data) if data is not None else None,
        "version": _number(view["version"]),
        "created_at": _instant(view["created_at"]),
        "updated_at": _instant(view["updated_at"]),
    }


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _number(value: Any) -> int | None:
    return None if value is None else int(value)


def _instant(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()
