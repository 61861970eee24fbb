"""Starting and advancing jobs. Each kind names the Celery task that runs one step of it."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from core import clock
from core.jobs import fairness
from core.jobs.models import Job, JobStatus

log = logging.getLogger(__name__)
STEP_TASK = fairness.STEP_TASK
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
    """Record a job; its first step runs once the transaction commits, or, when its workspace
    already has its share of jobs running (core.jobs.fairness), once one of those ends."""
    job = Job(kind=kind, tenant_id=tenant_id, params=params, total=total, created_by=user_id)
    db_session.add(job)
    db_session.flush()
    fairness.admit(db_session, tenant_id)
    log.info("job queued", extra={"job_id": str(job.id), "kind": kind})
    return job


def continue_job(db_session: Session, job: Job) -> None:
    """Schedule the next step after this one commits (at the back of the queue)."""
    fairness.send_step(db_session, job)


def finish_job(job: Job, *, error: str | None = None) -> None:
    job.status = JobStatus.FAILED if error else JobStatus.DONE
    job.error = storable(error) if error else None
    job.finished_at = clock.now()


def storable(text: str, limit: int = 2000) -> str:
    """``text`` as the database can keep it: no NUL, no lone surrogates, at most ``limit`` characters."""
    cleaned = text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    return cleaned[:limit]


def is_split(job: Job) -> bool:
    """Whether the job runs as parts (and so never runs steps of its own)."""
    return bool(job.state.get("parts"))


def split_job(db_session: Session, job: Job, parts: list[dict[str, Any]]) -> list[Job]:
    """Run ``job`` as parts in parallel: one job per entry of ``parts`` (added to its params).

    Each part is an ordinary job of the same kind, stepped and resumed on its own, so several
    workers share the work; ``job`` itself only adds up their progress and results. The parts
    wait their workspace's turn like any job: the step that split ``job`` admits as many as its
    share allows (core.jobs.fairness).
    """
    children = [
        Job(
            kind=job.kind,
            tenant_id=job.tenant_id,
            parent_id=job.id,
            params={**job.params, **part},
            total=job.total // len(parts),
            created_by=job.created_by,
        )
        for part in parts
    ]
    db_session.add_all(children)
    db_session.flush()
    job.state = {"parts": len(children)}
    log.info("job split", extra={"job_id": str(job.id), "parts": len(children)})
    return children


def report_to_parent(db_session: Session, part: Job) -> Job | None:
    """Add up the parts of ``part``'s parent into it; the parent ends when its last part does.

    Returns the parent when this report ended it."""
    # FOR NO KEY UPDATE: parts hold key-share locks on their parent (the foreign key); two parts
    # asking for a full FOR UPDATE would each wait for the other's key-share lock, a deadlock.
    parent = db_session.scalars(select(Job).where(Job.id == part.parent_id).with_for_update(key_share=True)).one()
    parts = list(db_session.scalars(select(Job).where(Job.parent_id == parent.id)))
    parent.done = sum(p.done for p in parts)
    parent.result = merge_results([p.result or {} for p in parts])
    parent.heartbeat_at = clock.now()
    parent.status = JobStatus.RUNNING
    if all(p.status in (JobStatus.DONE, JobStatus.FAILED) for p in parts):
        errors = [p.error for p in parts if p.error]
        finish_job(parent, error=errors[0] if errors else None)
        return parent
    return None


def merge_results(results: list[dict[str, Any]], *, keep: int = 50) -> dict[str, Any]:
    """Results of parts as one: counts added, lists joined (the first ``keep`` items)."""
    merged: dict[str, Any] = {}
    for result in results:
        for key, value in result.items():
            if isinstance(value, bool) or not isinstance(value, int | list):
                merged.setdefault(key, value)
            elif isinstance(value, list):
                merged[key] = (merged.get(key, []) + value)[:keep]
            else:
                merged[key] = merged.get(key, 0) + value
    return merged


def stalled_jobs(db_session: Session, limit: int = 1000) -> list[uuid.UUID]:
    """Admitted jobs whose step went missing (no heartbeat for a while): the sweep resumes them.

    A job split into parts is never stalled itself: its parts are resumed one by one. Jobs waiting
    for their workspace's turn are not stalled either (the sweep admits them when there is room).
    """
    return list(db_session.scalars(_stalled(limit).with_only_columns(Job.id)))


def resume_stalled(db_session: Session, job_id: uuid.UUID) -> bool:
    """Send a stalled job's step again (a copy still on the queue is then dropped when it runs);
    one whose step is running right now (its row is locked) is left alone."""
    job = db_session.scalars(_stalled(1).where(Job.id == job_id).with_for_update(skip_locked=True)).first()
    if job is None:
        return False
    fairness.send_step(db_session, job)
    return True


def _stalled(limit: int) -> Select[Job]:
    cutoff = clock.now() - STALE_AFTER
    return (
        select(Job)
        .where(Job.status.in_(fairness.ACTIVE), Job.heartbeat_at < cutoff, fairness.runs_steps())
        .order_by(Job.heartbeat_at)
        .limit(limit)
    )
