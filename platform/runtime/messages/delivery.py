"""Handing one message or signal to one record: the use case a delivery transaction runs.

Like a transition, it locks the instance (its row lock and version counter, ``hold``), restores
it, lets the engine catch the message (engine.flows.messages.deliver) and writes the step with
``settle`` (history kind "message" or "signal"). It flushes; the task commits.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from designer.blueprints.models import Blueprint
from designer.flows.models import Flow
from engine.flows import messages, run
from engine.flows.errors import FlowError
from engine.flows.messages import NOT_WAITING
from runtime.entities import writer
from runtime.entities.models import Entity
from runtime.flows.engine import sandbox, schema_of
from runtime.flows.models import RUNNING, FlowInstance
from runtime.flows.operations import hold, start_instance
from runtime.flows.steps import flow_failed, make_step, settle, variables
from runtime.messages.models import MESSAGE, FlowMessage, FlowSubscription


class NotWaiting(Exception):
    """The record no longer waits for the message: its subscription was stale (and is gone)."""


def deliver_to(db_session: Session, message: FlowMessage, subscription: FlowSubscription) -> list[str]:
    """Deliver ``message`` to the record of ``subscription``; the elements that caught it.

    A message goes to the subscription's element; a signal to every catch of the record that
    listens for it. NotWaiting when the instance moved on meanwhile (the stale row is deleted).
    """
    instance = db_session.get(FlowInstance, subscription.instance_id)
    entity = db_session.get(Entity, subscription.entity_id)
    if instance is None or entity is None or instance.status != RUNNING:
        raise NotWaiting()
    hold(db_session, instance)
    element = subscription.element if message.kind == MESSAGE else None
    try:
        return _step(db_session, message, instance, entity, element)
    except NotWaiting:
        db_session.delete(subscription)
        db_session.flush()
        raise


def start_by_message(db_session: Session, message: FlowMessage, flow: Flow, element: str) -> Entity:
    """A new record of ``flow``'s blueprint from the message's values (those that are its fields),
    started in ``flow`` at its message start ``element``; its blueprint's other flows start as for
    any new record."""
    blueprint = db_session.get(Blueprint, flow.blueprint_id)
    if blueprint is None or blueprint.current_version_id is None:
        raise NotWaiting()
    schema = schema_of(db_session, blueprint.current_version_id)
    data = {key: value for key, value in message.values.items() if schema.column(key) is not None}
    entity = writer.create_record(db_session, blueprint, data, message.user_id)
    instance = db_session.scalars(
        select(FlowInstance).where(FlowInstance.entity_id == entity.id, FlowInstance.flow_id == flow.id)
    ).first()
    if instance is None:  # the record's creation starts the blueprint's other flows, not this one
        instance = start_instance(db_session, flow, entity, message.user_id)
    _step(db_session, message, instance, entity, element)
    return entity


def _step(
    db_session: Session, message: FlowMessage, instance: FlowInstance, entity: Entity, element: str | None
) -> list[str]:
    step = make_step(db_session, instance, entity, instance.flow_version_id, message.user_id)
    before = dict(entity.data)
    step.record = variables(step.schema, before, None)
    workflow = run.restore(instance.state)
    try:
        caught = messages.deliver(
            workflow,
            message.name,
            message.values,
            kind=message.kind,
            element=element,
            sandbox=sandbox(entity.tenant_id),
            now=step.now,
            zone=step.zone,
            record=step.record,
            limits=step.limits,
        )
    except FlowError as exc:
        if exc.code == NOT_WAITING:
            raise NotWaiting() from exc
        raise flow_failed(exc) from exc
    settle(db_session, step, workflow, before, kind=message.kind, element=caught[0], label=message.name[:255])
    return caught
