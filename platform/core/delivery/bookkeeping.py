"""The state of one outgoing delivery, and what each step of its life does to it.

A delivery is ``pending`` (due at ``next_attempt_at``), ``delivering`` (a worker holds it until
``next_attempt_at``, its lease), ``succeeded``, ``failed`` (the dead letter: every attempt
failed, or the receiver said never again), or ``closed`` (what it was for is gone). Work is
claimed with ``FOR UPDATE SKIP LOCKED`` in a short transaction that takes the lease and commits
*before* the slow part (the network call), so no database lock or connection is held while a
receiver thinks. The attempt number taken with the lease is a fencing token: an outcome counts
only if the row is still held under that number, so a worker that outlived its lease cannot
overwrite what the next one did. A worker killed mid-attempt loses nothing: its lease runs out
and the delivery is due again.

Time is Loom's clock (``core.clock``), so tests move through the schedule instead of waiting.
Functions here change rows in the caller's session and flush nothing; the caller commits.
``outcome``, ``settle_statement`` and ``lease_values`` are the same steps for a worker that writes
an outcome in one fenced UPDATE instead of locking and loading the row first, and leases the next
row in the statement that finds it (a hot path makes one round trip where the ORM makes two).
"""

from __future__ import annotations

import enum
import random
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import DateTime, Enum, Integer, Text, Update, and_, bindparam, func, select, update
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
    # Never sent or never finished because what it was for is gone (a flow step that no longer
    # waits); replayable like a dead letter should it matter again.
    CLOSED = "closed"


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


def is_due(model: type[DeliveryState], now: Any) -> ColumnElement[bool]:
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
        # A row the session still holds from an earlier transaction is refreshed, not trusted.
        .execution_options(all_tenants=all_tenants, populate_existing=True)
    )
    return list(db_session.scalars(query))


def lock_if_due(db_session: Session, model: type[Row], *criteria: Any, now: datetime) -> Row | None:
    """The row ``criteria`` name, locked, when it is due and no other worker has it locked; else None."""
    query = (
        select(model)
        .where(*criteria, is_due(model, now))
        .with_for_update(skip_locked=True)
        # A row the session still holds from an earlier transaction is refreshed, not trusted.
        .execution_options(populate_existing=True)
    )
    return db_session.scalars(query).first()


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


def lease_if_due(
    db_session: Session,
    model: type[Row],
    criterion: Any,
    now: datetime,
    policy: RetryPolicy,
    lost: Callable[[Row], None],
) -> tuple[Row, int] | None:
    """The row ``criterion`` names, locked and leased for one attempt, with the attempt's token, when
    it is due and no other worker has it locked (``lock_if_due``, then ``start_attempt``); else None.
    A row whose last attempt's worker was lost is a dead letter now: it goes to ``lost``, and None."""
    row = lock_if_due(db_session, model, criterion, now=now)
    if row is None:
        return None
    token = start_attempt(row, now, policy)
    if token is None:
        lost(row)
        return None
    return row, token


def holds(row: DeliveryState, token: int) -> bool:
    """Whether the holder of attempt ``token`` still holds the row (its outcome may be recorded)."""
    return row.status == DeliveryStatus.DELIVERING and row.attempts == token


def outcome(
    attempts: int,
    now: datetime,
    error: str | None,
    policy: RetryPolicy,
    *,
    final: bool = False,
    rng: random.Random | None = None,
) -> dict[str, Any]:
    """The columns (``OUTCOME_COLUMNS``) the outcome of attempt number ``attempts`` sets.

    No ``error``: succeeded. Otherwise due again after the schedule's next wait, or a dead letter
    (failed, kept and visible until someone replays it) after the last attempt or when ``final``.
    """
    if error is None:
        return {"status": DeliveryStatus.SUCCEEDED, "finished_at": now, "next_attempt_at": None, "last_error": None}
    delay = None if final else policy.delay_after(attempts, rng)
    if delay is None:
        return {
            "status": DeliveryStatus.FAILED,
            "finished_at": now,
            "next_attempt_at": None,
            "last_error": error[:ERROR_LENGTH],
        }
    return {
        "status": DeliveryStatus.PENDING,
        "finished_at": None,
        "next_attempt_at": now + delay,
        "last_error": error[:ERROR_LENGTH],
    }


OUTCOME_COLUMNS = ("status", "finished_at", "next_attempt_at", "last_error")


def _apply(row: DeliveryState, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(row, name, value)


def succeed(row: DeliveryState, now: datetime) -> None:
    _apply(row, outcome(row.attempts, now, None, RetryPolicy()))


def fail(row: DeliveryState, now: datetime, error: str, policy: RetryPolicy, rng: random.Random | None = None) -> bool:
    """Record a failed attempt: due again after the schedule's next wait, or dead-lettered after the
    last one. True when another attempt is scheduled."""
    values = outcome(row.attempts, now, error, policy, rng=rng)
    _apply(row, values)
    return bool(values["status"] == DeliveryStatus.PENDING)


def dead_letter(row: DeliveryState, now: datetime, error: str) -> None:
    """No more attempts: the row stays, failed and visible, until someone replays it."""
    _apply(row, outcome(row.attempts, now, error, RetryPolicy(), final=True))


def settle_statement(model: type[DeliveryState], *criteria: Any, extra: tuple[str, ...] = ()) -> Update:
    """The fenced UPDATE that writes an attempt's outcome, built once and executed many times.

    It changes the row only while the holder of attempt ``token`` (a bound parameter) still holds
    it (``holds``), so a worker that outlived its lease changes nothing (its rowcount is 0). Bind
    ``token``, the parameters of ``criteria``, and ``v_<column>`` for each of ``OUTCOME_COLUMNS``
    (from ``outcome``) and of ``extra``.
    """
    return (
        update(model)
        .where(*criteria, model.status == DeliveryStatus.DELIVERING, model.attempts == bindparam("token"))
        .values({name: bindparam(f"v_{name}") for name in (*OUTCOME_COLUMNS, *extra)})
    )


def lease_values(model: type[DeliveryState], now: Any, until: Any) -> dict[str, Any]:
    """What ``start_attempt`` sets, as UPDATE values (``now`` and the lease's end ``until`` may be
    bound parameters): a worker takes the next due row in the statement that finds it. Spent rows
    are left to ``start_attempt`` (see ``leasable``)."""
    return {
        "status": DeliveryStatus.DELIVERING,
        "attempts": model.attempts + 1,
        "last_attempt_at": now,
        "next_attempt_at": until,
    }


def leasable(model: type[DeliveryState], now: Any, policy: RetryPolicy) -> ColumnElement[bool]:
    """Due and not spent: a row ``lease_values`` may take (a spent one goes through ``start_attempt``,
    which dead-letters it)."""
    return and_(is_due(model, now), model.attempts < policy.max_attempts)


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
