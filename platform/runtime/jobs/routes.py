"""/api/tenants/<slug>/jobs/<id>: progress of background work."""

from __future__ import annotations

import uuid

from flask_smorest import Blueprint as ApiBlueprint

from core import db
from core.errors import NotFound
from core.identity.access import READ, open_tenant
from core.jobs.models import Job
from core.web import BEARER, current_user_id, signed_in
from runtime.jobs.schemas import JobOut

bp = ApiBlueprint(
    "jobs", __name__, url_prefix="/api/tenants/<slug>/jobs", description="Background work and its progress."
)


@bp.route("/<uuid:job_id>")
@bp.doc(security=BEARER)
@bp.response(200, JobOut)
@signed_in
def job(slug: str, job_id: uuid.UUID) -> Job:
    """How far a background job got."""
    membership = open_tenant(db.session(), slug, current_user_id(), READ)
    found = db.session.get(Job, job_id)
    if found is None or found.tenant_id != membership.tenant_id:
        raise NotFound("No such job here.")
    return found
