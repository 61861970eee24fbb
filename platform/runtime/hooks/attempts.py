"""One attempt of one delivery, and the next one its worker takes in the same breath.

An attempt is: check the URL again (ssrf, at every attempt), sign the body, POST it to the
checked address (safe_http), then record the outcome in one short transaction. That transaction
is also where the worker takes its endpoint's next due delivery (``settle(take_next=True)``), so
a backlog drains at the receiver's pace with one transaction per delivery and no Celery message
in between:

- the outcome is one fenced UPDATE (``core.delivery.settle``: it counts only if this attempt
  still holds the lease), plus the attempt's log row;
- the endpoint's health (last attempt, last success, failure streak) is one UPDATE of its row,
  which also takes a slot of its rate limit and returns what the next attempt needs (URL,
  secrets, headers), so the row is locked for the end of one transaction, never across a call;
- the next due delivery of the endpoint is leased by one UPDATE ... FROM hook_messages (FOR
  UPDATE SKIP LOCKED inside), which also returns its body. The delivery just settled leaves
  the endpoint's in-flight count as the next one enters it, so the concurrency limit holds
  without counting; a spent delivery (its last attempt's worker was lost) is left to the sweep.

Nothing is held while the receiver answers: the lease is committed before the call.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import DateTime, Integer, Uuid, bindparam, case, func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Update

from core import clock
from core.config import Settings
from core.db import set_tenant_scope
from core.delivery import DeliveryStatus, leasable, lease_values, outcome, settle_statement
from core.ids import new_id
from runtime.hooks import safe_http, ssrf
from runtime.hooks.crypto import decrypt, decrypt_headers
from runtime.hooks.dispatch import POLICY, RATE_WINDOW, Claim
from runtime.hooks.health import disable_endpoint
from runtime.hooks.models import HookAttempt, HookDelivery, HookEndpoint, HookMessage
from runtime.hooks.signing import signature_headers

log = logging.getLogger(__name__)
GONE = "The receiver answered 410 Gone, so the endpoint was disabled."

# The statements of the hot path, built once: each attempt binds parameters and runs them on
# the session's connection (no ORM round of building, caching keys and adding criteria, which
# cost more than the database did). Each names its tenant explicitly, as the worker's
# system-wide queries do (``all_tenants``).
_TENANT = bindparam("p_tenant", type_=Uuid())
_DELIVERY = bindparam("p_delivery", type_=Uuid())
_ENDPOINT = bindparam("p_endpoint", type_=Uuid())
_NOW = bindparam("p_now", type_=DateTime(timezone=True))
_UNTIL = bindparam("p_until", type_=DateTime(timezone=True))
_WINDOW_FROM = bindparam("p_window_from", type_=DateTime(timezone=True))
_RATE = bindparam("p_rate", type_=Integer())
_SECRETS = (
    HookEndpoint.url,
    HookEndpoint.secret,
    HookEndpoint.previous_secret,
    HookEndpoint.previous_secret_until,
    HookEndpoint.headers,
)
_PREPARE = (
    select(HookDelivery.status, HookDelivery.attempts, HookDelivery.endpoint_id, HookMessage.id, HookMessage.body)
    .add_columns(*_SECRETS)
    .select_from(HookDelivery)
    .join(HookMessage, (HookMessage.tenant_id == HookDelivery.tenant_id) & (HookMessage.id == HookDelivery.message_id))
    .join(
        HookEndpoint, (HookEndpoint.tenant_id == HookDelivery.tenant_id) & (HookEndpoint.id == HookDelivery.endpoint_id)
    )
    .where(HookDelivery.tenant_id == _TENANT, HookDelivery.id == _DELIVERY)
)
_EXISTS = select(HookDelivery.id).where(HookDelivery.tenant_id == _TENANT, HookDelivery.id == _DELIVERY)
_SETTLE = settle_statement(
    HookDelivery, HookDelivery.tenant_id == _TENANT, HookDelivery.id == _DELIVERY, extra=("last_status_code",)
)
_LOG = insert(HookAttempt)
_NEXT = (
    select(HookDelivery.id)
    .where(
        HookDelivery.tenant_id == _TENANT, HookDelivery.endpoint_id == _ENDPOINT, leasable(HookDelivery, _NOW, POLICY)
    )
    .order_by(HookDelivery.next_attempt_at)
    .limit(1)
    .with_for_update(skip_locked=True)
    .scalar_subquery()
)
_LEASE_NEXT = (
    update(HookDelivery)
    .where(
        HookDelivery.tenant_id == _TENANT,
        HookDelivery.id == _NEXT,
        HookMessage.tenant_id == HookDelivery.tenant_id,
        HookMessage.id == HookDelivery.message_id,
    )
    .values(lease_values(HookDelivery, _NOW, _UNTIL))
    .returning(HookDelivery.id, HookDelivery.attempts, HookMessage.id.label("message_id"), HookMessage.body)
)


def _health_statement(succeeded: bool, take_slot: bool) -> Update:
    """The endpoint's health after an attempt, in one UPDATE that returns what the next needs.

    With ``take_slot`` it also takes a slot of the rate limit: a new window starts with this
    slot; within a window the count goes one past the limit to say "no" (claim() reads any
    count at or above the limit as no room either)."""
    values: dict[str, Any] = {"last_attempt_at": _NOW, "last_status_code": bindparam("p_status_code", type_=Integer())}
    if succeeded:
        values.update(last_success_at=_NOW, failure_streak=0, failing_since=None)
    else:
        values.update(
            failure_streak=HookEndpoint.failure_streak + 1,
            failing_since=func.coalesce(HookEndpoint.failing_since, _NOW),
        )
    if take_slot:
        start, count = HookEndpoint.rate_window_start, HookEndpoint.rate_window_count
        expired = or_(start.is_(None), start <= _WINDOW_FROM)
        values["rate_window_start"] = case((expired, _NOW), else_=start)
        values["rate_window_count"] = case((expired, 1), (count <= _RATE, count + 1), else_=count)
    return (
        update(HookEndpoint)
        .where(HookEndpoint.tenant_id == _TENANT, HookEndpoint.id == _ENDPOINT)
        .values(values)
        .returning(HookEndpoint.enabled, HookEndpoint.failing_since, HookEndpoint.rate_window_count, *_SECRETS)
    )


_HEALTH = {(ok, slot): _health_statement(ok, slot) for ok in (True, False) for slot in (True, False)}


@dataclass(frozen=True)
class Prepared:
    """A leased delivery with everything its attempt needs, read before the lease committed."""

    claim: Claim
    endpoint_id: uuid.UUID
    message_id: uuid.UUID
    url: str
    body: bytes
    secrets: list[str]
    headers: dict[str, str]


def _secrets(row: Any, now: datetime) -> tuple[list[str], dict[str, str]]:
    """The signing secrets (the previous one too during its overlap) and the custom headers."""
    found = [decrypt(row.secret)]
    if row.previous_secret and row.previous_secret_until and row.previous_secret_until > now:
        found.append(decrypt(row.previous_secret))
    return found, decrypt_headers(row.headers)


def prepare(db_session: Session, held: Claim) -> Prepared | None:
    """Read what the attempt ``held`` needs, in one query; None when the lease is no longer held."""
    keys = {"p_tenant": held.tenant_id, "p_delivery": held.delivery_id}
    row = db_session.connection().execute(_PREPARE, keys).first()
    db_session.commit()  # hold nothing while the receiver answers
    if row is None or row.status != DeliveryStatus.DELIVERING or row.attempts != held.token:
        return None
    secrets, headers = _secrets(row, clock.now())
    return Prepared(held, row.endpoint_id, row.id, row.url, row.body.encode(), secrets, headers)


def send(prepared: Prepared, settings: Settings, resolver: ssrf.Resolver, cafile: str | None) -> safe_http.Answer:
    """Check the URL (resolving its host now), sign, and POST to the checked address."""
    try:
        target = ssrf.check(prepared.url, settings, resolver)
    except ssrf.Refused as exc:
        return safe_http.Answer(None, None, 0, str(exc))
    headers = {**prepared.headers, **signature_headers(prepared.message_id, prepared.body, prepared.secrets)}
    return safe_http.post(target, prepared.body, headers, settings.hooks_timeout_seconds, cafile=cafile)


def attempt(
    db_session: Session,
    settings: Settings,
    held: Claim,
    *,
    resolver: ssrf.Resolver = ssrf.resolve,
    cafile: str | None = None,
) -> DeliveryStatus | None:
    """Make the attempt ``held`` leases and record its outcome; None when the lease was lost."""
    prepared = prepare(db_session, held)
    if prepared is None:
        return None
    answer = send(prepared, settings, resolver, cafile)
    status = settle_attempt(db_session, settings, prepared, answer).status
    return status


class Settled(NamedTuple):
    """An attempt's outcome: the delivery's status (None: the lease was lost), the endpoint's next
    delivery leased for this lane, and whether the rate limit held the next one back."""

    status: DeliveryStatus | None
    following: Prepared | None = None
    held_back: bool = False


def settle_attempt(
    db_session: Session, settings: Settings, prepared: Prepared, answer: safe_http.Answer, *, take_next: bool = False
) -> Settled:
    """Log the attempt; if the lease is still its own, settle the delivery and the endpoint's
    health, and (``take_next``) lease the endpoint's next due delivery. Commits."""
    held = prepared.claim
    now = clock.now()
    error = None if answer.succeeded else answer.error or "The attempt failed."
    values = outcome(held.token, now, error, POLICY, final=answer.status == 410)
    connection = db_session.connection()
    keys = {"p_tenant": held.tenant_id, "p_delivery": held.delivery_id}
    settled = {f"v_{name}": value for name, value in values.items()}
    result = connection.execute(_SETTLE, {**keys, **settled, "token": held.token, "v_last_status_code": answer.status})
    still_held = int(result.rowcount) == 1
    if not still_held and connection.execute(_EXISTS, keys).first() is None:
        db_session.rollback()  # the delivery is gone (its endpoint or message was deleted)
        return Settled(None)
    connection.execute(_LOG, _log_row(prepared, answer, now))
    if not still_held:
        log.info("an attempt outlived its lease", extra={"delivery_id": str(held.delivery_id)})
        db_session.commit()
        return Settled(None)
    endpoint = _health(db_session, settings, prepared, answer, now, take_slot=take_next)
    following = None
    held_back = take_next and endpoint.enabled and endpoint.rate_window_count > settings.hooks_endpoint_rate
    if take_next and endpoint.enabled and not held_back:
        following = _lease_next(db_session, prepared, endpoint, now)
    db_session.commit()
    status = DeliveryStatus(values["status"])
    log.info(
        "hook attempt %s",
        status.value,
        extra={"delivery_id": str(held.delivery_id), "status_code": answer.status, "ms": answer.duration_ms},
    )
    return Settled(status, following, held_back)


