"""Reads of flows and their versions. The session is scoped to the tenant by the caller."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from core.errors import NotFound
from core.pagination import decode_cursor, page
from designer.flows.models import Flow, FlowVersion
from designer.versioned.queries import all_versions, find_version, version_or_404


def get_flow(db_session: Session, key: str) -> Flow:
    """A live flow of the scoped tenant by key; 404 otherwise."""
    found = db_session.scalars(select(Flow).where(Flow.key == key, Flow.deleted_at.is_(None))).first()
    if found is None:
        raise NotFound(f"No flow '{key}' here.")
    return found


def get_version(db_session: Session, flow: Flow, number: int) -> FlowVersion:
    return version_or_404(
        find_version(db_session, FlowVersion, FlowVersion.flow_id, flow.id, number), flow.name, number
    )


def versions_of(db_session: Session, flow: Flow) -> list[FlowVersion]:
    return all_versions(db_session, FlowVersion, FlowVersion.flow_id, flow.id)


def list_flows(
    db_session: Session, *, limit: int, cursor: str | None, blueprint_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """Live flows by name, keyset-paged on (lower(name), id)."""
    sort_name = func.lower(Flow.name)
    query = select(Flow).where(Flow.deleted_at.is_(None)).order_by(sort_name, Flow.id).limit(limit + 1)
    if blueprint_id is not None:
        query = query.where(Flow.blueprint_id == blueprint_id)
    if cursor:
        name, flow_id = decode_cursor(cursor, 2)
        query = query.where(tuple_(sort_name, Flow.id) > tuple_(str(name), uuid.UUID(str(flow_id))))
    rows = list(db_session.scalars(query))
    return page(rows, limit, lambda f: [f.name.lower(), str(f.id)])
