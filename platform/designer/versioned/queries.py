"""Reads of the published versions of a blueprint or a flow. The session is scoped to the tenant
by the caller."""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from core.errors import NotFound
from designer.versioned.models import PublishedVersion

# Version numbers are PostgreSQL integers: a larger number names no version (and is not sent to
# the database, which would refuse it).
MAX_VERSION_NUMBER = 2**31 - 1

V = TypeVar("V", bound=PublishedVersion)


def find_version(
    db_session: Session, model: type[V], of: InstrumentedAttribute[uuid.UUID], owner_id: uuid.UUID, number: int
) -> V | None:
    """Version ``number`` of the blueprint or flow ``owner_id`` (``of``: the version's column naming it)."""
    if not 0 <= number <= MAX_VERSION_NUMBER:
        return None
    return db_session.scalars(select(model).where(of == owner_id, model.number == number)).first()


def all_versions(
    db_session: Session, model: type[V], of: InstrumentedAttribute[uuid.UUID], owner_id: uuid.UUID
) -> list[V]:
    """Every version of the blueprint or flow ``owner_id``, oldest first."""
    return list(db_session.scalars(select(model).where(of == owner_id).order_by(model.number)))


def next_number(db_session: Session, model: type[V], of: InstrumentedAttribute[uuid.UUID], owner_id: uuid.UUID) -> int:
    """The number the next published version takes: one more than the last, 1 for the first."""
    return (db_session.scalar(select(func.max(model.number)).where(of == owner_id)) or 0) + 1


def version_or_404(found: V | None, owner_name: str, number: int) -> V:
    if found is None:
        raise NotFound(f"{owner_name} has no version {number}.")
    return found
