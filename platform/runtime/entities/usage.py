"""Entity counts per blueprint and per version, exact up to a threshold (designer asks via usage),
and list counts that stop within a time budget."""

from __future__ import annotations

import time
import uuid
from collections.abc import Hashable, Sequence
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import ScalarSelect

from core.timeouts import is_timeout, within
from runtime.entities.models import Entity

EXACT_COUNT_LIMIT = 1_000
# Planner estimates of large sets, by tenant and the caller's key: (monotonic expiry, rows).
_estimates: dict[tuple[Any, Hashable], tuple[float, int]] = {}
ESTIMATES_KEPT = 1_000


def capped_count(
    db_session: Session,
    *where: ColumnElement[bool],
    budget_ms: int | None = None,
    keep: tuple[Hashable, float] | None = None,
) -> tuple[int, bool]:
    """count(*) that stops at EXACT_COUNT_LIMIT + 1 rows; beyond it, an estimate from the planner
    (reused as ``keep`` says, see ``estimate``).

    With ``budget_ms`` the counting stops there too (a filter no index serves may have to read
    every record to find a thousand), and the answer is the planner's estimate, not exact. That
    takes a savepoint; a count an index serves (no filter) is bounded by the cap alone and needs none.
    """
    if budget_ms is None:
        return _capped_count(db_session, *where, keep=keep)
    try:
        with within(db_session, budget_ms):
            return _capped_count(db_session, *where, keep=keep)
    except DBAPIError as exc:
        if not is_timeout(exc):
            raise
    return estimate(db_session, *where, keep=keep), False


def _capped_count(
    db_session: Session, *where: ColumnElement[bool], keep: tuple[Hashable, float] | None = None
) -> tuple[int, bool]:
    return from_capped(db_session, int(db_session.scalar(select(capped_count_column(*where))) or 0), *where, keep=keep)


def capped_count_column(*where: ColumnElement[bool]) -> ScalarSelect[int]:
    """count(*) of the entities ``where`` selects, stopping at EXACT_COUNT_LIMIT + 1 rows, as a
    scalar subquery (a column another statement can carry: see queries.list_entities)."""
    inner = select(literal(1)).select_from(Entity).where(*where).limit(EXACT_COUNT_LIMIT + 1).subquery()
    return select(func.count()).select_from(inner).scalar_subquery()


def from_capped(
    db_session: Session, count: int, *where: ColumnElement[bool], keep: tuple[Hashable, float] | None = None
) -> tuple[int, bool]:
    """What ``capped_count`` answers for ``count`` (from ``capped_count_column``)."""
    if count <= EXACT_COUNT_LIMIT:
        return count, True
    return max(estimate(db_session, *where, keep=keep), count), False


def estimate(db_session: Session, *where: ColumnElement[bool], keep: tuple[Hashable, float] | None = None) -> int:
    """The planner's row estimate for the filtered entities (no scan).

    ``keep`` (a key that names ``where``, seconds): the process reuses the estimate that long for
    the scoped tenant; the planner's statistics move slowly, and a large count is shown as an
    estimate anyway.
    """
    now = time.monotonic()
    key = (db_session.info.get("tenant_id"), keep[0]) if keep is not None and keep[1] > 0 else None
    kept = _estimates.get(key) if key is not None else None
    if kept is not None and kept[0] > now:
        return kept[1]
    query = select(literal(1)).select_from(Entity).where(*where)
    # Expanded "IN" lists must be rendered here: exec_driver_sql sends the text as it is.
    compiled = query.compile(db_session.get_bind(), compile_kwargs={"render_postcompile": True})
    plan: list[dict[str, Any]] = (
        db_session.connection().exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar_one()
    )
    rows = int(plan[0]["Plan"]["Plan Rows"])
    if key is not None and keep is not None:
        if len(_estimates) >= ESTIMATES_KEPT:
            _estimates.clear()
        _estimates[key] = (now + keep[1], rows)
    return rows


def capped_counts(db_session: Session, column: Any, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, bool]]:
    """``capped_count`` for many ids in one query (a page of blueprints or versions)."""
    if not ids:
        return {}
    counts = [
        select(func.count())
        .select_from(select(literal(1)).select_from(Entity).where(column == i).limit(EXACT_COUNT_LIMIT + 1).subquery())
        .scalar_subquery()
        .label(f"c{n}")
        for n, i in enumerate(ids)
    ]
    row: tuple[int, ...] = db_session.execute(select(*counts)).one()
    result: dict[uuid.UUID, tuple[int, bool]] = {}
    for i, count in zip(ids, row, strict=True):
        # Only the rare large sets pay for a planner estimate.
        result[i] = (int(count), True) if count <= EXACT_COUNT_LIMIT else capped_count(db_session, column == i)
    return result


class EntityUsage:
    """The counter designer uses for blueprint and version summaries."""

    def by_blueprint(self, db_session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, bool]]:
        return capped_counts(db_session, Entity.blueprint_id, ids)

    def by_version(self, db_session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, bool]]:
        return capped_counts(db_session, Entity.blueprint_version_id, ids)
