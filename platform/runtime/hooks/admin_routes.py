"""/api/admin/hooks: every workspace's hook endpoints and deliveries, for Loom's super admins.

Read-only support views (as in runtime/admin/routes.py, the guard runs before anything else):
which endpoints exist, their health, and what failed where. Changing a workspace's hooks stays
with its owners and admins.
"""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint as ApiBlueprint

from core import db
from core.web import BEARER
from runtime.admin.access import admin_only
from runtime.hooks import queries, views
from runtime.hooks.schemas import HookAdminDeliveryArgs, HookAdminEndpointArgs, HookDeliveryPage, HookEndpointPage

bp = ApiBlueprint(
    "admin_hooks",
    __name__,
    url_prefix="/api/admin/hooks",
    description="Every workspace's hook endpoints and deliveries (super admins).",
)


@bp.route("/endpoints")
@admin_only
@bp.doc(security=BEARER)
@bp.arguments(HookAdminEndpointArgs, location="query")
@bp.response(200, HookEndpointPage)
def endpoints(args: dict[str, Any]) -> dict[str, Any]:
    """Endpoints of every workspace (or of ``tenant``), newest first, with their health."""
    session = db.session()
    found = queries.endpoints(session, args, all_tenants=True)
    return {**found, "items": views.endpoint_views(session, found["items"], with_tenant=True)}


@bp.route("/deliveries")
@admin_only
@bp.doc(security=BEARER)
@bp.arguments(HookAdminDeliveryArgs, location="query")
@bp.response(200, HookDeliveryPage)
def deliveries(args: dict[str, Any]) -> dict[str, Any]:
    """Deliveries of every workspace (or of ``tenant``), newest first; ``status=failed`` for dead letters."""
    session = db.session()
    found = queries.deliveries(session, args, all_tenants=True)
    return {**found, "items": views.delivery_views(session, found["items"], with_tenant=True)}
