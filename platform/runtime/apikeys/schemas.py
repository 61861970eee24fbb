"""API keys: request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.instants import Instant
from core.pagination import PageArgs, PageSchema
from runtime.apikeys.models import KEY_ROLES
from runtime.auth.reauth import code_field, confirm_email_field, password_field

STATES = ("active", "expired", "revoked", "creator_left")


class ApiKeyCreate(Schema):
    """A name, a role and an optional expiry, with the same proof as other sensitive changes."""

    name = fields.String(
        required=True,
        validate=validate.Length(min=1, max=80),
        metadata={"description": "What the key is for, e.g. Zapier; unique among the workspace's unrevoked keys."},
    )
    role = fields.String(
        required=True,
        validate=validate.OneOf(KEY_ROLES, error="Choose one of: {choices}."),
        metadata={"description": "admin, editor or viewer (never owner)."},
    )
    expires_at = Instant(
        load_default=None, metadata={"description": "When the key stops working; null: until revoked."}
    )
    password = password_field("The caller's current password; required when the account has one.")
    code = code_field("The current authenticator code (or a recovery code) when two-factor is on.")
    confirm_email = confirm_email_field("The caller's email, typed out; required only for an account with neither.")


class ApiKeyCreator(Schema):
    id = fields.Integer(allow_none=True)
    email = fields.String(allow_none=True)


class ApiKeyOut(Schema):
    id = fields.UUID()
    name = fields.String()
    role = fields.String(metadata={"description": "The key's own role: admin, editor or viewer."})
    effective_role = fields.String(
        allow_none=True,
        metadata={"description": "What it may do now: its role, or its creator's if weaker; null once they left."},
    )
    prefix = fields.String(
        metadata={"description": "The key's first characters (loom_ and its public id), to tell keys apart."}
    )
    state = fields.String(metadata={"description": f"One of: {', '.join(STATES)}. Only active keys work."})
    created_by = fields.Nested(ApiKeyCreator, metadata={"description": "The member the key acts for."})
    created_at = fields.DateTime()
    expires_at = fields.DateTime(allow_none=True)
    last_used_at = fields.DateTime(allow_none=True, metadata={"description": "To the minute."})
    revoked_at = fields.DateTime(allow_none=True)


class ApiKeyCreated(ApiKeyOut):
    secret = fields.String(
        allow_none=True,
        metadata={
            "description": "The whole key, shown this once: send it as 'Authorization: Bearer <key>'. "
            "Null in an answer replayed for a repeated Idempotency-Key."
        },
    )


class ApiKeyListArgs(PageArgs):
    state = fields.String(
        load_default=None,
        validate=validate.OneOf(STATES, error="Choose one of: {choices}."),
        metadata={"description": "Only keys in this state."},
    )


class ApiKeyPage(PageSchema):
    items = fields.List(fields.Nested(ApiKeyOut))
