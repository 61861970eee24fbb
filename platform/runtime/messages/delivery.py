"""Handing one message or signal to one record: the use case a delivery transaction runs.

Like a transition, it locks the instance (its row lock and version counter, ``hold``), restores
it, lets the engine catch the message (engine.flows.messages.deliver) and writes the step with
``settle`` (history kind "message" or "signal"). It flushes; the task commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from designer.blueprints.models import Blueprint
from designer.flows.models import Flow
from engine.flows import messages
from engine.flows.errors import FlowError
from engine.flows.messages import NOT_WAITING
from runtime.definitions import schema_of
from runtime.entities import writer
from runtime.entities.models import Entity
from runtime.flows.models import RUNNING, FlowInstance
from runtime.flows.operations import hold, start_instance
from runtime.flows.steps import flow_failed, resume_step, settle
from runtime.messages.models import MESSAGE, FlowMessage, FlowSubscription


@dataclass(frozen=True)
class Stale:
    """A subscription row its instance no longer waits for, seen at the instance's lock counter."""

    subscription_id: uuid.UUID
    instance_id: uuid.UUID
    version: int


class NotWaiting(Exception):
    """The record does not wait for the message (any more). ``stale`` names its subscription row
    when that row is stale: the caller rolls the delivery back, then deletes it (``forget``)."""

    def __init__(self, stale: Stale | None = None) -> None:
        super().__init__()
        self.stale = stale


def deliver_to(db_session: Session, message: FlowMessage, subscription: FlowSubscription) -> list[str]:
    """Deliver ``message`` to the record of ``subscription``; the elements that caught it.

    A message goes to the subscription's element; a signal to every catch of the record that
    listens for it. NotWaiting when the instance moved on meanwhile (naming the stale row), or
    when the record's correlation values changed since the message was matched to it: with the
    record's row locked, which a change of its fields also takes (``sync.on_record_updated``
    rewrites the row in that change's transaction), the row must still match the message.
    """
    instance = db_session.get(FlowInstance, subscription.instance_id)
    entity = db_session.get(Entity, subscription.entity_id)
    if instance is None or entity is None or instance.status != RUNNING:
        raise NotWaiting()
    hold(db_session, instance)
    element = subscription.element if message.kind == MESSAGE else None
    if message.kind == MESSAGE and not _still_matches(db_session, message, subscription):
        raise NotWaiting()
    try:
        return _step(db_session, message, instance, entity, element)
    except NotWaiting as exc:
        raise NotWaiting(Stale(subscription.id, instance.id, instance.version)) from exc


def forget(db_session: Session, stale: Stale) -> None:
    """Delete a stale subscription row in a transaction of its own (the delivery's was rolled
    back), unless a step changed its instance since: that step's own sync left the rows right.
    With the instance busy right now the row stays, for the next delivery that meets it."""
    try:
        version = db_session.scalar(
            select(FlowInstance.version).where(FlowInstance.id == stale.instance_id).with_for_update(nowait=True)
        )
    except OperationalError:
        db_session.rollback()
        return
    if version == stale.version:
        db_session.execute(delete(FlowSubscription).where(FlowSubscription.id == stale.subscription_id))
    db_session.commit()


def _still_matches(db_session: Session, message: FlowMessage, subscription: FlowSubscription) -> bool:
    """Whether ``subscription`` (read again after locking its record) still correlates with ``message``."""
    # Busy (OperationalError) when someone is changing the record right now: the sweep tries again.
    db_session.execute(select(Entity.id).where(Entity.id == subscription.entity_id).with_for_update(nowait=True))
    found = db_session.scalar(
        select(FlowSubscription.id).where(
            FlowSubscription.id == subscription.id,
            FlowSubscription.correlation.contained_by(message.correlation),
        )
    )
    return found is not None


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
    step, workflow, before = resume_step(db_session, instance, entity, message.user_id)
    try:
        caught = messages.deliver(
            workflow,
            message.name,
            message.values,
            kind=message.kind,
            element=element,
            **step.engine_args(),
        )
    except FlowError as exc:
        if exc.code == NOT_WAITING:
            raise NotWaiting() from exc
        raise flow_failed(exc) from exc
    settle(db_session, step, workflow, before, kind=message.kind, element=caught[0], label=message.name[:255])
    return caught
