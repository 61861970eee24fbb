"""/api/tenants/<slug>/audit: the workspace's audit log, for owners and admins."""

from __future__ import annotations

from typing import Any

from core import db
from core.identity.access import MANAGE, open_tenant
from core.web import BEARER, current_user_id, paged, signed_in, tenant_blueprint
from runtime.audit.queries import audit_page
from runtime.audit.schemas import AuditArgs, AuditPage

bp = tenant_blueprint("audit", __name__, "/audit", "Who did what, and when.")


@bp.route("")
@bp.doc(security=BEARER)
@paged(bp, AuditArgs, AuditPage)
@signed_in
def audit(args: dict[str, Any], slug: str) -> dict[str, Any]:
    """The workspace's audit log, newest first, filtered (owners and admins)."""
    session = db.session()
    membership = open_tenant(session, slug, current_user_id(), MANAGE)
    return audit_page(session, membership.tenant_id, args)
