"""Requests and responses of /api/account: the account's settings, and deleting it."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.i18n import LANGUAGES
from runtime.auth.reauth import code_field, confirm_email_field, password_field


class DeleteAccountIn(Schema):
    """What proves it is the account's owner asking; which fields are needed depends on the account."""

    password = password_field("The current password; required when the account has one.")
    code = code_field("The current authenticator code; required when two-factor sign-in is on.")
    confirm_email = confirm_email_field("The account's email, typed out; required (only) when it has neither.")


class DeletionStarted(Schema):
    job_id = fields.UUID(
        metadata={"description": "The background job deleting the data; the account itself is closed already."}
    )


LANGUAGE_CHOICE = {
    "description": "The language I chose for Loom's pages and emails; null until I choose one (then the"
    " workspace's language, else the browser's, is used).",
    "enum": [*LANGUAGES, None],
}


class AccountOut(Schema):
    email = fields.Email()
    language = fields.String(allow_none=True, metadata=LANGUAGE_CHOICE)
    notify_tasks = fields.Boolean(
        metadata={"description": "Email me when a task in one of my workspaces waits for me (by name, not by role)."}
    )


class AccountPatch(Schema):
    """Only the fields sent change."""

    notify_tasks = fields.Boolean(
        metadata={"description": "Turn the email about tasks that wait for me on (true) or off (false)."},
    )
    language = fields.String(
        allow_none=True,
        validate=validate.OneOf(list(LANGUAGES), error="Choose one of: {choices}, or null for no choice."),
        metadata=LANGUAGE_CHOICE,
    )

    @validates_schema
    def _names_a_setting(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("Send at least one setting: language or notify_tasks.")
