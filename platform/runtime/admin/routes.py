"""/api/admin: the back office of the whole system (super admins, once hardened).

The guard comes first on every endpoint, before the body or query is read: a caller who is not an
admin learns nothing, not even whether a body would have been valid."""

from __future__ import annotations

import uuid
from typing import Any

from flask_security import current_user
from flask_smorest import Blueprint

from core import db
from core.web import BEARER, paged
from runtime.admin import operations, queries, work
from runtime.admin.access import admin_any, admin_route, next_step
from runtime.admin.mail_routes import bp as mail_bp
from runtime.admin.schemas import (
    AdminAuditArgs,
    AdminJobArgs,
    AdminJobOut,
    AdminJobPage,
    AdminTenantOut,
    AdminTenantPage,
    AdminUserOut,
    StatusOut,
    TenantArgs,
    UserArgs,
    UserPage,
    UserPatch,
)
from runtime.audit.queries import audit_page
from runtime.audit.schemas import AuditPage
from runtime.jobs.schemas import JobOut

bp = Blueprint("admin", __name__, url_prefix="/api/admin", description="Running the whole system (super admins).")
bp.register_blueprint(mail_bp)  # /api/admin/mail


@bp.route("/status")
@admin_any
@bp.doc(security=BEARER)
@bp.response(200, StatusOut)
def status() -> dict[str, Any]:
    """The admin's next hardening step (null once the password is changed, the email confirmed
    and two-step sign-in on); every other admin endpoint refuses until then."""
    return {"email": current_user.email, "next_step": next_step(current_user)}


@admin_route(bp, "/users")
@paged(bp, UserArgs, UserPage)
def users(args: dict[str, Any]) -> dict[str, Any]:
    """Every account, newest first; search by part of the email."""
    return queries.users_page(db.session(), args)


@admin_route(bp, "/users/<int:user_id>", methods=["GET"])
@bp.response(200, AdminUserOut)
def user(user_id: int) -> dict[str, Any]:
    """One account with its workspaces and roles."""
    session = db.session()
    return queries.user_detail(session, queries.get_user(session, user_id))


@admin_route(bp, "/users/<int:user_id>", methods=["PATCH"])
@bp.arguments(UserPatch)
@bp.response(200, AdminUserOut)
def update_user(body: dict[str, Any], user_id: int) -> dict[str, Any]:
    """Disable an account (its sessions end) or enable it again, or mark its address as confirmed;
    each change is audited."""
    session = db.session()
    found = queries.get_user(session, user_id)
    if body["active"] is not None:
        operations.set_active(session, current_user, found, body["active"])
    if body["confirmed"]:
        operations.confirm_address(session, current_user, found)
    return queries.user_detail(session, found)


@admin_route(bp, "/users/<int:user_id>/two-factor/reset", methods=["POST"])
@bp.response(200, AdminUserOut)
def reset_two_factor(user_id: int) -> dict[str, Any]:
    """Turn off a person's two-step sign-in (a lost phone, once you know it is them); they are told
    by email and set it up again; audited. 409 when it is off already."""
    session = db.session()
    found = operations.reset_two_factor(session, current_user, queries.get_user(session, user_id))
    return queries.user_detail(session, found)


@admin_route(bp, "/users/<int:user_id>", methods=["DELETE"])
@bp.response(202, JobOut)
def delete_user(user_id: int) -> Any:
    """Delete an account for good, in the background (the job's progress is in the answer); audited."""
    session = db.session()
    return operations.delete_user(session, current_user, queries.get_user(session, user_id))


@admin_route(bp, "/tenants")
@paged(bp, TenantArgs, AdminTenantPage)
def tenants(args: dict[str, Any]) -> dict[str, Any]:
    """Every workspace by slug; search by part of the name or slug."""
    return queries.tenants_page(db.session(), args)


@admin_route(bp, "/tenants/<slug>")
@bp.response(200, AdminTenantOut)
def tenant(slug: str) -> dict[str, Any]:
    """One workspace."""
    return queries.tenant_detail(db.session(), slug)


@admin_route(bp, "/tenants/<slug>", methods=["DELETE"])
@bp.response(202, AdminJobOut)
def delete_tenant(slug: str) -> dict[str, Any]:
    """Delete a workspace and everything in it for good, in the background (follow the job); its
    members lose it at once. Audited in Loom's own log."""
    session = db.session()
    job = operations.delete_workspace(session, current_user, queries.get_tenant(session, slug))
    return work.job_view(job, None, current_user.email)


@admin_route(bp, "/audit")
@paged(bp, AdminAuditArgs, AuditPage)
def audit(args: dict[str, Any]) -> dict[str, Any]:
    """The audit log of all of Loom (or of one workspace), newest first, filtered."""
    session = db.session()
    tenant_id = queries.get_tenant(session, args["tenant"]).id if args.get("tenant") else None
    return audit_page(session, tenant_id, args, everywhere=True)


@admin_route(bp, "/jobs")
@paged(bp, AdminJobArgs, AdminJobPage)
def jobs(args: dict[str, Any]) -> dict[str, Any]:
    """Background jobs of all of Loom (or of one workspace), newest first, filtered."""
    return work.jobs_page(db.session(), args)


@admin_route(bp, "/jobs/<uuid:job_id>")
@bp.response(200, AdminJobOut)
def job(job_id: uuid.UUID) -> dict[str, Any]:
    """How far a background job got, with its workspace and who started it."""
    return work.job_detail(db.session(), job_id)
