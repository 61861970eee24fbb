"""Entity request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.pagination import PageArgs, PageSchema


class EntityListArgs(PageArgs):
    blueprint = fields.String(required=True, metadata={"description": "Key of the blueprint to list."})
    q = fields.String(load_default=None, validate=validate.Length(max=200), metadata={"description": "Search words."})
    filter = fields.String(load_default=None, metadata={"description": 'JSON filter tree: {"and": [...]}.'})
    sort = fields.String(
        load_default=None, metadata={"description": 'JSON list: [{"column": "qty", "direction": "desc"}].'}
    )


class EntityCreate(Schema):
    blueprint = fields.String(required=True)
    data = fields.Dict(keys=fields.String(), required=True)


class EntityUpdate(Schema):
    version = fields.Integer(required=True, metadata={"description": "The version you read (optimistic lock)."})
    data = fields.Dict(keys=fields.String(), required=True, metadata={"description": "Only the changed columns."})


class DeleteArgs(Schema):
    version = fields.Integer(load_default=None)


class EntityVersionRef(Schema):
    id = fields.UUID()
    number = fields.Integer()


class EntityOut(Schema):
    id = fields.UUID()
    blueprint = fields.String()
    blueprint_version = fields.Nested(EntityVersionRef)
    data = fields.Dict()
    version = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class CountOut(Schema):
    value = fields.Integer()
    exact = fields.Boolean()


class EntityPage(PageSchema):
    items = fields.List(fields.Nested(EntityOut))
    count = fields.Nested(
        CountOut, metadata={"description": "On the first page only (no cursor): the count of the whole list."}
    )
    complete = fields.Boolean(
        required=True,
        metadata={
            "description": "False when the list stopped within its time budget before the page was full: "
            "next_cursor goes on from where it stopped."
        },
    )
    reason = fields.String(
        allow_none=True,
        metadata={"description": '"indexing": a filtered or sorted column has no ready index yet.'},
    )
