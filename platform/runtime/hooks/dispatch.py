"""Moving messages to receivers: fan-out, and claiming within each endpoint's limits.

The steps, each its own short transaction, none held open while a receiver answers:

1. ``fan_out_batch``: the deliveries of a batch of messages are made (one per endpoint that
   wanted the message and is still enabled), once, under a lock on each message; those their
   endpoints' limits allow are leased in the very INSERT that makes them (the first attempts).
2. ``claim``: due deliveries are leased (``core.delivery``), at most ``LOOM_HOOKS_ENDPOINT_CONCURRENCY``
   in flight and ``LOOM_HOOKS_ENDPOINT_RATE`` started per second for each endpoint. The endpoint's
   row is locked (FOR NO KEY UPDATE, in key order) while its budget is spent, so two claimers
   never overspend it. The fan-out waits for that lock, which an attempt's outcome holds for a
   moment (a skipped endpoint would leave a fresh delivery to the sweep, seconds later); the
   sweep skips locked endpoints and takes a few due deliveries *per endpoint* (a lateral join),
   so a receiver with a backlog of thousands never hides the others' work.
3. The attempts (runtime/hooks/attempts.py), where the worker that made one takes its endpoint's
   next due delivery in the same transaction that records the outcome.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, true, tuple_, update
from sqlalchemy.orm import Session

from core import clock
from core.config import Settings
from core.db import set_tenant_scope
from core.delivery import DeliveryStatus, RetryPolicy, dead_letter, lock_due, start_attempt
from core.delivery.bookkeeping import is_due
from core.ids import new_id
from runtime.hooks.models import HookDelivery, HookEndpoint, HookMessage

log = logging.getLogger(__name__)
POLICY = RetryPolicy(lease=timedelta(minutes=2))
RATE_WINDOW = timedelta(seconds=1)
Key = tuple[uuid.UUID, uuid.UUID]  # (tenant_id, id)


@dataclass(frozen=True)
class Claim:
    """A leased delivery: who holds attempt ``token`` of it."""

    tenant_id: uuid.UUID
    delivery_id: uuid.UUID
    token: int

    def args(self) -> list[str | int]:
        return [str(self.tenant_id), str(self.delivery_id), self.token]


@dataclass
class Budget:
    """An endpoint locked for claiming, and how many of its attempts are in flight."""

    endpoint: HookEndpoint
    in_flight: int

    def allows(self, settings: Settings, now: datetime) -> bool:
        endpoint = self.endpoint
        if endpoint.rate_window_start is None or now - endpoint.rate_window_start >= RATE_WINDOW:
            endpoint.rate_window_start, endpoint.rate_window_count = now, 0
        return (
            self.in_flight < settings.hooks_endpoint_concurrency
            and endpoint.rate_window_count < settings.hooks_endpoint_rate
        )

    def spend(self) -> None:
        self.in_flight += 1
        self.endpoint.rate_window_count += 1


def budgets(db_session: Session, keys: Iterable[Key], now: datetime, *, wait: bool) -> dict[Key, Budget]:
    """Lock the endpoints ``keys`` names (in key order; locked ones skipped unless ``wait``) and
    count their attempts in flight."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    endpoints = list(
        db_session.scalars(
            select(HookEndpoint)
            .where(tuple_(HookEndpoint.tenant_id, HookEndpoint.id).in_(wanted))
            .order_by(HookEndpoint.tenant_id, HookEndpoint.id)
            .with_for_update(skip_locked=not wait, key_share=True)
            .execution_options(all_tenants=True, populate_existing=True)
        )
    )
    if not endpoints:
        return {}
    counts = {
        (row[0], row[1]): int(row[2])
        for row in db_session.execute(
            select(HookDelivery.tenant_id, HookDelivery.endpoint_id, func.count())
            .where(
                tuple_(HookDelivery.tenant_id, HookDelivery.endpoint_id).in_([(e.tenant_id, e.id) for e in endpoints]),
                HookDelivery.status == DeliveryStatus.DELIVERING,
                HookDelivery.next_attempt_at > now,
            )
            .group_by(HookDelivery.tenant_id, HookDelivery.endpoint_id)
            .execution_options(all_tenants=True)
        )
    }
    return {(e.tenant_id, e.id): Budget(e, counts.get((e.tenant_id, e.id), 0)) for e in endpoints}


