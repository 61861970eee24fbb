"""Reading a row to change it: locked for the transaction, and read afresh."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

Row = TypeVar("Row")


def lock_first(db_session: Session, model: type[Row], *criteria: Any, skip_locked: bool = False) -> Row | None:
    """The first row of ``model`` that meets ``criteria``, locked until the transaction ends; a copy
    the session holds from an earlier transaction is refreshed, not trusted. None when there is
    none (with ``skip_locked``: or another transaction holds it)."""
    return db_session.scalars(
        select(model)
        .where(*criteria)
        .with_for_update(skip_locked=skip_locked)
        .execution_options(populate_existing=True)
    ).first()
