"""Members and invitations: request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.identity.models import TenantRole

ROLE = validate.OneOf([r.value for r in TenantRole], error="Choose one of: {choices}.")


class MemberOut(Schema):
    user_id = fields.Integer()
    email = fields.String()
    role = fields.String(metadata={"description": "owner, admin, editor or viewer."})
    joined_at = fields.DateTime()
    you = fields.Boolean(metadata={"description": "This member is the caller."})


class MemberList(Schema):
    items = fields.List(fields.Nested(MemberOut))


class RoleIn(Schema):
    role = fields.String(required=True, validate=ROLE)


class InvitationIn(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=255))
    role = fields.String(required=True, validate=ROLE)


class InvitationOut(Schema):
    id = fields.UUID()
    email = fields.String()
    role = fields.String()
    created_at = fields.DateTime()
    expires_at = fields.DateTime(metadata={"description": "The link stops working then."})


class InvitationList(Schema):
    items = fields.List(fields.Nested(InvitationOut))


class InvitationPreview(Schema):
    workspace = fields.String(metadata={"description": "The workspace's name."})
    role = fields.String()
    email = fields.String(metadata={"description": "The address invited; only it can accept."})
    invited_by = fields.String(allow_none=True, metadata={"description": "The inviter's email."})
    expires_at = fields.DateTime()
