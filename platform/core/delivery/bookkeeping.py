"""The state of one outgoing delivery, and what each step of its life does to it.

A delivery is ``pending`` (due at ``next_attempt_at``), ``delivering`` (a worker holds it until
``next_attempt_at``, its lease), ``succeeded``, or ``failed`` (the dead letter: every attempt
failed, or the receiver said never again). Work is claimed with ``FOR UPDATE SKIP LOCKED`` in a
short transaction that takes the lease and commits *before* the slow part (the network call),
so no database lock or connection is held while a receiver thinks. The attempt number taken with
the lease is a fencing token: an outcome counts only if the row is still held under that number,
so a worker that outlived its lease cannot overwrite what the next one did. A worker killed
mid-attempt loses nothing: its lease runs out and the delivery is due again.

Time is Loom's clock (``core.clock``), so tests move through the schedule instead of waiting.
Functions here change rows in the caller's session and flush nothing; the caller commits.
"""

from __future__ import annotations

import enum
import random
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import DateTime, Enum, Integer, Text, and_, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from core.delivery.schedule import RetryPolicy

ERROR_LENGTH = 2000
LOST_WORKER = "The worker making the last attempt stopped before it finished."


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    DELIVERING = "delivering"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


OPEN = (DeliveryStatus.PENDING, DeliveryStatus.DELIVERING)


class DeliveryState:
    """Columns every delivery table carries (mixed into a mapped model)."""

    status: Mapped[DeliveryStatus] = mapped_column(
        Enum(
            DeliveryStatus,
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
            validate_strings=True,
        ),
        default=DeliveryStatus.PENDING,
        nullable=False,
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


Row = TypeVar("Row", bound=DeliveryState)


def is_due(model: type[DeliveryState], now: datetime) -> ColumnElement[bool]:
    """Waiting for its next attempt, or held by a worker whose lease ran out."""
    return and_(model.status.in_(OPEN), model.next_attempt_at <= now)


def lock_due(
    db_session: Session, model: type[Row], *criteria: Any, now: datetime, limit: int, all_tenants: bool = True
) -> list[Row]:
    """Up to ``limit`` due rows, oldest due first, locked; rows another worker has locked are skipped."""
    query = (
        select(model)
        .where(is_due(model, now), *criteria)
        .order_by(model.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .execution_options(all_tenants=all_tenants)
    )
    return list(db_session.scalars(query))


def start_attempt(row: DeliveryState, now: datetime, policy: RetryPolicy) -> int | None:
    """Take the lease for one attempt; the attempt's number is the holder's token.

    None when the row is spent: its last attempt's worker was lost, so it goes to the dead
    letters (from where it can be replayed) instead of being tried more often than the schedule says.
    """
    if row.attempts >= policy.max_attempts:
        dead_letter(row, now, LOST_WORKER)
        return None
    row.status = DeliveryStatus.DELIVERING
    row.attempts += 1
    row.last_attempt_at = now
    row.next_attempt_at = now + policy.lease
    return row.attempts


def holds(row: DeliveryState, token: int) -> bool:
    """Whether the holder of attempt ``token`` still holds the row (its outcome may be recorded)."""
    return row.status == DeliveryStatus.DELIVERING and row.attempts == token


def succeed(row: DeliveryState, now: datetime) -> None:
    row.status = DeliveryStatus.SUCCEEDED
    row.finished_at = now
    row.next_attempt_at = None
    row.last_error = None


def fail(row: DeliveryState, now: datetime, error: str, policy: RetryPolicy, rng: random.Random | None = None) -> bool:
    """Record a failed attempt: due again after the schedule's next wait, or dead-lettered after the
    last one. True when another attempt is scheduled."""
    delay = policy.delay_after(row.attempts, rng)
    if delay is None:
        dead_letter(row, now, error)
        return False
    row.status = DeliveryStatus.PENDING
    row.next_attempt_at = now + delay
    row.last_error = error[:ERROR_LENGTH]
    return True


def dead_letter(row: DeliveryState, now: datetime, error: str) -> None:
    """No more attempts: the row stays, failed and visible, until someone replays it."""
    row.status = DeliveryStatus.FAILED
    row.finished_at = now
    row.next_attempt_at = None
    row.last_error = error[:ERROR_LENGTH]


def replay(row: DeliveryState, now: datetime) -> bool:
    """Send again from the start of the schedule; False (nothing done) while a worker holds it."""
    if row.status == DeliveryStatus.DELIVERING and row.next_attempt_at is not None and row.next_attempt_at > now:
        return False
    row.status = DeliveryStatus.PENDING
    row.attempts = 0
    row.next_attempt_at = now
    row.finished_at = None
    row.last_error = None
    return True


def replay_failed(
    db_session: Session, model: type[DeliveryState], *criteria: Any, since: datetime, now: datetime, limit: int
) -> int:
    """Replay up to ``limit`` dead letters created since ``since`` (and matching ``criteria``) in
    one statement; how many. The session's tenant scope applies as to any query."""
    chosen = (
        select(model.id)  # type: ignore[attr-defined]
        .where(model.status == DeliveryStatus.FAILED, model.created_at >= since, *criteria)
        .order_by(model.created_at)
        .limit(limit)
    )
    statement = (
        update(model)
        .where(model.id.in_(chosen.scalar_subquery()), *criteria)  # type: ignore[attr-defined]
        .values(status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=now, finished_at=None, last_error=None)
        .execution_options(synchronize_session=False)
    )
    result = db_session.execute(statement)
    return int(result.rowcount)  # type: ignore[attr-defined]
