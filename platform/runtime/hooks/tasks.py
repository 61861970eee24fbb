"""Celery tasks of hooks (queue ``hooks``; the sweep and the retention on ``maintenance``).

``hooks.dispatch_message`` runs after a message's transaction commits; ``hooks.attempt`` makes
one leased attempt; ``hooks.sweep`` (beat, every 5 s) fans out what the broker lost, and claims
due deliveries: retries (on Loom's clock), deliveries an endpoint's limits held back, and those
whose worker died mid-attempt (lease expired). ``hooks.purge`` (hourly) deletes attempts and
finished messages older than LOOM_HOOKS_RETENTION_DAYS. Tasks take ids, reload, and commit;
each message, claim and batch fails on its own without stopping the round.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from celery import shared_task
from flask import current_app
from sqlalchemy import delete, exists, select, tuple_, update

from core import clock, db
from core.config import Settings
from core.delivery.bookkeeping import OPEN
from runtime.hooks import dispatch
from runtime.hooks.models import HookAttempt, HookDelivery, HookEndpoint, HookMessage

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(seconds=30)
PURGE_BATCH = 5000
PURGE_ROUNDS = 100


def _settings() -> Settings:
    settings: Settings = current_app.config["LOOM"]
    return settings


def send(claims: list[dispatch.Claim]) -> None:
    """Hand each claim to a worker; one the broker refuses is reclaimed when its lease runs out."""
    for claim in claims:
        try:
            attempt.apply_async(args=claim.args())
        except Exception:
            log.warning("could not enqueue a hook attempt; its lease will expire", exc_info=True)


@shared_task(name="hooks.dispatch_message")
def dispatch_message(tenant_id: str, message_id: str) -> int:
    """Fan one message out to its endpoints and start the attempts their limits allow."""
    session = db.session()
    try:
        claims = dispatch.fan_out(session, _settings(), uuid.UUID(tenant_id), uuid.UUID(message_id))
        session.commit()
    except Exception:
        session.rollback()
        log.exception("hook fan-out failed; the sweep will try again", extra={"message_id": message_id})
        return 0
    send(claims)
    return len(claims)


@shared_task(name="hooks.attempt")
def attempt(tenant_id: str, delivery_id: str, token: int) -> str | None:
    """One attempt of one delivery, under the lease ``token`` names."""
    session = db.session()
    held = dispatch.Claim(uuid.UUID(tenant_id), uuid.UUID(delivery_id), int(token))
    try:
        status = dispatch.attempt(session, _settings(), held)
    except Exception:
        session.rollback()
        log.exception("hook attempt broke; its lease will expire and it is tried again", extra={"id": delivery_id})
        return None
    _continue(held)
    return status.value if status else None


def _continue(held: dispatch.Claim) -> None:
    """Take the endpoint's next due deliveries now that this attempt's slot is free."""
    session = db.session()
    try:
        endpoint_id = session.scalar(
            select(HookDelivery.endpoint_id)
            .where(HookDelivery.tenant_id == held.tenant_id, HookDelivery.id == held.delivery_id)
            .execution_options(all_tenants=True)
        )
        claims = dispatch.claim_next(session, _settings(), held.tenant_id, endpoint_id) if endpoint_id else []
        session.commit()
    except Exception:
        session.rollback()
        log.exception("claiming an endpoint's next deliveries failed; the sweep takes them")
        return
    send(claims)


def sweep_round(stale_after: timedelta = STALE_AFTER, limit: int = 500) -> list[dispatch.Claim]:
    """One sweep: fan out forgotten messages and claim due deliveries; the claims, committed."""
    session = db.session()
    settings = _settings()
    claims: list[dispatch.Claim] = []
    for tenant_id, message_id in dispatch.stale_messages(session, stale_after):
        try:
            claims += dispatch.fan_out(session, settings, tenant_id, message_id)
            session.commit()
        except Exception:
            session.rollback()
            log.exception("hook fan-out failed in the sweep", extra={"message_id": str(message_id)})
    try:
        claims += dispatch.claim_due(session, settings, limit)
        session.commit()
    except Exception:
        session.rollback()
        log.exception("claiming due hook deliveries failed; the next sweep tries again")
    return claims


@shared_task(name="hooks.sweep")
def sweep() -> int:
    claims = sweep_round()
    send(claims)
    if claims:
        log.info("hook sweep started attempts", extra={"count": len(claims)})
    return len(claims)


@shared_task(name="hooks.purge")
def purge() -> int:
    """Delete attempts older than the retention, then finished messages as old (their deliveries
    go with them), in batches that each commit; forget rotated secrets past their overlap."""
    session = db.session()
    cutoff = clock.now() - timedelta(days=_settings().hooks_retention_days)
    removed = 0
    old_attempts = select(HookAttempt.tenant_id, HookAttempt.id).where(HookAttempt.attempted_at < cutoff)
    open_work = exists().where(
        HookDelivery.tenant_id == HookMessage.tenant_id,
        HookDelivery.message_id == HookMessage.id,
        HookDelivery.status.in_(OPEN),
    )
    old_messages = select(HookMessage.tenant_id, HookMessage.id).where(HookMessage.created_at < cutoff, ~open_work)
    for model, chosen in ((HookAttempt, old_attempts), (HookMessage, old_messages)):
        for _ in range(PURGE_ROUNDS):
            try:
                batch = chosen.limit(PURGE_BATCH).execution_options(all_tenants=True)
                result = session.execute(
                    delete(model)
                    .where(tuple_(model.tenant_id, model.id).in_(batch))
                    .execution_options(all_tenants=True, synchronize_session=False)
                )
                session.commit()
            except Exception:
                session.rollback()
                log.exception("a hooks retention batch failed", extra={"table": model.__tablename__})
                break
            count = int(result.rowcount)  # type: ignore[attr-defined]
            removed += count
            if count < PURGE_BATCH:
                break
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
