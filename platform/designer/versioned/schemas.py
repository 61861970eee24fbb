"""Response fields a blueprint and a flow share."""

from __future__ import annotations

from marshmallow import Schema, fields


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
