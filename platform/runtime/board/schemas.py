"""Board and move schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.pagination import MAX_PAGE_SIZE
from core.schemas import Ref
from runtime.entities.schemas import EntityOut

KEY = validate.Length(min=1, max=63)


class BoardArgs(Schema):
    blueprint = fields.String(required=True, validate=KEY, metadata={"description": "Key of the blueprint."})
    column = fields.String(
        validate=KEY,
        metadata={
            "description": "Key of the choice column to group by; left out, the state column a flow moves"
            " (else the first choice column)."
        },
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
    column = fields.String(metadata={"description": "Key of the choice column the board groups by."})
    columns = fields.List(fields.Nested(BoardColumn))
    state_flow = fields.Nested(
        Ref, allow_none=True, metadata={"description": "The published flow whose steps move this column."}
    )


class MoveIn(Schema):
    to = fields.String(
        required=True, validate=validate.Length(min=1, max=255), metadata={"description": "The state to move to."}
    )
    data = fields.Dict(
        keys=fields.String(),
        metadata={
            "description": "The button's form values. Left out, a button with a form is not pressed: the answer"
            " is 422 on data with the button (id, label and its form's fields) to ask them first."
        },
    )


class BulkMoveIn(Schema):
    ids = fields.List(
        fields.UUID(),
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": "The records to move (at most LOOM_BULK_MOVE_MAX_RECORDS, 10,000 unless set)."},
    )
    to = fields.String(
        required=True, validate=validate.Length(min=1, max=255), metadata={"description": "The state to move to."}
    )
    data = fields.Dict(
        keys=fields.String(), load_default=dict, metadata={"description": "Form values for every record's button."}
    )


class Refused(Schema):
    id = fields.UUID()
    title = fields.String(allow_none=True, metadata={"description": "null for a record not found."})
    code = fields.String(
        metadata={"description": "not_found, no_transition, several, forbidden, conflict, invalid or failed."}
    )
    reason = fields.String(metadata={"description": "Why, in the words a move of this record alone answers."})


class BulkMoveOut(Schema):
    moved = fields.Integer()
    skipped = fields.Integer(metadata={"description": "Records already in that state: left as they were."})
    refused = fields.List(fields.Nested(Refused))
    refused_count = fields.Integer()
    job = fields.UUID(
        allow_none=True,
        metadata={"description": "The background job moving them (202; its result has these counts), or null."},
    )


class MoveTargetsArgs(Schema):
    blueprint = fields.String(required=True, validate=KEY, metadata={"description": "Key of the blueprint."})


class StateTarget(Schema):
    value = fields.String()
    label = fields.String()
    column = fields.String(metadata={"description": "Key of the state column."})
    column_label = fields.String()


class MoveTargetsOut(Schema):
    targets = fields.List(fields.Nested(StateTarget))
