"""/api/admin/tenants/<slug>/...: what a workspace holds, for support (super admins, once hardened).

Admins read a workspace's blueprints, flows, records and flow instances as its members see them,
and may correct or delete a record; those changes are audited as "admin" in the workspace's log.
As in routes.py, the guard comes first, before the body or query is read."""

from __future__ import annotations

import uuid
from typing import Any

from flask_security import current_user
from flask_smorest import Blueprint as ApiBlueprint
from sqlalchemy.orm import Session

from core import db
from core.db import set_tenant_scope
from core.pagination import PageArgs
from core.web import current_user_id, paged
from designer.blueprints import views as blueprint_views
from designer.blueprints.queries import get_blueprint, get_version
from designer.blueprints.schemas import BlueprintOut, BlueprintPage, VersionOut
from designer.flows import views as flow_views
from designer.flows.schemas import FlowListArgs, FlowPage
from runtime.admin import operations, queries, work
from runtime.admin.access import admin_route
from runtime.admin.schemas import AdminInstanceArgs, AdminInstanceOut, AdminInstancePage
from runtime.entities import operations as entity_operations
from runtime.entities import views as entity_views
from runtime.entities.queries import get_entity
from runtime.entities.schemas import DeleteArgs, EntityListArgs, EntityOut, EntityPage, EntityUpdate
from runtime.flows.views import instance_summaries

bp = ApiBlueprint(
    "admin_contents",
    __name__,
    url_prefix="/api/admin/tenants/<slug>",
    description="A workspace's blueprints, flows, records and flow instances (super admins).",
)


def _open(slug: str) -> Session:
    """The request's session, scoped to the workspace ``slug`` (404 when there is none)."""
    session = db.session()
    set_tenant_scope(session, queries.get_tenant(session, slug).id)
    return session


@admin_route(bp, "/blueprints")
@paged(bp, PageArgs, BlueprintPage)
def blueprints(args: dict[str, Any], slug: str) -> dict[str, Any]:
    """The workspace's blueprints, by name."""
    return blueprint_views.listing(_open(slug), args)


@admin_route(bp, "/blueprints/<key>")
@bp.response(200, BlueprintOut)
def blueprint(slug: str, key: str) -> dict[str, Any]:
    """One blueprint with its draft and versions."""
    session = _open(slug)
    return blueprint_views.detail(session, get_blueprint(session, key))


@admin_route(bp, "/blueprints/<key>/versions/<int:number>")
@bp.response(200, VersionOut)
def blueprint_version(slug: str, key: str, number: int) -> dict[str, Any]:
    """One published version of a blueprint: the columns and form its records follow."""
    session = _open(slug)
    return blueprint_views.version_detail(session, get_version(session, get_blueprint(session, key), number))


@admin_route(bp, "/flows")
@paged(bp, FlowListArgs, FlowPage)
def flows(args: dict[str, Any], slug: str) -> dict[str, Any]:
    """The workspace's flows, by name."""
    return flow_views.listing(_open(slug), args)


@admin_route(bp, "/entities")
@paged(bp, EntityListArgs, EntityPage)
def entities(args: dict[str, Any], slug: str) -> dict[str, Any]:
    """A blueprint's records: filter, sort, search, keyset pages, and a count."""
    return entity_views.listing(_open(slug), args)


@admin_route(bp, "/entities/<uuid:entity_id>", methods=["GET"])
@bp.response(200, EntityOut)
def entity(slug: str, entity_id: uuid.UUID) -> dict[str, Any]:
    """One record; that an admin opened it is audited (``record.viewed``)."""
    session = _open(slug)
    found = operations.view_record(session, current_user, get_entity(session, entity_id))
    return entity_views.entity_views([found])[0]


@admin_route(bp, "/entities/<uuid:entity_id>", methods=["PATCH"])
@bp.arguments(EntityUpdate)
@bp.response(200, EntityOut)
def update_entity(body: dict[str, Any], slug: str, entity_id: uuid.UUID) -> dict[str, Any]:
    """Correct some values of a record; 409 when ``version`` is not the current one. Audited with
    the names of the fields that changed."""
    session = _open(slug)
    found = get_entity(session, entity_id)
    operations.update_record(session, current_user, found, body["version"], body["data"])
    return entity_views.entity_views([found])[0]


@admin_route(bp, "/entities/<uuid:entity_id>", methods=["DELETE"])
@bp.arguments(DeleteArgs, location="query")
@bp.response(204)
def delete_entity(args: dict[str, Any], slug: str, entity_id: uuid.UUID) -> None:
    """Delete a record; 409 when ``version`` is given and not the current one. Audited."""
    session = _open(slug)
    entity_operations.delete_entity(session, get_entity(session, entity_id), args["version"], current_user_id())


@admin_route(bp, "/instances")
@paged(bp, AdminInstanceArgs, AdminInstancePage)
def instances(args: dict[str, Any], slug: str) -> dict[str, Any]:
    """The workspace's flow instances, newest first; by flow (key), status or record."""
    return work.instances_page(_open(slug), args)


@admin_route(bp, "/instances/<uuid:instance_id>/retry", methods=["POST"])
@bp.response(200, AdminInstanceOut)
def retry_instance(slug: str, instance_id: uuid.UUID) -> dict[str, Any]:
    """Run the failed step of a stopped flow instance again; the answer says whether it runs now or
    stopped again. 409 when it is not stopped. Audited."""
    session = _open(slug)
    found = work.get_instance(session, instance_id)
    operations.retry_instance(session, current_user, found)
    return instance_summaries(session, [found])[0]
