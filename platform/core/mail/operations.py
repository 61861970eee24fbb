"""Writing mail to the outbox. Operations flush; the request or task commits."""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import event
from sqlalchemy.orm import Session

from core.mail.models import OutboxMessage

log = logging.getLogger(__name__)
_PENDING_KEY = "loom_outbox_new"


def queue_email(
    db_session: Session,
    *,
    recipient: str,
    sender: str,
    subject: str,
    text_body: str,
    html_body: str | None = None,
    template: str | None = None,
) -> OutboxMessage:
    """Add an email to the outbox; it is handed to Celery only if the transaction commits."""
    message = OutboxMessage(
        recipient=recipient,
        sender=sender,
        subject=subject[:255],
        text_body=text_body,
        html_body=html_body,
        template=template,
    )
    db_session.add(message)
    db_session.flush()
    db_session.info.setdefault(_PENDING_KEY, []).append(message.id)
    log.info("mail queued", extra={"outbox_id": str(message.id), "template": template})
    return message


@event.listens_for(Session, "after_commit")
def _dispatch_after_commit(db_session: Session) -> None:
    ids: list[uuid.UUID] = db_session.info.pop(_PENDING_KEY, [])
    if not ids:
        return
    from core.mail.tasks import deliver_outbox_message

    for message_id in ids:
        try:
            deliver_outbox_message.apply_async(args=[str(message_id)])
        except Exception:  # the broker is down: the periodic sweep sends it later
            log.warning("could not enqueue mail; the outbox sweep will retry", extra={"outbox_id": str(message_id)})


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(db_session: Session) -> None:
    db_session.info.pop(_PENDING_KEY, None)
