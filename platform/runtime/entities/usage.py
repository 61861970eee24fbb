"""Entity counts per blueprint and per version, exact up to a threshold (designer asks via usage)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from runtime.entities.models import Entity

EXACT_COUNT_LIMIT = 1_000


def capped_count(db_session: Session, *where: object) -> tuple[int, bool]:
    """count(*) that stops at EXACT_COUNT_LIMIT + 1 rows; beyond it, an estimate from the planner."""
    inner = select(literal(1)).select_from(Entity).where(*where).limit(EXACT_COUNT_LIMIT + 1).subquery()
    count = int(db_session.scalar(select(func.count()).select_from(inner)) or 0)
    if count <= EXACT_COUNT_LIMIT:
        return count, True
    return max(estimate(db_session, *where), count), False


def estimate(db_session: Session, *where: object) -> int:
    """The planner's row estimate for the filtered entities (no scan)."""
    query = select(literal(1)).select_from(Entity).where(*where)
    compiled = query.compile(db_session.get_bind(), compile_kwargs={"literal_binds": False})
    plan = db_session.connection().exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar()
    return int(plan[0]["Plan"]["Plan Rows"])


class EntityUsage:
    """The counter designer uses for blueprint and version summaries."""

    def by_blueprint(self, db_session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, bool]]:
        return {i: capped_count(db_session, Entity.blueprint_id == i) for i in ids}

    def by_version(self, db_session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, bool]]:
        return {i: capped_count(db_session, Entity.blueprint_version_id == i) for i in ids}
