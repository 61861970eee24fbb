"""Record lists that stay bounded at any size: searches from the full-text index, and columns
whose expression index is not ready yet read in steps of the default order, within a budget.

A filter on a column without a ready index cannot use one: the database would read every record
of the blueprint to find a few. Instead the list walks ``ix_entities_list_default`` (tenant,
blueprint, created_at, id) ``LOOM_LIST_SCAN_CHUNK`` records at a time, filters each step, and
stops when the page is full, the records end, or ``LOOM_LIST_BUDGET_MS`` is spent; then it
answers what it found, incomplete, with a cursor that goes on from where it stopped.

A search whose words match at most ``LOOM_LIST_SEARCH_CAP`` records is answered from those
records alone, found through the GIN index ``ix_entities_search`` (a MATERIALIZED CTE keeps the
planner from walking the created_at index through every record instead).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, literal, literal_column, select, tuple_
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from core.timeouts import is_timeout, within
from engine.schema.columns import Column
from runtime.entities import sql
from runtime.entities.models import Entity, EntityIndex


@dataclass(frozen=True)
class Scanned:
    """Rows found in default order; ``resume`` is the last record read when the budget ran out."""

    rows: list[Any]  # of sql.PAGE_COLUMNS
    resume: tuple[Any, uuid.UUID] | None


# The text search configuration written into the statement, as in the index's own expression: sent
# as a parameter, it made ``to_tsvector($1, search_text)``, which a prepared statement's generic plan
# cannot match to the index, and such a plan read every record of the blueprint (2.6 s at a million).
_SIMPLE: ColumnElement[Any] = literal_column("'simple'::regconfig")


def search_sql(words: str) -> ColumnElement[bool]:
    """The full-text match, in the very expression of ``ix_entities_search``."""
    return func.to_tsvector(_SIMPLE, Entity.search_text).op("@@")(func.to_tsquery(_SIMPLE, words))


def unready(db_session: Session, blueprint_id: uuid.UUID, columns: Iterable[Column]) -> bool:
    """Whether any of ``columns`` (record values, not system columns) has no ready index."""
    keys = {c.key for c in columns if c.key not in sql.SYSTEM}
    if not keys:
        return False
    ready = set(
        db_session.scalars(
            select(EntityIndex.column_key).where(
                EntityIndex.blueprint_id == blueprint_id,
                EntityIndex.status == "ready",
                EntityIndex.column_key.in_(keys),
            )
        )
    )
    return bool(keys - ready)


def in_default_order(keys: list[sql.SortKey]) -> bool:
    """The order ``ix_entities_list_default`` serves: created_at (either way), then id."""
    column = keys[0][2]  # None: no sort asked for, which is created_at (sql.sort_keys)
    return len(keys) == 2 and (column is None or column.key == "created_at")


def search_hits(db_session: Session, blueprint_id: uuid.UUID, words: str, cap: int, budget_ms: int) -> Any | None:
    """``Entity.id IN (the matching ids)`` when the words match at most ``cap`` records, else None
    (the words are common: the default order finds a page of them soon)."""
    matches = select(Entity.id).where(sql.of_blueprint(blueprint_id), search_sql(words)).limit(cap + 1)
    try:
        with within(db_session, budget_ms):
            found = int(db_session.scalar(select(func.count()).select_from(matches.subquery())) or 0)
    except DBAPIError as exc:
        if not is_timeout(exc):
            raise
        return None
    if found > cap:
        return None
    hits = matches.cte("search_hits").prefix_with("MATERIALIZED")
    return Entity.id.in_(select(hits.c.id))


def at_most(db_session: Session, blueprint_id: uuid.UUID, rows: int) -> bool:
    """Whether the blueprint holds at most ``rows`` records (reads at most rows + 1 index entries)."""
    inner = select(literal(1)).select_from(Entity).where(Entity.blueprint_id == blueprint_id).limit(rows + 1)
    return int(db_session.scalar(select(func.count()).select_from(inner.subquery())) or 0) <= rows


def scan_page(
    db_session: Session,
    blueprint_id: uuid.UUID,
    where: list[Any],
    keys: list[sql.SortKey],
    after: tuple[Any, uuid.UUID] | None,
    size: int,
    *,
    chunk: int,
    budget_ms: int,
) -> Scanned:
    """Up to ``size`` rows matching ``where`` after ``after``, in the default order ``keys``,
    reading ``chunk`` records a step until the page is full, the records end or the budget would
    be overrun: a step starts only while the time left holds one as long as the longest so far (at
    least one step is always read), so a page answers within the budget rather than a step after it."""
    desc = keys[0][1]
    pair = tuple_(Entity.created_at, Entity.id)
    order: list[ColumnElement[Any]] = (
        [Entity.created_at.desc(), Entity.id.desc()] if desc else [Entity.created_at.asc(), Entity.id.asc()]
    )
    started = time.monotonic()
    longest = 0.0
    rows: list[Any] = []
    while True:
        step_started = time.monotonic()
        window = select(Entity.created_at, Entity.id).where(Entity.blueprint_id == blueprint_id)
        page = select(*sql.PAGE_COLUMNS).where(*where)
        if after is not None:
            beyond = pair < tuple_(*after) if desc else pair > tuple_(*after)
            window, page = window.where(beyond), page.where(beyond)
        edge = db_session.execute(window.order_by(*order).offset(chunk - 1).limit(1)).first()
        if edge is not None:
            page = page.where(pair >= tuple_(*edge) if desc else pair <= tuple_(*edge))
        rows += db_session.execute(page.order_by(*order).limit(size - len(rows))).all()
        if len(rows) >= size or edge is None:
            return Scanned(rows, None)
        after = (edge.created_at, edge.id)
        now = time.monotonic()
        longest = max(longest, now - step_started)
        if (now - started + longest) * 1000 > budget_ms:
            return Scanned(rows, after)
