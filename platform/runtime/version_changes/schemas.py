"""Version change request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from designer.versioned.queries import MAX_VERSION_NUMBER

# A version number (of a blueprint or a record): a whole number the database can hold.
VERSION = validate.Range(min=0, max=MAX_VERSION_NUMBER)


class VersionChangeIn(Schema):
    from_version = fields.Integer(
        required=True, validate=VERSION, metadata={"description": "Version number the entities are on."}
    )
    to_version = fields.Integer(
        required=True, validate=VERSION, metadata={"description": "Version number to move them to."}
    )
    plan = fields.List(fields.Dict(), load_default=None, metadata={"description": "Steps; omitted = match by key."})


class RecordVersionChangeIn(Schema):
    version = fields.Integer(required=True, validate=VERSION, metadata={"description": "The entity version you read."})
    to_version = fields.Integer(required=True, validate=VERSION)
    plan = fields.List(fields.Dict(), load_default=None)


class PreviewOut(Schema):
    plan = fields.List(fields.Dict())
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    examples = fields.Dict()
    scanned = fields.Integer()
    total = fields.Integer()
    complete = fields.Boolean()
