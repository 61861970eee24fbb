"""Where a record's waiting buttons lead: the published steps of each flow version, read once per
process and version (like its parsed diagram, ``runtime.flows.engine``), and the waiting inbox
items whose transition takes the record to a given state."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from designer.flows.models import Flow, FlowVersion
from engine.flows.steps import Steps, from_bpmn, transition_elements
from engine.flows.steps.model import Transition
from runtime.definitions import remember, remembered
from runtime.flows.models import FlowInstance, InboxItem
from runtime.flows.operations import published_flows


def steps_of(db_session: Session, version_id: uuid.UUID) -> Steps | None:
    """The steps a published flow version was generated from; None when it is not steps-based."""
    found = remembered(db_session, "steps", version_id)
    if isinstance(found, tuple):
        return found[0] if isinstance(found[0], Steps) else None
    xml = db_session.scalar(select(FlowVersion.xml).where(FlowVersion.id == version_id))
    steps = from_bpmn(xml) if xml is not None else None
    remember(db_session, "steps", version_id, (steps,))
    return steps


def state_flow(db_session: Session, blueprint_id: uuid.UUID, column: str) -> Flow | None:
    """The published flow of the blueprint whose steps move ``column``, if any."""
    for flow in published_flows(db_session, blueprint_id):
        steps = steps_of(db_session, flow.current_version_id) if flow.current_version_id else None
        if steps is not None and steps.state == column:
            return flow
    return None


@dataclass(frozen=True)
class Button:
    """A waiting inbox item and the transition it does."""

    item: InboxItem
    transition: Transition
    state: str  # the state column the transition moves


def buttons(db_session: Session, entity_id: uuid.UUID) -> list[Button]:
    """The record's waiting inbox items that do a transition of a steps-based flow."""
    query = (
        select(InboxItem, FlowInstance.flow_version_id)
        .join(FlowInstance, FlowInstance.id == InboxItem.instance_id)
        .where(InboxItem.entity_id == entity_id, InboxItem.done_at.is_(None))
        .order_by(InboxItem.created_at, InboxItem.id)
    )
    found: list[Button] = []
    for item, version_id in db_session.execute(query):
        steps = steps_of(db_session, version_id)
        if steps is None:
            continue
        elements = transition_elements(steps)
        for transition in steps.transitions:
            if item.element in elements.get(transition.id, []):
                found.append(Button(item, transition, steps.state))
    return found
