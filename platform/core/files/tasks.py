"""Stored files past their ``expires_at`` go: their bytes, then their row.

Uploads wait two days for their import, exports a week for their download. A beat entry runs
``files.purge_expired`` hourly. Each file is its own transaction, deleted in its own workspace's
scope: a file whose bytes or row cannot go is logged and tried again next round, and the round goes
on past it. Bytes go first, so a crash in between leaves the row to find them by. A file that a
running job still reads or writes waits until the job ends.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from sqlalchemy import String, cast, delete, select, tuple_
from sqlalchemy.orm import Session

from core import clock, db
from core.celery import task
from core.db import scope_to_tenant
from core.files import storage
from core.files.models import StoredFile
from core.jobs.models import Job, JobStatus

log = logging.getLogger(__name__)
BATCH = 100
MAX_BATCHES = 20  # at most this many batches a round; the rest waits for the next
ENDED = (JobStatus.DONE, JobStatus.FAILED)

Expired = tuple[uuid.UUID, uuid.UUID, datetime]  # tenant, file, expires_at


def expired_files(db_session: Session, after: tuple[datetime, uuid.UUID] | None = None) -> list[Expired]:
    """The next batch of expired files of every workspace, oldest first, after ``after``."""
    busy = select(Job.params["file_id"].astext).where(Job.status.not_in(ENDED), Job.params.has_key("file_id"))
    query = (
        select(StoredFile.tenant_id, StoredFile.id, StoredFile.expires_at)
        .where(StoredFile.expires_at < clock.now(), cast(StoredFile.id, String).not_in(busy))
        .order_by(StoredFile.expires_at, StoredFile.id)
        .limit(BATCH)
        .execution_options(all_tenants=True)
    )
    if after is not None:
        query = query.where(tuple_(StoredFile.expires_at, StoredFile.id) > tuple_(*after))
    return [(tenant_id, file_id, expires_at) for tenant_id, file_id, expires_at in db_session.execute(query)]


def remove_file(db_session: Session, tenant_id: uuid.UUID, file_id: uuid.UUID) -> None:
    """The file's bytes, then its row, in its workspace's scope."""
    storage.current().delete(file_id)
    with scope_to_tenant(db_session, tenant_id):
        db_session.execute(delete(StoredFile).where(StoredFile.id == file_id))


@task(name="files.purge_expired")
def purge_expired_files() -> int:
    """Hourly: remove expired uploads and exports; how many went."""
    session = db.session()
    removed, after = 0, None
    for _ in range(MAX_BATCHES):
        batch = expired_files(session, after)
        session.commit()
        for tenant_id, file_id, _expires_at in batch:
            try:
                remove_file(session, tenant_id, file_id)
                session.commit()
                removed += 1
            except Exception:
                session.rollback()
                log.exception(
                    "an expired file could not be removed; next round tries again",
                    extra={"file_id": str(file_id), "tenant_id": str(tenant_id)},
                )
        if len(batch) < BATCH:
            break
        after = (batch[-1][2], batch[-1][1])
    if removed:
        log.info("expired files removed", extra={"count": removed})
    return removed
