"""Shaping flows and versions for the API, with how many records run on them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from designer.blueprints.models import Blueprint
from designer.blueprints.queries import get_blueprint
from designer.flows import queries
from designer.flows.models import Flow, FlowVersion
from designer.flows.operations import diagram_problems
from designer.flows.usage import instance_counts


def version_ref(version: FlowVersion | None) -> dict[str, Any] | None:
    if version is None:
        return None
    return {"id": version.id, "number": version.number, "published_at": version.published_at}


def listing(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    """A page of the scoped tenant's flows (of the blueprint ``args["blueprint"]``, when given) as
    the API shows them (FlowPage)."""
    blueprint_id = get_blueprint(db_session, args["blueprint"]).id if args["blueprint"] else None
    result = queries.list_flows(db_session, limit=args["limit"], cursor=args["cursor"], blueprint_id=blueprint_id)
    return {**result, "items": summaries(db_session, result["items"])}


def summaries(db_session: Session, flows: list[Flow]) -> list[dict[str, Any]]:
    counts = instance_counts(db_session, "flow", [f.id for f in flows])
    ids = {f.blueprint_id for f in flows}
    blueprints = {b.id: b for b in db_session.scalars(select(Blueprint).where(Blueprint.id.in_(ids)))} if ids else {}
    return [summary(f, blueprints[f.blueprint_id], counts.get(f.id, (0, 0))[1]) for f in flows]


def summary(flow: Flow, blueprint: Blueprint, running: int) -> dict[str, Any]:
    return {
        "id": flow.id,
        "key": flow.key,
        "name": flow.name,
        "description": flow.description,
        "blueprint": {"key": blueprint.key, "name": blueprint.name},
        "published_version": version_ref(flow.current_version),
        "draft_changed": flow.draft_changed,
        "lock_version": flow.lock_version,
        "running_count": running,
        "created_at": flow.created_at,
        "updated_at": flow.updated_at,
    }


def detail(db_session: Session, flow: Flow) -> dict[str, Any]:
    blueprint = db_session.get(Blueprint, flow.blueprint_id)
    assert blueprint is not None
    running = instance_counts(db_session, "flow", [flow.id]).get(flow.id, (0, 0))[1]
    versions = queries.versions_of(db_session, flow)
    counts = instance_counts(db_session, "version", [v.id for v in versions])
    return {
        **summary(flow, blueprint, running),
        "draft": {
            "xml": flow.draft_xml,
            "decisions": flow.draft_decisions,
            "problems": diagram_problems(flow.draft_xml, blueprint, flow.draft_decisions),
        },
        "versions": [version_detail(v, counts.get(v.id, (0, 0)), xml=False) for v in versions],
    }


def version_detail(version: FlowVersion, counts: tuple[int, int], *, xml: bool = True) -> dict[str, Any]:
    result: dict[str, Any] = {
        **(version_ref(version) or {}),
        "instance_count": counts[0],
        "running_count": counts[1],
    }
    if xml:
        result["xml"] = version.xml
        result["decisions"] = version.decisions
    return result
