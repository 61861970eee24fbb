"""A connector call's life: leased, sent, and its outcome written with the flow's next step.

``take`` leases a due call in a short transaction of its own (core.delivery: the attempt number
is the holder's token), so no lock is held while a receiver thinks. ``record`` writes what the
attempt came to, in one transaction with the instance's step: the call succeeds and the flow runs
on (``engine.flows.connectors.done``), or it is due again on the retry schedule, or, after the
last attempt, it fails and the flow takes the step's error boundary (``connectors.failed``) or
stops with the error shown. An outcome counts only while its holder still holds the call, and
the step is written under the instance's version counter: a worker killed between sending and
recording loses nothing (the lease runs out and the call is sent again, with the same
``webhook-id``), and a call never moves its flow twice.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import clock
from core.config import Settings
from core.db import set_tenant_scope
from core.delivery import (
    SVIX_SCHEDULE,
    DeliveryStatus,
    RetryPolicy,
    dead_letter,
    fail,
    holds,
    lease_if_due,
    succeed,
)
from core.delivery.bookkeeping import LOST_WORKER, is_due
from core.errors import Invalid
from engine.flows import connectors
from engine.flows.errors import FlowError
from runtime.connectors import delivery
from runtime.connectors.models import ConnectorCall
from runtime.entities.models import Entity
from runtime.flows.engine import sandbox
from runtime.flows.models import COMPLETED, FlowInstance
from runtime.flows.operations import stop_instance
from runtime.flows.steps import flow_failed, resume_step, settle
from runtime.locking import lock_first

log = logging.getLogger(__name__)
# Reports an outcome to the engine: (the restored workflow, the step's sandbox, now, zone, record, limits).
Report = Callable[[BpmnWorkflow, dict[str, Any]], object]


def policy(settings: Settings) -> RetryPolicy:
    """Svix's schedule, cut to LOOM_CONNECTORS_MAX_ATTEMPTS attempts; a lease outlasting an attempt."""
    attempts = max(1, min(settings.connectors_max_attempts, len(SVIX_SCHEDULE)))
    return RetryPolicy(
        schedule=SVIX_SCHEDULE[:attempts], lease=timedelta(seconds=2 * settings.connectors_timeout_seconds + 30)
    )


@dataclass(frozen=True)
class Lease:
    """A call held for one attempt (``token``), with what to send."""

    tenant_id: uuid.UUID
    call_id: uuid.UUID
    token: int
    kind: str
    request: dict[str, Any]


def due_calls(db_session: Session, limit: int) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(tenant, call) pairs due now (new, retried, or held by a lost worker), oldest due first."""
    query = (
        select(ConnectorCall.tenant_id, ConnectorCall.id)
        .where(is_due(ConnectorCall, clock.now()))
        .order_by(ConnectorCall.next_attempt_at)
        .limit(limit)
        .execution_options(all_tenants=True)
    )
    return [(row[0], row[1]) for row in db_session.execute(query)]


def take(db_session: Session, settings: Settings, tenant_id: uuid.UUID, call_id: uuid.UUID) -> Lease | None:
    """Lease the call when it is due and nobody holds it; the caller commits. A call whose last
    attempt's worker was lost fails here, with its step (``finish``)."""
    set_tenant_scope(db_session, tenant_id)
    lost = partial(give_up, db_session, error=LOST_WORKER)
    leased = lease_if_due(db_session, ConnectorCall, ConnectorCall.id == call_id, clock.now(), policy(settings), lost)
    if leased is None:
        return None
    call, token = leased
    return Lease(tenant_id, call.id, token, call.kind, dict(call.request))


def send(settings: Settings, lease: Lease) -> delivery.Outcome | None:
    """Send a leased HTTP call, outside any transaction; None for an email, which goes into the
    outbox in the transaction that records it (``record``)."""
    if lease.kind == "email":
        return None
    return delivery.send_http(settings, lease.tenant_id, lease.call_id, lease.request)


def record(db_session: Session, settings: Settings, lease: Lease, outcome: delivery.Outcome | None) -> bool:
    """Write the attempt's outcome (None: send the email now) and the flow's step; False when the
    lease was lost meanwhile (another worker holds the call, or it was closed), so nothing counts."""
    set_tenant_scope(db_session, lease.tenant_id)
    call = lock_first(db_session, ConnectorCall, ConnectorCall.id == lease.call_id)
    if call is None or not holds(call, lease.token):
        _dropped(lease.call_id, "its call was closed or another worker holds it")
        return False
    if outcome is None:
        outcome = delivery.send_email(db_session, settings, call.request)
    call.response = outcome.response
    now = clock.now()
    if outcome.error is None:
        succeed(call, now)
        move_on(db_session, call, outcome.result)
    elif outcome.final or not fail(call, now, outcome.error, policy(settings)):
        give_up(db_session, call, outcome.error)
    db_session.flush()
    return True


def _instance(db_session: Session, call: ConnectorCall) -> tuple[FlowInstance, Entity] | None:
    """The call's instance, locked for the step, with its record; None when it cannot move."""
    instance = lock_first(db_session, FlowInstance, FlowInstance.id == call.instance_id)
    if instance is None or instance.status == COMPLETED:
        _dropped(call.id, "its flow has ended")
        return None
    entity = db_session.get(Entity, instance.entity_id)
    if entity is None or entity.deleted_at is not None:
        _dropped(call.id, "its record is in the Trash")
        return None
    return instance, entity


def _dropped(call_id: uuid.UUID, why: str) -> None:
    """An outcome for a step that is gone changes nothing; it is logged, never an error."""
    log.info("a connector call's outcome was dropped: %s", why, extra={"call_id": str(call_id)})


def move_on(db_session: Session, call: ConnectorCall, result: Any) -> None:
    """The call succeeded: the answer's values go into the record and the flow runs on."""
    _step(db_session, call, lambda workflow, step: connectors.done(workflow, call.task_id, result, **step))


def give_up(db_session: Session, call: ConnectorCall, error: str) -> None:
    """The call failed for good: the step's error boundary takes the flow on, or the flow stops."""
    if call.status != DeliveryStatus.FAILED:
        dead_letter(call, clock.now(), error)
    _step(db_session, call, lambda workflow, step: connectors.failed(workflow, call.task_id, error, **step))


def _step(db_session: Session, call: ConnectorCall, report: Report) -> None:
    """Report the outcome to the engine and write the step. A step that fails is undone (a savepoint)
    and stops the instance with its error; the call fails with it, so "Try again" sends it again."""
    found = _instance(db_session, call)
    if found is None:
        return
    instance, entity = found
    step, workflow, before = resume_step(db_session, instance, entity, None)
    if call.task_id not in {request.task_id for request in connectors.requests(workflow)}:
        _dropped(call.id, "the flow no longer waits for its step")
        return
    try:
        with db_session.begin_nested():
            try:
                report(
                    workflow,
                    {
                        "sandbox": sandbox(entity.tenant_id),
                        "now": step.now,
                        "zone": step.zone,
                        "record": step.record,
                        "limits": step.limits,
                    },
                )
            except FlowError as exc:
                raise flow_failed(exc) from exc
            name = step.flow.element_name(call.element)
            settle(db_session, step, workflow, before, kind="connector", element=call.element, label=name)
    except Invalid as exc:
        if call.status != DeliveryStatus.FAILED:
            dead_letter(call, clock.now(), exc.detail)
        refused = {"code": exc.extra.get("code"), "params": exc.extra.get("params") or {}}
        stop_instance(db_session, instance, exc.detail, exc.extra.get("element"), refused)
