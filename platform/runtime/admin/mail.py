"""The back office's mail: the outbox's dead letters (and what is being retried) across all of
Loom, and sending them again.

The outbox is not a workspace's table (core.distribution: mail goes to people), so nothing here
needs the tenant scope lifted; a message names the workspace whose work queued it, if any.
Admins see the recipient's address in full, as they see every account's; never a body. Sending
again is audited in Loom's own log (not a workspace's), by the message's id and template: the
address stays out of the log, which keeps no one's address after they are deleted.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select, tuple_
from sqlalchemy.orm import Session

from core.audit.operations import Target, record
from core.config import Settings
from core.errors import Conflict, NotFound
from core.identity.models import Tenant, User
from core.mail import operations
from core.mail.models import OutboxMessage, OutboxStatus
from core.pagination import cursor_time_id, page
from runtime.admin.queries import get_tenant

STATUSES = (OutboxStatus.FAILED, OutboxStatus.PENDING, OutboxStatus.DELIVERING)
NOT_A_DEAD_LETTER = "Only a message that failed can be sent again; this one is {status}."


def message_view(message: OutboxMessage, tenant: str | None) -> dict[str, Any]:
    return {
        "id": message.id,
        "status": str(message.status),
        "tenant": tenant,
        "recipient": message.recipient,
        "subject": message.subject,
        "template": message.template,
        "attempts": message.attempts,
        "last_error": message.last_error,
        "created_at": message.created_at,
        "last_attempt_at": message.last_attempt_at,
        "next_attempt_at": message.next_attempt_at,
        "finished_at": message.finished_at,
    }


def _messages() -> Select[OutboxMessage, str]:
    """Messages with their workspace's slug, in the same query."""
    return select(OutboxMessage, Tenant.slug).outerjoin(Tenant, Tenant.id == OutboxMessage.tenant_id)


def _after(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    """The (created_at, id) key of the last row of the previous page; a bad cursor is a 422."""
    return cursor_time_id(cursor) if cursor else None


def messages_page(db_session: Session, args: dict[str, Any]) -> dict[str, Any]:
    """Messages in one status (dead letters unless asked), newest first; of one workspace's work."""
    query = _messages().where(OutboxMessage.status == OutboxStatus(args["status"]))
    if args.get("tenant"):
        query = query.where(OutboxMessage.tenant_id == get_tenant(db_session, args["tenant"]).id)
    after = _after(args.get("cursor"))
    if after is not None:
        query = query.where(tuple_(OutboxMessage.created_at, OutboxMessage.id) < tuple_(*after))
    query = query.order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()).limit(args["limit"] + 1)
    rows = [message_view(message, slug) for message, slug in db_session.execute(query)]
    return page(rows, args["limit"], lambda m: [m["created_at"].isoformat(), str(m["id"])])


def get_message(db_session: Session, message_id: uuid.UUID) -> tuple[OutboxMessage, str | None]:
    query = _messages().where(OutboxMessage.id == message_id).with_for_update(of=OutboxMessage)
    row = db_session.execute(query).first()
    if row is None:
        raise NotFound("No such message.")
    message, slug = row
    return message, slug


def send_again(db_session: Session, admin: User, message: OutboxMessage) -> OutboxMessage:
    """A dead letter starts its schedule again, now (409 for any other message); audited."""
    attempts = message.attempts
    if not operations.send_again(db_session, message):
        raise Conflict(NOT_A_DEAD_LETTER.format(status=message.status))
    record(
        db_session,
        "mail.sent_again",
        tenant_id=None,
        actor_id=admin.id,
        target=Target("mail", message.id, message.template),
        details={"attempts": attempts},
    )
    return message


def send_all_again(
    db_session: Session, settings: Settings, admin: User, since: datetime, tenant: str | None
) -> tuple[int, bool]:
    """Every dead letter queued since ``since`` (of one workspace's work, or all) starts again, at
    most LOOM_MAIL_REPLAY_LIMIT per call; how many, and whether more may remain. Audited when any did."""
    tenant_id = get_tenant(db_session, tenant).id if tenant else None
    limit = max(1, settings.mail_replay_limit)
    count = operations.send_all_again(db_session, since=since, limit=limit, tenant_id=tenant_id)
    if count:
        record(
            db_session,
            "mail.sent_all_again",
            tenant_id=None,
            actor_id=admin.id,
            target=Target("mail", None),
            details={"since": since.isoformat(), "tenant": tenant, "messages": count},
        )
    return count, count >= limit
