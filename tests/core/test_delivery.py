"""The generic delivery bookkeeping: Svix's schedule with jitter, leases as fencing tokens,
dead letters and replay (pure state changes, no database needed)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from core.delivery import (
    OUTCOME_COLUMNS,
    SVIX_SCHEDULE,
    DeliveryStatus,
    RetryPolicy,
    fail,
    holds,
    outcome,
    replay,
    start_attempt,
    succeed,
)
from core.delivery.bookkeeping import LOST_WORKER


class Row:
    def __init__(self) -> None:
        self.status = DeliveryStatus.PENDING
        self.attempts = 0
        self.next_attempt_at: datetime | None = None
        self.last_attempt_at = self.finished_at = None
        self.last_error: str | None = None


NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def test_svix_schedule_eight_attempts_with_at_most_20_percent_jitter():
    policy = RetryPolicy()
    assert policy.max_attempts == 8 and SVIX_SCHEDULE[1] == timedelta(seconds=5)
    rng = random.Random(7)
    for attempts, base in enumerate(SVIX_SCHEDULE):
        delay = policy.delay_after(attempts, rng)
        assert delay is not None and base <= delay <= base * 1.2
    assert policy.delay_after(8) is None


def test_an_outcome_counts_only_for_the_lease_holder_and_the_last_failure_is_a_dead_letter():
    policy = RetryPolicy()
    row = Row()
    token = start_attempt(row, NOW, policy)
    assert token == 1 and row.status == DeliveryStatus.DELIVERING and row.next_attempt_at == NOW + policy.lease
    assert holds(row, 1) and not holds(row, 2)
    for _ in range(7):
        assert fail(row, NOW, "503", policy) is True and row.status == DeliveryStatus.PENDING
        start_attempt(row, NOW, policy)
    assert fail(row, NOW, "503", policy) is False
    assert row.status == DeliveryStatus.FAILED and row.finished_at == NOW and row.next_attempt_at is None
    assert replay(row, NOW) and (row.status, row.attempts, row.next_attempt_at) == (DeliveryStatus.PENDING, 0, NOW)
    start_attempt(row, NOW, policy)
    succeed(row, NOW)
    assert row.status == DeliveryStatus.SUCCEEDED and row.last_error is None


def test_a_lost_worker_on_the_last_attempt_leaves_a_dead_letter_not_a_ninth_try():
    policy = RetryPolicy()
    row = Row()
    row.attempts, row.status = 8, DeliveryStatus.DELIVERING
    assert start_attempt(row, NOW, policy) is None
    assert row.status == DeliveryStatus.FAILED and row.last_error == LOST_WORKER


def test_a_delivery_held_by_a_worker_is_not_replayed_under_it():
    policy = RetryPolicy()
    row = Row()
    start_attempt(row, NOW, policy)
    assert replay(row, NOW) is False and row.status == DeliveryStatus.DELIVERING
    assert replay(row, NOW + policy.lease + timedelta(seconds=1)) is True


def test_an_outcome_as_update_values_matches_what_the_row_steps_do():
    """The fenced one-statement path (``outcome`` + ``settle_statement``) writes what the steps
    on a loaded row write: success, a retry on the schedule, a dead letter after the last try."""
    policy = RetryPolicy(jitter=0.0)
    assert outcome(1, NOW, None, policy) == {
        "status": DeliveryStatus.SUCCEEDED,
        "finished_at": NOW,
        "next_attempt_at": None,
        "last_error": None,
    }
    retry = outcome(1, NOW, "503", policy)
    assert retry["status"] == DeliveryStatus.PENDING and retry["next_attempt_at"] == NOW + timedelta(seconds=5)
    assert outcome(8, NOW, "503", policy)["status"] == DeliveryStatus.FAILED
    gone = outcome(1, NOW, "410", policy, final=True)
    assert (gone["status"], gone["next_attempt_at"], gone["finished_at"]) == (DeliveryStatus.FAILED, None, NOW)
    assert set(retry) == set(gone) == set(OUTCOME_COLUMNS)
    row = Row()
    start_attempt(row, NOW, policy)
    fail(row, NOW, "503", policy)
    assert (row.status, row.next_attempt_at, row.last_error) == (
        retry["status"],
        retry["next_attempt_at"],
        retry["last_error"],
    )
