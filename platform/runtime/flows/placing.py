"""A record whose state has no place in its flow, and placing it there.

A flow built as steps keeps a record's state in a choice column, and its instance waits in that
state. The two can disagree: a record created before the flow was published, or imported while it
was unpublished, has no instance; a record whose state was edited by hand (the blueprint allows it)
or by an import has an instance waiting in another state. The record page shows such a record
flagged (``misplaced``), and an owner or admin places it (``place_record``): a missing instance
starts, which routes it to the state its value names (the generated diagram's first gateway
routes by the state column); a stray one starts over the same way, on its own version, taking
back the buttons and timers of the state it waited in.

What the page needs besides: the fields the published flows write (``owned.owners``), whether
people may edit them anyway, and the state column, so the state can lead the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import Invalid
from designer.blueprints.models import Blueprint
from designer.flows.models import Flow
from engine.flows.steps import Steps, state_elements
from engine.schema import Schema
from runtime.board.targets import steps_of
from runtime.definitions import schema_of
from runtime.entities.models import Entity
from runtime.flows.models import COMPLETED, FlowInstance, FlowTimer, InboxItem
from runtime.flows.operations import hold, published_flows, run_from_start, start_instance
from runtime.flows.owned import owners
from runtime.flows.steps import settle

NOT_STARTED = "not_started"  # no instance of the flow yet
ELSEWHERE = "elsewhere"  # its instance waits in another state (or finished while the value has a way out)
NO_PLACE = "no_place"  # the value is no state of the flow (an option added after it was published)


@dataclass(frozen=True)
class Standing:
    """A record's state in one steps flow: the column, its value, and where the instance waits."""

    flow: Flow
    steps: Steps
    instance: FlowInstance | None
    value: str
    waits_at: tuple[str, ...]  # the states the instance waits in (none when finished or not started)

    @property
    def reason(self) -> str | None:
        """Why the record is flagged; None when its instance stands where its value says."""
        if self.value not in self.steps.basis.states:
            return NO_PLACE
        if self.instance is None:
            return NOT_STARTED
        if self.instance.status == COMPLETED:
            return ELSEWHERE if self.value in self.steps.ways_out() else None
        if self.value in self.waits_at or (not self.waits_at and self.value not in self.steps.ways_out()):
            return None
        return ELSEWHERE


def _waiting_elements(db_session: Session, instance_ids: list[Any]) -> dict[Any, set[str]]:
    found: dict[Any, set[str]] = {i: set() for i in instance_ids}
    if not instance_ids:
        return found
    items = select(InboxItem.instance_id, InboxItem.element).where(
        InboxItem.instance_id.in_(instance_ids), InboxItem.done_at.is_(None)
    )
    timers = select(FlowTimer.instance_id, FlowTimer.element).where(FlowTimer.instance_id.in_(instance_ids))
    for query in (items, timers):
        for instance_id, element in db_session.execute(query):
            found[instance_id].add(element)
    return found


def standings(db_session: Session, entity: Entity, instances: list[FlowInstance]) -> list[Standing]:
    """The record in each published steps flow of its blueprint whose state column holds a value."""
    by_flow = {i.flow_id: i for i in instances}
    elements = _waiting_elements(db_session, [i.id for i in instances])
    found = []
    for flow in published_flows(db_session, entity.blueprint_id):
        instance = by_flow.get(flow.id)
        version_id = instance.flow_version_id if instance is not None else flow.current_version_id
        steps = steps_of(db_session, version_id) if version_id is not None else None
        value = entity.data.get(steps.state) if steps is not None else None
        if steps is None or not isinstance(value, str) or not value:
            continue
        where = state_elements(steps)
        held = elements.get(instance.id, set()) if instance is not None else set()
        waits_at = tuple(s for s in steps.basis.states if s in {where[e] for e in held if e in where})
        found.append(Standing(flow, steps, instance, value, waits_at))
    return found


def _label(schema: Schema, key: str, value: str | None) -> str:
    column = schema.column(key)
    if value is None:
        return column.label if column is not None else key
    labels = {o.value: o.label for o in column.options} if column is not None else {}
    return labels.get(value, value)


