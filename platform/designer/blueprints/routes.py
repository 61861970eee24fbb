"""/api/tenants/<slug>/blueprints: design blueprints, publish versions, move them to the Trash."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from core import db
from core.identity.access import MANAGE, READ, open_tenant
from core.pagination import PageArgs
from core.web import current_user_id, paged, signed_in_route, tenant_blueprint
from designer.blueprints import operations, queries, views
from designer.blueprints.preview import preview_publish
from designer.blueprints.schemas import (
    BlueprintCreate,
    BlueprintOut,
    BlueprintPage,
    BlueprintUpdate,
    PublishIn,
    PublishPreviewOut,
    VersionOut,
)

bp = tenant_blueprint(
    "blueprints", __name__, "/blueprints", "Blueprints: the typed schemas of a workspace's records, and their versions."
)


@signed_in_route(bp, "")
class Blueprints(MethodView):
    @paged(bp, PageArgs, BlueprintPage)
    def get(self, args: dict[str, Any], slug: str) -> dict[str, Any]:
        """The workspace's blueprints, by name."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        return views.listing(db.session(), args)

    @bp.arguments(BlueprintCreate)
    @bp.response(201, BlueprintOut)
    def post(self, data: dict[str, Any], slug: str) -> dict[str, Any]:
        """Create a blueprint (owners and admins)."""
        membership = open_tenant(db.session(), slug, current_user_id(), MANAGE)
        blueprint = operations.create_blueprint(db.session(), membership.tenant_id, data)
        return views.detail(db.session(), blueprint)


@signed_in_route(bp, "/<key>")
class BlueprintItem(MethodView):
    @bp.response(200, BlueprintOut)
    def get(self, slug: str, key: str) -> dict[str, Any]:
        """A blueprint with its draft and versions."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        return views.detail(db.session(), queries.get_blueprint(db.session(), key))

    @bp.arguments(BlueprintUpdate)
    @bp.response(200, BlueprintOut)
    def patch(self, data: dict[str, Any], slug: str, key: str) -> dict[str, Any]:
        """Rename, describe or change the draft; 409 when lock_version is stale."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        blueprint = operations.update_blueprint(db.session(), queries.get_blueprint(db.session(), key), data)
        return views.detail(db.session(), blueprint)

    @bp.response(204)
    def delete(self, slug: str, key: str) -> None:
        """Move the blueprint to the Trash; its records are kept."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        operations.delete_blueprint(db.session(), queries.get_blueprint(db.session(), key), current_user_id())


@signed_in_route(bp, "/<key>/publish")
class Publish(MethodView):
    @bp.arguments(PublishIn)
    @bp.response(201, VersionOut)
    def post(self, data: dict[str, Any], slug: str, key: str) -> dict[str, Any]:
        """Publish the draft as the next immutable version."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        blueprint = queries.get_blueprint(db.session(), key)
        version = operations.publish_blueprint(db.session(), blueprint, data["lock_version"], current_user_id())
        return views.version_detail(db.session(), version)


@signed_in_route(bp, "/<key>/publish-preview")
class PublishPreview(MethodView):
    @bp.response(200, PublishPreviewOut)
    def get(self, slug: str, key: str) -> dict[str, Any]:
        """What publishing the draft would change against the last published version, and what stops it."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        return preview_publish(db.session(), queries.get_blueprint(db.session(), key))


@signed_in_route(bp, "/<key>/versions/<int:number>")
class VersionItem(MethodView):
    @bp.response(200, VersionOut)
    def get(self, slug: str, key: str, number: int) -> dict[str, Any]:
        """One published version."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        blueprint = queries.get_blueprint(db.session(), key)
        return views.version_detail(db.session(), queries.get_version(db.session(), blueprint, number))
