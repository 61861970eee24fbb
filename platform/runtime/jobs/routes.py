"""/api/tenants/<slug>/jobs/<id>: progress of background work.

A job (and the export link in its result) is shown to the person who started it and to the
workspace's owners and admins; to anyone else it does not exist.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from marshmallow import fields
from sqlalchemy import inspect, select, tuple_

from core import db
from core.errors import NotFound
from core.identity.access import READ, open_tenant
from core.identity.models import TenantRole
from core.jobs.models import Job, JobStatus
from core.pagination import PageArgs, PageSchema, decode_cursor, page
from core.web import BEARER, current_user_id, paged, signed_in, tenant_blueprint
from designer.blueprints.models import Blueprint
from runtime.jobs.schemas import TenantJobOut

bp = tenant_blueprint("jobs", __name__, "/jobs", "Background work and its progress.")


class JobListArgs(PageArgs):
    active = fields.Boolean(load_default=False, metadata={"description": "Only jobs still queued or running."})


class ListedJobOut(TenantJobOut):
    blueprint_name = fields.String(
        allow_none=True,
        metadata={"description": "The name of the blueprint the job is about (params.blueprint_id), if any."},
    )


class JobPage(PageSchema):
    items = fields.List(fields.Nested(ListedJobOut))


def _blueprint_id(job: Job) -> uuid.UUID | None:
    value = (job.params or {}).get("blueprint_id")
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _named(tenant_id: uuid.UUID, jobs: list[Job]) -> list[dict[str, Any]]:
    """The jobs as the list shows them, each with the name of the blueprint it is about: one query
    for the whole page, deleted blueprints included (their work is still theirs)."""
    ids = {found for job in jobs if (found := _blueprint_id(job)) is not None}
    query = select(Blueprint.id, Blueprint.name).where(Blueprint.tenant_id == tenant_id, Blueprint.id.in_(ids))
    names: dict[uuid.UUID, str] = {row.id: row.name for row in db.session.execute(query)} if ids else {}
    columns = [attribute.key for attribute in inspect(Job).column_attrs]
    return [
        {**{key: getattr(job, key) for key in columns}, "blueprint_name": names.get(_blueprint_id(job))}  # type: ignore[arg-type]
        for job in jobs
    ]


@bp.route("")
@bp.doc(security=BEARER)
@paged(bp, JobListArgs, JobPage)
@signed_in
def jobs(args: dict[str, Any], slug: str) -> dict[str, Any]:
    """My background jobs in this workspace, newest first (to find an export's link again), each
    with the name of the blueprint it is about."""
    membership = open_tenant(db.session(), slug, current_user_id(), READ)
    query = (
        select(Job)
        .where(
            Job.tenant_id == membership.tenant_id,
            Job.created_by == current_user_id(),
            Job.parent_id.is_(None),  # parts of a job show through the job they belong to
        )
        .order_by(Job.created_at.desc(), Job.id.desc())
        .limit(args["limit"] + 1)
    )
    if args["active"]:
        query = query.where(Job.status.in_([JobStatus.QUEUED, JobStatus.RUNNING]))
    if args["cursor"]:
        created, job_id = decode_cursor(args["cursor"], 2)
        query = query.where(
            tuple_(Job.created_at, Job.id) < tuple_(datetime.fromisoformat(str(created)), uuid.UUID(str(job_id)))
        )
    found = page(list(db.session.scalars(query)), args["limit"], lambda j: [j.created_at.isoformat(), str(j.id)])
    return {**found, "items": _named(membership.tenant_id, found["items"])}


@bp.route("/<uuid:job_id>")
@bp.doc(security=BEARER)
@bp.response(200, TenantJobOut)
@signed_in
def job(slug: str, job_id: uuid.UUID) -> Job:
    """How far a background job got."""
    membership = open_tenant(db.session(), slug, current_user_id(), READ)
    found = db.session.get(Job, job_id)
    if found is None or found.tenant_id != membership.tenant_id:
        raise NotFound("No such job here.")
    if found.created_by != current_user_id() and membership.role not in MANAGERS:
        raise NotFound("No such job here.")
    return found


MANAGERS = frozenset({TenantRole.OWNER, TenantRole.ADMIN})
