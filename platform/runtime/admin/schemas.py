"""Admin API: query arguments and responses."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.jobs.models import JobStatus
from core.pagination import PageArgs, PageSchema
from core.schemas import Ref
from runtime.audit.schemas import AuditArgs
from runtime.flows.models import COMPLETED, FAILED, RUNNING
from runtime.flows.schemas import ErrorOut
from runtime.jobs.schemas import JobOut
from runtime.tenants.schemas import TenantRef

INSTANCE_STATUSES = (RUNNING, COMPLETED, FAILED)


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
        load_default=None, metadata={"description": "false disables the account and ends its sessions."}
    )
    confirmed = fields.Boolean(
        load_default=None,
        validate=validate.Equal(True, error="An address can only be marked as confirmed."),
        metadata={"description": "true marks the address as confirmed (the email never arrived)."},
    )

    @validates_schema
    def _something(self, data: dict[str, object], **_: object) -> None:
        if data.get("active") is None and data.get("confirmed") is None:
            raise ValidationError("Say what to change: active or confirmed.", "_schema")


class TenantArgs(PageArgs):
    q = fields.String(
        load_default=None, validate=validate.Length(max=120), metadata={"description": "Part of the name or slug."}
    )


class AdminTenantOut(TenantRef):
    language = fields.String(allow_none=True)
    created_at = fields.DateTime()
    members = fields.Integer()


class AdminTenantPage(PageSchema):
    items = fields.List(fields.Nested(AdminTenantOut))


class AdminAuditArgs(AuditArgs):
    tenant = fields.String(load_default=None, metadata={"description": "Only this workspace (its slug)."})


class AdminInstanceArgs(PageArgs):
    flow = fields.String(load_default=None, metadata={"description": "Only instances of this flow (key)."})
    status = fields.String(
        load_default=None,
        validate=validate.OneOf(INSTANCE_STATUSES, error="Choose one of: {choices}."),
        metadata={"description": "running, completed or failed."},
    )
    entity = fields.UUID(load_default=None, metadata={"description": "Only the instances of this record."})


class AdminInstanceOut(Schema):
    id = fields.UUID()
    flow = fields.Nested(Ref)
    version = fields.Integer(metadata={"description": "The number of the flow version it follows."})
    status = fields.String()
    error = fields.Nested(ErrorOut, allow_none=True)
    entity_id = fields.UUID()
    started_at = fields.DateTime()
    updated_at = fields.DateTime()
    completed_at = fields.DateTime(allow_none=True)


class AdminInstancePage(PageSchema):
    items = fields.List(fields.Nested(AdminInstanceOut))


class AdminJobArgs(PageArgs):
    status = fields.String(
        load_default=None,
        validate=validate.OneOf([s.value for s in JobStatus], error="Choose one of: {choices}."),
        metadata={"description": "queued, running, done or failed."},
    )
    kind = fields.String(
        load_default=None, validate=validate.Length(max=64), metadata={"description": "e.g. entities.export."}
    )
    tenant = fields.String(load_default=None, metadata={"description": "Only this workspace's jobs (its slug)."})


class AdminJobOut(JobOut):
    tenant = fields.String(allow_none=True, metadata={"description": "The workspace's slug; null for system work."})
    created_by = fields.String(allow_none=True, metadata={"description": "Who started it (email), if anyone."})


class AdminJobPage(PageSchema):
    items = fields.List(fields.Nested(AdminJobOut))
