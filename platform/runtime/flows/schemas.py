"""Inbox, instance and history schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.pagination import PageArgs, PageSchema
from core.schemas import Ref
from designer.versioned.schemas import VersionRef
from runtime.entities.schemas import EntityOut


class InboxArgs(PageArgs):
    flow = fields.String(load_default=None, metadata={"description": "Only tasks of this flow (key)."})
    blueprint = fields.String(load_default=None, metadata={"description": "Only records of this blueprint (key)."})
    assignee = fields.String(load_default=None, metadata={"description": "me, unassigned, or a user id."})
    due = fields.String(load_default=None, validate=validate.OneOf(["overdue", "today", "week"]))
    filter = fields.String(load_default=None, metadata={"description": "JSON filter tree on the record's fields."})


class UserRef(Schema):
    id = fields.Integer()
    email = fields.String()


class ItemEntity(Schema):
    id = fields.UUID()
    blueprint = fields.Nested(Ref)
    title = fields.String(allow_none=True)
    data = fields.Dict()
    version = fields.Integer()


class InboxItemOut(Schema):
    id = fields.UUID()
    instance_id = fields.UUID()
    flow = fields.Nested(Ref)
    element = fields.String()
    label = fields.String()
    fields_ = fields.List(fields.Raw(), data_key="fields", attribute="fields")
    role = fields.String(allow_none=True)
    member = fields.String(allow_none=True)
    field = fields.String(
        allow_none=True, metadata={"description": "The record's user column whose person may do this step."}
    )
    waits_for = fields.Nested(
        UserRef, allow_none=True, metadata={"description": "The person that column names now (null when empty)."}
    )
    assignee = fields.Nested(UserRef, allow_none=True)
    due_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    can_complete = fields.Boolean()
    refusal = fields.String(allow_none=True, metadata={"description": "Why the caller may not do it now."})
    entity = fields.Nested(ItemEntity)


class InboxPage(PageSchema):
    items = fields.List(fields.Nested(InboxItemOut))


class WaitingCountOut(Schema):
    count = fields.Integer(
        metadata={"description": "Waiting tasks for me (the inbox's assignee=me), counted up to 100."}
    )
    more = fields.Boolean(metadata={"description": "There are 100 or more: show it as 99+."})


class ErrorOut(Schema):
    """What stopped an instance: the message, and the BPMN element it happened at (id and name)."""

    message = fields.String()
    element = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    at = fields.String(metadata={"description": "When it stopped (ISO 8601)."})
    code = fields.String(
        allow_none=True, metadata={"description": "Stable code of the refusal (flow.<area>.<what>), when it is one."}
    )
    params = fields.Dict(keys=fields.String(), metadata={"description": "The values the message is made from."})


class InstanceOut(Schema):
    id = fields.UUID()
    flow = fields.Nested(Ref)
    version = fields.Integer()
    status = fields.String()
    error = fields.Nested(ErrorOut, allow_none=True)
    lock = fields.Integer()
    waiting = fields.List(fields.Nested(InboxItemOut))
    started_at = fields.DateTime()
    completed_at = fields.DateTime(allow_none=True)


class ChangeOut(Schema):
    field = fields.String()
    label = fields.String()
    before = fields.Raw(allow_none=True)
    after = fields.Raw(allow_none=True)


class HistoryOut(Schema):
    id = fields.UUID()
    at = fields.DateTime()
    user = fields.Nested(UserRef, allow_none=True)
    flow = fields.Nested(Ref)
    kind = fields.String(
        metadata={
            "description": "started, transition, timer, message or signal (the label names it), completed, moved "
            "(to another version), placed (at the state its value names) or failed."
        }
    )
    element = fields.String(allow_none=True)
    label = fields.String(
        allow_none=True,
        metadata={
            "description": "The transition's label, the timers fired, the error (failed), or the state it was "
            "placed at (placed)."
        },
    )
    changes = fields.List(fields.Nested(ChangeOut))


class MisplacedOut(Schema):
    """A steps flow in which the record's state has no place: no instance yet, or one waiting elsewhere."""

    flow = fields.Nested(Ref)
    field = fields.String(metadata={"description": "The state column."})
    field_label = fields.String()
    value = fields.String(metadata={"description": "The record's value in it."})
    value_label = fields.String()
    waits_at = fields.List(fields.String(), metadata={"description": "The states the instance waits in (labels)."})
    reason = fields.String(
        metadata={"description": "not_started, elsewhere (the instance waits in another state), or no_place."}
    )
    message = fields.String()
    can_place = fields.Boolean(metadata={"description": "The caller may place it at its value's state."})


class EntityFlowsOut(Schema):
    instances = fields.List(fields.Nested(InstanceOut))
    startable = fields.List(fields.Nested(Ref))
    history = fields.List(fields.Nested(HistoryOut))
    state_field = fields.String(
        allow_none=True, metadata={"description": "The choice column a published steps flow keeps the state in."}
    )
    state_flow = fields.Nested(Ref, allow_none=True, metadata={"description": "The flow that moves state_field."})
    flow_fields = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "The fields the published flows write, each with the writing flow's name."},
    )
    flow_fields_editable = fields.Boolean(metadata={"description": "People may edit those fields by hand anyway."})
    misplaced = fields.List(fields.Nested(MisplacedOut))


class PlaceIn(Schema):
    flow = fields.String(required=True, metadata={"description": "Key of the steps flow to place the record in."})


class StartIn(Schema):
    flow = fields.String(required=True, metadata={"description": "Key of the flow to start for this record."})


class CompleteIn(Schema):
    data = fields.Dict(keys=fields.String(), load_default=dict, metadata={"description": "The form's values."})


class CompleteOut(Schema):
    entity = fields.Nested(EntityOut)
    instance = fields.Nested(InstanceOut)


class MoveEntity(Schema):
    id = fields.UUID()
    title = fields.String(allow_none=True)


class MoveItem(Schema):
    instance_id = fields.UUID()
    entity = fields.Nested(MoveEntity)
    from_version = fields.Integer()
    ok = fields.Boolean()
    waiting = fields.List(fields.String(), metadata={"description": "Labels it would wait at afterwards."})
    reason = fields.String(allow_none=True)
    element = fields.String(allow_none=True)
    code = fields.String(allow_none=True, metadata={"description": "The reason's stable refusal code."})
    params = fields.Dict(keys=fields.String(), metadata={"description": "The values the reason is made from."})


class MoveTarget(VersionRef):
    """The flow's published version the running records would move to."""


class MovePreviewOut(Schema):
    target = fields.Nested(MoveTarget)
    items = fields.List(fields.Nested(MoveItem))
    count = fields.Integer(metadata={"description": "Running records on older versions."})
    movable = fields.Integer(metadata={"description": "How many of the listed ones can move."})
