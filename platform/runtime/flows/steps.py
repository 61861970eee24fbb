"""A step of a flow instance, written down: the part every use case in operations.py ends with.

``settle`` writes a step's outcome: the record takes the columns the flow changed (through the
blueprint's validation), the instance keeps its new state, the inbox, the timer table and the
connector calls follow what the instance now waits for, and the history says who changed what.
All of it is one transaction; the instance's version counter makes two simultaneous steps end in
one success and one 409, never in two transitions.
"""

from __future__ import annotations

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
from core.errors import Conflict, Invalid
from core.i18n import workspace_zone
from core.ids import new_id
from engine.flows import messages, run
from engine.flows.errors import FlowError
from engine.flows.limits import DEFAULT_LIMITS, Limits, check_state
from engine.flows.parser import Flow as ParsedFlow
from engine.flows.variables import changed_columns, to_variables
from engine.schema import FieldErrors, Schema
from runtime.connectors.calls import sync_calls
from runtime.definitions import schema_of
from runtime.entities import writer
from runtime.entities.models import Entity
from runtime.flows import events
from runtime.flows.engine import limits, parsed, sandbox
from runtime.flows.models import COMPLETED, RUNNING, FlowHistory, FlowInstance, FlowTimer, InboxItem
from runtime.messages.sync import send_thrown, sync_subscriptions

JUST_DONE = "Someone else did this step just now; here is where the record is now."


def flow_failed(exc: FlowError) -> Invalid:
    """A flow error as problem+json: the message, the BPMN element it happened at, and the code and
    params the webapp shows it from in the user's language."""
    return Invalid(
        {"flow": [exc.message]}, exc.message, extra={"element": exc.element, "code": exc.code, "params": exc.params}
    )


@dataclass
class Step:
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
    # The record's values with a transition form's values applied, when the step has a form.
    form: dict[str, Any] | None = None
    limits: Limits = DEFAULT_LIMITS  # what the step may spend (LOOM_FLOW_MAX_*)

    def engine_args(self) -> run.StepArgs:
        """What the engine's calls that run this step's scripts take besides the workflow: the
        workspace's sandbox, the step's clock and zone, the record and the limits."""
        return run.StepArgs(
            sandbox=sandbox(self.entity.tenant_id), now=self.now, zone=self.zone, record=self.record, limits=self.limits
        )


PRESSED_BY = "pressed_by"


def variables(schema: Schema, data: dict[str, Any], pressed_by: int | None) -> dict[str, Any]:
    """The record's columns as the step's variables, plus ``pressed_by``: the id of the person
    doing the transition (None at the start and in timer steps). Every step sets it afresh, so a
    value an earlier step left in the instance's data is never what a script sees; a column of
    that name wins over it. It is never written to the record (only columns are)."""
    record = to_variables(schema, data)
    if schema.column(PRESSED_BY) is None:
        record[PRESSED_BY] = pressed_by
    return record


def entity_schema(db_session: Session, entity: Entity) -> Schema:
    return schema_of(db_session, entity.blueprint_version_id)


def make_step(
    db_session: Session, instance: FlowInstance, entity: Entity, version_id: uuid.UUID, user_id: int | None
) -> Step:
    """A step of ``instance`` on flow version ``version_id``, at Loom's now."""
    return Step(
        instance,
        entity,
        parsed(db_session, version_id),
        entity_schema(db_session, entity),
        workspace_zone(db_session, entity.tenant_id).key,
        clock.now(),
        user_id,
        limits=limits(),
    )


def resume_step(
    db_session: Session, instance: FlowInstance, entity: Entity, user_id: int | None
) -> tuple[Step, BpmnWorkflow, dict[str, Any]]:
    """A step of ``instance`` where it waits, on its own version, with the record as it is now:
    the step, the workflow restored, and the record's data before, ready for ``settle``."""
    step = make_step(db_session, instance, entity, instance.flow_version_id, user_id)
    before = dict(entity.data)
    step.record = variables(step.schema, before, None)
    return step, run.restore(instance.state), before


