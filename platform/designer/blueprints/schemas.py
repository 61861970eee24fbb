"""Blueprint request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields

from core.pagination import PageSchema
from designer.versioned.schemas import (
    DESCRIPTION_RULE,
    KEY_RULE,
    NAME_RULE,
    DefinitionSummary,
    DefinitionUpdate,
    VersionRef,
)


class DraftIn(Schema):
    columns = fields.List(fields.Raw(), required=True, metadata={"description": "Column definitions."})
    form = fields.Raw(allow_none=True, load_default=None, metadata={"description": "Form layout, or null."})


class BlueprintCreate(Schema):
    name = fields.String(required=True, validate=NAME_RULE)
    key = fields.String(validate=KEY_RULE)
    description = fields.String(load_default="", validate=DESCRIPTION_RULE)
    columns = fields.List(fields.Raw(), load_default=list)
    form = fields.Raw(allow_none=True, load_default=None)
    flow_fields_editable = fields.Boolean(
        metadata={"description": "People may edit by hand the fields its published flows write (default false)."}
    )


class BlueprintUpdate(DefinitionUpdate):
    draft = fields.Nested(DraftIn)
    flow_fields_editable = fields.Boolean(
        metadata={"description": "People may edit by hand the fields its published flows write (default false)."}
    )


class PublishIn(Schema):
    lock_version = fields.Integer(required=True)


class VersionOut(VersionRef):
    columns = fields.List(fields.Raw())
    form = fields.Raw(allow_none=True)
    entity_count = fields.Integer()
    entity_count_exact = fields.Boolean()


class VersionSummary(VersionRef):
    entity_count = fields.Integer()
    entity_count_exact = fields.Boolean()


class BlueprintSummary(DefinitionSummary):
    published_version = fields.Nested(VersionRef, allow_none=True)
    entity_count = fields.Integer()
    entity_count_exact = fields.Boolean()
    flow_fields_editable = fields.Boolean()


class DraftOut(Schema):
    columns = fields.List(fields.Raw())
    form = fields.Raw(allow_none=True)


class BlueprintOut(BlueprintSummary):
    draft = fields.Nested(DraftOut)
    versions = fields.List(fields.Nested(VersionSummary))


class BlueprintPage(PageSchema):
    items = fields.List(fields.Nested(BlueprintSummary))


class PublishChangeOut(Schema):
    kind = fields.String(
        metadata={
            "description": "column, order or form (blueprints); transition, timer, state or "
            "the BPMN element's kind (flows)."
        }
    )
    key = fields.String(metadata={"description": "The column key, transition id or element id."})
    name = fields.String(metadata={"description": "Its label or name."})
    details = fields.List(fields.String(), metadata={"description": "What changed, in plain sentences."})


class PublishChangesOut(Schema):
    added = fields.List(fields.Nested(PublishChangeOut))
    removed = fields.List(fields.Nested(PublishChangeOut))
    changed = fields.List(fields.Nested(PublishChangeOut))


class PublishProblemOut(Schema):
    field = fields.String(metadata={"description": "The draft's field the problem is on (as publishing names it)."})
    message = fields.String()


class PublishPreviewOut(Schema):
    number = fields.Integer(metadata={"description": "The number the new version would get."})
    first = fields.Boolean(metadata={"description": "Nothing is published yet."})
    changes = fields.Nested(PublishChangesOut)
    problems = fields.List(fields.Nested(PublishProblemOut), metadata={"description": "What stops publishing."})
    warnings = fields.List(fields.String(), metadata={"description": "Worth knowing; does not stop publishing."})
