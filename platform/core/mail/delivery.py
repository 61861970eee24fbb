"""Delivering one outbox message: by SMTP, or into the dev mailbox in development."""

from __future__ import annotations

import logging
import smtplib
import uuid
from email.message import EmailMessage

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import clock
from core.config import Settings
from core.mail.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


class DeliveryFailed(RuntimeError):
    """SMTP refused or was unreachable; the task retries with backoff."""


def deliver(db_session: Session, settings: Settings, message_id: uuid.UUID) -> OutboxStatus | None:
    """Send one pending message, locking its row so two workers never send it twice.

    Returns the new status, or None when the message was already handled elsewhere.
    """
    message = db_session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.PENDING)
        .with_for_update(skip_locked=True)
    ).first()
    if message is None:
        return None
    message.attempts += 1
    if settings.mail_backend == "capture":
        message.status = OutboxStatus.CAPTURED
        message.sent_at = clock.now()
        log.info("mail captured for the dev mailbox", extra={"outbox_id": str(message.id)})
        return message.status
    try:
        _send_smtp(settings, message)
    except (OSError, smtplib.SMTPException) as exc:
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = OutboxStatus.FAILED
            log.error("mail failed for good", extra={"outbox_id": str(message.id), "attempts": message.attempts})
            return message.status
        raise DeliveryFailed(message.last_error) from exc
    message.status = OutboxStatus.SENT
    message.sent_at = clock.now()
    message.last_error = None
    log.info("mail sent", extra={"outbox_id": str(message.id)})
    return message.status


def _send_smtp(settings: Settings, message: OutboxMessage) -> None:
    email = EmailMessage()
    email["From"] = message.sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = f"<{message.id}@loom>"
    email.set_content(message.text_body)
    if message.html_body:
        email.add_alternative(message.html_body, subtype="html")
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=20) as smtp:
        if settings.smtp_use_tls:
            smtp.starttls()
        if settings.smtp_username and settings.smtp_password:
            smtp.login(settings.smtp_username, settings.smtp_password)
        smtp.send_message(email)


def pending_ids(db_session: Session, *, older_than_seconds: int, limit: int = 200) -> list[uuid.UUID]:
    """Pending messages nobody has picked up (broker down, worker crash)."""
    cutoff = clock.now().timestamp() - older_than_seconds
    rows = db_session.scalars(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status == OutboxStatus.PENDING,
            func.extract("epoch", OutboxMessage.updated_at) <= cutoff,
        )
        .order_by(OutboxMessage.created_at)
        .limit(limit)
    )
    return list(rows)
