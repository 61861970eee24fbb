"""Celery tasks of hooks (queue ``hooks``; the sweep and the retention on ``maintenance``).

``hooks.dispatch_messages`` fans out a batch of committed messages (the relay of
runtime/hooks/wakeup.py sends it); ``hooks.dispatch_message`` does one (a replay). Each runs the
first attempt it claimed itself and hands the others to ``hooks.attempt``. A task that made an
attempt is its endpoint's *lane*: it goes on with the endpoint's next due deliveries, taken in
the transaction that records each outcome (runtime/hooks/attempts.py), until none is due, the
rate limit says wait, or its share (``LANE_ATTEMPTS``, ``LANE_SECONDS``) is spent; then the
delivery it holds goes back to the queue as a task of its own, behind the other endpoints' work.
A lane holds one of its endpoint's concurrency slots, so an endpoint never has more lanes than
LOOM_HOOKS_ENDPOINT_CONCURRENCY, and a slow receiver only slows its own lanes.

``hooks.sweep`` (beat, every 5 s) fans out what the relay lost, and claims due deliveries:
retries (on Loom's clock), deliveries an endpoint's limits held back, and those whose worker
died mid-attempt (lease expired). ``hooks.purge`` (hourly) deletes attempts and finished
messages older than LOOM_HOOKS_RETENTION_DAYS. Tasks take ids, reload, and commit; each message,
claim and batch fails on its own without stopping the round.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from celery.signals import worker_ready, worker_shutdown
from sqlalchemy import exists, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from core import clock, db
from core.celery import task
from core.config import Settings
from core.delivery.bookkeeping import OPEN
from runtime.hooks import attempts, dispatch, ssrf, wakeup
from runtime.hooks.dispatch import RATE_WINDOW
from runtime.hooks.models import HookAttempt, HookDelivery, HookEndpoint, HookMessage
from runtime.retention import delete_in_batches
from runtime.settings import app_settings

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(seconds=30)
# A lane's share before its next delivery goes back to the queue (fairness between endpoints).
LANE_ATTEMPTS = 200
LANE_SECONDS = 5.0


def send(claims: list[dispatch.Claim]) -> None:
    """Hand each claim to a worker; one the broker refuses is reclaimed when its lease runs out."""
    for claim in claims:
        try:
            attempt.apply_async(args=claim.args())
        except Exception:
            log.warning("could not enqueue a hook attempt; its lease will expire", exc_info=True)


@contextmanager
def lane_session() -> Iterator[Session]:
    """A session that keeps one connection for all of a lane's transactions: no pool checkout
    (and its ping) per attempt. One bound to a connection already (tests) is used as it is."""
    shared = db.session()
    bind = shared.get_bind()
    if not isinstance(bind, Engine):
        yield shared
        return
    with bind.connect() as connection:
        session = db.session_factory(bind=connection)
        try:
            yield session
        finally:
            session.close()


def run_lane(held: dispatch.Claim) -> int:
    """Attempt ``held``, then the endpoint's next due deliveries; how many attempts were made."""
    with lane_session() as session:
        return _lane(session, app_settings(), held)


def _lane(session: Session, settings: Settings, held: dispatch.Claim) -> int:
    started = time.monotonic()
    made = 0
    try:
        prepared = attempts.prepare(session, held)
    except Exception:
        session.rollback()
        log.exception("hook attempt broke; its lease will expire", extra={"id": str(held.delivery_id)})
        return 0
    while prepared is not None:
        answer = attempts.send(prepared, settings, ssrf.resolve, None)
        made += 1
        try:
            settled = attempts.settle_attempt(session, settings, prepared, answer, take_next=True)
        except Exception:
            session.rollback()
            log.exception("recording a hook attempt broke; its lease will expire and it is tried again")
            return made
        following = settled.following
        if settled.held_back:
            # The endpoint's rate limit is spent for this window: go on when the next one opens,
            # instead of leaving its backlog to the sweep.
            resume_endpoint.apply_async(
                args=[str(held.tenant_id), str(prepared.endpoint_id)], countdown=RATE_WINDOW.total_seconds()
            )
        if following is not None and (made >= LANE_ATTEMPTS or time.monotonic() - started >= LANE_SECONDS):
            send([following.claim])
            break
        prepared = following
    return made


def start(claims: list[dispatch.Claim]) -> int:
    """Run the first claim here (this task becomes a lane), the others in tasks of their own."""
    if not claims:
        return 0
    send(claims[1:])
    run_lane(claims[0])
    return len(claims)


def _claim_and_start(claim: Callable[[Session, Settings], list[dispatch.Claim]], failure: str, **extra: object) -> int:
    """Claim in a transaction of its own, then start the attempts claimed; 0 when claiming failed
    (logged as ``failure``)."""
    session = db.session()
    try:
        claims = claim(session, app_settings())
        session.commit()
    except Exception:
        session.rollback()
        log.exception(failure, extra=extra)
        return 0
    return start(claims)


