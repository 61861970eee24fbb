"""Celery tasks of connectors (queue ``hooks``: they share its network-bound workers; the sweep
runs on ``maintenance``).

``connectors.send`` takes one call: the step that reached it asked for it after its commit.
``connectors.sweep`` (beat, every 5 s) takes what is due otherwise: retries on Loom's clock, and
calls whose worker died (their lease ran out) or whose send task the broker lost. Each call is
leased in a transaction of its own, sent, and recorded in another; whatever goes wrong with one
call is rolled back and left to its lease, without stopping the others.
"""

from __future__ import annotations

import logging
import uuid

from celery import shared_task
from flask import current_app
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from core import db
from core.config import Settings
from core.errors import Conflict
from runtime.connectors import operations

log = logging.getLogger(__name__)
BATCH = 100
RECORD_TRIES = 3  # a step that meets another step of its instance (409) records again, afresh


def _settings() -> Settings:
    settings: Settings = current_app.config["LOOM"]
    return settings


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
    outcome = operations.send(settings, lease)
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


@shared_task(name="connectors.send")
def send_call(tenant_id: str, call_id: str) -> bool:
    """Send one connector call now (asked for by the step that reached it)."""
    return run_call(db.session(), _settings(), uuid.UUID(tenant_id), uuid.UUID(call_id))


@shared_task(name="connectors.sweep")
def sweep() -> int:
    """Send every due call (retries, lost workers, lost tasks); how many attempts were made."""
    session = db.session()
    settings = _settings()
    return sum(
        run_call(session, settings, tenant_id, call_id) for tenant_id, call_id in operations.due_calls(session, BATCH)
    )
