"""A blueprint's records grouped by a choice column: a count per value (one grouped query) and
each value's records, newest change first, in keyset pages (the entity list's own query)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.errors import Invalid
from designer.blueprints.models import Blueprint
from engine.schema import Schema
from engine.schema.columns import Column, ColumnType
from runtime.board.targets import state_flow, steps_of
from runtime.entities import sql
from runtime.entities.indexes import request_indexes
from runtime.entities.queries import list_entities
from runtime.entities.views import entity_views
from runtime.flows.operations import published_flows

NEWEST_FIRST = json.dumps([{"column": "updated_at", "direction": "desc"}])


def find_blueprint(db_session: Session, key: str) -> Blueprint:
    found = db_session.scalars(select(Blueprint).where(Blueprint.key == key, Blueprint.deleted_at.is_(None))).first()
    if found is None or found.current_version is None:
        raise Invalid({"blueprint": [f"No published blueprint '{key}' here."]})
    return found


def choice_column(blueprint: Blueprint, key: str) -> Column:
    assert blueprint.current_version is not None
    column = Schema.parse(blueprint.current_version.columns).column(key)
    if column is None or column.type != ColumnType.CHOICE:
        raise Invalid({"column": [f"{blueprint.name} has no choice column '{key}'."]})
    return column


def default_column(db_session: Session, blueprint: Blueprint) -> Column:
    """The board's column when none is asked: the state column a steps-based flow moves, else the
    blueprint's first choice column."""
    assert blueprint.current_version is not None
    schema = Schema.parse(blueprint.current_version.columns)
    for flow in published_flows(db_session, blueprint.id):
        steps = steps_of(db_session, flow.current_version_id) if flow.current_version_id else None
        column = schema.column(steps.state) if steps is not None else None
        if column is not None and column.type == ColumnType.CHOICE:
            return column
    for column in schema.columns:
        if column.type == ColumnType.CHOICE:
            return column
    raise Invalid({"column": [f"{blueprint.name} has no choice column to group by."]})


def _filter(column: Column, value: str | None) -> str:
    if value is None:
        return json.dumps({"column": column.key, "op": "empty"})
    return json.dumps({"column": column.key, "op": "eq", "value": value})


def column_page(
    db_session: Session, blueprint: Blueprint, column: Column, value: str | None, size: int, cursor: str | None
) -> dict[str, Any]:
    """A page of the records whose ``column`` holds ``value`` (None: no value), newest change first."""
    if value is not None and value not in column.option_values():
        raise Invalid({"value": [f"{value} is not a value of {column.label}."]})
    args = {"filter": _filter(column, value), "sort": NEWEST_FIRST, "limit": size, "cursor": cursor}
    page = list_entities(db_session, blueprint, args, count=False)
    return {"items": entity_views(page["items"], blueprint), "next_cursor": page["next_cursor"]}


def counts(db_session: Session, blueprint: Blueprint, column: Column) -> dict[str | None, int]:
    """How many records hold each value of ``column`` (None: no value), in one grouped query."""
    request_indexes(db_session, blueprint, [column])
    expr = sql.value_expression(column)
    query = select(expr, func.count()).where(sql.of_blueprint(blueprint.id)).group_by(expr)
    return {row[0]: int(row[1]) for row in db_session.execute(query)}


def board(db_session: Session, blueprint: Blueprint, column: Column, size: int) -> dict[str, Any]:
    """Every value of the column (then the records without one): its count and first page."""
    found = counts(db_session, blueprint, column)
    values: list[tuple[str | None, str]] = [(o.value, o.label) for o in column.options]
    values.append((None, f"No {column.label}"))
    columns = []
    for value, label in values:
        count = found.get(value, 0)
        page = column_page(db_session, blueprint, column, value, size, None) if count else _EMPTY
        columns.append({"value": value, "label": label, "count": count, **page})
    flow = state_flow(db_session, blueprint.id, column.key)
    moved_by = {"key": flow.key, "name": flow.name} if flow is not None else None
    return {"column": column.key, "columns": columns, "state_flow": moved_by}


_EMPTY: dict[str, Any] = {"items": [], "next_cursor": None}
