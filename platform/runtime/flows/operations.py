"""Flow instance use cases: start one for a record, do a transition, fire timers. They flush.

Every step ends in ``_settle``: the record takes the columns the flow changed (through the
blueprint's validation), the instance keeps its new state, the inbox and the timer table follow
what the instance now waits for, and the history says who changed what. All of it is one
transaction; the instance's version counter makes two simultaneous steps end in one success and
one 409, never in two transitions.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core import clock
from core.errors import Conflict, Forbidden, Invalid
from core.ids import new_id
from designer.flows.models import Flow, FlowVersion
from engine.flows import run
from engine.flows.errors import FlowError
from engine.flows.migrate import move
from engine.flows.parser import Flow as ParsedFlow
from engine.flows.variables import changed_columns, field_changes, to_variables
from engine.schema import FieldErrors, Schema
from engine.schema.search import searchable_text
from runtime.entities.models import Entity
from runtime.flows.engine import parsed, sandbox, schema_of, zone_of
from runtime.flows.models import COMPLETED, FAILED, RUNNING, FlowHistory, FlowInstance, FlowTimer, InboxItem

log = logging.getLogger(__name__)
JUST_DONE = "Someone else did this step just now; here is where the record is now."


def flow_failed(exc: FlowError) -> Invalid:
    """A flow error as problem+json: the message and the BPMN element it happened at."""
    return Invalid({"flow": [exc.message]}, exc.message, extra={"element": exc.element})


@dataclass
class _Step:
    """Everything one step of one instance touches."""

    instance: FlowInstance
    entity: Entity
    flow: ParsedFlow
    schema: Schema
    zone: str
    now: datetime
    user_id: int | None
    # The record's columns as variables: scripts see these and write into them (engine.flows.run).
    record: dict[str, Any] = field(default_factory=dict)


def entity_schema(db_session: Session, entity: Entity) -> Schema:
    return schema_of(db_session, entity.blueprint_version_id)


def _step(
    db_session: Session, instance: FlowInstance, entity: Entity, version_id: uuid.UUID, user_id: int | None
) -> _Step:
    """A step of ``instance`` on flow version ``version_id``, at Loom's now."""
    return _Step(
        instance,
        entity,
        parsed(db_session, version_id),
        entity_schema(db_session, entity),
        zone_of(db_session, entity.tenant_id),
        clock.now(),
        user_id,
    )


def start_instance(db_session: Session, flow: Flow, entity: Entity, user_id: int | None) -> FlowInstance:
    """Start ``flow``'s published version for ``entity`` and run it to its first wait."""
    version = flow.current_version
    if version is None:
        raise Invalid({"flow": [f"Publish {flow.name} before starting it."]})
    exists = db_session.scalars(
        select(FlowInstance.id).where(FlowInstance.entity_id == entity.id, FlowInstance.flow_id == flow.id)
    ).first()
    if exists is not None:
        raise Conflict(f"This record is already in {flow.name}.")
    instance = FlowInstance(
        tenant_id=entity.tenant_id, flow_id=flow.id, flow_version_id=version.id, entity_id=entity.id
    )
    step = _step(db_session, instance, entity, version.id, user_id)
    before = dict(entity.data)
    step.record = to_variables(step.schema, before)
    try:
        workflow = run.start(
            step.flow, dict(step.record), sandbox=sandbox(), now=step.now, zone=step.zone, record=step.record
        )
    except FlowError as exc:
        raise flow_failed(exc) from exc
    step.instance.started_at = step.now
    _settle(db_session, step, workflow, before, kind="started", element=None, label=None)
    return step.instance


def start_flows_for(db_session: Session, entity: Entity, user_id: int | None) -> list[FlowInstance]:
    """Start every published flow of the record's blueprint (a record was just created)."""
    flows = db_session.scalars(
        select(Flow)
        .where(
            Flow.blueprint_id == entity.blueprint_id, Flow.deleted_at.is_(None), Flow.current_version_id.is_not(None)
        )
        .order_by(Flow.created_at)
    )
    return [start_instance(db_session, flow, entity, user_id) for flow in flows]


