"""Connector calls follow their instance and record (``core.events`` receivers, runtime/subscribers.py).

A stopped instance sends nothing more until someone tries again (runtime/flows/operations.py
``retry_instance`` sends its failed and closed calls again). A record in the Trash waits there with
its flows, so its calls close; restored, its running flows send what they still wait for again.
Nothing here raises for a record or instance that is gone: there is then nothing left to send.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import clock
from core.delivery import DeliveryStatus
from core.events import DomainEvent
from engine.flows import run
from runtime.connectors.calls import TRASHED, close_calls, replay_calls
from runtime.connectors.models import ConnectorCall
from runtime.flows.models import COMPLETED, RUNNING, FlowInstance

STOPPED = "The flow stopped; it sends this again when someone tries the flow again."


def _record_id(event: DomainEvent) -> uuid.UUID | None:
    record = event.data.get("record") or {}
    return uuid.UUID(record["id"]) if record.get("id") else None


def on_flow_stopped(db_session: Session, event: DomainEvent) -> None:
    """``flow.stopped``: the instance's open calls close."""
    instance_id = (event.data.get("flow") or {}).get("instance_id")
    if instance_id:
        close_calls(db_session, [uuid.UUID(instance_id)], clock.now(), STOPPED)


def on_record_deleted(db_session: Session, event: DomainEvent) -> None:
    """``record.deleted`` (to the Trash): the open calls of the record's flows close."""
    entity_id = _record_id(event)
    if entity_id is None:
        return
    instances = db_session.scalars(
        select(FlowInstance.id).where(FlowInstance.entity_id == entity_id, FlowInstance.status != COMPLETED)
    ).all()
    close_calls(db_session, instances, clock.now(), TRASHED)


def on_record_restored(db_session: Session, event: DomainEvent) -> None:
    """``record.restored``: each running flow of the record sends its closed calls again."""
    entity_id = _record_id(event)
    if entity_id is None:
        return
    closed = select(ConnectorCall.instance_id).where(ConnectorCall.status == DeliveryStatus.CLOSED)
    instances = db_session.scalars(
        select(FlowInstance).where(
            FlowInstance.entity_id == entity_id, FlowInstance.status == RUNNING, FlowInstance.id.in_(closed)
        )
    )
    now = clock.now()
    for instance in instances:
        replay_calls(db_session, instance.id, run.restore(instance.state), now, statuses=(DeliveryStatus.CLOSED,))
