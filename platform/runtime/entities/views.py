"""Shaping records for the API, with few queries per page."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from core import db
from core.db import rows_by_id
from designer.blueprints.models import Blueprint
from designer.blueprints.queries import get_blueprint
from runtime.entities import queries
from runtime.entities.models import Entity


def entity_views(entities: list[Entity], blueprint: Blueprint | None = None) -> list[dict[str, Any]]:
    session = db.session()
    versions = queries.versions_by_id(session, {e.blueprint_version_id for e in entities})
    keys: dict[uuid.UUID, str] = {}
    if blueprint is not None:
        keys[blueprint.id] = blueprint.key
    others = {e.blueprint_id for e in entities} - keys.keys()
    keys.update((key, found.key) for key, found in rows_by_id(session, Blueprint, others).items())
    return [
        {
            "id": e.id,
            "blueprint": keys[e.blueprint_id],
            "blueprint_version": {"id": e.blueprint_version_id, "number": versions[e.blueprint_version_id].number},
            "data": e.data,
            "version": e.version,
            "created_at": e.created_at,
            "updated_at": e.updated_at,
        }
        for e in entities
    ]


def listing(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    """A page of the blueprint ``args["blueprint"]``'s records as the API shows them (EntityPage),
    for the scoped tenant."""
    blueprint = get_blueprint(db_session, args["blueprint"])
    result = queries.list_entities(db_session, blueprint, args)
    return {**result, "items": entity_views(result["items"], blueprint)}
