"""Starting and advancing jobs. Each kind names the Celery task that runs one step of it."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import clock
from core.dispatch import after_commit
from core.jobs.models import Job, JobStatus

log = logging.getLogger(__name__)
STEP_TASK = "jobs.run_step"
STALE_AFTER = timedelta(minutes=5)


def start_job(
    db_session: Session,
    kind: str,
    *,
    tenant_id: uuid.UUID | None,
    params: dict[str, Any],
    total: int,
    user_id: int | None,
) -> Job:
    """Record a job and run its first step once the transaction commits."""
    job = Job(kind=kind, tenant_id=tenant_id, params=params, total=total, created_by=user_id)
    db_session.add(job)
    db_session.flush()
    after_commit(db_session, STEP_TASK, str(job.id))
    log.info("job queued", extra={"job_id": str(job.id), "kind": kind})
    return job


def continue_job(db_session: Session, job: Job) -> None:
    """Schedule the next step after this one commits."""
    after_commit(db_session, STEP_TASK, str(job.id))


def finish_job(job: Job, *, error: str | None = None) -> None:
    job.status = JobStatus.FAILED if error else JobStatus.DONE
    job.error = error
    job.finished_at = clock.now()


def stalled_jobs(db_session: Session) -> list[Job]:
    """Jobs whose worker went away (no heartbeat for a while): the sweep resumes them."""
    cutoff = clock.now() - STALE_AFTER
    return list(
        db_session.scalars(
            select(Job).where(
                Job.status.in_([JobStatus.QUEUED, JobStatus.RUNNING]),
                (Job.heartbeat_at.is_(None) & (Job.created_at < cutoff)) | (Job.heartbeat_at < cutoff),
            )
        )
    )
