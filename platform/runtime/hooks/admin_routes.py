"""/api/admin/hooks: every workspace's hook endpoints and deliveries, for Loom's super admins.

Support views (as in runtime/admin/routes.py, the guard runs before anything else): which
endpoints exist, their health, what failed where and each attempt. An admin may turn a misbehaving
endpoint off (or back on) or delete it; everything else about a workspace's hooks stays with its
owners and admins. Those changes run in a session scoped to the endpoint's workspace and are
audited in its log as "admin".
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from flask_security import current_user
from flask_smorest import Blueprint as ApiBlueprint
from marshmallow import Schema, fields
from sqlalchemy import select

from core import db
from core.errors import Invalid, NotFound
from core.pagination import PageArgs
from core.web import paged
from runtime.admin.access import admin_route
from runtime.hooks import operations, queries, views
from runtime.hooks.models import HookDelivery, HookEndpoint
from runtime.hooks.schemas import (
    HookAdminDeliveryArgs,
    HookAdminEndpointArgs,
    HookAttemptPage,
    HookDeliveryPage,
    HookEndpointOut,
    HookEndpointPage,
)

bp = ApiBlueprint(
    "admin_hooks",
    __name__,
    url_prefix="/api/admin/hooks",
    description="Every workspace's hook endpoints and deliveries (super admins).",
)


class HookAdminAttemptArgs(PageArgs):
    endpoint_id = fields.UUID(load_default=None)
    delivery_id = fields.UUID(load_default=None)


class HookAdminEndpointPatch(Schema):
    enabled = fields.Boolean(required=True, metadata={"description": "false turns the endpoint off."})


def _scoped(tenant_id: uuid.UUID) -> None:
    db.set_tenant_scope(db.session(), tenant_id)


def _open(endpoint_id: uuid.UUID) -> HookEndpoint:
    """The endpoint ``endpoint_id`` of any workspace (404 otherwise), the session scoped to its workspace."""
    session = db.session()
    query = select(HookEndpoint).where(HookEndpoint.id == endpoint_id).execution_options(all_tenants=True)
    found = session.scalars(query).first()
    if found is None:
        raise NotFound("No such hook here.")
    _scoped(found.tenant_id)
    return found


def _endpoint_view(endpoint: HookEndpoint) -> dict[str, Any]:
    return views.endpoint_views(db.session(), [endpoint], with_tenant=True)[0]


def _every_workspace(
    listing: Callable[..., dict[str, Any]], shown: Callable[..., list[dict[str, Any]]], args: dict[str, Any]
) -> dict[str, Any]:
    """A page of ``listing`` across all workspaces, its items ``shown`` each with its workspace's slug."""
    session = db.session()
    found = listing(session, args, all_tenants=True)
    return {**found, "items": shown(session, found["items"], with_tenant=True)}


@admin_route(bp, "/endpoints")
@paged(bp, HookAdminEndpointArgs, HookEndpointPage)
def endpoints(args: dict[str, Any]) -> dict[str, Any]:
    """Endpoints of every workspace (or of ``tenant``), newest first, with their health."""
    return _every_workspace(queries.endpoints, views.endpoint_views, args)


@admin_route(bp, "/deliveries")
@paged(bp, HookAdminDeliveryArgs, HookDeliveryPage)
def deliveries(args: dict[str, Any]) -> dict[str, Any]:
    """Deliveries of every workspace (or of ``tenant``), newest first; ``status=failed`` for dead letters."""
    return _every_workspace(queries.deliveries, views.delivery_views, args)


@admin_route(bp, "/endpoints/<uuid:endpoint_id>", methods=["GET"])
@bp.response(200, HookEndpointOut)
def endpoint(endpoint_id: uuid.UUID) -> dict[str, Any]:
    """One endpoint of any workspace, with its workspace's slug and health."""
    return _endpoint_view(_open(endpoint_id))


@admin_route(bp, "/endpoints/<uuid:endpoint_id>", methods=["PATCH"])
@bp.arguments(HookAdminEndpointPatch)
@bp.response(200, HookEndpointOut)
def update_endpoint(body: dict[str, Any], endpoint_id: uuid.UUID) -> dict[str, Any]:
    """Turn a misbehaving endpoint off, or back on (``enabled`` only). Audited in the workspace."""
    found = _open(endpoint_id)
    operations.admin_set_enabled(db.session(), current_user.id, found, body["enabled"])
    return _endpoint_view(found)


@admin_route(bp, "/endpoints/<uuid:endpoint_id>", methods=["DELETE"])
@bp.response(204)
def delete_endpoint(endpoint_id: uuid.UUID) -> None:
    """Delete an endpoint with its deliveries and their log. Audited in the workspace."""
    found = _open(endpoint_id)
    operations.admin_delete(db.session(), current_user.id, found)


@admin_route(bp, "/attempts")
@paged(bp, HookAdminAttemptArgs, HookAttemptPage)
def attempts(args: dict[str, Any]) -> dict[str, Any]:
    """The attempts of one endpoint or of one delivery (name at least one), newest first."""
    session = db.session()
    if args.get("delivery_id"):
        query = select(HookDelivery.tenant_id).where(HookDelivery.id == args["delivery_id"])
        tenant_id = session.scalar(query.execution_options(all_tenants=True))
        if tenant_id is None:
            raise NotFound("No such delivery here.")
        _scoped(tenant_id)
        if args.get("endpoint_id"):
            queries.get_endpoint(session, args["endpoint_id"])
    elif args.get("endpoint_id"):
        _open(args["endpoint_id"])
    else:
        raise Invalid({"endpoint_id": ["Name an endpoint or a delivery."]})
    return queries.attempts(session, args)
