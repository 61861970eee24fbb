"""/api/admin/mail: the outbox's dead letters and sending them again (super admins, once hardened).

Nested in the admin blueprint (runtime/admin/routes.py). As there, the guard comes first, before
the body or query is read.
"""

from __future__ import annotations

import uuid
from datetime import UTC
from typing import Any

from flask import current_app
from flask_security import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from core import db
from core.instants import Instant
from core.pagination import PageArgs, PageSchema
from core.web import paged
from runtime.admin import mail
from runtime.admin.access import admin_route

bp = Blueprint(
    "admin_mail", __name__, url_prefix="/mail", description="The outbox's dead letters, sent again (super admins)."
)


def _workspace_slug(description: str) -> fields.String:
    """An optional workspace's slug that narrows the mail to what that workspace's work queued."""
    return fields.String(load_default=None, validate=validate.Length(max=120), metadata={"description": description})


class MailArgs(PageArgs):
    status = fields.String(
        load_default="failed",
        validate=validate.OneOf([s.value for s in mail.STATUSES], error="Choose one of: {choices}."),
        metadata={"description": "failed (dead letters, the default), pending (waiting for a retry) or delivering."},
    )
    tenant = _workspace_slug("Only mail queued by this workspace's work (its slug).")


class MailOut(Schema):
    id = fields.UUID()
    status = fields.String(metadata={"description": "pending, delivering, sent, captured or failed (a dead letter)."})
    tenant = fields.String(allow_none=True, metadata={"description": "The slug of the workspace whose work sent it."})
    recipient = fields.String()
    subject = fields.String()
    template = fields.String(allow_none=True)
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    created_at = fields.DateTime(metadata={"description": "When it was queued."})
    last_attempt_at = fields.DateTime(allow_none=True)
    next_attempt_at = fields.DateTime(allow_none=True, metadata={"description": "When it is tried next."})
    finished_at = fields.DateTime(allow_none=True, metadata={"description": "When it was sent or given up."})


class MailPage(PageSchema):
    items = fields.List(fields.Nested(MailOut))


class SendAllAgainIn(Schema):
    since = Instant(
        required=True,
        default_timezone=UTC,
        metadata={"description": "Dead letters queued since then start again."},
    )
    tenant = _workspace_slug("Only those queued by this workspace's work (its slug).")


class SendAllAgainOut(Schema):
    sent_again = fields.Integer(metadata={"description": "Messages that start again."})
    more = fields.Boolean(metadata={"description": "True when more may remain (call again)."})


@admin_route(bp, "")
@paged(bp, MailArgs, MailPage)
def messages(args: dict[str, Any]) -> dict[str, Any]:
    """Outgoing mail of all of Loom in one status, dead letters by default, newest first."""
    return mail.messages_page(db.session(), args)


@admin_route(bp, "/<uuid:message_id>/send-again", methods=["POST"])
@bp.response(200, MailOut)
def send_again(message_id: uuid.UUID) -> dict[str, Any]:
    """Send a dead letter again: its retry schedule starts over, now. 409 for any other message.
    Audited."""
    session = db.session()
    found, tenant = mail.get_message(session, message_id)
    return mail.message_view(mail.send_again(session, current_user, found), tenant)


@admin_route(bp, "/send-again", methods=["POST"])
@bp.arguments(SendAllAgainIn)
@bp.response(200, SendAllAgainOut)
def send_all_again(body: dict[str, Any]) -> dict[str, Any]:
    """Send every dead letter queued since ``since`` again (of one workspace's work, or all), each
    from the start of its schedule; at most LOOM_MAIL_REPLAY_LIMIT per call. Audited."""
    settings = current_app.config["LOOM"]
    count, more = mail.send_all_again(db.session(), settings, current_user, body["since"], body["tenant"])
    return {"sent_again": count, "more": more}
