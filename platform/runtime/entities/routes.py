"""/api/tenants/<slug>/entities: create, read, update, delete and list records."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, jsonify
from flask.views import MethodView

from core import db
from core.identity.access import EDIT, READ, open_tenant
from core.web import current_user_id, paged, signed_in_route, tenant_blueprint
from designer.blueprints.queries import get_blueprint
from runtime.entities import operations, queries, views
from runtime.entities.schemas import DeleteArgs, EntityCreate, EntityListArgs, EntityOut, EntityPage, EntityUpdate

bp = tenant_blueprint("entities", __name__, "/entities", "Records (entities) of a workspace.")


@signed_in_route(bp, "")
class Entities(MethodView):
    @paged(bp, EntityListArgs, EntityPage)
    def get(self, args: dict[str, Any], slug: str) -> Response:
        """List a blueprint's records: filter, sort, search, keyset pages, and a count."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        return jsonify(views.listing_json(db.session(), args))  # EntityPage, without marshmallow

    @bp.arguments(EntityCreate)
    @bp.response(201, EntityOut)
    def post(self, data: dict[str, Any], slug: str) -> dict[str, Any]:
        """Create a record on the blueprint's current version."""
        open_tenant(db.session(), slug, current_user_id(), EDIT)
        blueprint = get_blueprint(db.session(), data["blueprint"])
        entity = operations.create_entity(db.session(), blueprint, data["data"], current_user_id())
        return views.entity_views([entity], blueprint)[0]


@signed_in_route(bp, "/<uuid:entity_id>")
class EntityItem(MethodView):
    @bp.response(200, EntityOut)
    def get(self, slug: str, entity_id: uuid.UUID) -> Response:
        open_tenant(db.session(), slug, current_user_id(), READ)
        return jsonify(views.entity_json(views.entity_views([queries.get_entity(db.session(), entity_id)])[0]))

    @bp.arguments(EntityUpdate)
    @bp.response(200, EntityOut)
    def patch(self, data: dict[str, Any], slug: str, entity_id: uuid.UUID) -> dict[str, Any]:
        """Change some values; 409 when ``version`` is not the current one."""
        open_tenant(db.session(), slug, current_user_id(), EDIT)
        entity = queries.get_entity(db.session(), entity_id)
        version = queries.versions_by_id(db.session(), {entity.blueprint_version_id})[entity.blueprint_version_id]
        operations.update_entity(db.session(), entity, version, data["version"], data["data"], current_user_id())
        return views.entity_views([entity])[0]

    @bp.arguments(DeleteArgs, location="query")
    @bp.response(204)
    def delete(self, args: dict[str, Any], slug: str, entity_id: uuid.UUID) -> None:
        open_tenant(db.session(), slug, current_user_id(), EDIT)
        entity = queries.get_entity(db.session(), entity_id)
        operations.delete_entity(db.session(), entity, args["version"], current_user_id())
