"""The subscriptions table and the messages a step threw, kept in the transaction of the step.

``runtime.flows.steps`` calls these for every step: ``sync_subscriptions`` makes the table say
what the instance waits for now (next to the inbox and the timer table), and hands the instance
an unmatched message that was kept for it; ``send_thrown`` turns what the step threw into
messages, routed like any other (runtime.messages.operations.route) and delivered after commit.
``on_record_updated`` keeps the correlation values in step when a record's fields change between
steps (a person corrects the order number the record waits with).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core import clock
from core.dispatch import after_commit
from core.events import DomainEvent
from designer.flows.models import Flow
from engine.flows.messages import subscriptions, thrown
from runtime.entities.models import Entity
from runtime.messages.matching import kept_for
from runtime.messages.models import PENDING, FlowSubscription
from runtime.messages.operations import DELIVER_TASK, new_message, route

if TYPE_CHECKING:
    from runtime.flows.steps import Step


def sync_subscriptions(db_session: Session, step: Step, workflow: BpmnWorkflow) -> None:
    """One row per message or signal the instance waits for; stale ones go. A version that hears
    none has no rows to keep, so its steps spend no statement here: rows are written only for
    versions that listen, and an instance moved from one of those to a version that does not
    loses its rows in the move (``drop_subscriptions``)."""
    instance = step.instance
    if not step.flow.correlations.listens:
        return
    wanted = [] if workflow.is_completed() else subscriptions(step.flow, workflow, step.entity.data)
    kept = {
        _key(row.kind, row.name, row.element, row.correlation): row
        for row in db_session.scalars(select(FlowSubscription).where(FlowSubscription.instance_id == instance.id))
    }
    added = []
    for wait in wanted:
        if kept.pop(_key(wait.kind, wait.name, wait.element, wait.correlation), None) is None:
            row = FlowSubscription(
                tenant_id=instance.tenant_id,
                instance_id=instance.id,
                entity_id=step.entity.id,
                kind=wait.kind,
                name=wait.name,
                element=wait.element,
                correlation=wait.correlation,
            )
            db_session.add(row)
            added.append(row)
    for stale in kept.values():
        db_session.delete(stale)
    db_session.flush()
    for row in added:
        _hand_kept(db_session, row, step.now)


def drop_subscriptions(db_session: Session, instance_id: uuid.UUID) -> None:
    """The instance waits for no message now: it moved to a version that hears none
    (runtime.flows.operations.move_instance), and rows nothing delivers to would stay."""
    db_session.execute(delete(FlowSubscription).where(FlowSubscription.instance_id == instance_id))


def on_record_updated(db_session: Session, event: DomainEvent) -> None:
    """A record's fields changed (a person, the API, an import, a step): what it waits for
    correlates on its values now, and a kept message that matches them now is handed to it."""
    entity = event.subject if isinstance(event.subject, Entity) else None
    if entity is None or not event.changed:
        return
    changed = set(event.changed)
    for row in db_session.scalars(select(FlowSubscription).where(FlowSubscription.entity_id == entity.id)):
        if changed & row.correlation.keys():
            row.correlation = {key: entity.data.get(key) for key in row.correlation}
            db_session.flush()
            _hand_kept(db_session, row, clock.now())


def _hand_kept(db_session: Session, row: FlowSubscription, now: datetime) -> None:
    """A message kept unmatched until a record waits for it: to this one, if it matches."""
    message = kept_for(db_session, row, now)
    if message is not None:
        message.status, message.matched = PENDING, [str(row.entity_id)]
        after_commit(db_session, DELIVER_TASK, str(message.tenant_id), str(message.id))


def send_thrown(db_session: Session, step: Step, workflow: BpmnWorkflow, events: list[Any]) -> None:
    """What the step threw (engine.flows.messages.take) as messages of the workspace."""
    if not events:
        return
    flow = db_session.get(Flow, step.instance.flow_id)
    source = f"flow:{flow.key if flow is not None else step.instance.flow_id}"
    for out in thrown(step.flow, workflow, events, step.entity.data):
        message = new_message(
            step.instance.tenant_id, out.kind, out.name, out.correlation, out.values, source, step.user_id
        )
        route(db_session, message)
        db_session.add(message)
    db_session.flush()


def _key(kind: str, name: str, element: str, correlation: dict[str, Any]) -> tuple[str, str, str, str]:
    return kind, name, element, json.dumps(correlation, sort_keys=True, default=str)
