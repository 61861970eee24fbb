"""Deleting old rows of a tenant-owned table in batches, each its own transaction (short locks).

A batch that fails is rolled back and logged, and ends the round: what it would have deleted
waits for the next one.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import Select, delete, tuple_
from sqlalchemy.orm import Session

from core.db import Base

BATCH = 5000
ROUNDS = 100


def delete_in_batches(
    db_session: Session,
    model: type[Base],
    chosen: Select[uuid.UUID, uuid.UUID],
    log: logging.Logger,
    failure: str,
    extra: dict[str, Any] | None = None,
) -> int:
    """Delete the rows ``chosen`` selects by their key (tenant_id, id), of every workspace, up to
    ``BATCH`` a transaction and ``ROUNDS`` transactions; how many went. A failed batch is logged
    as ``failure`` (with ``extra``) on ``log``."""
    batch = chosen.limit(BATCH).execution_options(all_tenants=True)
    columns = model.__table__.c
    key = tuple_(columns.tenant_id, columns.id)
    removed = 0
    for _ in range(ROUNDS):
        try:
            result = db_session.execute(
                delete(model).where(key.in_(batch)).execution_options(all_tenants=True, synchronize_session=False)
            )
            db_session.commit()
        except Exception:
            db_session.rollback()
            log.exception(failure, extra=extra)
            break
        count = int(result.rowcount)  # type: ignore[attr-defined]
        removed += count
        if count < BATCH:
            break
    return removed
