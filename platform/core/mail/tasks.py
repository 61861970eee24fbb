"""Celery tasks that drain the mail outbox. They take ids, reload, and commit.

The outbox row is the truth about a message (core/mail/delivery.py): its due time, its lease and
its attempts. Celery only carries "look at this message now"; a task for a message that is not
due, or that another worker holds, does nothing, so a copy too many is harmless, and Celery
never retries on its own.
"""

from __future__ import annotations

import logging
import uuid

from flask import current_app

from core import db
from core.celery import task
from core.config import Settings
from core.mail.delivery import attempt, claim, pending_ids, record

log = logging.getLogger(__name__)


def _settings() -> Settings:
    settings: Settings = current_app.config["LOOM"]
    return settings


@task(name="mail.deliver_outbox_message")
def deliver_outbox_message(message_id: str) -> str | None:
    """One attempt at a message if it is due (in development, capture it); its new status, or
    None when it was not due or another worker holds it."""
    session = db.session()
    settings = _settings()
    try:
        lease = claim(session, settings, uuid.UUID(message_id))
        session.commit()  # the lease, before the SMTP conversation: nothing is locked meanwhile
    except Exception:
        session.rollback()
        raise
    if lease is None:
        return None
    failure = attempt(settings, lease)
    try:
        status = record(session, settings, lease, failure)
        session.commit()
    except Exception:
        session.rollback()
        log.exception("recording a mail attempt failed; its lease will run out", extra={"outbox_id": message_id})
        raise
    return status.value if status else None


@task(name="mail.sweep_outbox")
def sweep_outbox() -> int:
    """Hand each due message to a worker: retries whose time has come, leases that ran out, and
    new messages the broker lost. One the broker refuses is logged and left for the next round,
    and never stops the others."""
    ids = pending_ids(db.session(), limit=max(1, _settings().mail_sweep_batch))
    db.session().commit()  # end the read: the workers lock these rows
    sent = 0
    for message_id in ids:
        try:
            deliver_outbox_message.apply_async(args=[str(message_id)])
            sent += 1
        except Exception:
            log.warning("could not enqueue an outbox message", extra={"outbox_id": str(message_id)}, exc_info=True)
    if ids:
        log.info("outbox sweep handed out messages", extra={"count": sent, "failed": len(ids) - sent})
    return sent
