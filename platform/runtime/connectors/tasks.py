"""Celery tasks of connectors (queue ``hooks``: they share its network-bound workers; the sweep
runs on ``maintenance``).

``connectors.send`` takes one call: the step that reached it asked for it after its commit.
``connectors.sweep`` (beat, every 5 s) takes what is due otherwise: retries on Loom's clock, and
calls whose worker died (their lease ran out) or whose send task the broker lost. Each call is
leased in a transaction of its own, sent, and recorded in another; whatever goes wrong with one
call is rolled back and left to its lease, without stopping the others.
``connectors.purge`` (beat, hourly) deletes finished calls older than
LOOM_CONNECTOR_CALLS_KEEP_DAYS, in batches that each commit; a failed batch stops only this round.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from sqlalchemy import or_, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from core import clock, db
from core.celery import task
from core.config import Settings
from core.delivery import DeliveryStatus
from core.errors import Conflict
from runtime.connectors import operations
from runtime.connectors.delivery import Outcome
from runtime.connectors.models import ConnectorCall
from runtime.flows.models import FAILED, FlowInstance
from runtime.retention import delete_in_batches
from runtime.settings import app_settings

log = logging.getLogger(__name__)
BATCH = 100
RECORD_TRIES = 3  # a step that meets another step of its instance (409) records again, afresh


def run_call(db_session: Session, settings: Settings, tenant_id: uuid.UUID, call_id: uuid.UUID) -> bool:
    """Lease, send and record one call; whether an attempt was made."""
    try:
        lease = operations.take(db_session, settings, tenant_id, call_id)
        db_session.commit()
    except Exception:
        db_session.rollback()
        log.exception("leasing a connector call broke", extra={"call_id": str(call_id)})
        return False
    if lease is None:
        return False
    try:
        outcome = operations.send(settings, lease)
    except Exception:  # a fault of Loom's own: say so, rather than look like a lost worker later
        log.exception("sending a connector call broke", extra={"call_id": str(call_id)})
        outcome = Outcome(error="Loom could not send the request because of an internal error (logged).")
    for _ in range(RECORD_TRIES):
        try:
            operations.record(db_session, settings, lease, outcome)
            db_session.commit()
            return True
        except (Conflict, OperationalError):
            db_session.rollback()  # the instance moved meanwhile, or the database was busy: again
        except Exception:
            db_session.rollback()
            break
    log.warning("a connector call's outcome was not recorded; its lease will expire", extra={"call_id": str(call_id)})
    return True


@task(name="connectors.send")
def send_call(tenant_id: str, call_id: str) -> bool:
    """Send one connector call now (asked for by the step that reached it)."""
    return run_call(db.session(), app_settings(), uuid.UUID(tenant_id), uuid.UUID(call_id))


@task(name="connectors.sweep")
def sweep() -> int:
    """Send every due call (retries, lost workers, lost tasks); how many attempts were made."""
    session = db.session()
    settings = app_settings()
    return sum(
        run_call(session, settings, tenant_id, call_id) for tenant_id, call_id in operations.due_calls(session, BATCH)
    )


def purge_calls(db_session: Session, keep_days: int) -> int:
    """Delete calls finished more than ``keep_days`` ago: succeeded and closed ones, and failed ones
    whose flow went on (an error boundary took it); a stopped flow keeps its failed calls for
    "Try again". How many; a batch that fails is rolled back and ends the round (logged)."""
    cutoff = clock.now() - timedelta(days=keep_days)
    stopped = select(FlowInstance.id).where(FlowInstance.status == FAILED)
    finished = or_(
        ConnectorCall.status.in_((DeliveryStatus.SUCCEEDED, DeliveryStatus.CLOSED)),
        (ConnectorCall.status == DeliveryStatus.FAILED) & ConnectorCall.instance_id.not_in(stopped),
    )
    chosen = select(ConnectorCall.tenant_id, ConnectorCall.id).where(ConnectorCall.finished_at < cutoff, finished)
    return delete_in_batches(db_session, ConnectorCall, chosen, log, "a connector calls retention batch failed")


@task(name="connectors.purge")
def purge() -> int:
    """Delete finished connector calls past LOOM_CONNECTOR_CALLS_KEEP_DAYS; how many."""
    return purge_calls(db.session(), app_settings().connector_calls_keep_days)
