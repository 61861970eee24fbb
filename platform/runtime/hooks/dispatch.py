"""Moving messages to receivers: fan-out, claiming within each endpoint's limits, one attempt.

The steps, each its own short transaction, none held open while a receiver answers:

1. ``fan_out``: a message's deliveries are made (one per endpoint that wanted it and is still
   enabled), once, under a lock on the message.
2. ``claim``: due deliveries are leased (``core.delivery``), at most ``LOOM_HOOKS_ENDPOINT_CONCURRENCY``
   in flight and ``LOOM_HOOKS_ENDPOINT_RATE`` started per second for each endpoint. The endpoint's
   row is locked with SKIP LOCKED while its budget is spent, so two claimers never overspend it
   and neither waits for the other. The sweep takes a few due deliveries *per endpoint* (a
   lateral join), so a receiver with a backlog of thousands never hides the others' work.
3. ``attempt``: the URL is checked again (ssrf), the body is signed and POSTed to the checked
   address; the outcome is recorded only if the lease is still this attempt's (fencing token),
   with the attempt's log row and the endpoint's health either way.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select, true, tuple_
from sqlalchemy.orm import Session

from core import clock
from core.config import Settings
from core.db import set_tenant_scope
from core.delivery import DeliveryStatus, RetryPolicy, dead_letter, fail, holds, lock_due, start_attempt, succeed
from core.delivery.bookkeeping import is_due
from core.ids import new_id
from runtime.hooks import safe_http, ssrf
from runtime.hooks.crypto import decrypt_headers
from runtime.hooks.health import disable_endpoint
from runtime.hooks.models import HookAttempt, HookDelivery, HookEndpoint, HookMessage
from runtime.hooks.signing import active_secrets, signature_headers

log = logging.getLogger(__name__)
POLICY = RetryPolicy(lease=timedelta(minutes=2))
RATE_WINDOW = timedelta(seconds=1)
GONE = "The receiver answered 410 Gone, so the endpoint was disabled."


@dataclass(frozen=True)
class Claim:
    """A leased delivery: who holds attempt ``token`` of it."""

    tenant_id: uuid.UUID
    delivery_id: uuid.UUID
    token: int

    def args(self) -> list[str | int]:
        return [str(self.tenant_id), str(self.delivery_id), self.token]


def fan_out(db_session: Session, settings: Settings, tenant_id: uuid.UUID, message_id: uuid.UUID) -> list[Claim]:
    """Make the message's deliveries if not done yet, then claim those that may go now."""
    set_tenant_scope(db_session, tenant_id)
    now = clock.now()
    message = db_session.scalars(
        select(HookMessage).where(HookMessage.id == message_id).with_for_update(skip_locked=True)
    ).first()
    if message is None:  # gone, or another worker holds it right now
        return []
    if message.fanned_out_at is None:
        endpoints = db_session.execute(
            select(HookEndpoint.id).where(HookEndpoint.id.in_(message.endpoint_ids), HookEndpoint.enabled.is_(True))
        ).scalars()
        rows = [
            {
                "tenant_id": tenant_id,
                "id": new_id(),
                "message_id": message.id,
                "endpoint_id": endpoint_id,
                "event_type": message.event_type,
                "status": DeliveryStatus.PENDING,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
            for endpoint_id in endpoints
        ]
        if rows:
            db_session.execute(insert(HookDelivery), rows)
        message.fanned_out_at = now
        db_session.flush()
    due = lock_due(db_session, HookDelivery, HookDelivery.message_id == message.id, now=now, limit=1000)
    return claim(db_session, settings, due, now)


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


def claim_next(db_session: Session, settings: Settings, tenant_id: uuid.UUID, endpoint_id: uuid.UUID) -> list[Claim]:
    """An attempt of the endpoint just ended and freed its slot: claim its next due deliveries, so a
    backlog drains at the receiver's pace instead of waiting for the next sweep."""
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


def claim(db_session: Session, settings: Settings, due: list[HookDelivery], now: datetime) -> list[Claim]:
    """Lease the locked ``due`` deliveries that their endpoints' budgets allow."""
    if not due:
        return []
    keys = {(row.tenant_id, row.endpoint_id) for row in due}
    endpoints = {
        (endpoint.tenant_id, endpoint.id): endpoint
        for endpoint in db_session.scalars(
            select(HookEndpoint)
            .where(tuple_(HookEndpoint.tenant_id, HookEndpoint.id).in_(keys))
            .with_for_update(skip_locked=True)
            .execution_options(all_tenants=True)
        )
    }
    in_flight = Counter(
        {
            (row.tenant_id, row.endpoint_id): row.count
            for row in db_session.execute(
                select(HookDelivery.tenant_id, HookDelivery.endpoint_id, func.count().label("count"))
                .where(
                    HookDelivery.endpoint_id.in_({endpoint_id for _, endpoint_id in endpoints}),
                    HookDelivery.status == DeliveryStatus.DELIVERING,
                    HookDelivery.next_attempt_at > now,
                )
                .group_by(HookDelivery.tenant_id, HookDelivery.endpoint_id)
                .execution_options(all_tenants=True)
            )
        }
    )
    claims: list[Claim] = []
    for row in due:
        endpoint = endpoints.get((row.tenant_id, row.endpoint_id))
        if endpoint is None:
            continue  # another claimer holds the endpoint: its next round takes these
        if not endpoint.enabled:
            dead_letter(row, now, endpoint.disabled_reason or "The endpoint is disabled.")
            continue
        if endpoint.rate_window_start is None or now - endpoint.rate_window_start >= RATE_WINDOW:
            endpoint.rate_window_start, endpoint.rate_window_count = now, 0
        key = (row.tenant_id, row.endpoint_id)
        if in_flight[key] >= settings.hooks_endpoint_concurrency:
            continue
        if endpoint.rate_window_count >= settings.hooks_endpoint_rate:
            continue
        token = start_attempt(row, now, POLICY)
        if token is None:
            continue
        in_flight[key] += 1
        endpoint.rate_window_count += 1
        claims.append(Claim(row.tenant_id, row.id, token))
    db_session.flush()
    return claims


def attempt(
    db_session: Session,
    settings: Settings,
    held: Claim,
    *,
    resolver: ssrf.Resolver = ssrf.resolve,
    cafile: str | None = None,
) -> DeliveryStatus | None:
    """Make the attempt ``held`` leases and record its outcome; None when the lease was lost."""
    set_tenant_scope(db_session, held.tenant_id)
    delivery = db_session.get(HookDelivery, (held.tenant_id, held.delivery_id))
    if delivery is None or not holds(delivery, held.token):
        db_session.rollback()
        return None
    endpoint = db_session.get(HookEndpoint, (held.tenant_id, delivery.endpoint_id))
    message = db_session.get(HookMessage, (held.tenant_id, delivery.message_id))
    assert endpoint is not None and message is not None  # foreign keys with cascade
    secrets = active_secrets(endpoint, clock.now())
    custom = decrypt_headers(endpoint.headers)
    url, body, message_id = endpoint.url, message.body.encode(), message.id
    db_session.commit()  # hold nothing while the receiver answers

    try:
        target = ssrf.check(url, settings, resolver)
    except ssrf.Refused as exc:
        answer = safe_http.Answer(None, None, 0, str(exc))
    else:
        headers = {**custom, **signature_headers(message_id, body, secrets)}
        answer = safe_http.post(target, body, headers, settings.hooks_timeout_seconds, cafile=cafile)
    return record_outcome(db_session, settings, held, answer)


def record_outcome(
    db_session: Session, settings: Settings, held: Claim, answer: safe_http.Answer
) -> DeliveryStatus | None:
    """Log the attempt; if the lease is still ours, settle the delivery and the endpoint's health."""
    set_tenant_scope(db_session, held.tenant_id)
    now = clock.now()
    delivery = db_session.scalars(
        select(HookDelivery).where(HookDelivery.id == held.delivery_id).with_for_update()
    ).first()
    if delivery is None:
        db_session.rollback()
        return None
    db_session.add(
        HookAttempt(
            id=new_id(),
            tenant_id=held.tenant_id,
            delivery_id=delivery.id,
            endpoint_id=delivery.endpoint_id,
            number=held.token,
            attempted_at=now - timedelta(milliseconds=answer.duration_ms),
            duration_ms=answer.duration_ms,
            status_code=answer.status,
            response_body=answer.body,
            error=answer.error,
            succeeded=answer.succeeded,
        )
    )
    if not holds(delivery, held.token):
        log.info("an attempt outlived its lease", extra={"delivery_id": str(delivery.id)})
        db_session.commit()
        return None
    endpoint = db_session.scalars(
        select(HookEndpoint).where(HookEndpoint.id == delivery.endpoint_id).with_for_update()
    ).one()
    delivery.last_status_code = answer.status
    endpoint.last_attempt_at = now
    endpoint.last_status_code = answer.status
    if answer.succeeded:
        succeed(delivery, now)
        endpoint.last_success_at = now
        endpoint.failure_streak = 0
        endpoint.failing_since = None
    else:
        endpoint.failure_streak += 1
        endpoint.failing_since = endpoint.failing_since or now
        if answer.status == 410:
            dead_letter(delivery, now, GONE)
            disable_endpoint(db_session, endpoint, now, GONE)
        else:
            fail(delivery, now, answer.error or "The attempt failed.", POLICY)
            if endpoint.failing_since <= now - timedelta(days=settings.hooks_disable_after_days):
                days = settings.hooks_disable_after_days
                reason = f"Every delivery failed for {days} days, so the endpoint was disabled."
                disable_endpoint(db_session, endpoint, now, reason)
    status = delivery.status
    db_session.commit()
    log.info(
        "hook attempt %s",
        status.value,
        extra={"delivery_id": str(delivery.id), "status_code": answer.status, "ms": answer.duration_ms},
    )
    return status


def stale_messages(db_session: Session, older_than: timedelta, limit: int = 200) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """Messages committed but never fanned out (broker down at commit, worker lost)."""
    rows = db_session.execute(
        select(HookMessage.tenant_id, HookMessage.id)
        .where(HookMessage.fanned_out_at.is_(None), HookMessage.created_at <= clock.now() - older_than)
        .order_by(HookMessage.created_at)
        .limit(limit)
        .execution_options(all_tenants=True)
    )
    return [(row[0], row[1]) for row in rows]