def fan_out_batch(db_session: Session, settings: Settings, keys: Sequence[Key]) -> list[Claim]:
    """Make the deliveries of the messages ``keys`` names that nobody fanned out yet (one another
    worker is fanning out right now is skipped), leasing at once those the limits allow."""
    now = clock.now()
    messages = db_session.execute(
        select(HookMessage.tenant_id, HookMessage.id, HookMessage.event_type, HookMessage.endpoint_ids)
        .where(tuple_(HookMessage.tenant_id, HookMessage.id).in_(list(keys)), HookMessage.fanned_out_at.is_(None))
        .order_by(HookMessage.created_at)
        .with_for_update(skip_locked=True)
        .execution_options(all_tenants=True)
    ).all()
    if not messages:
        return []
    held = budgets(db_session, ((m.tenant_id, e) for m in messages for e in m.endpoint_ids), now, wait=True)
    rows: list[dict[str, Any]] = []
    claims: list[Claim] = []
    for message in messages:
        for endpoint_id in message.endpoint_ids:
            budget = held.get((message.tenant_id, endpoint_id))
            if budget is None or not budget.endpoint.enabled:
                continue  # deleted or disabled since the event
            row = _delivery(message.tenant_id, message.id, endpoint_id, message.event_type, now)
            if budget.allows(settings, now):
                budget.spend()
                row.update(
                    status=DeliveryStatus.DELIVERING,
                    attempts=1,
                    last_attempt_at=now,
                    next_attempt_at=now + POLICY.lease,
                )
                claims.append(Claim(message.tenant_id, row["id"], 1))
            rows.append(row)
    if rows:
        db_session.execute(insert(HookDelivery), rows)
    db_session.execute(
        update(HookMessage)
        .where(tuple_(HookMessage.tenant_id, HookMessage.id).in_([(m.tenant_id, m.id) for m in messages]))
        .values(fanned_out_at=now)
        .execution_options(synchronize_session=False, all_tenants=True)
    )
    db_session.flush()  # the endpoints' rate windows
    return claims


def _delivery(
    tenant_id: uuid.UUID, message_id: uuid.UUID, endpoint_id: uuid.UUID, event_type: str, now: datetime
) -> dict[str, Any]:
    return {
        "tenant_id": tenant_id,
        "id": new_id(),
        "message_id": message_id,
        "endpoint_id": endpoint_id,
        "event_type": event_type,
        "status": DeliveryStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


def fan_out(db_session: Session, settings: Settings, tenant_id: uuid.UUID, message_id: uuid.UUID) -> list[Claim]:
    """Fan one message out if not done yet, then claim its deliveries that are due (a replay's)."""
    claims = fan_out_batch(db_session, settings, [(tenant_id, message_id)])
    set_tenant_scope(db_session, tenant_id)
    now = clock.now()
    due = lock_due(db_session, HookDelivery, HookDelivery.message_id == message_id, now=now, limit=1000)
    return claims + claim(db_session, settings, due, now, wait=True)


def claim_due(db_session: Session, settings: Settings, limit: int = 500) -> list[Claim]:
    """Claim due deliveries across workspaces, a few per enabled endpoint (the sweep)."""
    now = clock.now()
    per_endpoint = (
        select(HookDelivery.tenant_id, HookDelivery.id)
        .where(
            HookDelivery.tenant_id == HookEndpoint.tenant_id,
            HookDelivery.endpoint_id == HookEndpoint.id,
            is_due(HookDelivery, now),
        )
        .order_by(HookDelivery.next_attempt_at)
        .limit(settings.hooks_endpoint_concurrency)
        .lateral()
    )
    candidates = (
        select(per_endpoint.c.tenant_id, per_endpoint.c.id)
        .select_from(HookEndpoint)
        .join(per_endpoint, true())
        .where(HookEndpoint.enabled.is_(True))
        .limit(limit)
    )
    due = lock_due(
        db_session, HookDelivery, tuple_(HookDelivery.tenant_id, HookDelivery.id).in_(candidates), now=now, limit=limit
    )
    return claim(db_session, settings, due, now)


def claim_endpoint(
    db_session: Session, settings: Settings, tenant_id: uuid.UUID, endpoint_id: uuid.UUID
) -> list[Claim]:
    """Claim one endpoint's due deliveries within its limits (a lane the rate limit stopped resumes)."""
    now = clock.now()
    due = lock_due(
        db_session,
        HookDelivery,
        HookDelivery.tenant_id == tenant_id,
        HookDelivery.endpoint_id == endpoint_id,
        now=now,
        limit=settings.hooks_endpoint_concurrency,
    )
    return claim(db_session, settings, due, now)


def claim(
    db_session: Session, settings: Settings, due: list[HookDelivery], now: datetime, *, wait: bool = False
) -> list[Claim]:
    """Lease the locked ``due`` deliveries that their endpoints' budgets allow."""
    if not due:
        return []
    held = budgets(db_session, ((row.tenant_id, row.endpoint_id) for row in due), now, wait=wait)
    claims: list[Claim] = []
    for row in due:
        budget = held.get((row.tenant_id, row.endpoint_id))
        if budget is None:
            continue  # another claimer holds the endpoint: its next round takes these
        if not budget.endpoint.enabled:
            dead_letter(row, now, budget.endpoint.disabled_reason or "The endpoint is disabled.")
            continue
        if not budget.allows(settings, now):
            continue
        token = start_attempt(row, now, POLICY)
        if token is None:
            continue
        budget.spend()
        claims.append(Claim(row.tenant_id, row.id, token))
    db_session.flush()
    return claims


def stale_messages(db_session: Session, older_than: timedelta, limit: int = 200) -> list[Key]:
    """Messages committed but never fanned out (their wake-up was lost, or the worker)."""
    rows = db_session.execute(
        select(HookMessage.tenant_id, HookMessage.id)
        .where(HookMessage.fanned_out_at.is_(None), HookMessage.created_at <= clock.now() - older_than)
        .order_by(HookMessage.created_at)
        .limit(limit)
        .execution_options(all_tenants=True)
    )
    return [(row[0], row[1]) for row in rows]
