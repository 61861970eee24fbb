"""/api/tenants: create, list, open and change workspaces."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_security import current_user
from flask_smorest import Blueprint

from core import db
from core.identity.access import get_membership, refuse_superadmin
from core.pagination import PageArgs
from core.web import current_user_id, paged, signed_in_route
from runtime.tenants import operations, queries
from runtime.tenants.schemas import TenantCreate, TenantOut, TenantPage, TenantUpdate

bp = Blueprint("tenants", __name__, url_prefix="/api/tenants", description="Workspaces (tenants) and their settings.")


@signed_in_route(bp, "")
class Tenants(MethodView):
    @paged(bp, PageArgs, TenantPage)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """List the workspaces I belong to, by name."""
        return queries.list_my_tenants(db.session(), current_user_id(), limit=args["limit"], cursor=args["cursor"])

    @bp.arguments(TenantCreate)
    @bp.response(201, TenantOut)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Create a workspace; I become its owner."""
        refuse_superadmin(current_user)
        tenant, membership = operations.create_tenant(db.session(), current_user_id(), data)
        return queries.tenant_view(tenant, membership.role)


@signed_in_route(bp, "/<slug>")
class TenantItem(MethodView):
    @bp.response(200, TenantOut)
    def get(self, slug: str) -> dict[str, Any]:
        """Open a workspace I belong to (404 otherwise)."""
        membership = get_membership(db.session(), slug, current_user_id())
        return queries.tenant_view(membership.tenant, membership.role)

    @bp.arguments(TenantUpdate)
    @bp.response(200, TenantOut)
    def patch(self, data: dict[str, Any], slug: str) -> dict[str, Any]:
        """Rename a workspace or change its slug, timezone or language (owners and admins)."""
        membership = get_membership(db.session(), slug, current_user_id())
        tenant = operations.update_tenant(db.session(), membership, data)
        return queries.tenant_view(tenant, membership.role)
