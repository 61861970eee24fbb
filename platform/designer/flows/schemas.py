"""Flow request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.pagination import PageArgs, PageSchema
from core.schemas import Ref
from designer.blueprints.schemas import PublishPreviewOut
from designer.versioned.schemas import (
    DESCRIPTION_RULE,
    KEY_RULE,
    NAME_RULE,
    DefinitionSummary,
    DefinitionUpdate,
    VersionRef,
)
from engine.flows.parser import MAX_XML_BYTES

XML = fields.String(validate=validate.Length(max=MAX_XML_BYTES), metadata={"description": "BPMN 2.0 XML."})


class FlowListArgs(PageArgs):
    blueprint = fields.String(load_default=None, metadata={"description": "Only flows of this blueprint (key)."})


class FlowCreate(Schema):
    name = fields.String(required=True, validate=NAME_RULE)
    key = fields.String(validate=KEY_RULE)
    blueprint = fields.String(required=True, metadata={"description": "Key of the blueprint whose records it moves."})
    description = fields.String(load_default="", validate=DESCRIPTION_RULE)
    xml = XML
    template = fields.String(validate=validate.OneOf(["delivery", "stock"]))
    steps = fields.Dict(
        keys=fields.String(), metadata={"description": "A steps table (see /flows/<key>/steps) to start from."}
    )


class FlowUpdate(DefinitionUpdate):
    xml = XML


STEPS_HELP = {
    "description": "The flow as a table of transitions over a state column: version, state, initial, "
    "transitions and timers (docs/flows.md)."
}


class StepsIn(Schema):
    steps = fields.Dict(keys=fields.String(), required=True, metadata=STEPS_HELP)
    lock_version = fields.Integer(required=True, metadata={"description": "The lock_version you read."})


class StepsOut(Schema):
    steps = fields.Dict(keys=fields.String(), allow_none=True, metadata=STEPS_HELP)
    note = fields.String(allow_none=True, metadata={"description": "Why the draft opens in the diagram editor."})
    lock_version = fields.Integer()


class FlowPublishIn(Schema):
    lock_version = fields.Integer(required=True)


class FlowRefOut(Ref):
    """The blueprint whose records the flow moves."""


class ProblemOut(Schema):
    element = fields.String(allow_none=True, metadata={"description": "BPMN id of the element, when known."})
    message = fields.String(metadata={"description": "What is wrong and what to do, in English."})
    line = fields.Integer(allow_none=True)
    code = fields.String(
        metadata={"description": "Stable code of the refusal (flow.<area>.<what>), for showing it in any language."}
    )
    params = fields.Dict(
        keys=fields.String(), metadata={"description": "The values the message is made from, by name."}
    )


class FlowVersionRef(VersionRef):
    """A flow's published version (a blueprint's is ``VersionRef``)."""


class FlowVersionSummary(FlowVersionRef):
    instance_count = fields.Integer()
    running_count = fields.Integer()


class DecisionOut(Schema):
    id = fields.String(metadata={"description": "The decision's id: what business-rule tasks call."})
    name = fields.String()
    xml = fields.String(metadata={"description": "The DMN document (one decision table)."})


class DecisionIn(Schema):
    xml = fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_XML_BYTES),
        metadata={"description": "A DMN 1.1-1.5 document with one decision table (FEEL), as dmn-js saves it."},
    )
    lock_version = fields.Integer(
        load_default=None,
        metadata={"description": "The flow's lock_version you read; when given, 409 if someone saved the flow since."},
    )


class FlowVersionOut(FlowVersionSummary):
    xml = fields.String()
    decisions = fields.List(fields.Nested(DecisionOut), metadata={"description": "The version's decision tables."})


class FlowSummary(DefinitionSummary):
    blueprint = fields.Nested(FlowRefOut)
    published_version = fields.Nested(FlowVersionRef, allow_none=True)
    running_count = fields.Integer()


class FlowDraftOut(Schema):
    xml = fields.String()
    decisions = fields.List(fields.Nested(DecisionOut), metadata={"description": "The draft's decision tables."})
    problems = fields.List(fields.Nested(ProblemOut))


class FlowOut(FlowSummary):
    draft = fields.Nested(FlowDraftOut)
    versions = fields.List(fields.Nested(FlowVersionSummary))


class FlowPage(PageSchema):
    items = fields.List(fields.Nested(FlowSummary))


class TemplateOut(Schema):
    key = fields.String()
    name = fields.String()
    description = fields.String(metadata={"description": "What the flow does, in one line."})
    kind = fields.String(
        validate=validate.OneOf(["steps", "diagram"]),
        metadata={"description": "steps: it opens in the steps editor; diagram: in the diagram editor."},
    )
    needs = fields.String(metadata={"description": "What the blueprint needs to have, in plain words."})
    adds = fields.String(
        allow_none=True, metadata={"description": "What it adds to a blueprint that lacks it (null: nothing)."}
    )
    xml = fields.String(metadata={"description": "The diagram, for a blueprint with just the fields it uses."})


class FlowPublishPreviewOut(PublishPreviewOut):
    """As a blueprint's preview, but its problems name the BPMN element they are on."""

    problems = fields.List(fields.Nested(ProblemOut), metadata={"description": "What stops publishing."})
