"""Running jobs one step at a time; each step commits, so a crash loses at most one step."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from celery import shared_task
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import clock, db
from core.db import set_tenant_scope
from core.jobs.models import Job, JobStatus
from core.jobs.operations import continue_job, finish_job, is_split, report_to_parent, stalled_jobs

log = logging.getLogger(__name__)
# kind -> step(session, job) returning True when the job is finished. Registered by the packages
# that own each kind of work (runtime registers entity migrations, imports, exports...).
STEPS: dict[str, Callable[[Session, Job], bool]] = {}
# kind -> called once when a whole job of that kind ends (done or failed; a split job when its last
# part does), in the transaction that ends it: where a kind announces that it finished.
FINISHERS: dict[str, Callable[[Session, Job], None]] = {}


def register_step(
    kind: str, step: Callable[[Session, Job], bool], on_finish: Callable[[Session, Job], None] | None = None
) -> None:
    STEPS[kind] = step
    if on_finish is not None:
        FINISHERS[kind] = on_finish


def run_one_step(db_session: Session, job_id: uuid.UUID) -> JobStatus | None:
    """Lock the job, run one step of it, record progress. Returns the job's status afterwards."""
    job = db_session.scalars(select(Job).where(Job.id == job_id).with_for_update(skip_locked=True)).first()
    if job is None or job.status in (JobStatus.DONE, JobStatus.FAILED) or is_split(job):
        return None if job is None else job.status  # a split job's parts do its work
    status = _step(db_session, job)
    ended: Job | None = job if job.parent_id is None else report_to_parent(db_session, job)
    if ended is not None and ended.status in (JobStatus.DONE, JobStatus.FAILED) and ended.kind in FINISHERS:
        _finished(db_session, ended)
    return status


def _finished(db_session: Session, job: Job) -> None:
    """Run the kind's finisher; a failing one is logged and never undoes the finished work."""
    try:
        with db_session.begin_nested():
            FINISHERS[job.kind](db_session, job)
    except Exception:
        log.exception("job finisher failed", extra={"job_id": str(job.id), "kind": job.kind})


def _step(db_session: Session, job: Job) -> JobStatus:
    if job.tenant_id is not None:
        set_tenant_scope(db_session, job.tenant_id)
    job.status = JobStatus.RUNNING
    job.heartbeat_at = clock.now()
    step = STEPS.get(job.kind)
    if step is None:
        finish_job(job, error=f"Unknown kind of job: {job.kind}")
        return job.status
    try:
        with db_session.begin_nested():
            finished = step(db_session, job)
    except Exception as exc:
        log.exception("job step failed", extra={"job_id": str(job.id), "kind": job.kind})
        finish_job(job, error=f"{type(exc).__name__}: {exc}"[:2000])
        return job.status
    if finished:
        finish_job(job)
    elif not is_split(job):
        continue_job(db_session, job)
    return job.status


@shared_task(name="jobs.run_step")
def run_step(job_id: str) -> str | None:
    session = db.session()
    status = run_one_step(session, uuid.UUID(job_id))
    session.commit()
    return status.value if status else None


@shared_task(name="jobs.sweep")
def sweep() -> int:
    """Resume jobs whose worker died mid-way (they continue from their saved state)."""
    session = db.session()
    jobs = stalled_jobs(session)
    for job in jobs:
        continue_job(session, job)
    session.commit()
    return len(jobs)
