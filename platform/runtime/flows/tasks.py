"""The periodic task that fires due timers: one instance per transaction, none fired twice.

Workspaces take turns: a round takes every workspace's oldest due instance first, then every
workspace's second, and so on, so one workspace with thousands of due timers never makes
another's wait. A step that fails for any reason stops that instance alone (with its error on
the record page) and the round goes on with the next.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from core import clock, db
from core.celery import task
from core.db import set_tenant_scope
from core.errors import Conflict
from runtime.entities.models import Entity
from runtime.flows.models import FAILED, RUNNING, FlowInstance, FlowTimer
from runtime.flows.operations import fire_or_stop, stop_after_error

log = logging.getLogger(__name__)
BATCH = 100


def due_instances(db_session: Session, limit: int = BATCH) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(tenant, instance) pairs with a timer due now, workspaces taking turns, each oldest due first;
    stopped instances wait for a person, and those of records in the Trash wait there (the join
    leaves trashed records out) until the record is restored, when their overdue timers fire at the
    next round."""
    due = (
        select(
            FlowTimer.tenant_id.label("tenant_id"),
            FlowTimer.instance_id.label("instance_id"),
            func.min(FlowTimer.due_at).label("due_at"),
        )
        # Joined on the whole key: with no tenant scope, the id alone reaches no index.
        .join(
            FlowInstance, (FlowInstance.tenant_id == FlowTimer.tenant_id) & (FlowInstance.id == FlowTimer.instance_id)
        )
        .join(Entity, (Entity.tenant_id == FlowInstance.tenant_id) & (Entity.id == FlowInstance.entity_id))
        .where(FlowTimer.due_at <= clock.now(), FlowInstance.status == RUNNING)
        .group_by(FlowTimer.tenant_id, FlowTimer.instance_id)
        .subquery()
    )
    turn = func.row_number().over(partition_by=due.c.tenant_id, order_by=(due.c.due_at, due.c.instance_id))
    ranked = select(due.c.tenant_id, due.c.instance_id, due.c.due_at, turn.label("turn")).subquery()
    query = (
        select(ranked.c.tenant_id, ranked.c.instance_id)
        .order_by(ranked.c.turn, ranked.c.due_at, ranked.c.instance_id)
        .limit(limit)
        .execution_options(all_tenants=True)
    )
    return [(row[0], row[1]) for row in db_session.execute(query)]


def fire_instance(db_session: Session, tenant_id: uuid.UUID, instance_id: uuid.UUID) -> list[str]:
    """Fire one instance's due timers; a step that fails stops the instance with its error."""
    set_tenant_scope(db_session, tenant_id)
    instance = db_session.scalars(
        select(FlowInstance).where(FlowInstance.id == instance_id).with_for_update(skip_locked=True)
    ).first()
    if instance is None or instance.status != RUNNING:  # another worker holds it, it is gone or stopped
        return []
    fired = fire_or_stop(db_session, instance)
    if instance.status == FAILED:
        log.warning("a timer step failed; the instance is stopped", extra={"instance_id": str(instance_id)})
    return fired


def fire_one(db_session: Session, tenant_id: uuid.UUID, instance_id: uuid.UUID) -> bool:
    """Fire one instance in a transaction of its own; whether it moved. Whatever goes wrong is rolled
    back and stops this instance alone (in a fresh transaction); a busy database or a record changed
    meanwhile leaves it for the next round."""
    try:
        moved = bool(fire_instance(db_session, tenant_id, instance_id))
        db_session.commit()
        return moved
    except (OperationalError, Conflict) as exc:
        db_session.rollback()
        log.warning(
            "a timer step waits for the next round",
            extra={"instance_id": str(instance_id), "tenant_id": str(tenant_id), "error": type(exc).__name__},
        )
        return False
    except Exception as exc:
        db_session.rollback()
        log.warning(
            "a timer step failed; the instance is stopped",
            extra={"instance_id": str(instance_id), "tenant_id": str(tenant_id), "error": type(exc).__name__},
        )
        _stop_alone(db_session, tenant_id, instance_id, exc)
        return False


def _stop_alone(db_session: Session, tenant_id: uuid.UUID, instance_id: uuid.UUID, exc: Exception) -> None:
    try:
        set_tenant_scope(db_session, tenant_id)
        stop_after_error(db_session, instance_id, exc)
        db_session.commit()
    except Exception as again:
        db_session.rollback()
        log.error(
            "a failed timer step could not stop its instance",
            extra={"instance_id": str(instance_id), "tenant_id": str(tenant_id), "error": type(again).__name__},
        )


@task(name="flows.fire_timers")
def fire_due_timers() -> int:
    """Fire every due timer (the beat runs this every 30 s); how many instances moved."""
    session = db.session()
    return sum(fire_one(session, tenant_id, instance_id) for tenant_id, instance_id in due_instances(session, BATCH))
