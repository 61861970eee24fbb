"""What the alarms watch, read from the broker and the database.

- ``QueueDepth`` per Celery queue: messages waiting in Redis (all priority levels).
- ``OldestQueuedSeconds``: how long the oldest waiting message has waited, from the time its
  publisher stamped into its headers (core.celery, ``loom_queued_at``).
- ``FailedJobs``, ``DeadLetteredHooks``, ``DeadLetteredMails``: how many ended for good in the
  window since the last publication (across every workspace: an operator's count).

Each reading is taken on its own: one that fails is logged and left out, never the others.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from redis import Redis
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.celery import QUEUED_AT_HEADER, QUEUES
from core.delivery import DeliveryStatus
from core.jobs.models import Job, JobStatus
from core.mail.queries import dead_lettered_since
from runtime.hooks.models import HookDelivery

log = logging.getLogger(__name__)
# Kombu's Redis transport keeps a queue's priorities in lists of their own: "<queue>\x06\x16<n>".
PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")


@dataclass(frozen=True)
class Reading:
    name: str
    value: float
    unit: str
    queue: str | None = None


def queue_keys(queue: str) -> list[str]:
    return [queue + suffix for suffix in PRIORITY_SUFFIXES]


def queue_readings(broker: Redis, now: float) -> list[Reading]:
    """Depth of each queue, and the age of the oldest message waiting in any of them."""
    readings: list[Reading] = []
    oldest = 0.0
    for queue in QUEUES:
        depth = 0
        for key in queue_keys(queue):
            depth += int(broker.llen(key))  # type: ignore[arg-type]  # a sync client
            # Kombu pushes on the left and workers pop on the right: the right end waited longest.
            tail = broker.lindex(key, -1)
            if isinstance(tail, bytes | str):
                oldest = max(oldest, now - _queued_at(tail, now))
        readings.append(Reading("QueueDepth", float(depth), "Count", queue))
    readings.append(Reading("OldestQueuedSeconds", round(max(oldest, 0.0), 3), "Seconds"))
    return readings


def _queued_at(raw: bytes | str, now: float) -> float:
    try:
        headers = json.loads(raw).get("headers") or {}
        stamped = float(headers[QUEUED_AT_HEADER])
    except (ValueError, TypeError, AttributeError, KeyError):
        return now  # a message without the stamp (published by an older release): counted, not aged
    return stamped


def ended_readings(db_session: Session, since: datetime) -> list[Reading]:
    counts: dict[str, Callable[[], int]] = {
        "FailedJobs": lambda: _failed_since(db_session, Job, JobStatus.FAILED, since),
        "DeadLetteredHooks": lambda: _failed_since(db_session, HookDelivery, DeliveryStatus.FAILED, since),
        "DeadLetteredMails": lambda: dead_lettered_since(db_session, since),
    }
    readings = []
    for name, count in counts.items():
        try:
            readings.append(Reading(name, float(count()), "Count"))
        except Exception:
            db_session.rollback()
            log.exception("metrics: could not count", extra={"metric": name})
    return readings


def _failed_since(
    db_session: Session, model: type[Job] | type[HookDelivery], failed: JobStatus | DeliveryStatus, since: datetime
) -> int:
    """How many rows of ``model`` ended ``failed`` (for good) after ``since``, in every workspace."""
    query = (
        select(func.count())
        .select_from(model)
        .where(model.status == failed, model.finished_at > since)
        .execution_options(all_tenants=True)
    )
    return int(db_session.scalar(query) or 0)


def all_readings(db_session: Session, broker: Redis, since: datetime) -> list[Reading]:
    readings: list[Reading] = []
    try:
        readings += queue_readings(broker, time.time())
    except Exception:
        log.exception("metrics: could not read the queues")
    return readings + ended_readings(db_session, since)
