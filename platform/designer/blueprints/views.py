"""Shaping blueprints and versions for the API, with entity counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from designer.blueprints import queries
from designer.blueprints.models import Blueprint, BlueprintVersion
from designer.blueprints.usage import usage


def version_ref(version: BlueprintVersion | None) -> dict[str, Any] | None:
    if version is None:
        return None
    return {"id": version.id, "number": version.number, "published_at": version.published_at}


def listing(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    """A page of the scoped tenant's blueprints as the API shows them (BlueprintPage)."""
    result = queries.list_blueprints(db_session, limit=args["limit"], cursor=args["cursor"])
    return {**result, "items": summaries(db_session, result["items"])}


def summaries(db_session: Session, blueprints: list[Blueprint]) -> list[dict[str, Any]]:
    counts = usage().by_blueprint(db_session, [b.id for b in blueprints])
    return [summary(b, counts.get(b.id, (0, True))) for b in blueprints]


def summary(blueprint: Blueprint, count: tuple[int, bool]) -> dict[str, Any]:
    return {
        "id": blueprint.id,
        "key": blueprint.key,
        "name": blueprint.name,
        "description": blueprint.description,
        "published_version": version_ref(blueprint.current_version),
        "draft_changed": blueprint.draft_changed,
        "entity_count": count[0],
        "entity_count_exact": count[1],
        "lock_version": blueprint.lock_version,
        "flow_fields_editable": blueprint.flow_fields_editable,
        "created_at": blueprint.created_at,
        "updated_at": blueprint.updated_at,
    }


def detail(db_session: Session, blueprint: Blueprint) -> dict[str, Any]:
    versions = queries.versions_of(db_session, blueprint)
    counts = usage().by_version(db_session, [v.id for v in versions])
    result = summary(blueprint, usage().by_blueprint(db_session, [blueprint.id]).get(blueprint.id, (0, True)))
    result["draft"] = {"columns": blueprint.draft_columns, "form": blueprint.draft_form}
    result["versions"] = [
        {
            **(version_ref(v) or {}),
            "entity_count": counts.get(v.id, (0, True))[0],
            "entity_count_exact": counts.get(v.id, (0, True))[1],
        }
        for v in versions
    ]
    return result


def version_detail(db_session: Session, version: BlueprintVersion) -> dict[str, Any]:
    count = usage().by_version(db_session, [version.id]).get(version.id, (0, True))
    return {
        **(version_ref(version) or {}),
        "columns": version.columns,
        "form": version.form,
        "entity_count": count[0],
        "entity_count_exact": count[1],
    }
