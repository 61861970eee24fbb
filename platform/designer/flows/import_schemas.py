"""Requests and answers of importing a diagram with several pools."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from designer.flows.schemas import XML, FlowOut, ProblemOut
from designer.versioned.schemas import KEY_RULE, NAME_RULE

MAX_POOLS = 20


class PoolsIn(Schema):
    xml = fields.String(required=True, validate=XML.validate, metadata=XML.metadata)


class PoolOut(Schema):
    process = fields.String(metadata={"description": "The pool's process id."})
    name = fields.String(metadata={"description": "The pool's name (its process id when unnamed)."})
    blueprint = fields.String(allow_none=True, metadata={"description": "The blueprint the diagram names, if any."})


class PoolsOut(Schema):
    pools = fields.List(fields.Nested(PoolOut))
    warnings = fields.List(fields.Nested(ProblemOut))


class PoolChoice(Schema):
    process = fields.String(required=True, validate=validate.Length(min=1, max=255))
    blueprint = fields.String(required=True, validate=validate.Length(min=1, max=63))
    name = fields.String(validate=NAME_RULE)
    key = fields.String(validate=KEY_RULE)


class PoolImportIn(Schema):
    xml = fields.String(required=True, validate=XML.validate, metadata=XML.metadata)
    pools = fields.List(fields.Nested(PoolChoice), required=True, validate=validate.Length(min=1, max=MAX_POOLS))


class PoolImportOut(Schema):
    flows = fields.List(fields.Nested(FlowOut))
