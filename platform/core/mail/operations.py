"""Writing mail to the outbox. Operations flush; the request or task commits."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from core.dispatch import after_commit
from core.mail.models import OutboxMessage

log = logging.getLogger(__name__)


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
    after_commit(db_session, "mail.deliver_outbox_message", str(message.id))
    log.info("mail queued", extra={"outbox_id": str(message.id), "template": template})
    return message
