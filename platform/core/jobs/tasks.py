"""Running jobs one step at a time; each step commits, so a crash loses at most one step."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from core import clock, db
from core.celery import task
from core.db import set_tenant_scope
from core.jobs import fairness
from core.jobs.models import Job, JobStatus
from core.jobs.operations import (
    continue_job,
    finish_job,
    is_split,
    report_to_parent,
    resume_stalled,
    stalled_jobs,
)
from core.timeouts import Budget, set_session_budget

log = logging.getLogger(__name__)
ENDED = (JobStatus.DONE, JobStatus.FAILED)
# kind -> step(session, job) returning True when the job is finished. Registered by the packages
# that own each kind of work (runtime registers version changes, imports, exports...).
STEPS: dict[str, Callable[[Session, Job], bool]] = {}
# kind -> called once when a whole job of that kind ends (done or failed; a split job when its last
# part does), in the transaction that ends it: where a kind announces that it finished.
FINISHERS: dict[str, Callable[[Session, Job], None]] = {}
# Kinds whose steps run under LOOM_LONG_TASK_STATEMENT_TIMEOUT_MS (version changes, purges and
# deletions, imports and exports); other steps keep the task's budget (core.timeouts).
LONG_KINDS: set[str] = set()


def register_step(
    kind: str,
    step: Callable[[Session, Job], bool],
    on_finish: Callable[[Session, Job], None] | None = None,
    *,
    long: bool = False,
) -> None:
    STEPS[kind] = step
    if long:
        LONG_KINDS.add(kind)
    if on_finish is not None:
        FINISHERS[kind] = on_finish


def run_one_step(db_session: Session, job_id: uuid.UUID, ticket: str | None = None) -> JobStatus | None:
    """Lock the job, run one step of it, record progress. Returns the job's status afterwards.

    A step sent with an older ``ticket`` than the job's latest (the sweep sent it again) does
    nothing: the newer copy runs instead, so a job never runs two chains of steps.
    """
    job = db_session.scalars(select(Job).where(Job.id == job_id).with_for_update(skip_locked=True)).first()
    if job is None or job.status in ENDED or is_split(job) or not fairness.is_current(job, ticket):
        return None if job is None else job.status  # a split job's parts do its work
    status = _step(db_session, job)
    _settle(db_session, job)
    return status


def fail_job(db_session: Session, job_id: uuid.UUID, error: str) -> JobStatus | None:
    """End a job whose step could not even be recorded (its transaction failed as it committed)."""
    job = db_session.scalars(select(Job).where(Job.id == job_id).with_for_update()).first()
    if job is None or job.status in ENDED or is_split(job):
        return None if job is None else job.status
    if job.tenant_id is not None:
        set_tenant_scope(db_session, job.tenant_id)
    finish_job(job, error=error)
    _settle(db_session, job)
    return job.status


def _settle(db_session: Session, job: Job) -> None:
    """After a step: report to the parent, announce the end, and give a freed turn to the next job."""
    ended: Job | None = job if job.parent_id is None else report_to_parent(db_session, job)
    if ended is not None and ended.status in ENDED and ended.kind in FINISHERS:
        _finished(db_session, ended)
    if job.status in ENDED or is_split(job):
        _admit_next(db_session, job)


def _admit_next(db_session: Session, job: Job) -> None:
    """Admit the workspace's next waiting jobs; if that fails, the sweep admits them later."""
    try:
        with db_session.begin_nested():
            fairness.admit(db_session, job.tenant_id)
    except Exception:
        log.exception("admitting the next job failed; the sweep will", extra={"job_id": str(job.id)})


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
    if job.kind in LONG_KINDS and has_app_context():
        set_session_budget(db_session, Budget.of(current_app.config["LOOM"].long_task_statement_timeout_ms))
    try:
        with db_session.begin_nested():
            finished = step(db_session, job)
    except Exception as exc:
        log.exception("job step failed", extra={"job_id": str(job.id), "kind": job.kind})
        finish_job(job, error=f"{type(exc).__name__}: {exc}")
        return job.status
    if finished:
        finish_job(job)
    elif not is_split(job):
        continue_job(db_session, job)
    return job.status


@task(name="jobs.run_step")
def run_step(job_id: str, ticket: str | None = None) -> str | None:
    """One step of a job. A step whose outcome cannot be stored ends only this job, as failed
    with the reason; a lost connection or a deadlock leaves it to the sweep, which resumes it."""
    session = db.session()
    job_uuid = uuid.UUID(job_id)
    try:
        status = run_one_step(session, job_uuid, ticket)
        session.commit()
    except (OperationalError, InterfaceError):
        session.rollback()
        raise
    except Exception as exc:
        session.rollback()
        log.exception("job step could not be recorded", extra={"job_id": job_id})
        status = fail_job(session, job_uuid, f"{type(exc).__name__}: {exc}")
        session.commit()
    return status.value if status else None


@task(name="jobs.sweep")
def sweep() -> int:
    """Resume jobs whose worker died mid-way (they continue from their saved state) and admit
    jobs left waiting with room in their workspace's share. Each job and each workspace is its
    own transaction: one that fails is logged and left for the next round, never stops it."""
    session = db.session()
    count = 0
    for job_id in stalled_jobs(session):
        try:
            count += resume_stalled(session, job_id)
            session.commit()
        except Exception:
            session.rollback()
            log.exception("resuming a stalled job failed", extra={"job_id": str(job_id)})
    for tenant_id in fairness.waiting_tenants(session):
        try:
            count += len(fairness.admit(session, tenant_id))
            session.commit()
        except Exception:
            session.rollback()
            log.exception("admitting waiting jobs failed", extra={"tenant_id": str(tenant_id)})
    session.commit()
    return count
