"""The periodic task that fires due timers: one instance per transaction, none fired twice."""

from __future__ import annotations

import logging
import uuid

from celery import shared_task
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import clock, db
from core.db import set_tenant_scope
from runtime.entities.models import Entity
from runtime.flows.models import FAILED, RUNNING, FlowInstance, FlowTimer
from runtime.flows.operations import fire_or_stop

log = logging.getLogger(__name__)
BATCH = 100


def due_instances(db_session: Session, limit: int = BATCH) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(tenant, instance) pairs with a timer due now, oldest due first; stopped instances wait for a
    person, and those of records in the Trash wait there (the join leaves trashed records out) until
    the record is restored, when their overdue timers fire at the next round."""
    query = (
        select(FlowTimer.tenant_id, FlowTimer.instance_id)
        .join(FlowInstance, FlowInstance.id == FlowTimer.instance_id)
        .join(Entity, Entity.id == FlowInstance.entity_id)
        .where(FlowTimer.due_at <= clock.now(), FlowInstance.status == RUNNING)
        .group_by(FlowTimer.tenant_id, FlowTimer.instance_id)
        .order_by(func.min(FlowTimer.due_at))
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


@shared_task(name="flows.fire_timers")
def fire_due_timers() -> int:
    """Fire every due timer (the beat runs this every 30 s); how many instances moved."""
    session = db.session()
    moved = 0
    for tenant_id, instance_id in due_instances(session):
        if fire_instance(session, tenant_id, instance_id):
            moved += 1
        session.commit()
    return moved