@task(name="hooks.dispatch_messages")
def dispatch_messages(keys: list[str]) -> int:
    """Fan a batch of messages out and start the attempts their endpoints' limits allow."""
    return _claim_and_start(
        lambda session, settings: dispatch.fan_out_batch(session, settings, [wakeup.parse_key(key) for key in keys]),
        "hook fan-out failed; the sweep will try again",
        count=len(keys),
    )


@task(name="hooks.dispatch_message")
def dispatch_message(tenant_id: str, message_id: str) -> int:
    """Fan one message out (or claim its replayed deliveries) and start the attempts allowed."""
    return _claim_and_start(
        lambda session, settings: dispatch.fan_out(session, settings, uuid.UUID(tenant_id), uuid.UUID(message_id)),
        "hook fan-out failed; the sweep will try again",
        message_id=message_id,
    )


@task(name="hooks.resume_endpoint")
def resume_endpoint(tenant_id: str, endpoint_id: str) -> int:
    """A lane stopped by its endpoint's rate limit: claim the endpoint's due deliveries again."""
    return _claim_and_start(
        lambda session, settings: dispatch.claim_endpoint(
            session, settings, uuid.UUID(tenant_id), uuid.UUID(endpoint_id)
        ),
        "resuming a hook endpoint failed; the sweep takes its deliveries",
        id=endpoint_id,
    )


@task(name="hooks.attempt")
def attempt(tenant_id: str, delivery_id: str, token: int) -> int:
    """Attempt one leased delivery, then go on as its endpoint's lane; how many attempts."""
    return run_lane(dispatch.Claim(uuid.UUID(tenant_id), uuid.UUID(delivery_id), int(token)))


def _start_relay(sender: Any = None, **_: Any) -> None:
    """A worker that consumes the hooks queue relays the wake-ups of committed messages."""
    if sender is None:
        return
    consume_from = sender.app.amqp.queues.consume_from
    wakeup.start_relay(sender.app, set(consume_from) if consume_from else None)


def _stop_relay(**_: Any) -> None:
    wakeup.stop_relay()


# Connected by call, not as decorators: Celery's signals are untyped.
worker_ready.connect(_start_relay)
worker_shutdown.connect(_stop_relay)


def sweep_round(stale_after: timedelta = STALE_AFTER, limit: int = 500) -> list[dispatch.Claim]:
    """One sweep: fan out forgotten messages and claim due deliveries; the claims, committed."""
    session = db.session()
    settings = app_settings()
    claims: list[dispatch.Claim] = []
    for key in dispatch.stale_messages(session, stale_after):
        try:
            claims += dispatch.fan_out_batch(session, settings, [key])
            session.commit()
        except Exception:
            session.rollback()
            log.exception("hook fan-out failed in the sweep", extra={"message_id": str(key[1])})
    try:
        claims += dispatch.claim_due(session, settings, limit)
        session.commit()
    except Exception:
        session.rollback()
        log.exception("claiming due hook deliveries failed; the next sweep tries again")
    return claims


@task(name="hooks.sweep")
def sweep() -> int:
    claims = sweep_round()
    send(claims)
    if claims:
        log.info("hook sweep started attempts", extra={"count": len(claims)})
    return len(claims)


@task(name="hooks.purge")
def purge() -> int:
    """Delete attempts older than the retention, then finished messages as old (their deliveries
    go with them), in batches that each commit; forget rotated secrets past their overlap."""
    session = db.session()
    cutoff = clock.now() - timedelta(days=app_settings().hooks_retention_days)
    removed = 0
    old_attempts = select(HookAttempt.tenant_id, HookAttempt.id).where(HookAttempt.attempted_at < cutoff)
    open_work = exists().where(
        HookDelivery.tenant_id == HookMessage.tenant_id,
        HookDelivery.message_id == HookMessage.id,
        HookDelivery.status.in_(OPEN),
    )
    old_messages = select(HookMessage.tenant_id, HookMessage.id).where(HookMessage.created_at < cutoff, ~open_work)
    for model, chosen in ((HookAttempt, old_attempts), (HookMessage, old_messages)):
        failure = "a hooks retention batch failed"
        removed += delete_in_batches(session, model, chosen, log, failure, extra={"table": model.__tablename__})
    try:
        session.execute(
            update(HookEndpoint)
            .where(HookEndpoint.previous_secret_until < clock.now())
            .values(previous_secret=None, previous_secret_until=None)
            .execution_options(all_tenants=True, synchronize_session=False)
        )
        session.commit()
    except Exception:
        session.rollback()
        log.exception("forgetting expired hook secrets failed")
    if removed:
        log.info("hooks retention removed rows", extra={"count": removed})
    return removed
