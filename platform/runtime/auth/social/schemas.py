"""Bodies of /api/auth/social."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields
from marshmallow.validate import OneOf


class SocialStartIn(Schema):
    intent = fields.String(
        load_default="signin",
        validate=OneOf(("signin", "link")),
        metadata={"description": "signin (signed out: sign in or sign up) or link (signed in: add this account)."},
    )
    next = fields.String(
        load_default=None,
        allow_none=True,
        metadata={"description": 'Webapp path to land on after signing in, e.g. "/tenants"; other values are ignored.'},
    )


class SocialStartOut(Schema):
    authorize_url = fields.String(metadata={"description": "Send the browser here (the provider's sign-in page)."})


class SocialCallbackArgs(Schema):
    """What the provider appends to the callback URL (it adds more, which are ignored)."""

    class Meta:
        unknown = EXCLUDE

    code = fields.String()
    state = fields.String()
    error = fields.String(metadata={"description": "Set instead of code when the person cancelled or it failed."})


class LinkedAccountOut(Schema):
    provider = fields.String(metadata={"description": "google or facebook"})
    email = fields.String(allow_none=True, metadata={"description": "The account's email when it was linked."})
    created_at = fields.DateTime(metadata={"description": "When it was linked."})


class LinkedAccounts(Schema):
    items = fields.List(fields.Nested(LinkedAccountOut))
    has_password = fields.Boolean(
        metadata={"description": "Whether the user can also sign in with a password (else the last account stays)."}
    )
