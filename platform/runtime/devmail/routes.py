"""/api/dev/mailbox: outgoing mail kept for reading in development (never in production)."""

from __future__ import annotations

import uuid
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import select, tuple_

from core import db
from core.errors import NotFound
from core.mail.models import OutboxMessage
from core.pagination import PageArgs, PageSchema, decode_cursor, page

bp = Blueprint("devmail", __name__, url_prefix="/api/dev/mailbox", description="Development mailbox.")


class MessageSummary(Schema):
    id = fields.UUID()
    to = fields.String(attribute="recipient")
    subject = fields.String()
    status = fields.String()
    created_at = fields.DateTime()


class MessageOut(MessageSummary):
    text = fields.String(attribute="text_body")
    html = fields.String(attribute="html_body", allow_none=True)


class MessagePage(PageSchema):
    items = fields.List(fields.Nested(MessageSummary))


@bp.route("")
class Mailbox(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, MessagePage)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Newest first."""
        query = (
            select(OutboxMessage)
            .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
            .limit(args["limit"] + 1)
        )
        if args["cursor"]:
            created, message_id = decode_cursor(args["cursor"], 2)
            query = query.where(
                tuple_(OutboxMessage.created_at, OutboxMessage.id) < tuple_(created, uuid.UUID(str(message_id)))
            )
        rows = list(db.session.scalars(query))
        return page(rows, args["limit"], lambda m: [m.created_at.isoformat(), str(m.id)])


@bp.route("/<uuid:message_id>")
@bp.response(200, MessageOut)
def message(message_id: uuid.UUID) -> OutboxMessage:
    found = db.session.get(OutboxMessage, message_id)
    if found is None:
        raise NotFound("No such message.")
    return found
