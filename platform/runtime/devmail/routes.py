"""/api/dev/mailbox: outgoing mail kept for reading in development only.

The mail holds every account's confirmation and reset links, so it is served only on the
development stage (runtime.app registers it there) and only to a browser on this machine: the
connection must come from a loopback address and not through a proxy. X-Forwarded-For is never
trusted here; a request that carries it, or Forwarded, is answered 404 like one from elsewhere.
"""

from __future__ import annotations

import ipaddress
import uuid
from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import select, tuple_

from core import db
from core.errors import NotFound
from core.mail.models import OutboxMessage
from core.pagination import PageArgs, PageSchema, decode_cursor, page
from core.web import paged

bp = Blueprint("devmail", __name__, url_prefix="/api/dev/mailbox", description="Development mailbox.")


def from_this_machine() -> bool:
    """Whether the TCP peer is a loopback address and no proxy passed the request on."""
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False
    # ProxyFix (LOOM_TRUSTED_PROXIES) replaces REMOTE_ADDR by the forwarded one; use the peer's.
    original = request.environ.get("werkzeug.proxy_fix.orig") or {}
    peer = str(original.get("REMOTE_ADDR") or request.environ.get("REMOTE_ADDR") or "")
    try:
        address = ipaddress.ip_address(peer.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1
    return bool((mapped or address).is_loopback)


@bp.before_request
def _only_here() -> None:
    if not from_this_machine():
        raise NotFound("Not found.")


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
    @paged(bp, PageArgs, MessagePage)
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
