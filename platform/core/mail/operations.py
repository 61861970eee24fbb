"""Writing mail to the outbox, and sending dead letters again. Operations flush; the request or
task commits, and Celery hears of the messages only once it has."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from core import clock
from core.delivery import replay, replay_failed
from core.dispatch import after_commit
from core.mail.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)
DELIVER_TASK = "mail.deliver_outbox_message"
SWEEP_TASK = "mail.sweep_outbox"


def queue_email(
    db_session: Session,
    *,
    recipient: str,
    sender: str,
    subject: str,
    text_body: str,
    html_body: str | None = None,
    template: str | None = None,
    tenant_id: uuid.UUID | None = None,
) -> OutboxMessage:
    """Add an email to the outbox, due at once; it is handed to Celery only if the transaction
    commits. ``tenant_id`` (by default the workspace the session is scoped to) names the workspace
    whose work sent it, for the back office."""
    message = OutboxMessage(
        recipient=recipient,
        sender=sender,
        subject=subject[:255],
        text_body=text_body,
        html_body=html_body,
        template=template,
        tenant_id=tenant_id or db_session.info.get("tenant_id"),
        next_attempt_at=clock.now(),
    )
    db_session.add(message)
    db_session.flush()
    after_commit(db_session, DELIVER_TASK, str(message.id))
    log.info("mail queued", extra={"outbox_id": str(message.id), "template": template})
    return message


def send_again(db_session: Session, message: OutboxMessage) -> bool:
    """Start a dead letter's schedule again from its first attempt, now; False (nothing done)
    when the message is not a dead letter."""
    if message.status != OutboxStatus.FAILED or not replay(message, clock.now()):
        return False
    db_session.flush()
    after_commit(db_session, DELIVER_TASK, str(message.id))
    log.info("mail sent again", extra={"outbox_id": str(message.id)})
    return True


def send_all_again(db_session: Session, *, since: datetime, limit: int, tenant_id: uuid.UUID | None = None) -> int:
    """Start again up to ``limit`` dead letters queued since ``since`` (of one workspace's work,
    or all), oldest first, in one statement; how many. The sweep right after commit hands them out."""
    criteria = [OutboxMessage.tenant_id == tenant_id] if tenant_id is not None else []
    count = replay_failed(db_session, OutboxMessage, *criteria, since=since, now=clock.now(), limit=limit)
    if count:
        after_commit(db_session, SWEEP_TASK)
        log.info("mail dead letters sent again", extra={"count": count})
    return count