def _log_row(prepared: Prepared, answer: safe_http.Answer, now: datetime) -> dict[str, Any]:
    return {
        "id": new_id(),
        "tenant_id": prepared.claim.tenant_id,
        "delivery_id": prepared.claim.delivery_id,
        "endpoint_id": prepared.endpoint_id,
        "number": prepared.claim.token,
        "attempted_at": now - timedelta(milliseconds=answer.duration_ms),
        "duration_ms": answer.duration_ms,
        "status_code": answer.status,
        "response_body": answer.body,
        "error": answer.error,
        "succeeded": answer.succeeded,
    }


def _health(
    db_session: Session,
    settings: Settings,
    prepared: Prepared,
    answer: safe_http.Answer,
    now: datetime,
    *,
    take_slot: bool,
) -> Any:
    """Update the endpoint's health (and take a rate slot); disable it when the receiver is gone
    or has failed for too long. Its row, as updated."""
    endpoint = (
        db_session.connection()
        .execute(
            _HEALTH[(answer.succeeded, take_slot)],
            {
                "p_tenant": prepared.claim.tenant_id,
                "p_endpoint": prepared.endpoint_id,
                "p_now": now,
                "p_status_code": answer.status,
                "p_window_from": now - RATE_WINDOW,
                "p_rate": settings.hooks_endpoint_rate,
            },
        )
        .one()
    )
    reason, days = None, settings.hooks_disable_after_days
    if answer.status == 410:
        reason = GONE
    elif not answer.succeeded and endpoint.failing_since <= now - timedelta(days=days):
        reason = f"Every delivery failed for {days} days, so the endpoint was disabled."
    if reason is not None and endpoint.enabled:
        set_tenant_scope(db_session, prepared.claim.tenant_id)
        row = db_session.get(HookEndpoint, (prepared.claim.tenant_id, prepared.endpoint_id), populate_existing=True)
        assert row is not None  # updated just above
        disable_endpoint(db_session, row, now, reason, gone=answer.status == 410, days=days)
        return row
    return endpoint


def _lease_next(db_session: Session, prepared: Prepared, endpoint: Any, now: datetime) -> Prepared | None:
    """Lease the endpoint's oldest due delivery (one another worker holds is skipped), with its body."""
    tenant_id = prepared.claim.tenant_id
    parameters = {
        "p_tenant": tenant_id,
        "p_endpoint": prepared.endpoint_id,
        "p_now": now,
        "p_until": now + POLICY.lease,
    }
    row = db_session.connection().execute(_LEASE_NEXT, parameters).first()
    if row is None:
        return None
    secrets, headers = _secrets(endpoint, now)
    return Prepared(
        Claim(tenant_id, row.id, row.attempts),
        prepared.endpoint_id,
        row.message_id,
        endpoint.url,
        row.body.encode(),
        secrets,
        headers,
    )
