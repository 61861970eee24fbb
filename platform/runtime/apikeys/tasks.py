"""Forgetting Idempotency-Key answers once they are past LOOM_IDEMPOTENCY_HOURS (Celery beat, hourly)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, delete, select, tuple_
from sqlalchemy.orm import Session

from core import clock, db
from core.celery import task
from runtime.apikeys.models import IdempotentRequest

log = logging.getLogger(__name__)
BATCH = 5000


def purge_answers(db_session: Session, hours: int, batch: int = BATCH) -> int:
    """Delete answers older than ``hours``, a batch per transaction (short locks); how many went."""
    cutoff = clock.now() - timedelta(hours=hours)
    row = tuple_(IdempotentRequest.tenant_id, IdempotentRequest.principal, IdempotentRequest.key)
    total = 0
    while True:
        old = (
            select(IdempotentRequest.tenant_id, IdempotentRequest.principal, IdempotentRequest.key)
            .where(IdempotentRequest.created_at < cutoff)
            .limit(batch)
        )
        result = db_session.execute(
            delete(IdempotentRequest)
            .where(row.in_(old))
            .execution_options(all_tenants=True, synchronize_session=False)  # every workspace's answers
        )
        gone = int(cast(CursorResult[Any], result).rowcount)
        db_session.commit()
        total += gone
        if gone < batch:
            return total


@task(name="apikeys.purge_idempotent_requests")
def purge_idempotent_requests() -> int:
    """The beat runs this hourly; how many kept answers were deleted."""
    gone = purge_answers(db.session(), current_app.config["LOOM"].idempotency_hours)
    if gone:
        log.info("idempotency answers purged", extra={"count": gone})
    return gone