def settle(
    db_session: Session,
    step: Step,
    workflow: BpmnWorkflow,
    before: dict[str, Any],
    *,
    kind: str,
    element: str | None,
    label: str | None,
    known: list[InboxItem] | None = None,
) -> list[InboxItem]:
    """Write the step's outcome; the inbox items waiting afterwards (``known``: see sync_waiting)."""
    entity, instance = step.entity, step.instance
    thrown = messages.take(workflow)  # what the step threw leaves the state before it is kept
    try:  # before anything is written
        state = run.serialize(workflow)
        check_state(workflow, state, step.limits)
    except FlowError as exc:
        raise flow_failed(exc) from exc
    base = step.form if step.form is not None else before
    changed = changed_columns(step.schema, base, step.record, step.zone)
    if changed:
        try:
            after = step.schema.validate(changed, existing=base)
        except FieldErrors as exc:
            errors = {f"data.{k}": [f"The flow set a value this field refuses: {v[0]}"] for k, v in exc.errors.items()}
            raise Invalid(errors, extra={"element": element}) from exc
    else:
        after = dict(base)
    # The instance takes its new state first: writing the record flushes, and a new instance is
    # written with it when its first step changed the record.
    instance.state = state
    instance.updated_at = step.now
    if workflow.is_completed():
        instance.status = COMPLETED
        instance.completed_at = step.now
    else:  # a step that holds ends a stop: the flow runs again
        instance.status, instance.error = RUNNING, None
    if instance not in db_session:  # a new instance joins the session only once its first step holds
        db_session.add(instance)
    try:
        # The record's one writer validates (links too), writes and announces what changed.
        changes = writer.update_record(
            db_session,
            entity,
            {column.key: after.get(column.key) for column in step.schema.columns},
            step.user_id,
            schema=step.schema,
            at=step.now,
            by_flow=True,
        )
    except StaleDataError as exc:
        raise Conflict(JUST_DONE) from exc
    except Invalid as exc:  # a link the step wrote points elsewhere: say which step wrote it
        exc.extra.setdefault("element", element)
        raise
    try:
        db_session.flush()
    except StaleDataError as exc:
        raise Conflict(JUST_DONE) from exc
    add_history(db_session, instance, kind, element, label, user_id=step.user_id, at=step.now, changes=changes)
    if workflow.is_completed():
        add_history(db_session, instance, "completed", None, None, user_id=step.user_id, at=step.now)
    waiting = sync_waiting(
        db_session, step, workflow, done_element=element if kind == "transition" else None, known=known
    )
    send_thrown(db_session, step, workflow, thrown)
    db_session.flush()
    if kind == "transition":
        events.transition_completed(db_session, instance, entity.blueprint_id, element, label, changes, step.user_id)
    if workflow.is_completed():
        events.flow_ended(db_session, "flow.completed", instance, entity.blueprint_id, step.user_id)
    return waiting


def add_history(
    db_session: Session,
    instance: FlowInstance,
    kind: str,
    element: str | None,
    label: str | None,
    *,
    user_id: int | None,
    at: datetime,
    changes: list[Any] | None = None,
) -> None:
    """One entry in the record's flow history."""
    db_session.add(
        FlowHistory(
            tenant_id=instance.tenant_id,
            entity_id=instance.entity_id,
            instance_id=instance.id,
            flow_id=instance.flow_id,
            kind=kind,
            element=element,
            label=label,
            user_id=user_id,
            at=at,
            changes=changes or [],
        )
    )


def sync_waiting(
    db_session: Session,
    step: Step,
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
            outcome = "done" if item.element == done_element else "withdrawn"
            events.task_event(db_session, "task.completed", item, step.user_id, outcome=outcome)
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
        events.task_event(db_session, "task.created", item, step.user_id)
        still_open.append(item)
    _sync_timers(db_session, step, timers)
    sync_subscriptions(db_session, step, workflow)
    trashed = step.entity.deleted_at is not None  # a record in the Trash sends nothing until restored
    sync_calls(db_session, step.flow, instance.tenant_id, instance.id, workflow, step.now, trashed=trashed)
    return sorted(still_open, key=lambda i: (i.created_at, i.id))


def _sync_timers(db_session: Session, step: Step, timers: list[tuple[uuid.UUID, str, datetime]]) -> None:
    """The timer table: one row per timer the instance waits for, due when it is next due."""
    if not step.flow.has_timers:
        return
    instance = step.instance
    kept = {t.task_id: t for t in db_session.scalars(select(FlowTimer).where(FlowTimer.instance_id == instance.id))}
    for task_id, element, due in timers:
        row = kept.pop(task_id, None)
        if row is None:
            db_session.add(
                FlowTimer(
                    tenant_id=instance.tenant_id, instance_id=instance.id, task_id=task_id, element=element, due_at=due
                )
            )
        elif row.due_at != due:  # a repeating (cycle) timer fired and waits for its next occurrence
            row.due_at = due
    for stale in kept.values():
        db_session.delete(stale)


def _describe(item: InboxItem, task: Task, step: Step) -> None:
    """The item as the flow's version describes its task: label, who may do it, the form's fields."""
    spec = task.task_spec
    transition = step.flow.transitions.get(spec.name)
    item.element = spec.bpmn_id or spec.name
    item.label = (transition.label if transition else None) or spec.bpmn_name or spec.bpmn_id or spec.name
    item.role = transition.role if transition else None
    item.member = transition.member if transition else None
    item.field = transition.field if transition else None
    item.fields = [f for f in (transition.fields if transition else ()) if step.schema.column(f) is not None]
