"""/api/support: the support address is in /api/meta; this sends it a message."""

from __future__ import annotations

from typing import Any

from flask_security import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from core import db
from core.errors import Invalid
from runtime.mail.language import address_language, recipient_language, request_language
from runtime.support.operations import contact_support

bp = Blueprint("support", __name__, url_prefix="/api/support", description="Contact support.")

TOPIC_MAX = 200
MESSAGE_MAX = 5000


class ContactIn(Schema):
    topic = fields.String(required=True, validate=validate.Length(min=1, max=TOPIC_MAX))
    message = fields.String(required=True, validate=validate.Length(min=1, max=MESSAGE_MAX))
    email = fields.Email(
        load_default=None,
        metadata={"description": "Where to answer; required when not signed in, ignored when signed in."},
    )


@bp.route("/contact", methods=["POST"])
@bp.arguments(ContactIn)
@bp.response(202)
def contact(body: dict[str, Any]) -> dict[str, Any]:
    """Send a message to support; the writer gets a receipt by email. Works signed in or out."""
    topic, message = body["topic"].strip(), body["message"].strip()
    if not topic:
        raise Invalid({"topic": ["Write what your message is about."]})
    if not message:
        raise Invalid({"message": ["Write your message."]})
    if current_user.is_authenticated:
        email, user_id = current_user.email, int(current_user.id)
        language = recipient_language(db.session(), current_user)
    elif body.get("email"):
        email, user_id = body["email"], None
        language = address_language(db.session(), email, fallback=request_language())
    else:
        raise Invalid({"email": ["Enter your email address so that we can answer."]})
    contact_support(email=email, language=language, topic=topic, message=message, user_id=user_id)
    db.session.commit()
    return {"status": "sent"}
