"""OpenAPI descriptions of the /api/auth endpoints that Flask-Security-Too serves.

They are not flask-smorest views, so they are added to the document by hand; the shapes below
are what `runtime.auth.security.render_json` produces.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_smorest import Api
from marshmallow import Schema, fields


class Credentials(Schema):
    email = fields.Email(required=True)
    password = fields.String(required=True, metadata={"description": "At least 12 characters, not easy to guess."})


class EmailOnly(Schema):
    email = fields.Email(required=True)


class PasswordChange(Schema):
    password = fields.String(required=True, metadata={"description": "The current password."})
    new_password = fields.String(
        required=True, metadata={"description": "At least 12 characters, not easy to guess, not the current one."}
    )


class NewPassword(Schema):
    password = fields.String(required=True, metadata={"description": "At least 12 characters, not easy to guess."})


class Empty(Schema):
    """The same for every email, so the answer never tells whether it has an account."""


class AuthUser(Schema):
    id = fields.Integer()
    email = fields.Email()
    confirmed_at = fields.String(allow_none=True)
    created_at = fields.String(allow_none=True)
    language = fields.String(allow_none=True)


class TokenResponse(Schema):
    user = fields.Nested(AuthUser)
    access_token = fields.String(metadata={"description": "Send as `Authorization: Bearer <token>`."})
    access_expires_at = fields.String()
    refresh_expires_at = fields.String()


class UserResponse(Schema):
    user = fields.Nested(AuthUser)


class Problem(Schema):
    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    reason = fields.String(
        metadata={
            "description": "Reset links: link_expired or link_invalid. Authenticator codes: code_used "
            "(the code was right but used already; the next one will do)."
        }
    )
    retry_after = fields.Integer(metadata={"description": "429: seconds to wait, as the Retry-After header."})


def _operation(
    summary: str, body: str | None, ok: str, *, secured: bool = False, errors: tuple[int, ...] = (422,)
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "tags": ["auth"],
        "summary": summary,
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": ok}}}},
    }
    for status in errors:
        operation["responses"][str(status)] = {
            "description": "Problem",
            "content": {"application/problem+json": {"schema": "Problem"}},
        }
    # Any other refusal (e.g. 400 for a body that is not JSON) is a problem+json too.
    operation["responses"]["default"] = {
        "description": "Problem",
        "content": {"application/problem+json": {"schema": "Problem"}},
    }
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if secured:
        operation["security"] = [{"bearerAuth": []}]
    return operation


def document_auth_endpoints(app: Flask, api: Api) -> None:
    """Add Flask-Security-Too's endpoints to the OpenAPI document."""
    spec = api.spec
    rules = {rule.rule: rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("security.")}
    for name, schema in (
        ("Credentials", Credentials),
        ("EmailOnly", EmailOnly),
        ("PasswordChange", PasswordChange),
        ("NewPassword", NewPassword),
        ("Empty", Empty),
        ("TokenResponse", TokenResponse),
        ("UserResponse", UserResponse),
        ("Problem", Problem),
    ):
        if name not in spec.components.schemas:
            spec.components.schema(name, schema=schema)

    def post(
        path: str, summary: str, body: str | None, ok: str, *, secured: bool = False, errors: tuple[int, ...] = (422,)
    ) -> None:
        """Document Flask-Security's POST ``path`` (see ``_operation``)."""
        operation = _operation(summary, body, ok, secured=secured, errors=errors)
        spec.path(rule=rules[path], operations={"post": operation})

    spec.tag({"name": "auth", "description": "Sign-up, confirmation, sign-in, passwords and tokens."})
    limited = (422, 429)
    post(
        "/api/auth/register",
        "Create an account; the confirmation email is sent at once. An email that has an account "
        "gets the same answer (its owner is emailed instead).",
        "Credentials",
        "Empty",
        errors=limited,
    )
    post(
        "/api/auth/login",
        "Sign in. Returns an access token and sets the refresh token cookie.",
        "Credentials",
        "TokenResponse",
        errors=limited,
    )
    post(
        "/api/auth/change",
        "Change the password. Returns a new access token (and refresh cookie) for this session; "
        "every other session and every earlier access token stops working.",
        "PasswordChange",
        "TokenResponse",
        secured=True,
        errors=(401, 422, 429),
    )
    post(
        "/api/auth/reset",
        "Email a password reset link (to an account's confirmed address); the same answer for any email.",
        "EmailOnly",
        "Empty",
        errors=limited,
    )
    post(
        "/api/auth/reset/<token>",
        "Set a new password with the link's token (once, within its lifetime). Ends every session and signs nobody in.",
        "NewPassword",
        "Empty",
        errors=limited,
    )
    post(
        "/api/auth/refresh",
        "Rotate the refresh token (cookie) and get a new access token.",
        None,
        "TokenResponse",
        errors=(401,),
    )
    post("/api/auth/logout", "Sign out: revoke the refresh token.", None, "UserResponse", secured=True, errors=())
    post(
        "/api/auth/confirm",
        "Send the confirmation email again; the same answer for any email.",
        "EmailOnly",
        "Empty",
        errors=limited,
    )
