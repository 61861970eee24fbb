"""Background delivery of messages and signals, and the periodic rounds that keep it going.

Each receiving record is its own transaction: a message's one record, or each listener of a
signal in turn, so one receiver whose step fails (its error is kept on the message) never undoes
another's. A delivery that meets a busy record (another step holds it) stays pending for the
sweep, which also picks up deliveries the broker lost; after ``MAX_ATTEMPTS`` it fails. Expired
messages are purged by the hour, each round's failure contained to that round.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from core import clock, db
from core.celery import task
from core.db import set_tenant_scope
from core.errors import Conflict, Problem
from designer.flows.models import Flow
from engine.flows.messages import starts
from runtime.flows.engine import parsed
from runtime.flows.operations import unexpected
from runtime.locking import lock_first
from runtime.messages.delivery import NotWaiting, deliver_to, forget, start_by_message
from runtime.messages.matching import records_of, waiting
from runtime.messages.models import (
    AMBIGUOUS,
    DELIVERED,
    FAILED,
    MESSAGE,
    PENDING,
    SIGNAL,
    UNMATCHED,
    FlowMessage,
    hook_flow,
)
from runtime.messages.operations import purge_expired

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
SWEEP_AFTER = timedelta(minutes=1)
BATCH = 100


def deliver(db_session: Session, tenant_id: uuid.UUID, message_id: uuid.UUID) -> str | None:
    """Deliver a pending message or signal; its status afterwards (None: not pending)."""
    set_tenant_scope(db_session, tenant_id)
    message = _locked(db_session, message_id)
    if message is None or message.status != PENDING:
        db_session.rollback()
        return None
    message.attempts += 1
    db_session.commit()
    if message.kind == SIGNAL:
        return _deliver_signal(db_session, message_id)
    return _deliver_message(db_session, message_id)


def _deliver_message(db_session: Session, message_id: uuid.UUID) -> str | None:
    message = _locked(db_session, message_id)
    if message is None or message.status != PENDING:  # another worker delivered it meanwhile
        db_session.rollback()
        return None
    try:
        if message.start_flow_id is not None:
            flow = db_session.get(Flow, message.start_flow_id)
            element = _start_element(db_session, flow, message.name)
            if flow is None or element is None:
                raise NotWaiting()
            entity = start_by_message(db_session, message, flow, element)
            message.matched = [str(entity.id)]
        else:
            found = waiting(
                db_session, message.tenant_id, MESSAGE, message.name, message.correlation, flow_key=hook_flow(message)
            )
            records = records_of(found)
            if len(records) != 1:
                _unrouted(message, records)
                db_session.commit()
                return message.status
            deliver_to(db_session, message, found[0])
            message.matched = [str(records[0])]
        _done(message, DELIVERED)
        message.outcomes = {record: DELIVERED for record in message.matched}
        db_session.commit()
    except NotWaiting as exc:
        db_session.rollback()
        if exc.stale is not None:
            forget(db_session, exc.stale)
        return _settle_after(db_session, message_id, None)
    except (OperationalError, Conflict) as exc:  # busy: the sweep tries again
        db_session.rollback()
        return _settle_after(db_session, message_id, exc, keep_pending=True)
    except Exception as exc:
        db_session.rollback()
        return _settle_after(db_session, message_id, exc)
    return DELIVERED


def _deliver_signal(db_session: Session, message_id: uuid.UUID) -> str | None:
    message = _locked(db_session, message_id)
    if message is None or message.status != PENDING:  # another worker delivered it meanwhile
        db_session.rollback()
        return None
    busy = False
    for record in list(message.matched):
        if record in message.outcomes:
            continue
        try:
            entity_id = uuid.UUID(record)
            found = waiting(db_session, message.tenant_id, SIGNAL, message.name, None, entity_id=entity_id)
            if found:
                deliver_to(db_session, message, found[0])
            message.outcomes = {**message.outcomes, record: DELIVERED if found else "not waiting"}
            db_session.commit()
        except NotWaiting as exc:
            db_session.rollback()
            if exc.stale is not None:
                forget(db_session, exc.stale)
            _note(db_session, message_id, record, "not waiting")
        except (OperationalError, Conflict):
            db_session.rollback()
            busy = True
        except Exception as exc:
            db_session.rollback()
            log.warning("a signal's delivery failed", extra={"message_id": str(message_id), "record": record})
            _note(db_session, message_id, record, f"failed: {_reason(exc)}")
        message = _locked(db_session, message_id)
        assert message is not None
    if busy and message.attempts < MAX_ATTEMPTS:
        db_session.commit()
        return PENDING
    if busy:  # still busy at the last attempt: failed, so that the record's missed signal shows
        gave_up = f"failed: the record was busy (another step held it) at each of {message.attempts} attempts"
        message.outcomes = {**{r: gave_up for r in message.matched}, **message.outcomes}
    failed = {r: o for r, o in message.outcomes.items() if o.startswith("failed")}
    _done(message, FAILED if failed and len(failed) == len(message.outcomes) else DELIVERED)
    if failed:
        message.error = "; ".join(f"{record}: {outcome}" for record, outcome in failed.items())[:2000]
    db_session.commit()
    return message.status


def _note(db_session: Session, message_id: uuid.UUID, record: str, outcome: str) -> None:
    message = _locked(db_session, message_id)
    if message is not None:
        message.outcomes = {**message.outcomes, record: outcome[:500]}
        db_session.commit()


def _settle_after(
    db_session: Session, message_id: uuid.UUID, exc: BaseException | None, *, keep_pending: bool = False
) -> str:
    """The message's status after its delivery was rolled back: back to routing when nobody waits
    any more (None), pending for the sweep when busy, else failed with the reason."""
    message = _locked(db_session, message_id)
    if message is None:
        return FAILED
    if exc is None:
        message.start_flow_id = None
        _unrouted(message, [])
    elif keep_pending and message.attempts < MAX_ATTEMPTS:
        message.error = _reason(exc)
    else:
        _done(message, FAILED)
        message.error = _reason(exc)
        log.warning("a message's delivery failed", extra={"message_id": str(message_id)})
    db_session.commit()
    return message.status


def _unrouted(message: FlowMessage, records: list[uuid.UUID]) -> None:
    """Nobody (unmatched, kept until it expires) or several records (ambiguous) wait for it now."""
    message.matched = [str(r) for r in records]
    if records:
        message.status = AMBIGUOUS
        message.error = f"Several records wait for this message: {', '.join(message.matched)}."
    else:
        message.status = UNMATCHED


def _done(message: FlowMessage, status: str) -> None:
    message.status = status
    message.delivered_at = clock.now()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, Problem):
        return exc.detail[:2000]
    return unexpected(exc)


def _start_element(db_session: Session, flow: Flow | None, name: str) -> str | None:
    if flow is None or flow.deleted_at is not None or flow.current_version_id is None:
        return None
    return starts(parsed(db_session, flow.current_version_id)).get(name)


def _locked(db_session: Session, message_id: uuid.UUID) -> FlowMessage | None:
    return lock_first(db_session, FlowMessage, FlowMessage.id == message_id)


def stalled(db_session: Session, limit: int = BATCH) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(tenant, message) of pending messages older than a minute: lost or busy deliveries."""
    query = (
        select(FlowMessage.tenant_id, FlowMessage.id)
        .where(FlowMessage.status == PENDING, FlowMessage.created_at <= clock.now() - SWEEP_AFTER)
        .order_by(FlowMessage.created_at)
        .limit(limit)
        .execution_options(all_tenants=True)
    )
    return [(row[0], row[1]) for row in db_session.execute(query)]


@task(name="messages.deliver")
def deliver_message(tenant_id: str, message_id: str) -> str | None:
    """Deliver one message or signal (sent after the commit that made it pending)."""
    return deliver(db.session(), uuid.UUID(tenant_id), uuid.UUID(message_id))


@task(name="messages.sweep")
def sweep_pending() -> int:
    """Deliver pending messages whose delivery was lost or met a busy record; how many were tried."""
    session = db.session()
    tried = 0
    for tenant_id, message_id in stalled(session):
        try:
            deliver(session, tenant_id, message_id)
            tried += 1
        except Exception:  # one message's trouble stays with it
            session.rollback()
            log.exception("a message's delivery round failed", extra={"message_id": str(message_id)})
    return tried


@task(name="messages.purge")
def purge_expired_messages() -> int:
    """Delete messages kept past LOOM_MESSAGE_RETENTION_HOURS; how many."""
    session = db.session()
    total = 0
    while True:
        try:
            removed = purge_expired(session, BATCH * 10)
            session.commit()
        except Exception:
            session.rollback()
            log.exception("purging expired messages failed; the next round tries again")
            return total
        total += removed
        if removed == 0:
            return total
