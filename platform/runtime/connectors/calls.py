"""Keeping ``connector_calls`` in step with what an instance waits on, like the inbox and timers.

``sync_calls`` runs in every step's transaction (runtime/flows/steps.py): a connector step the
instance reached gets its row, due at once, and the send task is asked for after commit; a row
whose step no longer waits (a boundary timer or message took the flow elsewhere, an event
sub-process interrupted it, the flow ended) is closed, so it is never sent and no outcome is
applied to it. The instance stopping, its record going to the Trash, or a move to another version
close or reopen rows too (runtime/connectors/reactions.py, ``after_move``). ``replay_calls`` is a
person's "try again" on a stopped instance: its failed or closed calls start their schedule over.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Collection
from datetime import datetime

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.delivery import DeliveryStatus, replay
from core.delivery.bookkeeping import ERROR_LENGTH, OPEN
from core.dispatch import after_commit
from engine.flows import connectors
from engine.flows.parser import Flow
from runtime.connectors.models import ConnectorCall

log = logging.getLogger(__name__)
SEND_TASK = "connectors.send"
NO_LONGER_WAITING = "The flow no longer waits for this step."
TRASHED = "The record was moved to the Trash; restoring it sends this again."
REPLAYABLE = (DeliveryStatus.FAILED, DeliveryStatus.CLOSED)


def close_calls(
    db_session: Session,
    instance_ids: Collection[uuid.UUID],
    now: datetime,
    reason: str,
    keep: Collection[uuid.UUID] = (),
) -> int:
    """Close the instances' open calls (but those of the steps in ``keep``): nothing more is sent,
    and an outcome a worker brings back for one is dropped (its lease no longer holds); how many."""
    if not instance_ids:
        return 0
    query = select(ConnectorCall).where(ConnectorCall.instance_id.in_(instance_ids), ConnectorCall.status.in_(OPEN))
    closing = [call for call in db_session.scalars(query) if call.task_id not in keep]
    for call in closing:
        _close(call, now, reason)
    return len(closing)


def _close(call: ConnectorCall, now: datetime, reason: str) -> None:
    call.status = DeliveryStatus.CLOSED
    call.finished_at = now
    call.next_attempt_at = None
    call.last_error = reason[:ERROR_LENGTH]
    log.info(
        "a connector call was closed: %s",
        reason,
        extra={"call_id": str(call.id), "instance_id": str(call.instance_id), "element": call.element},
    )


def sync_calls(
    db_session: Session,
    flow: Flow,
    tenant_id: uuid.UUID,
    instance_id: uuid.UUID,
    workflow: BpmnWorkflow,
    now: datetime,
    *,
    trashed: bool = False,
) -> None:
    """One open row per connector step the instance waits on; the others' open rows closed.

    A closed row whose step still waits (the instance had stopped, and this step runs it again) is
    sent again from the start of its schedule. While the record is in the Trash (``trashed``),
    nothing is sent: a step reached then gets a closed row, sent when the record is restored."""
    if not connectors.connector_specs(flow):
        return  # a flow without connectors never had rows (a move away from one: ``after_move``)
    waiting = {request.task_id: request for request in connectors.requests(workflow)}
    known = {
        call.task_id: call
        for call in db_session.scalars(select(ConnectorCall).where(ConnectorCall.instance_id == instance_id))
    }
    for call in known.values():
        if call.task_id not in waiting and call.status in OPEN:
            _close(call, now, NO_LONGER_WAITING)
        elif not trashed and call.task_id in waiting and call.status == DeliveryStatus.CLOSED and replay(call, now):
            after_commit(db_session, SEND_TASK, str(tenant_id), str(call.id))
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
        if trashed:
            _close(call, now, TRASHED)
        else:
            after_commit(db_session, SEND_TASK, str(tenant_id), str(call.id))


def replay_calls(
    db_session: Session,
    instance_id: uuid.UUID,
    workflow: BpmnWorkflow,
    now: datetime,
    statuses: Collection[DeliveryStatus] = REPLAYABLE,
) -> int:
    """Send the failed (or closed) calls the instance still waits on again, from the start of their
    schedule; how many."""
    waiting = {request.task_id for request in connectors.requests(workflow)}
    if not waiting:
        return 0
    stuck = db_session.scalars(
        select(ConnectorCall).where(ConnectorCall.instance_id == instance_id, ConnectorCall.status.in_(statuses))
    )
    replayed = 0
    for call in stuck:
        if call.task_id in waiting and replay(call, now):
            after_commit(db_session, SEND_TASK, str(call.tenant_id), str(call.id))
            replayed += 1
    return replayed


def after_move(db_session: Session, instance_id: uuid.UUID, workflow: BpmnWorkflow, now: datetime) -> None:
    """The instance now follows another version (``workflow``, already moved): the calls of steps it
    no longer waits at close, and those it still waits at that had stopped (a stopped instance moved
    to a fixed version runs again) are sent again."""
    waiting = {request.task_id for request in connectors.requests(workflow)}
    close_calls(db_session, [instance_id], now, NO_LONGER_WAITING, keep=waiting)
    replay_calls(db_session, instance_id, workflow, now)
