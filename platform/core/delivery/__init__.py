"""Outgoing deliveries: the bookkeeping every "send this to someone outside, until it arrives" shares.

Hooks use it today; the mail outbox and the flow connectors are meant to move onto it. It knows
nothing about HTTP or SMTP: it says when a row is due, who holds it, what an attempt's outcome
does to it (retry later on the schedule, succeed, or dead-letter), and how to replay.
"""

from core.delivery.bookkeeping import (
    OUTCOME_COLUMNS,
    DeliveryState,
    DeliveryStatus,
    dead_letter,
    fail,
    holds,
    leasable,
    lease_if_due,
    lease_values,
    lock_due,
    lock_if_due,
    outcome,
    replay,
    replay_failed,
    settle_statement,
    start_attempt,
    succeed,
)
from core.delivery.schedule import SVIX_SCHEDULE, RetryPolicy

__all__ = [
    "OUTCOME_COLUMNS",
    "SVIX_SCHEDULE",
    "DeliveryState",
    "DeliveryStatus",
    "RetryPolicy",
    "dead_letter",
    "fail",
    "holds",
    "leasable",
    "lease_if_due",
    "lease_values",
    "lock_due",
    "lock_if_due",
    "outcome",
    "replay",
    "replay_failed",
    "settle_statement",
    "start_attempt",
    "succeed",
]
