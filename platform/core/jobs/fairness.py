"""Sharing the background workers fairly between workspaces.

Every job, and every part of a split job, runs one step per Celery task and then goes to the back
of the queue (core.jobs.tasks), so the jobs on the queue take turns. What keeps one workspace
from filling the queue is *admission*: at most ``LOOM_JOBS_PER_TENANT`` of a workspace's jobs and
parts are admitted at a time (a step of theirs on the queue or running). The others wait in the
database, status ``queued``, and are admitted in the order they were started when an admitted one
ends (or is split into parts). Work outside any workspace (account and workspace deletions)
shares one allowance of its own. So another workspace's job waits behind at most that many steps
of each busy workspace, however much work they started.

A job is admitted when ``heartbeat_at`` is set. Each step sent to the queue carries the
``heartbeat_at`` it was sent with (its *ticket*): when the sweep sends a step again for a job
that seemed stalled, the older copy, if it still arrives, no longer matches and is dropped, so a
job never has two steps on the queue. The sweep also admits what is still waiting when there is
room (a lost message, a worker that died), so nothing waits for ever.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from flask import current_app, has_app_context
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from core import clock
from core.dispatch import after_commit
from core.jobs.models import Job, JobStatus

STEP_TASK = "jobs.run_step"
DEFAULT_PER_TENANT = 2
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def per_tenant() -> int:
    """How many of one workspace's jobs and parts may be admitted at once (LOOM_JOBS_PER_TENANT)."""
    if not has_app_context():
        return DEFAULT_PER_TENANT
    return max(1, int(current_app.config["LOOM"].jobs_per_tenant))


def runs_steps() -> ColumnElement[bool]:
    """Jobs that run steps themselves: a job split into parts only adds up its parts' progress."""
    split: ColumnElement[bool] = Job.state.has_key("parts")
    return ~split


def _owned_by(tenant_id: uuid.UUID | None) -> ColumnElement[bool]:
    return Job.tenant_id.is_(None) if tenant_id is None else Job.tenant_id == tenant_id


def send_step(db_session: Session, job: Job) -> None:
    """Put the job's next step on the queue once this transaction commits, with a fresh ticket."""
    job.heartbeat_at = clock.now()
    after_commit(db_session, STEP_TASK, str(job.id), job.heartbeat_at.isoformat())


def is_current(job: Job, ticket: str | None) -> bool:
    """Whether a step sent with ``ticket`` is the job's latest (steps sent without one always are)."""
    if ticket is None or job.heartbeat_at is None:
        return True
    return datetime.fromisoformat(ticket) == job.heartbeat_at


def admit(db_session: Session, tenant_id: uuid.UUID | None) -> list[Job]:
    """Admit the workspace's waiting jobs its allowance has room for, oldest first.

    Their first steps go on the queue when the transaction commits. Admissions of one workspace
    take turns (a transaction-scoped advisory lock), so two never fill the same room twice.
    """
    key = f"loom.jobs|{tenant_id}"
    db_session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))
    admitted = db_session.scalar(
        select(func.count())
        .select_from(Job)
        .where(_owned_by(tenant_id), Job.status.in_(ACTIVE), Job.heartbeat_at.is_not(None), runs_steps())
    )
    room = per_tenant() - int(admitted or 0)
    if room <= 0:
        return []
    waiting = list(
        db_session.scalars(
            select(Job)
            .where(_owned_by(tenant_id), Job.status == JobStatus.QUEUED, Job.heartbeat_at.is_(None), runs_steps())
            .order_by(Job.created_at, Job.id)
            .limit(room)
            .with_for_update(skip_locked=True)
        )
    )
    for job in waiting:
        send_step(db_session, job)
    return waiting


def waiting_tenants(db_session: Session, limit: int = 1000) -> list[uuid.UUID | None]:
    """Workspaces (None: work outside any) with jobs waiting to be admitted."""
    query = (
        select(Job.tenant_id)
        .where(Job.status == JobStatus.QUEUED, Job.heartbeat_at.is_(None), runs_steps())
        .distinct()
        .limit(limit)
    )
    return list(db_session.scalars(query))
