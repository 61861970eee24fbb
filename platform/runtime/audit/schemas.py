"""The audit log's query arguments and responses."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.audit.models import ACTOR_KINDS
from core.instants import Instant
from core.pagination import PageArgs, PageSchema

USER_ID_MAX = 2**31 - 1  # user ids are PostgreSQL integers

# What people filter by: an action's first part ("member.role_changed" is a "member" action).
CATEGORIES = (
    "member",
    "invitation",
    "workspace",
    "blueprint",
    "flow",
    "migration",
    "record",
    "user",
    "admin",
    "api_key",
)


class AuditArgs(PageArgs):
    category = fields.String(
        load_default=None,
        validate=validate.OneOf(CATEGORIES, error="Choose one of: {choices}."),
        metadata={"description": "Only actions of this kind, e.g. member or blueprint."},
    )
    action = fields.String(load_default=None, metadata={"description": "Only this action, e.g. blueprint.published."})
    actor = fields.Integer(
        load_default=None,
        validate=validate.Range(min=0, max=USER_ID_MAX, error="Not a user id."),
        metadata={"description": "Only actions by this user id."},
    )
    actor_kind = fields.String(
        load_default=None, validate=validate.OneOf(ACTOR_KINDS, error="Choose one of: {choices}.")
    )
    target_type = fields.String(load_default=None, metadata={"description": "e.g. blueprint, flow, user, entity."})
    target_id = fields.String(load_default=None, metadata={"description": "With target_type: one object's history."})
    since = Instant(load_default=None, metadata={"description": "At or after this instant."})
    until = Instant(load_default=None, metadata={"description": "Before this instant."})


class AuditActor(Schema):
    id = fields.Integer(allow_none=True)
    email = fields.String(allow_none=True, metadata={"description": "Null once the person deleted their account."})
    kind = fields.String(
        metadata={
            "description": "member, admin, shell (server command line), system, or api_key "
            "(then id and email are the key's creator's)."
        }
    )
    name = fields.String(allow_none=True, metadata={"description": "The API key's name when kind is api_key."})


class AuditEventOut(Schema):
    id = fields.UUID()
    tenant = fields.String(
        allow_none=True, metadata={"description": "The workspace's address; null for Loom-wide events."}
    )
    at = fields.DateTime()
    action = fields.String()
    actor = fields.Nested(AuditActor)
    target_type = fields.String(allow_none=True)
    target_id = fields.String(allow_none=True)
    target_label = fields.String(allow_none=True, metadata={"description": "The target's name when it happened."})
    details = fields.Dict(metadata={"description": "What changed, depending on the action."})


class AuditPage(PageSchema):
    items = fields.List(fields.Nested(AuditEventOut))
