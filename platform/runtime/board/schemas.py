"""Board and move schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.pagination import MAX_PAGE_SIZE
from runtime.entities.schemas import EntityOut
from runtime.flows.schemas import Ref

KEY = validate.Length(min=1, max=63)


class BoardArgs(Schema):
    blueprint = fields.String(required=True, validate=KEY, metadata={"description": "Key of the blueprint."})
    column = fields.String(
        required=True, validate=KEY, metadata={"description": "Key of the choice column to group by."}
    )
    per_column = fields.Integer(
        load_default=20,
        validate=validate.Range(min=1, max=MAX_PAGE_SIZE),
        metadata={"description": f"Records in each column's first page, at most {MAX_PAGE_SIZE}."},
    )


class BoardColumnArgs(Schema):
    blueprint = fields.String(required=True, validate=KEY, metadata={"description": "Key of the blueprint."})
    column = fields.String(required=True, validate=KEY, metadata={"description": "Key of the choice column."})
    value = fields.String(
        required=True,
        validate=validate.Length(max=255),
        metadata={"description": "The column's value; empty for the records without one."},
    )
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))
    cursor = fields.String(load_default=None, metadata={"description": "next_cursor of the previous page."})


class ColumnPage(Schema):
    items = fields.List(fields.Nested(EntityOut))
    next_cursor = fields.String(allow_none=True)


class BoardColumn(ColumnPage):
    value = fields.String(allow_none=True, metadata={"description": "null: the records without a value."})
    label = fields.String()
    count = fields.Integer()


class BoardOut(Schema):
    columns = fields.List(fields.Nested(BoardColumn))
    state_flow = fields.Nested(
        Ref, allow_none=True, metadata={"description": "The published flow whose steps move this column."}
    )


class MoveIn(Schema):
    to = fields.String(
        required=True, validate=validate.Length(min=1, max=255), metadata={"description": "The state to move to."}
    )
    data = fields.Dict(keys=fields.String(), load_default=dict, metadata={"description": "The button's form values."})
