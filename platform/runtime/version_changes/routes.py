"""Version changes: moving entities between blueprint versions: preview, run in the background, or one
entity. The URLs keep their older ``migrations`` and ``migrate`` names."""

from __future__ import annotations

import uuid
from typing import Any

from flask.views import MethodView

from core import db
from core.identity.access import EDIT, MANAGE, open_tenant
from core.web import current_user_id, signed_in_route, tenant_blueprint
from designer.blueprints.models import Blueprint
from designer.blueprints.queries import get_blueprint, get_version
from runtime.entities import queries as entity_queries
from runtime.entities.schemas import EntityOut
from runtime.entities.views import entity_views
from runtime.jobs.schemas import JobOut
from runtime.version_changes import operations
from runtime.version_changes.schemas import PreviewOut, RecordVersionChangeIn, VersionChangeIn

bp = tenant_blueprint("version_changes", __name__, "", "Moving records between blueprint versions.")


@signed_in_route(bp, "/blueprints/<key>/migrations/preview")
class Preview(MethodView):
    @bp.arguments(VersionChangeIn)
    @bp.response(200, PreviewOut)
    def post(self, data: dict[str, Any], slug: str, key: str) -> dict[str, Any]:
        """Try the plan on the real records, changing nothing: clean, lossy and failing counts with examples."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        blueprint = get_blueprint(db.session(), key)
        source, target = (get_version(db.session(), blueprint, data[k]) for k in ("from_version", "to_version"))
        return operations.preview(db.session(), source, target, data["plan"])


@signed_in_route(bp, "/blueprints/<key>/migrations")
class VersionChanges(MethodView):
    @bp.arguments(VersionChangeIn)
    @bp.response(202, JobOut)
    def post(self, data: dict[str, Any], slug: str, key: str) -> Any:
        """Move every record on from_version, in the background; follow the job for progress."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        blueprint: Blueprint = get_blueprint(db.session(), key)
        source, target = (get_version(db.session(), blueprint, data[k]) for k in ("from_version", "to_version"))
        return operations.start_version_change(db.session(), blueprint, source, target, data["plan"], current_user_id())


@signed_in_route(bp, "/entities/<uuid:entity_id>/migrate")
class ChangeOne(MethodView):
    @bp.arguments(RecordVersionChangeIn)
    @bp.response(200, EntityOut)
    def post(self, data: dict[str, Any], slug: str, entity_id: uuid.UUID) -> dict[str, Any]:
        """Move one record to another version of its blueprint now."""
        open_tenant(db.session(), slug, current_user_id(), EDIT)
        entity = entity_queries.get_entity(db.session(), entity_id)
        blueprint = db.session.get(Blueprint, entity.blueprint_id)
        assert blueprint is not None
        target = get_version(db.session(), blueprint, data["to_version"])
        operations.change_one(db.session(), entity, data["version"], target, data["plan"])
        return entity_views([entity], blueprint)[0]
