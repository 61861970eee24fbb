"""Entity counts per blueprint and per version, exact up to a threshold (designer asks via usage),
and list counts that stop within a time budget."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from core.timeouts import is_timeout, within
from runtime.entities.models import Entity

EXACT_COUNT_LIMIT = 1_000


def capped_count(db_session: Session, *where: object, budget_ms: int | None = None) -> tuple[int, bool]:
    """count(*) that stops at EXACT_COUNT_LIMIT + 1 rows; beyond it, an estimate from the planner.

    With ``budget_ms`` the counting stops there too (a filter no index serves may have to read
    every record to find a thousand), and the answer is the planner's estimate, not exact.
    """
    if budget_ms is None:
        return _capped_count(db_session, *where)
    try:
        with within(db_session, budget_ms):
            return _capped_count(db_session, *where)
    except DBAPIError as exc:
        if not is_timeout(exc):
            raise
    return estimate(db_session, *where), False


def _capped_count(db_session: Session, *where: object) -> tuple[int, bool]:
    inner = select(literal(1)).select_from(Entity).where(*where).limit(EXACT_COUNT_LIMIT + 1).subquery()
    count = int(db_session.scalar(select(func.count()).select_from(inner)) or 0)
    if count <= EXACT_COUNT_LIMIT:
        return count, True
    return max(estimate(db_session, *where), count), False


def estimate(db_session: Session, *where: object) -> int:
    """The planner's row estimate for the filtered entities (no scan)."""
    query = select(literal(1)).select_from(Entity).where(*where)
    # Expanded "IN" lists must be rendered here: exec_driver_sql sends the text as it is.
    compiled = query.compile(db_session.get_bind(), compile_kwargs={"render_postcompile": True})
    plan = db_session.connection().exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar()
    return int(plan[0]["Plan"]["Plan Rows"])


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
    row = db_session.execute(select(*counts)).one()
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
