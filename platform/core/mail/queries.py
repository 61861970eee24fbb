"""What is read about the outbox from outside the mail workers: how many messages died."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.mail.models import OutboxMessage, OutboxStatus


def dead_lettered_since(db_session: Session, since: datetime) -> int:
    """Messages that became dead letters after ``since`` and are dead letters still (one sent
    again no longer counts): the ``DeadLetteredMails`` metric, a window at a time."""
    query = select(func.count()).where(OutboxMessage.status == OutboxStatus.FAILED, OutboxMessage.finished_at > since)
    return int(db_session.scalar(query) or 0)
