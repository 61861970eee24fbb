"""The Trash's retention purge: records deleted longer ago than ``LOOM_TRASH_RETENTION_DAYS`` go for good.

One workspace at a time, in batches, each batch its own transaction: a workspace whose purge
fails (a lock, a bad row) is logged and skipped until the next round, and never holds up the
others.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import clock, db
from core.celery import task
from core.db import scope_to_tenant
from runtime.entities.models import Entity
from runtime.entities.operations import purge_expired, retention

log = logging.getLogger(__name__)
BATCH = 1000
MAX_BATCHES_PER_TENANT = 20  # the rest waits for the next round, so one big Trash cannot hog it


def tenants_with_expired(db_session: Session, limit: int = 500) -> list[uuid.UUID]:
    """Workspaces holding records past the retention (the partial trash index answers this)."""
    query = (
        select(Entity.tenant_id)
        .where(Entity.deleted_at < clock.now() - retention())
        .distinct()
        .limit(limit)
        .execution_options(all_tenants=True, include_trashed=True)
    )
    return list(db_session.scalars(query))


def purge_tenant(db_session: Session, tenant_id: uuid.UUID) -> int:
    """Purge one workspace's expired records, batch by batch, committing each; how many went."""
    purged = 0
    for _ in range(MAX_BATCHES_PER_TENANT):
        with scope_to_tenant(db_session, tenant_id):
            gone = purge_expired(db_session, BATCH)
        db_session.commit()
        purged += gone
        if gone < BATCH:
            break
    return purged


@task(name="trash.purge_expired")
def purge_expired_records() -> int:
    """Hourly: delete for good what stayed in the Trash past the retention; how many records went."""
    session = db.session()
    total = 0
    for tenant_id in tenants_with_expired(session):
        try:
            total += purge_tenant(session, tenant_id)
        except Exception:
            session.rollback()
            log.exception("trash purge failed for a workspace", extra={"tenant_id": str(tenant_id)})
    if total:
        log.info("trash purge deleted records", extra={"count": total})
    return total
