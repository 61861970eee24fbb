"""Shaping inbox items, instances and history for the API, with few queries per page."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session, defer

from core.db import rows_by_id
from core.identity.models import Membership, User
from designer.blueprints.models import Blueprint
from designer.flows.models import Flow, FlowVersion
from engine.schema import Schema
from engine.schema.columns import ColumnType
from runtime.definitions import schema_of
from runtime.entities.models import Entity
from runtime.flows import queries
from runtime.flows.access import holder, refusal
from runtime.flows.models import FlowHistory, FlowInstance, InboxItem


def title(schema: Schema, data: dict[str, Any]) -> str | None:
    """What names a record: its first non-empty text column (as the webapp shows it)."""
    for column in schema.columns:
        value = data.get(column.key)
        if column.type == ColumnType.TEXT and isinstance(value, str) and value.strip():
            return value.strip()
    return None


def items(db_session: Session, rows: list[InboxItem], membership: Membership, user: User) -> list[dict[str, Any]]:
    entities = rows_by_id(db_session, Entity, {r.entity_id for r in rows})
    flows = rows_by_id(db_session, Flow, {r.flow_id for r in rows})
    blueprints = rows_by_id(db_session, Blueprint, {r.blueprint_id for r in rows})
    schemas = {e.blueprint_version_id: schema_of(db_session, e.blueprint_version_id) for e in entities.values()}
    holders = {r.id: holder(r, entities[r.entity_id].data) for r in rows}
    people = {r.assignee_id for r in rows} | set(holders.values())
    users = rows_by_id(db_session, User, {p for p in people if p is not None})
    result = []
    for row in rows:
        entity = entities[row.entity_id]
        schema = schemas[entity.blueprint_version_id]
        blueprint = blueprints[row.blueprint_id]
        flow = flows[row.flow_id]
        assignee = users.get(row.assignee_id)
        named = schema.column(row.field) if row.field else None
        reason = refusal(row, membership, user, entity.data, named.label if named else None)
        waits_for = users.get(holders[row.id])
        result.append(
            {
                "id": row.id,
                "instance_id": row.instance_id,
                "flow": {"key": flow.key, "name": flow.name},
                "element": row.element,
                "label": row.label,
                "fields": [c.to_dict() for key in row.fields if (c := schema.column(key)) is not None],
                "role": row.role,
                "member": row.member,
                "field": row.field,
                "waits_for": {"id": waits_for.id, "email": waits_for.email} if waits_for else None,
                "assignee": {"id": assignee.id, "email": assignee.email} if assignee else None,
                "due_at": row.due_at,
                "created_at": row.created_at,
                "can_complete": reason is None,
                "refusal": reason,
                "entity": {
                    "id": entity.id,
                    "blueprint": {"key": blueprint.key, "name": blueprint.name},
                    "title": title(schema, entity.data),
                    "data": entity.data,
                    "version": entity.version,
                },
            }
        )
    return result


def instance_summaries(db_session: Session, rows: list[FlowInstance]) -> list[dict[str, Any]]:
    """What every view of an instance shows: its flow and version number, status, error and times."""
    flows = rows_by_id(db_session, Flow, {r.flow_id for r in rows})
    version_ids = {r.flow_version_id for r in rows}
    numbers = {
        v.id: v.number for v in rows_by_id(db_session, FlowVersion, version_ids, defer(FlowVersion.xml)).values()
    }
    return [
        {
            "id": row.id,
            "flow": {"key": flows[row.flow_id].key, "name": flows[row.flow_id].name},
            "version": numbers[row.flow_version_id],
            "status": row.status,
            "error": row.error,
            "entity_id": row.entity_id,
            "started_at": row.started_at,
            "updated_at": row.updated_at,
            "completed_at": row.completed_at,
        }
        for row in rows
    ]


def instances(
    db_session: Session,
    rows: list[FlowInstance],
    membership: Membership,
    user: User,
    open_items: list[InboxItem] | None = None,
) -> list[dict[str, Any]]:
    """The instances with what each waits for; ``open_items`` when the caller already has them."""
    summaries = instance_summaries(db_session, rows)
    waiting: dict[uuid.UUID, list[dict[str, Any]]] = {r.id: [] for r in rows}
    if open_items is None:
        open_items = queries.waiting_items(db_session, [r.id for r in rows])
    for item in items(db_session, open_items, membership, user):
        waiting[item["instance_id"]].append(item)
    return [
        {**summary, "lock": row.version, "waiting": waiting[row.id]}
        for row, summary in zip(rows, summaries, strict=True)
    ]


def history(db_session: Session, rows: list[FlowHistory]) -> list[dict[str, Any]]:
    flows = rows_by_id(db_session, Flow, {r.flow_id for r in rows})
    users = rows_by_id(db_session, User, {r.user_id for r in rows if r.user_id is not None})
    return [
        {
            "id": row.id,
            "at": row.at,
            "user": {"id": users[row.user_id].id, "email": users[row.user_id].email} if row.user_id in users else None,
            "flow": {"key": flows[row.flow_id].key, "name": flows[row.flow_id].name},
            "kind": row.kind,
            "element": row.element,
            "label": row.label,
            "changes": row.changes,
        }
        for row in rows
    ]
