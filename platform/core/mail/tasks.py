"""Celery tasks that drain the mail outbox. They take ids, reload, and commit."""

from __future__ import annotations

import logging
import uuid

from celery import shared_task
from flask import current_app

from core import db
from core.mail.delivery import DeliveryFailed, deliver, pending_ids

log = logging.getLogger(__name__)


@shared_task(
    name="mail.deliver_outbox_message",
    bind=True,
    autoretry_for=(DeliveryFailed,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def deliver_outbox_message(self: object, message_id: str) -> str | None:
    """Send one outbox message (or capture it in development)."""
    session = db.session()
    try:
        status = deliver(session, current_app.config["LOOM"], uuid.UUID(message_id))
        session.commit()
    except DeliveryFailed:
        session.commit()  # keep the attempt count and the error
        raise
    except Exception:
        session.rollback()
        raise
    return status.value if status else None


@shared_task(name="mail.sweep_outbox")
def sweep_outbox() -> int:
    """Re-enqueue messages that were committed but never picked up; one the broker refuses is
    logged and left for the next round, and never stops the others."""
    ids = pending_ids(db.session(), older_than_seconds=60)
    sent = 0
    for message_id in ids:
        try:
            deliver_outbox_message.apply_async(args=[str(message_id)])
            sent += 1
        except Exception:
            log.warning("could not re-enqueue an outbox message", extra={"id": str(message_id)}, exc_info=True)
    if ids:
        log.info("outbox sweep re-enqueued messages", extra={"count": sent, "failed": len(ids) - sent})
    return sent
