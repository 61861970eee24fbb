"""Keeping ``connector_calls`` in step with what an instance waits on, like the inbox and timers.

``sync_calls`` runs in every step's transaction (runtime/flows/steps.py): a connector step the
instance reached gets its row, due at once, and the send task is asked for after commit; a row
whose step no longer waits (a boundary timer took the flow elsewhere, the instance moved to a
version without it) is closed, so it is never sent or reported. ``replay_calls`` is a person's
"try again" on a stopped instance: its failed calls start their schedule over.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.delivery import DeliveryStatus, dead_letter, replay
from core.delivery.bookkeeping import OPEN
from core.dispatch import after_commit
from engine.flows import connectors
from engine.flows.parser import Flow
from runtime.connectors.models import ConnectorCall

SEND_TASK = "connectors.send"
NO_LONGER_WAITING = "The flow no longer waits for this step."


def sync_calls(
    db_session: Session, flow: Flow, tenant_id: uuid.UUID, instance_id: uuid.UUID, workflow: BpmnWorkflow, now: datetime
) -> None:
    """One row per connector step the instance waits on; the others' open rows closed."""
    if not connectors.connector_specs(flow):
        return
    waiting = {request.task_id: request for request in connectors.requests(workflow)}
    known = {
        call.task_id: call
        for call in db_session.scalars(select(ConnectorCall).where(ConnectorCall.instance_id == instance_id))
    }
    for call in known.values():
        if call.task_id not in waiting and call.status in OPEN:
            dead_letter(call, now, NO_LONGER_WAITING)
    for task_id, request in waiting.items():
        if task_id in known:
            continue
        call = ConnectorCall(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            instance_id=instance_id,
            task_id=task_id,
            element=request.element,
            kind=request.kind,
            request=request.params,
            status=DeliveryStatus.PENDING,
            attempts=0,
            next_attempt_at=now,
        )
        db_session.add(call)
        after_commit(db_session, SEND_TASK, str(tenant_id), str(call.id))


def replay_calls(db_session: Session, instance_id: uuid.UUID, workflow: BpmnWorkflow, now: datetime) -> int:
    """Send the failed calls the instance still waits on again, from the start of their schedule;
    how many."""
    waiting = {request.task_id for request in connectors.requests(workflow)}
    failed = db_session.scalars(
        select(ConnectorCall).where(
            ConnectorCall.instance_id == instance_id, ConnectorCall.status == DeliveryStatus.FAILED
        )
    )
    replayed = 0
    for call in failed:
        if call.task_id in waiting and replay(call, now):
            after_commit(db_session, SEND_TASK, str(call.tenant_id), str(call.id))
            replayed += 1
    return replayed
