"""Tenant request and response schemas."""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate, validates

from core.i18n import LANGUAGES, is_timezone
from core.pagination import PageSchema

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_CHOICE = validate.OneOf(list(LANGUAGES), error="Choose one of: {choices}.")
RESERVED_SLUGS = frozenset({"admin", "api", "app", "assets", "dev", "new", "settings", "static", "system"})


def check_slug(value: str) -> None:
    if not 3 <= len(value) <= 63:
        raise ValidationError("Use 3 to 63 characters.")
    if not SLUG_PATTERN.match(value):
        raise ValidationError(
            "Use lowercase letters, digits and single hyphens, starting and ending with a letter or digit."
        )
    if value in RESERVED_SLUGS:
        raise ValidationError("This slug is reserved; choose another one.")


class TenantFields(Schema):
    name = fields.String(validate=validate.Length(min=1, max=120), metadata={"description": "Display name."})
    slug = fields.String(validate=check_slug, metadata={"description": "URL-safe id, unique across Loom."})
    timezone = fields.String(metadata={"description": "IANA timezone, e.g. Europe/Berlin."})
    language = fields.String(validate=LANGUAGE_CHOICE, metadata={"description": "Language of the workspace."})

    @validates("timezone")
    def _timezone(self, value: str, **_: object) -> None:
        if not is_timezone(value):
            raise ValidationError("Unknown timezone; use an IANA name such as Europe/Berlin.")

    @validates("name")
    def _name(self, value: str, **_: object) -> None:
        if not value.strip():
            raise ValidationError("The name cannot be blank.")


class TenantCreate(TenantFields):
    """All four fields are required to create a tenant."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    slug = fields.String(required=True, validate=check_slug)
    timezone = fields.String(required=True)
    language = fields.String(required=True, validate=LANGUAGE_CHOICE)


class TenantUpdate(TenantFields):
    """Any subset of the fields."""


class TenantRef(Schema):
    """A workspace as every answer about it names it, to its members and to the back office."""

    id = fields.UUID()
    name = fields.String()
    slug = fields.String()
    timezone = fields.String()


class TenantOut(TenantRef):
    language = fields.String()
    role = fields.String(metadata={"description": "The caller's role in this tenant."})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class TenantPage(PageSchema):
    items = fields.List(fields.Nested(TenantOut))
