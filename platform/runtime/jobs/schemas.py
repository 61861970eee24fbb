"""Job responses."""

from __future__ import annotations

from marshmallow import Schema, fields


class JobOut(Schema):
    id = fields.UUID()
    kind = fields.String()
    status = fields.String()
    done = fields.Integer()
    total = fields.Integer()
    result = fields.Dict()
    error = fields.String(allow_none=True)
    params = fields.Dict()
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