def complete_item(db_session: Session, item: InboxItem, data: dict[str, Any], user_id: int) -> list[InboxItem]:
    """Do the transition ``item`` waits for, with its form's ``data``; the caller checked who may.

    Returns the instance's inbox items still or newly waiting afterwards.
    """
    if item.done_at is not None:
        raise Conflict(JUST_DONE)
    instance = db_session.get(FlowInstance, item.instance_id)
    entity = db_session.get(Entity, item.entity_id)
    assert instance is not None and entity is not None
    unknown = [key for key in data if key not in item.fields]
    if unknown:
        raise Invalid({f"data.{key}": ["This step's form has no such field."] for key in unknown})
    step = _step(db_session, instance, entity, instance.flow_version_id, user_id)
    before = dict(entity.data)
    try:
        with_form = step.schema.validate(data, existing=before)
    except FieldErrors as exc:
        raise Invalid({f"data.{k}": v for k, v in exc.errors.items()}) from exc
    workflow = run.restore(instance.state)
    # The open inbox items are the tasks waiting before this step; when that is this item alone,
    # the session already holds all of them and the step need not look them up.
    known = [item] if [t.id for t in run.waiting(workflow)] == [item.task_id] else None
    step.record = to_variables(step.schema, with_form)
    try:
        run.complete(
            workflow,
            item.task_id,
            dict(step.record),
            sandbox=sandbox(),
            now=step.now,
            zone=step.zone,
            record=step.record,
        )
    except FlowError as exc:
        if exc.element is None and "no longer waiting" in exc.message:
            raise Conflict(JUST_DONE) from exc
        raise flow_failed(exc) from exc
    entity.data = with_form
    return _settle(
        db_session, step, workflow, before, kind="transition", element=item.element, label=item.label, known=known
    )


def fire_timers(db_session: Session, instance: FlowInstance) -> list[str]:
    """Fire the instance's due timers on Loom's clock and run on; the elements fired."""
    entity = db_session.get(Entity, instance.entity_id)
    assert entity is not None
    step = _step(db_session, instance, entity, instance.flow_version_id, None)
    before = dict(entity.data)
    step.record = to_variables(step.schema, before)
    workflow = run.restore(instance.state)
    try:
        fired = run.fire_due_timers(workflow, sandbox=sandbox(), now=step.now, zone=step.zone, record=step.record)
    except FlowError as exc:
        raise flow_failed(exc) from exc
    if fired:
        label = ", ".join(fired)
        _settle(db_session, step, workflow, before, kind="timer", element=fired[0], label=label)
    return fired


def fire_or_stop(db_session: Session, instance: FlowInstance, user_id: int | None = None) -> list[str]:
    """Fire the instance's due timers; if that step fails, undo it and stop the instance with the error.

    Nobody waits on a timer step to see its error, so the instance keeps it (status FAILED, the
    record page shows it, the history says so) instead of failing again every round; a person
    tries again (``retry_instance``) or moves the record to a fixed version of the flow.
    """
    try:
        with db_session.begin_nested():
            return fire_timers(db_session, instance)
    except Invalid as exc:
        _stop(db_session, instance, exc, user_id)
        return []


def retry_instance(db_session: Session, instance: FlowInstance, user_id: int) -> None:
    """Run a stopped instance's failed timer step again; stopped again (with the new error) if it fails."""
    if instance.status != FAILED:
        raise Conflict("This record's flow is not stopped; there is nothing to try again.")
    instance.status, instance.error = RUNNING, None
    try:
        db_session.flush()
    except StaleDataError as exc:
        raise Conflict(JUST_DONE) from exc
    fire_or_stop(db_session, instance, user_id)


