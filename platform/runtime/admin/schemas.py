"""Admin API: query arguments and responses."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.pagination import PageArgs, PageSchema
from runtime.audit.schemas import AuditArgs


class StatusOut(Schema):
    email = fields.String()
    next_step = fields.String(
        allow_none=True,
        metadata={"description": "change_password, confirm_email, two_factor_setup, or null when hardened."},
    )


class UserArgs(PageArgs):
    q = fields.String(
        load_default=None, validate=validate.Length(max=255), metadata={"description": "Part of the email."}
    )
    active = fields.Boolean(load_default=None, metadata={"description": "Only active (or only disabled) accounts."})


class MembershipOut(Schema):
    slug = fields.String()
    name = fields.String()
    role = fields.String()


class AdminUserOut(Schema):
    id = fields.Integer()
    email = fields.String()
    active = fields.Boolean()
    confirmed_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    last_login_at = fields.DateTime(allow_none=True)
    two_factor = fields.Boolean()
    admin = fields.Boolean()
    workspaces = fields.List(fields.Nested(MembershipOut), metadata={"description": "In the detail only."})


class UserPage(PageSchema):
    items = fields.List(fields.Nested(AdminUserOut))


class UserPatch(Schema):
    active = fields.Boolean(
        required=True, metadata={"description": "false disables the account and ends its sessions."}
    )


class TenantArgs(PageArgs):
    q = fields.String(
        load_default=None, validate=validate.Length(max=120), metadata={"description": "Part of the name or slug."}
    )


class AdminTenantOut(Schema):
    id = fields.UUID()
    name = fields.String()
    slug = fields.String()
    timezone = fields.String()
    language = fields.String()
    created_at = fields.DateTime()
    members = fields.Integer()


class TenantPage(PageSchema):
    items = fields.List(fields.Nested(AdminTenantOut))


class AdminAuditArgs(AuditArgs):
    tenant = fields.String(load_default=None, metadata={"description": "Only this workspace (its slug)."})
