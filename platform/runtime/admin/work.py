"""What admins read about work in progress: a workspace's flow instances and the background jobs of
all of Loom, newest first, a keyset page at a time."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select, tuple_
from sqlalchemy.orm import Session, aliased

from core.errors import NotFound
from core.identity.models import Tenant, User
from core.jobs.models import Job, JobStatus
from core.pagination import cursor_time_id, page
from designer.flows.queries import get_flow
from runtime.admin.queries import get_tenant
from runtime.flows.models import FlowInstance
from runtime.flows.views import instance_summaries
from runtime.jobs.schemas import JobOut

JOB_FIELDS = tuple(JobOut().fields)


def _after(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    """The (time, id) key of the last row of the previous page; a bad cursor is a 422."""
    return cursor_time_id(cursor) if cursor else None


def instances_page(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    """The scoped workspace's flow instances, newest first; by flow (key), status or record."""
    query = select(FlowInstance).order_by(FlowInstance.started_at.desc(), FlowInstance.id.desc())
    if args.get("flow"):
        query = query.where(FlowInstance.flow_id == get_flow(db_session, args["flow"]).id)
    if args.get("status"):
        query = query.where(FlowInstance.status == args["status"])
    if args.get("entity"):
        query = query.where(FlowInstance.entity_id == args["entity"])
    after = _after(args.get("cursor"))
    if after is not None:
        query = query.where(tuple_(FlowInstance.started_at, FlowInstance.id) < tuple_(*after))
    rows = list(db_session.scalars(query.limit(args["limit"] + 1)))
    result = page(rows, args["limit"], lambda i: [i.started_at.isoformat(), str(i.id)])
    return {**result, "items": instance_summaries(db_session, result["items"])}


def get_instance(db_session: Session, instance_id: uuid.UUID) -> FlowInstance:
    """A flow instance of the scoped workspace; 404 otherwise."""
    found = db_session.scalars(select(FlowInstance).where(FlowInstance.id == instance_id)).first()
    if found is None:
        raise NotFound("No such flow instance here.")
    return found


def job_view(job: Job, tenant: str | None, created_by: str | None) -> dict[str, Any]:
    return {**{name: getattr(job, name) for name in JOB_FIELDS}, "tenant": tenant, "created_by": created_by}


def _jobs() -> Select[Job, str, str]:
    """Jobs with their workspace's slug and their starter's email, in the same query."""
    creator = aliased(User)
    return (
        select(Job, Tenant.slug, creator.email)
        .outerjoin(Tenant, Tenant.id == Job.tenant_id)
        .outerjoin(creator, creator.id == Job.created_by)
    )


def jobs_page(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    """Jobs of all of Loom (not their parts: a job shows its parts' progress), newest first."""
    query = _jobs().where(Job.parent_id.is_(None)).order_by(Job.created_at.desc(), Job.id.desc())
    if args.get("status"):
        query = query.where(Job.status == JobStatus(args["status"]))
    if args.get("kind"):
        query = query.where(Job.kind == args["kind"])
    if args.get("tenant"):
        query = query.where(Job.tenant_id == get_tenant(db_session, args["tenant"]).id)
    after = _after(args.get("cursor"))
    if after is not None:
        query = query.where(tuple_(Job.created_at, Job.id) < tuple_(*after))
    rows = [job_view(job, slug, email) for job, slug, email in db_session.execute(query.limit(args["limit"] + 1))]
    return page(rows, args["limit"], lambda j: [j["created_at"].isoformat(), str(j["id"])])


def job_detail(db_session: Session, job_id: uuid.UUID) -> dict[str, Any]:
    row = db_session.execute(_jobs().where(Job.id == job_id)).first()
    if row is None:
        raise NotFound("No such job.")
    job, slug, email = row
    return job_view(job, slug, email)