def _stop(db_session: Session, instance: FlowInstance, exc: Invalid, user_id: int | None) -> None:
    now = clock.now()
    element = exc.extra.get("element")
    name = parsed(db_session, instance.flow_version_id).element_name(element)
    instance.status = FAILED
    instance.error = {"message": exc.detail, "element": element, "name": name, "at": now.isoformat()}
    instance.updated_at = now
    db_session.add(
        FlowHistory(
            tenant_id=instance.tenant_id,
            entity_id=instance.entity_id,
            instance_id=instance.id,
            flow_id=instance.flow_id,
            kind="failed",
            element=element,
            label=exc.detail,
            user_id=user_id,
            at=now,
            changes=[],
        )
    )
    db_session.flush()


def _settle(
    db_session: Session,
    step: _Step,
    workflow: BpmnWorkflow,
    before: dict[str, Any],
    *,
    kind: str,
    element: str | None,
    label: str | None,
    known: list[InboxItem] | None = None,
) -> list[InboxItem]:
    """Write the step's outcome; the inbox items waiting afterwards (``known``: see _sync_waiting)."""
    entity, instance = step.entity, step.instance
    changed = changed_columns(step.schema, entity.data, step.record, step.zone)
    if changed:
        try:
            after = step.schema.validate(changed, existing=entity.data)
        except FieldErrors as exc:
            errors = {f"data.{k}": [f"The flow set a value this field refuses: {v[0]}"] for k, v in exc.errors.items()}
            raise Invalid(errors, extra={"element": element}) from exc
    else:
        after = dict(entity.data)
    if instance not in db_session:  # a new instance joins the session only once its first step holds
        db_session.add(instance)
    changes = field_changes(step.schema, before, after)
    if changes:
        entity.data = after
        entity.search_text = searchable_text(step.schema, after)
        entity.updated_by = step.user_id
        entity.updated_at = step.now
    instance.state = run.serialize(workflow)
    instance.updated_at = step.now
    if workflow.is_completed():
        instance.status = COMPLETED
        instance.completed_at = step.now
    else:  # a step that holds ends a stop: the flow runs again
        instance.status, instance.error = RUNNING, None
    try:
        db_session.flush()
    except StaleDataError as exc:
        raise Conflict(JUST_DONE) from exc
    _record(db_session, step, kind, element, label, changes)
    if workflow.is_completed():
        _record(db_session, step, "completed", None, None, [])
    waiting = _sync_waiting(
        db_session, step, workflow, done_element=element if kind == "transition" else None, known=known
    )
    db_session.flush()
    return waiting


def _record(
    db_session: Session, step: _Step, kind: str, element: str | None, label: str | None, changes: list[Any]
) -> None:
    db_session.add(
        FlowHistory(
            tenant_id=step.entity.tenant_id,
            entity_id=step.entity.id,
            instance_id=step.instance.id,
            flow_id=step.instance.flow_id,
            kind=kind,
            element=element,
            label=label,
            user_id=step.user_id,
            at=step.now,
            changes=changes,
        )
    )


def _sync_waiting(
    db_session: Session,
    step: _Step,
    workflow: BpmnWorkflow,
    done_element: str | None,
    known: list[InboxItem] | None = None,
) -> list[InboxItem]:
    """Make the inbox and the timer table say what the instance waits for now; the open items.

    ``known`` are the instance's open items when the caller holds all of them already.
    """
    instance = step.instance
    waiting = {task.id: task for task in run.waiting(workflow)}
    timers = run.timers(workflow) if step.flow.has_timers else []
    due_by_parent: dict[uuid.UUID, datetime] = {}
    for task_id, _element, due in timers:
        parent = workflow.get_task_from_id(task_id).parent
        if parent is not None:
            due_by_parent[parent.id] = min(due, due_by_parent.get(parent.id, due))
    if known is None:
        known = list(
            db_session.scalars(
                select(InboxItem).where(InboxItem.instance_id == instance.id, InboxItem.done_at.is_(None))
            )
        )
    still_open = []
    for item in known:
        task = waiting.pop(item.task_id, None)
        if task is None:
            item.done_at = step.now
            item.done_by = step.user_id if item.element == done_element else None
        else:  # still waiting; after a move to a new version its label, form or role may differ
            _describe(item, task, step)
            still_open.append(item)
    for task in waiting.values():
        item = InboxItem(
            id=new_id(),
            tenant_id=instance.tenant_id,
            instance_id=instance.id,
            entity_id=step.entity.id,
            flow_id=instance.flow_id,
            blueprint_id=step.entity.blueprint_id,
            task_id=task.id,
            due_at=due_by_parent.get(task.parent.id) if task.parent is not None else None,
            created_at=step.now,
        )
        _describe(item, task, step)
        db_session.add(item)
        still_open.append(item)
    _sync_timers(db_session, step, timers)
    return sorted(still_open, key=lambda i: (i.created_at, i.id))


