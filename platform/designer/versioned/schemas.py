"""Request and response fields a blueprint and a flow share."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

KEY_RULE = validate.Regexp(
    r"^[a-z][a-z0-9_]{0,62}$", error="Use lowercase letters, digits and underscores, starting with a letter."
)
NAME_RULE = validate.Length(min=1, max=120)
DESCRIPTION_RULE = validate.Length(max=2000)


class VersionRef(Schema):
    id = fields.UUID()
    number = fields.Integer()
    published_at = fields.DateTime()


class DefinitionRef(Schema):
    """A blueprint or a flow as every answer names it: its id, key and name."""

    id = fields.UUID()
    key = fields.String()
    name = fields.String()


class DefinitionSummary(DefinitionRef):
    """What a list shows of a blueprint or a flow, besides its published version."""

    description = fields.String()
    draft_changed = fields.Boolean()
    lock_version = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class DefinitionUpdate(Schema):
    """A change of a blueprint or a flow: against the lock_version read, perhaps a new name or description."""

    lock_version = fields.Integer(required=True, metadata={"description": "The lock_version you read."})
    name = fields.String(validate=NAME_RULE)
    description = fields.String(validate=DESCRIPTION_RULE)
