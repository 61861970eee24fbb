"""/api/auth/me. The other /api/auth endpoints are Flask-Security-Too's (see docs/architecture.md)."""

from __future__ import annotations

from typing import Any

from flask_security import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from core.identity.models import public_user
from core.web import BEARER, signed_in_any

bp = Blueprint("me", __name__, url_prefix="/api/auth", description="The signed-in user.")


class TwoFactorOut(Schema):
    enabled = fields.Boolean()
    prompt = fields.Boolean(metadata={"description": "Not set up yet; ask (the first 30 days)."})
    required = fields.Boolean(metadata={"description": "Not set up and past the deadline: nothing else works."})
    due_at = fields.String(metadata={"description": "When it becomes required (ISO 8601, UTC)."})


class UserOut(Schema):
    id = fields.Integer()
    email = fields.Email()
    confirmed_at = fields.String(allow_none=True)
    created_at = fields.String(allow_none=True)
    language = fields.String(allow_none=True, metadata={"description": "The language the user chose; null if none."})
    has_password = fields.Boolean(metadata={"description": "False for an account made with Google or Facebook."})
    two_factor = fields.Nested(TwoFactorOut)
    admin = fields.Boolean(metadata={"description": "A super admin: uses /admin, belongs to no workspace."})


@bp.route("/me")
@bp.doc(security=BEARER)
@bp.response(200, UserOut)
@signed_in_any
def me() -> dict[str, Any]:
    """Who am I."""
    return public_user(current_user)
