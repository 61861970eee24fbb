"""Blueprint request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.pagination import PageSchema

KEY_RULE = validate.Regexp(
    r"^[a-z][a-z0-9_]{0,62}$", error="Use lowercase letters, digits and underscores, starting with a letter."
)


class DraftIn(Schema):
    columns = fields.List(fields.Raw(), required=True, metadata={"description": "Column definitions."})
    form = fields.Raw(allow_none=True, load_default=None, metadata={"description": "Form layout, or null."})


class BlueprintCreate(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    key = fields.String(validate=KEY_RULE)
    description = fields.String(load_default="", validate=validate.Length(max=2000))
    columns = fields.List(fields.Raw(), load_default=list)
    form = fields.Raw(allow_none=True, load_default=None)
    flow_fields_editable = fields.Boolean(
        metadata={"description": "People may edit by hand the fields its published flows write (default false)."}
    )


class BlueprintUpdate(Schema):
    lock_version = fields.Integer(required=True, metadata={"description": "The lock_version you read."})
    name = fields.String(validate=validate.Length(min=1, max=120))
    description = fields.String(validate=validate.Length(max=2000))
    draft = fields.Nested(DraftIn)
    flow_fields_editable = fields.Boolean(
        metadata={"description": "People may edit by hand the fields its published flows write (default false)."}
    )


class PublishIn(Schema):
    lock_version = fields.Integer(required=True)


class VersionRef(Schema):
    id = fields.UUID()
    number = fields.Integer()
    published_at = fields.DateTime()


class VersionOut(VersionRef):
    columns = fields.List(fields.Raw())
    form = fields.Raw(allow_none=True)
    entity_count = fields.Integer()
    entity_count_exact = fields.Boolean()


class VersionSummary(VersionRef):
    entity_count = fields.Integer()
    entity_count_exact = fields.Boolean()


class BlueprintSummary(Schema):
    id = fields.UUID()
    key = fields.String()
    name = fields.String()
    description = fields.String()
    published_version = fields.Nested(VersionRef, allow_none=True)
    draft_changed = fields.Boolean()
    entity_count = fields.Integer()
    entity_count_exact = fields.Boolean()
    lock_version = fields.Integer()
    flow_fields_editable = fields.Boolean()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class DraftOut(Schema):
    columns = fields.List(fields.Raw())
    form = fields.Raw(allow_none=True)


class BlueprintOut(BlueprintSummary):
    draft = fields.Nested(DraftOut)
    versions = fields.List(fields.Nested(VersionSummary))


class BlueprintPage(PageSchema):
    items = fields.List(fields.Nested(BlueprintSummary))
