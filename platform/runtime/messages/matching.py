"""Which records a message or signal is for, found by SQL on the subscriptions table.

A subscription matches a message of its kind and name when every field it correlates on has the
same value in the message's correlation (JSONB containment, so ``{}`` matches every message of
the name). Records in the Trash and stopped instances wait for a person, not for messages. An
inbound hook's message (``models.hook_flow``) is its flow's: only that flow's instances take it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from designer.flows.models import Flow
from engine.flows.messages import starts
from runtime.entities.models import Entity
from runtime.flows.engine import parsed
from runtime.flows.models import RUNNING, FlowInstance
from runtime.messages.models import HOOK_SOURCE, MESSAGE, UNMATCHED, FlowMessage, FlowSubscription, hook_source


def waiting(
    db_session: Session,
    tenant_id: uuid.UUID,
    kind: str,
    name: str,
    correlation: dict[str, Any] | None,
    *,
    flow_key: str | None = None,
    entity_id: uuid.UUID | None = None,
) -> list[FlowSubscription]:
    """The subscriptions a message (``correlation``) or a signal (None: every listener) reaches,
    oldest instance first; only the instances of the live flow ``flow_key``, only those of the
    record ``entity_id``, when given."""
    query = (
        select(FlowSubscription)
        .join(FlowInstance, FlowInstance.id == FlowSubscription.instance_id)
        .join(Entity, Entity.id == FlowSubscription.entity_id)
        .where(
            FlowSubscription.tenant_id == tenant_id,
            FlowSubscription.kind == kind,
            FlowSubscription.name == name,
            FlowInstance.status == RUNNING,
        )
        .order_by(FlowInstance.started_at, FlowSubscription.instance_id, FlowSubscription.element)
    )
    if correlation is not None:
        query = query.where(FlowSubscription.correlation.contained_by(correlation))
    if flow_key is not None:
        query = query.join(Flow, Flow.id == FlowInstance.flow_id).where(Flow.key == flow_key, Flow.deleted_at.is_(None))
    if entity_id is not None:
        query = query.where(FlowSubscription.entity_id == entity_id)
    return list(db_session.scalars(query))


def records_of(subscriptions: list[FlowSubscription]) -> list[uuid.UUID]:
    """The distinct records of ``subscriptions``, in their order."""
    return list(dict.fromkeys(s.entity_id for s in subscriptions))


def start_flows(
    db_session: Session, tenant_id: uuid.UUID, name: str, *, flow_key: str | None = None
) -> list[tuple[Flow, str]]:
    """The workspace's published flows (only ``flow_key``, when given) that a message ``name``
    starts, each with its start element."""
    query = select(Flow).where(
        Flow.tenant_id == tenant_id, Flow.deleted_at.is_(None), Flow.current_version_id.is_not(None)
    )
    if flow_key is not None:
        query = query.where(Flow.key == flow_key)
    flows = db_session.scalars(query.order_by(Flow.created_at, Flow.id))
    found = []
    for flow in flows:
        assert flow.current_version_id is not None
        element = starts(parsed(db_session, flow.current_version_id)).get(name)
        if element is not None:
            found.append((flow, element))
    return found


def kept_for(db_session: Session, subscription: FlowSubscription, now: datetime) -> FlowMessage | None:
    """The oldest unmatched message still kept that ``subscription`` would have received, locked
    (another step that starts waiting for it at the same moment takes the next one, or none); an
    inbound hook's message only when the subscription's instance is of the hook's flow."""
    if subscription.kind != MESSAGE:
        return None
    flow_key = db_session.scalar(
        select(Flow.key)
        .join(FlowInstance, FlowInstance.flow_id == Flow.id)
        .where(FlowInstance.id == subscription.instance_id)
    )
    mine = FlowMessage.source == hook_source(flow_key) if flow_key is not None else false()
    return db_session.scalars(
        select(FlowMessage)
        .where(
            FlowMessage.tenant_id == subscription.tenant_id,
            FlowMessage.status == UNMATCHED,
            FlowMessage.kind == MESSAGE,
            FlowMessage.name == subscription.name,
            FlowMessage.expires_at > now,
            FlowMessage.correlation.contains(subscription.correlation),
            or_(~FlowMessage.source.startswith(HOOK_SOURCE, autoescape=True), mine),
        )
        .order_by(FlowMessage.created_at, FlowMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()
