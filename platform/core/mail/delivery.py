"""Delivering outbox messages on core.delivery's bookkeeping: due times, leases, dead letters.

A worker takes a due message with a lease (``claim``, a short transaction of its own, committed
before the SMTP conversation), sends it, and records the outcome (``record``) only while it
still holds the lease: the attempt number is its token. A failed attempt makes the message due
again after the schedule's next wait (``policy``: Svix's, eight attempts from the first to the
last over 27 h 35 min, each wait stretched by up to 20 % of jitter); after the last one, or when
the server refused the message for good, it is a dead letter (``failed``), kept until an admin
sends it again (runtime/admin/mail.py). A worker killed
mid-send loses nothing: its lease runs out, the message is due again, and the next worker sends
it; the killed one, were it to come back, records nothing.

The sweep (``pending_ids``) only finds messages that are due: it never sends one before its
time, and never one a worker holds.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core import clock
from core.config import Settings
from core.delivery import SVIX_SCHEDULE, RetryPolicy, dead_letter, fail, holds, lease_if_due
from core.delivery.bookkeeping import is_due
from core.mail import smtp
from core.mail.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)
# Steps of one SMTP conversation that may each wait LOOM_SMTP_TIMEOUT_SECONDS (connect, greeting,
# EHLO, STARTTLS, EHLO, AUTH, MAIL, RCPT, DATA, the end of data): the lease outlasts them all.
CONVERSATION_STEPS = 10
# A new message's own task has it this long before the sweep hands it out too.
FRESH_SECONDS = 60


def policy(settings: Settings) -> RetryPolicy:
    """Svix's schedule, whole (27 h 35 min), with a lease that outlasts one SMTP conversation."""
    timeout = max(1, settings.smtp_timeout_seconds)
    return RetryPolicy(schedule=SVIX_SCHEDULE, lease=timedelta(seconds=CONVERSATION_STEPS * timeout + 30))


@dataclass(frozen=True)
class Lease:
    """A message held for one attempt (``token``), with what to send."""

    message_id: uuid.UUID
    token: int
    envelope: smtp.Envelope


def claim(db_session: Session, settings: Settings, message_id: uuid.UUID) -> Lease | None:
    """Lease the message when it is due and nobody holds it; the caller commits. A message whose
    last attempt's worker was lost becomes a dead letter here instead."""
    criterion = OutboxMessage.id == message_id
    leased = lease_if_due(db_session, OutboxMessage, criterion, clock.now(), policy(settings), _worker_lost)
    if leased is None:
        return None
    message, token = leased
    envelope = smtp.Envelope(
        id=str(message.id),
        sender=message.sender,
        recipient=message.recipient,
        subject=message.subject,
        text_body=message.text_body,
        html_body=message.html_body,
    )
    return Lease(message.id, token, envelope)


def attempt(settings: Settings, lease: Lease) -> smtp.Failure | None:
    """Send a leased message, outside any transaction; the capture backend keeps it instead."""
    if settings.mail_backend == "capture":
        return None
    return smtp.send(settings, lease.envelope)


def record(db_session: Session, settings: Settings, lease: Lease, failure: smtp.Failure | None) -> OutboxStatus | None:
    """Write the attempt's outcome; the message's new status, or None when the lease was lost
    meanwhile (another worker holds the message, or it was replayed), so nothing counts."""
    message = db_session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.id == lease.message_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if message is None or not holds(message, lease.token):
        log.warning(
            "a mail attempt's outcome was dropped: the message is gone or held by another worker",
            extra=_ids(lease, None),
        )
        return None
    now = clock.now()
    if failure is None:
        captured = settings.mail_backend == "capture"
        message.status = OutboxStatus.CAPTURED if captured else OutboxStatus.SENT
        message.sent_at = message.finished_at = now
        message.next_attempt_at = None
        message.last_error = None
        log.info("mail captured for the dev mailbox" if captured else "mail sent", extra=_ids(lease, message))
    elif failure.final:
        dead_letter(message, now, failure.error)
        _dead_lettered(message, "the server refused it for good")
    elif fail(message, now, failure.error, policy(settings)):
        log.info("mail attempt failed; tried again later", extra=_ids(lease, message))
    else:
        _dead_lettered(message, "its last attempt failed")
    return OutboxStatus(message.status)


def _ids(lease: Lease, message: OutboxMessage | None) -> dict[str, Any]:
    extra: dict[str, Any] = {"outbox_id": str(lease.message_id), "attempt": lease.token}
    if message is not None and message.next_attempt_at is not None and message.status == OutboxStatus.PENDING:
        extra["next_attempt_at"] = message.next_attempt_at.isoformat()
    return extra


def _worker_lost(message: OutboxMessage) -> None:
    _dead_lettered(message, "its last attempt's worker was lost")


def _dead_lettered(message: OutboxMessage, why: str) -> None:
    # By id only: the error may quote the recipient's address (core.mail.smtp).
    log.error("mail dead-lettered", extra={"outbox_id": str(message.id), "attempts": message.attempts, "why": why})


def pending_ids(db_session: Session, *, older_than_seconds: int = FRESH_SECONDS, limit: int = 200) -> list[uuid.UUID]:
    """Messages due for an attempt that no worker is on, oldest due first: retries whose time has
    come, leases that ran out (a worker died), dead letters sent again, and new messages (never
    attempted) whose own task has not taken them within ``older_than_seconds`` (the broker lost
    it, or was down at commit)."""
    now = clock.now()
    query = (
        select(OutboxMessage.id)
        .where(
            is_due(OutboxMessage, now),
            or_(
                OutboxMessage.last_attempt_at.is_not(None),
                OutboxMessage.created_at <= now - timedelta(seconds=older_than_seconds),
            ),
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    return list(db_session.scalars(query))
