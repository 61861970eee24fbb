"""Reading entities: one by id, and filtered, sorted, searched, keyset-paged lists."""

from __future__ import annotations

import json
import uuid
from typing import Any

from flask import current_app
from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from core.db import rows_by_id
from core.errors import Invalid, NotFound
from core.pagination import decode_cursor, encode_cursor
from designer.blueprints.models import Blueprint, BlueprintVersion
from engine.schema import FieldErrors, Schema
from engine.schema.columns import Column
from engine.schema.filters import Condition, Group, Sort, parse_filter, parse_sort
from engine.schema.search import prefix_query
from runtime.api.guard import first_bad_text, json_depth_exceeds
from runtime.entities import sql
from runtime.entities.indexes import request_indexes
from runtime.entities.models import Entity
from runtime.entities.usage import capped_count


def get_entity(db_session: Session, entity_id: uuid.UUID) -> Entity:
    """A live record of the scoped workspace (a trashed one is not found: see get_trashed_entity)."""
    entity = db_session.get(Entity, entity_id)
    if entity is None or entity.tenant_id != db_session.info.get("tenant_id") or entity.deleted_at is not None:
        raise NotFound("No such record here.")
    return entity


def get_trashed_entity(db_session: Session, entity_id: uuid.UUID) -> Entity:
    """A record of the scoped workspace that is in the Trash."""
    entity = db_session.scalars(
        select(Entity)
        .where(Entity.id == entity_id, Entity.deleted_at.is_not(None))
        .execution_options(include_trashed=True)
    ).first()
    if entity is None:
        raise NotFound("No such record in the Trash.")
    return entity


def json_arg(raw: str | None, name: str) -> Any:
    """A query parameter holding JSON (``filter``, ``sort``), refused with its name when it is
    not JSON, nests too deeply, or holds text no column can (NUL, lone surrogates)."""
    if raw is None or raw == "":
        return None
    limit = int(current_app.config["LOOM"].json_max_depth)
    if json_depth_exceeds(raw.encode("utf-8", "surrogatepass"), limit):
        raise Invalid({name: [f"Nested deeper than {limit} levels."]})
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise Invalid({name: [f"Not valid JSON: {getattr(exc, 'msg', exc)}."]}) from exc
    bad = first_bad_text(value)
    if bad is not None:
        raise Invalid({name: [f"{bad[0]}: {bad[1]}"]})
    return value


def list_entities(
    db_session: Session, blueprint: Blueprint, args: dict[str, Any], *, count: bool = True
) -> dict[str, Any]:
    """A page of the blueprint's entities, with a count that is exact when small."""
    version = blueprint.current_version
    schema = Schema.parse(version.columns) if version is not None else Schema(())
    try:
        tree = parse_filter(schema, json_arg(args.get("filter"), "filter"))
        sorts = parse_sort(schema, json_arg(args.get("sort"), "sort"))
    except FieldErrors as exc:
        raise Invalid(exc.errors) from exc
    where = [Entity.blueprint_id == blueprint.id]
    if tree is not None:
        where.append(sql.filter_sql(tree))
    words = prefix_query(args.get("q") or "")
    if words:
        where.append(func.to_tsvector("simple", Entity.search_text).op("@@")(func.to_tsquery("simple", words)))
    request_indexes(db_session, blueprint, _columns_used(tree, sorts))
    keys = sql.sort_keys(sorts)
    values = sql.decode_values(keys, decode_cursor(args["cursor"], len(keys))) if args.get("cursor") else None
    rows = _fetch_page(db_session, where, keys, values, args["limit"] + 1)
    more = len(rows) > args["limit"]
    rows = rows[: args["limit"]]
    result: dict[str, Any] = {
        "items": rows,
        "next_cursor": encode_cursor(sql.cursor_values(rows[-1], keys)) if more and rows else None,
    }
    if count:
        value, exact = capped_count(db_session, *where)
        result["count"] = {"value": value, "exact": exact}
    return result


def _fetch_page(
    db_session: Session, where: list[Any], keys: list[sql.SortKey], values: list[Any] | None, size: int
) -> list[Entity]:
    """Up to ``size`` rows after the cursor, in sort order, with NULLs last.

    One sort column (plus the id tie-breaker) is the common case and is read in two index-friendly
    parts: the rows with a value, with a row comparison ``(expr, id) > (v, id)`` that an
    ``(blueprint_id, expr, id)`` index serves at any depth, then the rows without a value.
    Other sorts use the general predicate.
    """
    if len(keys) != 2:
        query = select(Entity).where(*where).order_by(*sql.order_by(keys)).limit(size)
        if values is not None:
            query = query.where(sql.after_cursor(keys, values))
        return list(db_session.scalars(query))
    (expr, desc, column), (id_expr, _, _) = keys
    nullable = column is not None and column.key not in sql.SYSTEM
    rows: list[Entity] = []
    if values is None or values[0] is not None:
        query = (
            select(Entity)
            .where(*where)
            .order_by(expr.desc() if desc else expr.asc(), id_expr.desc() if desc else id_expr.asc())
        )
        if nullable:
            query = query.where(expr.is_not(None))
        if values is not None:
            pair, cursor = tuple_(expr, id_expr), tuple_(values[0], values[1])
            query = query.where(pair < cursor if desc else pair > cursor)
        rows = list(db_session.scalars(query.limit(size)))
    if nullable and len(rows) < size:
        query = select(Entity).where(*where, expr.is_(None)).order_by(id_expr.desc() if desc else id_expr.asc())
        if values is not None and values[0] is None:
            query = query.where(id_expr < values[1] if desc else id_expr > values[1])
        rows += list(db_session.scalars(query.limit(size - len(rows))))
    return rows


def _columns_used(tree: Group | Condition | None, sorts: tuple[Sort, ...]) -> list[Column]:
    used = [s.column for s in sorts if not s.system]
    stack: list[Group | Condition] = [tree] if tree is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, Group):
            stack.extend(node.children)
        elif not node.system:
            used.append(node.column)
    return used


def versions_by_id(db_session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, BlueprintVersion]:
    return rows_by_id(db_session, BlueprintVersion, ids)
