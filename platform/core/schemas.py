"""Response schemas every layer's API shares."""

from __future__ import annotations

from marshmallow import Schema, fields


class Ref(Schema):
    """Something the API names by key: a blueprint or a flow, its key and its name."""

    key = fields.String()
    name = fields.String()
