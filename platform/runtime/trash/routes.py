"""/api/tenants/<slug>/trash: deleted blueprints and deleted records, restore or delete for good."""

from __future__ import annotations

import uuid
from typing import Any

from flask import jsonify, make_response
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from core import db
from core.errors import Invalid
from core.identity.access import EDIT, MANAGE, open_tenant
from core.pagination import PageArgs, PageSchema
from core.web import current_user_id, paged, signed_in_route, tenant_blueprint
from designer.blueprints.queries import get_blueprint, get_version
from designer.blueprints.schemas import BlueprintOut
from designer.blueprints.views import detail
from designer.versioned.schemas import DefinitionRef
from runtime.entities.operations import purge_entity, restore_entity
from runtime.entities.queries import get_trashed_entity
from runtime.entities.schemas import EntityOut
from runtime.entities.views import entity_views
from runtime.jobs.schemas import JobOut
from runtime.trash import operations, records
from runtime.version_changes.operations import start_version_change
from runtime.version_changes.schemas import VERSION

bp = tenant_blueprint("trash", __name__, "/trash", "Deleted blueprints and records.")


class TrashedOut(DefinitionRef):
    """A deleted blueprint."""

    deleted_at = fields.DateTime()
    entity_count = fields.Integer()


class TrashPage(PageSchema):
    items = fields.List(fields.Nested(TrashedOut))


class AttachIn(Schema):
    blueprint = fields.String(required=True, metadata={"description": "Key of the live blueprint to attach to."})
    from_version = fields.Integer(
        required=True, validate=VERSION, metadata={"description": "Version of the trashed blueprint."}
    )
    to_version = fields.Integer(required=True, validate=VERSION)
    plan = fields.List(fields.Dict(), load_default=None)


class RestoreIn(Schema):
    mode = fields.String(required=True, validate=validate.OneOf(["undelete", "attach"]))
    attach = fields.Nested(AttachIn, load_default=None)


@signed_in_route(bp, "")
class Trash(MethodView):
    @paged(bp, PageArgs, TrashPage)
    def get(self, args: dict[str, Any], slug: str) -> dict[str, Any]:
        """Deleted blueprints, newest first."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        return operations.list_trash(db.session(), limit=args["limit"], cursor=args["cursor"])


@signed_in_route(bp, "/<uuid:blueprint_id>/restore")
class Restore(MethodView):
    @bp.arguments(RestoreIn)
    @bp.response(200, BlueprintOut)
    @bp.alt_response(202, schema=JobOut, description="Attaching runs in the background.")
    def post(self, data: dict[str, Any], slug: str, blueprint_id: uuid.UUID) -> Any:
        """Undelete the blueprint, or attach its records to a live blueprint through a version change plan."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        trashed = operations.get_trashed(db.session(), blueprint_id)
        if data["mode"] == "undelete":
            return detail(db.session(), operations.undelete(db.session(), trashed, current_user_id()))
        attach = data["attach"] or {}
        if not attach:
            raise Invalid({"attach": ["Say which blueprint and versions to attach to."]})
        target_blueprint = get_blueprint(db.session(), attach["blueprint"])
        source = get_version(db.session(), trashed, attach["from_version"])
        target = get_version(db.session(), target_blueprint, attach["to_version"])
        job = start_version_change(db.session(), target_blueprint, source, target, attach["plan"], current_user_id())
        return make_response(jsonify(JobOut().dump(job)), 202)  # a Response passes flask-smorest as is


@signed_in_route(bp, "/<uuid:blueprint_id>")
class Purge(MethodView):
    @bp.response(202, JobOut)
    def delete(self, slug: str, blueprint_id: uuid.UUID) -> Any:
        """Delete the blueprint and all its records for good (in the background)."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        return operations.purge(db.session(), operations.get_trashed(db.session(), blueprint_id), current_user_id())


class TrashedRecordArgs(PageArgs):
    blueprint = fields.String(load_default=None, metadata={"description": "Only this blueprint's records (its key)."})


class DeletedBy(Schema):
    id = fields.Integer()
    email = fields.String()


class TrashedRecordOut(EntityOut):
    blueprint_name = fields.String(allow_none=True)
    deleted_at = fields.DateTime()
    deleted_by = fields.Nested(DeletedBy, allow_none=True)
    purge_at = fields.DateTime(metadata={"description": "When the record is deleted for good unless restored."})


class TrashedRecordPage(PageSchema):
    items = fields.List(fields.Nested(TrashedRecordOut))


@signed_in_route(bp, "/records")
class TrashedRecords(MethodView):
    @paged(bp, TrashedRecordArgs, TrashedRecordPage)
    def get(self, args: dict[str, Any], slug: str) -> dict[str, Any]:
        """Deleted records, most recently deleted first; each is restorable until its ``purge_at``."""
        open_tenant(db.session(), slug, current_user_id(), EDIT)
        return records.list_trashed_records(
            db.session(), blueprint=args["blueprint"], limit=args["limit"], cursor=args["cursor"]
        )


@signed_in_route(bp, "/records/<uuid:entity_id>/restore")
class RestoreRecord(MethodView):
    @bp.response(200, EntityOut)
    def post(self, slug: str, entity_id: uuid.UUID) -> dict[str, Any]:
        """Bring a deleted record back with its history; its flow goes on where it waited."""
        open_tenant(db.session(), slug, current_user_id(), EDIT)
        entity = get_trashed_entity(db.session(), entity_id)
        restore_entity(db.session(), entity, current_user_id())
        return entity_views([entity])[0]


@signed_in_route(bp, "/records/<uuid:entity_id>")
class PurgeRecord(MethodView):
    @bp.response(204)
    def delete(self, slug: str, entity_id: uuid.UUID) -> None:
        """Delete a record in the Trash for good, now."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        purge_entity(db.session(), get_trashed_entity(db.session(), entity_id), current_user_id())