def _message(standing: Standing, schema: Schema, reason: str) -> str:
    field = _label(schema, standing.steps.state, None)
    value = _label(schema, standing.steps.state, standing.value)
    name = standing.flow.name
    if reason == NOT_STARTED:
        return f"This record's {field}, {value}, is not in the flow {name} yet."
    if reason == NO_PLACE:
        return f"This record's {field}, {value}, has no place in the flow {name}."
    if standing.waits_at:
        there = ", ".join(_label(schema, standing.steps.state, s) for s in standing.waits_at)
        return f"This record's {field} is {value}, but the flow {name} waits at {there}."
    return f"This record's {field} is {value}, but the flow {name} has finished."


def page_facts(db_session: Session, entity: Entity, instances: list[FlowInstance], may_place: bool) -> dict[str, Any]:
    """What the record page needs to lead with the state: the state column and its flow, the
    fields the flows write (with the flow's name), whether people may edit them, and the flags."""
    schema = schema_of(db_session, entity.blueprint_version_id)
    blueprint = db_session.get(Blueprint, entity.blueprint_id)
    found = standings(db_session, entity, instances)
    flows_with_state = [
        (flow, steps)
        for flow in published_flows(db_session, entity.blueprint_id)
        if flow.current_version_id is not None
        and (steps := steps_of(db_session, flow.current_version_id)) is not None
        and schema.column(steps.state) is not None
    ]
    state = flows_with_state[0] if flows_with_state else None
    misplaced = []
    for standing in found:
        reason = standing.reason
        if reason is None:
            continue
        key = standing.steps.state
        misplaced.append(
            {
                "flow": {"key": standing.flow.key, "name": standing.flow.name},
                "field": key,
                "field_label": _label(schema, key, None),
                "value": standing.value,
                "value_label": _label(schema, key, standing.value),
                "waits_at": [_label(schema, key, s) for s in standing.waits_at],
                "reason": reason,
                "message": _message(standing, schema, reason),
                "can_place": may_place and reason != NO_PLACE,
            }
        )
    return {
        "state_field": state[1].state if state else None,
        "state_flow": {"key": state[0].key, "name": state[0].name} if state else None,
        "flow_fields": owners(db_session, entity.blueprint_id, [c.key for c in schema.columns]),
        "flow_fields_editable": bool(blueprint.flow_fields_editable) if blueprint is not None else False,
        "misplaced": misplaced,
    }


def place_record(db_session: Session, entity: Entity, flow: Flow, user_id: int) -> FlowInstance:
    """Start or start over ``flow``'s instance of ``entity`` at the state its value names.

    A record already standing there is left as it is (a second click does nothing); a value that is
    no state of the flow, or a flow not built as steps, is refused naming the field."""
    if flow.blueprint_id != entity.blueprint_id or flow.current_version_id is None or flow.deleted_at is not None:
        raise Invalid({"flow": [f"{flow.name} is no published flow of this record's blueprint."]})
    # Two clicks at once: the second waits for the first and then finds the record in place.
    db_session.execute(select(Entity.id).where(Entity.id == entity.id).with_for_update())
    instance = db_session.scalars(
        select(FlowInstance).where(FlowInstance.entity_id == entity.id, FlowInstance.flow_id == flow.id)
    ).first()
    standing = next(
        (s for s in standings(db_session, entity, [instance] if instance else []) if s.flow.id == flow.id), None
    )
    if standing is None:
        schema = schema_of(db_session, entity.blueprint_version_id)
        steps = steps_of(db_session, instance.flow_version_id if instance else flow.current_version_id)
        if steps is None:
            raise Invalid({"flow": [f"{flow.name} has no states to place a record at."]})
        raise Invalid({"flow": [f"This record's {_label(schema, steps.state, None)} is empty; fill it in first."]})
    reason = standing.reason
    if reason is None and instance is not None:
        return instance
    if reason == NO_PLACE:
        schema = schema_of(db_session, entity.blueprint_version_id)
        raise Invalid({"flow": [_message(standing, schema, reason)]})
    if instance is None:
        return start_instance(db_session, flow, entity, user_id)
    return _start_over(db_session, instance, entity, standing, user_id)


def _start_over(
    db_session: Session, instance: FlowInstance, entity: Entity, standing: Standing, user_id: int
) -> FlowInstance:
    """Run the instance's version from its start with the record as it is: the route sends it to
    the state its value names; the buttons and timers of where it waited are taken back."""
    hold(db_session, instance)
    step, workflow, before = run_from_start(db_session, instance, entity, instance.flow_version_id, user_id)
    instance.completed_at = None
    label = _label(step.schema, standing.steps.state, standing.value)
    settle(db_session, step, workflow, before, kind="placed", element=None, label=label[:255])
    return instance