def _sync_timers(db_session: Session, step: _Step, timers: list[tuple[uuid.UUID, str, datetime]]) -> None:
    """The timer table: one row per timer the instance waits for."""
    if not step.flow.has_timers:
        return
    instance = step.instance
    kept = {t.task_id: t for t in db_session.scalars(select(FlowTimer).where(FlowTimer.instance_id == instance.id))}
    for task_id, element, due in timers:
        if kept.pop(task_id, None) is None:
            db_session.add(
                FlowTimer(
                    tenant_id=instance.tenant_id, instance_id=instance.id, task_id=task_id, element=element, due_at=due
                )
            )
    for stale in kept.values():
        db_session.delete(stale)


def _describe(item: InboxItem, task: Task, step: _Step) -> None:
    """The item as the flow's version describes its task: label, who may do it, the form's fields."""
    spec = task.task_spec
    transition = step.flow.transitions.get(spec.name)
    item.element = spec.bpmn_id or spec.name
    item.label = (transition.label if transition else None) or spec.bpmn_name or spec.bpmn_id or spec.name
    item.role = transition.role if transition else None
    item.member = transition.member if transition else None
    item.fields = [f for f in (transition.fields if transition else ()) if step.schema.column(f) is not None]


def move_instance(db_session: Session, instance: FlowInstance, target: FlowVersion, user_id: int | None) -> None:
    """Move a running instance to ``target`` (a newer version of its flow) where it stands."""
    entity = db_session.get(Entity, instance.entity_id)
    assert entity is not None
    step = _step(db_session, instance, entity, target.id, user_id)
    try:
        instance.state = move(instance.state, step.flow)
    except FlowError as exc:
        raise flow_failed(exc) from exc
    instance.flow_version_id = target.id
    instance.updated_at = step.now
    instance.status, instance.error = RUNNING, None  # a stopped one tries its timers again on the new version
    try:
        db_session.flush()
    except StaleDataError as exc:
        raise Conflict("The record moved on while it was being moved; try again.") from exc
    _record(db_session, step, "moved", None, f"Version {target.number}", [])
    for stale in db_session.scalars(select(FlowTimer).where(FlowTimer.instance_id == instance.id)):
        db_session.delete(stale)  # the new version's timers are written afresh below
    db_session.flush()
    _sync_waiting(db_session, step, run.restore(instance.state), done_element=None)
    db_session.flush()


def claim_item(db_session: Session, item: InboxItem, user_id: int) -> InboxItem:
    """Take the task so others see it is being handled; 409 when someone else holds it."""
    if item.done_at is not None:
        raise Conflict(JUST_DONE)
    if item.assignee_id not in (None, user_id):
        raise Conflict("Someone else claimed this step just now.")
    item.assignee_id = user_id
    db_session.flush()
    return item


def unclaim_item(db_session: Session, item: InboxItem, user_id: int, may_manage: bool) -> InboxItem:
    """Give the task back; only its holder (or an owner or admin) may."""
    if item.assignee_id not in (None, user_id) and not may_manage:
        raise Forbidden("Only the person who claimed this step, or an owner or admin, can give it back.")
    item.assignee_id = None
    db_session.flush()
    return item
