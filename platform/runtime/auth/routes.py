"""/api/auth/me. The other /api/auth endpoints are Flask-Security-Too's (see docs/architecture.md)."""

from __future__ import annotations

from typing import Any

from flask_security import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from core.identity.models import public_user
from core.web import BEARER, signed_in

bp = Blueprint("account", __name__, url_prefix="/api/auth", description="The signed-in user.")


class UserOut(Schema):
    id = fields.Integer()
    email = fields.Email()
    confirmed_at = fields.String(allow_none=True)
    created_at = fields.String(allow_none=True)
    language = fields.String()


@bp.route("/me")
@bp.doc(security=BEARER)
@bp.response(200, UserOut)
@signed_in
def me() -> dict[str, Any]:
    """Who am I."""
    return public_user(current_user)
