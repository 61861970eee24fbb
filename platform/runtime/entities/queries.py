"""Reading entities: one by id, and filtered, sorted, searched, keyset-paged lists (bounded: scan.py)."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import select, tuple_
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from core.db import rows_below_orm, rows_by_id, scope_criteria
from core.errors import Invalid, NotFound
from core.pagination import decode_cursor, encode_cursor
from core.timeouts import is_timeout, within
from designer.blueprints.models import BlueprintVersion
from designer.blueprints.queries import AnyBlueprint, published_version
from engine.schema import FieldErrors, Schema
from engine.schema.columns import Column
from engine.schema.filters import Condition, Group, Sort, parse_filter, parse_sort
from engine.schema.search import prefix_query
from runtime.api.guard import first_bad_text, json_depth_exceeds
from runtime.entities import scan, sql
from runtime.entities.indexes import request_indexes
from runtime.entities.models import Entity
from runtime.entities.usage import capped_count, capped_count_column, estimate, from_capped


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
    db_session: Session, blueprint: AnyBlueprint, args: dict[str, Any], *, count: bool = True, bounded: bool = True
) -> dict[str, Any]:
    """A page of the blueprint's entities: ``complete`` unless a column without a ready index made
    it stop within the budget (``reason: "indexing"``, see scan.py); the first page (no cursor)
    also has a count, exact when small.

    ``bounded=False`` (exports, which page through everything in a job) always runs the full query.
    """
    settings = current_app.config["LOOM"]
    started = time.monotonic()
    published = published_version(db_session, blueprint)
    schema = published.schema if published is not None else Schema(())
    try:
        tree = parse_filter(schema, json_arg(args.get("filter"), "filter"))
        sorts = parse_sort(schema, json_arg(args.get("sort"), "sort"))
    except FieldErrors as exc:
        raise Invalid(exc.errors) from exc
    where: list[Any] = [sql.of_blueprint(blueprint.id)]
    if tree is not None:
        where.append(sql.filter_sql(tree))
    used = _columns_used(tree, sorts)
    request_indexes(db_session, blueprint, used)
    keys = sql.sort_keys(sorts)
    values = sql.decode_values(keys, decode_cursor(args["cursor"], len(keys))) if args.get("cursor") else None
    hits = None
    words = prefix_query(args.get("q") or "")
    if words and bounded:
        hits = scan.search_hits(db_session, blueprint.id, words, settings.list_search_cap, settings.list_budget_ms)
    if words:
        where.append(hits if hits is not None else scan.search_sql(words))
    size = args["limit"] + 1
    slow = bounded and hits is None and scan.unready(db_session, blueprint.id, used)
    found = _bounded_page(db_session, blueprint, where, keys, values, size) if slow else None
    # The blueprint's records alone (the grid's first page): the page's first query carries the
    # count as a column, one round trip less.
    alone = len(where) == 1
    fold = count and values is None and alone and found is None
    if found is not None:
        rows = found.rows
    elif fold:
        opening = (blueprint.id, published.id if published is not None else None, args.get("sort") or "", size)
        rows = _opening_page(db_session, opening, where, keys, size)
    else:
        rows = _fetch_page(db_session, where, keys, values, size)
    counted = rows[0]._mapping.get(_COUNTED) if fold and rows else None
    more = len(rows) > args["limit"]
    rows = rows[: args["limit"]]
    result: dict[str, Any] = {
        "items": rows,
        "next_cursor": encode_cursor(sql.cursor_values(rows[-1], keys)) if more and rows else None,
        "complete": found is None or found.complete,
        "reason": None if found is None or found.complete else "indexing",
    }
    if found is not None and found.resume is not None:
        result["next_cursor"] = encode_cursor(sql.cursor_values_at(found.resume))
    if count and values is None:
        # The blueprint's records alone are counted from its index, at most the cap: no budget
        # (and no savepoint) needed, and an estimate beyond it is reused for a while; a filter or
        # a search may have to read far more.
        # The budget is the whole list's: what the page spent is not the count's to spend again.
        budget = None
        if bounded and not alone:
            budget = settings.list_budget_ms - int((time.monotonic() - started) * 1000)
        keep = (("blueprint", blueprint.id), settings.list_estimate_seconds) if alone else None
        if counted is not None:
            value, exact = from_capped(db_session, int(counted), *where, keep=keep)
        elif (budget is not None and budget <= 0) or (found is not None and not found.complete):
            value, exact = estimate(db_session, *where), False  # counting could only run out of time
        else:
            value, exact = capped_count(db_session, *where, budget_ms=budget, keep=keep)
        result["count"] = {"value": value, "exact": exact}
    return result


@dataclass(frozen=True)
class _Found:
    rows: list[Any]  # rows of sql.PAGE_COLUMNS
    complete: bool
    resume: tuple[Any, uuid.UUID] | None  # where the next page goes on (default order)


def _bounded_page(
    db_session: Session,
    blueprint: AnyBlueprint,
    where: list[Any],
    keys: list[sql.SortKey],
    values: list[Any] | None,
    size: int,
) -> _Found:
    """A page that uses a column without a ready index, within ``LOOM_LIST_BUDGET_MS``.

    In the default order, the records are read in steps (scan.py) and the page goes on from where
    the budget ran out. In another order, the full query runs if the blueprint is small enough and
    it finishes within the budget; else the first matches in the default order are shown, with
    no cursor (an order cannot be continued from a page that is not in it).
    """
    settings = current_app.config["LOOM"]
    chunk, budget = settings.list_scan_chunk, settings.list_budget_ms
    if scan.in_default_order(keys):
        after = (values[0], values[1]) if values is not None else None
        scanned = scan.scan_page(db_session, blueprint.id, where, keys, after, size, chunk=chunk, budget_ms=budget)
        return _Found(scanned.rows, scanned.resume is None, scanned.resume)
    if scan.at_most(db_session, blueprint.id, settings.list_sort_max_rows):
        try:
            with within(db_session, budget):
                return _Found(_fetch_page(db_session, where, keys, values, size), True, None)
        except DBAPIError as exc:
            if not is_timeout(exc):
                raise
    if values is not None:
        return _Found([], False, None)
    default = sql.sort_keys(())
    scanned = scan.scan_page(db_session, blueprint.id, where, default, None, size - 1, chunk=chunk, budget_ms=budget)
    return _Found(scanned.rows, False, None)


_COUNTED = "capped_count"


@dataclass(frozen=True)
class _PageQueries:
    """The statements of a page: the rows with a value (or all rows), then, for a nullable sort
    column, the rows without one (run only when the first did not fill the page)."""

    first: Any | None
    nulls: Any | None


def _fetch_page(
    db_session: Session,
    where: list[Any],
    keys: list[sql.SortKey],
    values: list[Any] | None,
    size: int,
    extra: tuple[Any, ...] = (),
) -> list[Any]:
    """Up to ``size`` rows of sql.PAGE_COLUMNS after the cursor, in sort order, with NULLs last
    (the rows of the first query carry the ``extra`` columns too)."""
    return _run_page(db_session, _page_queries(where, keys, values, size, extra), size)


def _page_queries(
    where: list[Any], keys: list[sql.SortKey], values: list[Any] | None, size: int, extra: tuple[Any, ...]
) -> _PageQueries:
    """One sort column (plus the id tie-breaker) is the common case and is read in two
    index-friendly parts: the rows with a value, with a row comparison ``(expr, id) > (v, id)``
    that an ``(blueprint_id, expr, id)`` index serves at any depth, then the rows without a value.
    Other sorts use the general predicate.

    The page is the hottest query there is: it runs below the ORM (rows, not objects), with the
    tenant's and the Trash's criteria written into it (``scope_criteria``).
    """
    scope = scope_criteria(Entity)
    if len(keys) != 2:
        query = select(*sql.PAGE_COLUMNS, *extra).where(*scope, *where).order_by(*sql.order_by(keys)).limit(size)
        if values is not None:
            query = query.where(sql.after_cursor(keys, values))
        return _PageQueries(query, None)
    (expr, desc, column), (id_expr, _, _) = keys
    nullable = column is not None and column.key not in sql.SYSTEM
    first = nulls = None
    if values is None or values[0] is not None:
        first = (
            select(*sql.PAGE_COLUMNS, *extra)
            .where(*scope, *where)
            .order_by(expr.desc() if desc else expr.asc(), id_expr.desc() if desc else id_expr.asc())
        )
        if nullable:
            first = first.where(expr.is_not(None))
        if values is not None:
            pair, cursor = tuple_(expr, id_expr), tuple_(values[0], values[1])
            first = first.where(pair < cursor if desc else pair > cursor)
        first = first.limit(size)
    if nullable:
        nulls = (
            select(*sql.PAGE_COLUMNS)
            .where(*scope, *where, expr.is_(None))
            .order_by(id_expr.desc() if desc else id_expr.asc())
        )
        if values is not None and values[0] is None:
            nulls = nulls.where(id_expr < values[1] if desc else id_expr > values[1])
    return _PageQueries(first, nulls)


def _run_page(db_session: Session, page: _PageQueries, size: int) -> list[Any]:
    rows = rows_below_orm(db_session, page.first) if page.first is not None else []
    if page.nulls is not None and len(rows) < size:
        rows += rows_below_orm(db_session, page.nulls.limit(size - len(rows)))
    return rows


# A blueprint's opening page (no filter, no search, no cursor: what the grid asks for first, and
# again on every visit) is the same statements for every request until a version changes its
# columns: this process keeps them, so SQLAlchemy reuses their cache key and compiled form as
# they are (about a millisecond a page). The tenant is a parameter (``scope_criteria``).
_opening_pages: dict[tuple[Any, ...], _PageQueries] = {}
OPENING_PAGES_KEPT = 1_000


def _opening_page(
    db_session: Session,
    key: tuple[Any, ...],
    where: list[Any],
    keys: list[sql.SortKey],
    size: int,
) -> list[Any]:
    """The opening page's rows, each carrying the blueprint's capped count (``_COUNTED``)."""
    page = _opening_pages.get(key)
    if page is None:
        extra = (capped_count_column(*scope_criteria(Entity), *where).label(_COUNTED),)
        page = _page_queries(where, keys, None, size, extra)
        if len(_opening_pages) >= OPENING_PAGES_KEPT:
            _opening_pages.clear()
        _opening_pages[key] = page
    return _run_page(db_session, page, size)


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
