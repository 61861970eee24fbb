"""Flow instance use cases: start one for a record, do a transition, fire timers, stop and try
again, move to another version, claim. They flush; each step ends in ``steps.settle``."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from psycopg.errors import LockNotAvailable
from sqlalchemy import event as orm_event
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core import clock
from core.errors import Conflict, Forbidden, Invalid
from core.events import DomainEvent, undoable
from designer.flows.models import Flow, FlowVersion
from engine.flows import run
from engine.flows.errors import FlowError
from engine.flows.messages import starts as message_starts
from engine.flows.moves import move
from engine.flows.refusals import refusal
from engine.schema import FieldErrors
from runtime.connectors.calls import after_move, replay_calls
from runtime.entities.models import Entity
from runtime.flows import events
from runtime.flows.engine import parsed
from runtime.flows.models import FAILED, RUNNING, FlowInstance, FlowTimer, InboxItem
from runtime.flows.queries import AtWork, item_held
from runtime.flows.steps import (
    JUST_DONE,
    Step,
    add_history,
    flow_failed,
    make_step,
    resume_step,
    settle,
    sync_waiting,
    variables,
)
from runtime.messages.sync import drop_subscriptions

log = logging.getLogger(__name__)
# What a stopped instance says when its step failed on something other than a refusal.
CRASHED: dict[str, Any] = {"code": "flow.step.crashed", "params": {}}


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
    step, workflow, before = run_from_start(db_session, instance, entity, version.id, user_id)
    step.instance.started_at = step.now
    settle(db_session, step, workflow, before, kind="started", element=None, label=None)
    return step.instance


def run_from_start(
    db_session: Session, instance: FlowInstance, entity: Entity, version_id: uuid.UUID, user_id: int | None
) -> tuple[Step, Any, dict[str, Any]]:
    """Run ``version_id`` from its start for the record as it is now: the step, the workflow
    (waiting at its first buttons) and the record's data before, ready for ``settle``."""
    step = make_step(db_session, instance, entity, version_id, user_id)
    before = dict(entity.data)
    step.record = variables(step.schema, before, None)
    try:
        workflow = run.start(
            step.flow,
            dict(step.record),
            **step.engine_args(),
        )
    except FlowError as exc:
        raise flow_failed(exc) from exc
    return step, workflow, before


def on_record_created(db_session: Session, event: DomainEvent) -> None:
    """A record was created: it starts in every published flow of its blueprint.

    In a tolerant event (a CSV import's row) a flow that cannot start is undone and noted, and the
    record stays; otherwise its error refuses the record."""
    if event.blueprint_id is None or not published_flows(db_session, event.blueprint_id):
        return
    entity = event.subject if isinstance(event.subject, Entity) else None
    if entity is None:
        entity = db_session.get(Entity, uuid.UUID(event.data["record"]["id"]))
    if entity is None:
        return
    if not event.tolerant:
        start_flows_for(db_session, entity, event.actor.get("user_id"))
        return
    try:
        with undoable(db_session):  # a refused flow takes back the tasks (and their events) of the others
            start_flows_for(db_session, entity, event.actor.get("user_id"))
    except Invalid as exc:
        event.refusals.append(exc.errors or {"flow": [exc.detail]})


_PUBLISHED = "loom_published_flows"


def published_flows(db_session: Session, blueprint_id: uuid.UUID) -> list[Flow]:
    """The blueprint's published flows, read once per transaction (an import creates thousands of
    records of one blueprint); a flow published in the transaction clears it (forget_published)."""
    known: dict[uuid.UUID, list[Flow]] = db_session.info.setdefault(_PUBLISHED, {})
    if blueprint_id not in known:
        known[blueprint_id] = list(
            db_session.scalars(
                select(Flow)
                .where(
                    Flow.blueprint_id == blueprint_id, Flow.deleted_at.is_(None), Flow.current_version_id.is_not(None)
                )
                .order_by(Flow.created_at, Flow.id)  # ids grow with time: one order even within a transaction
            )
        )
    return known[blueprint_id]


def forget_published(db_session: Session, _event: DomainEvent | None = None) -> None:
    """A flow was published or deleted: read the published flows again next time."""
    db_session.info.pop(_PUBLISHED, None)


@orm_event.listens_for(Session, "after_commit")
@orm_event.listens_for(Session, "after_rollback")
def _forget_at_the_end(db_session: Session) -> None:
    forget_published(db_session)


def start_flows_for(db_session: Session, entity: Entity, user_id: int | None) -> list[FlowInstance]:
    """Start every published flow of the record's blueprint (a record was just created), but those
    that start with a message: their records are made by the message (runtime/messages)."""
    return [
        start_instance(db_session, flow, entity, user_id)
        for flow in published_flows(db_session, entity.blueprint_id)
        if flow.current_version_id is None or not message_starts(parsed(db_session, flow.current_version_id))
    ]


def item_to_complete(db_session: Session, item_id: uuid.UUID) -> AtWork:
    """The item at work (``queries.item_at_work``) with its instance held for the step, in one
    round trip: ``hold`` done by the read itself. Pass ``held=True`` to ``complete_item`` then."""
    try:
        work, version = item_held(db_session, item_id)
    except OperationalError as exc:
        if isinstance(exc.orig, LockNotAvailable):
            raise Conflict(JUST_DONE) from exc
        raise
    if version != work.instance.version:  # the session held an older copy of the instance
        raise Conflict(JUST_DONE)
    return work


def complete_item(
    db_session: Session, item: InboxItem, data: dict[str, Any], user_id: int, *, held: bool = False
) -> list[InboxItem]:
    """Do the transition ``item`` waits for, with its form's ``data``; the caller checked who may.
    ``held``: the caller read the item with ``item_to_complete``, which holds the instance already.

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
    if not held:
        hold(db_session, instance)
    step = make_step(db_session, instance, entity, instance.flow_version_id, user_id)
    before = dict(entity.data)
    try:
        with_form = step.schema.validate(data, existing=before)
    except FieldErrors as exc:
        raise Invalid({f"data.{k}": v for k, v in exc.errors.items()}) from exc
    step.form = with_form
    workflow = run.restore(instance.state)
    # The open inbox items are the tasks waiting before this step; when that is this item alone,
    # the session already holds all of them and the step need not look them up.
    known = [item] if [t.id for t in run.waiting(workflow)] == [item.task_id] else None
    step.record = variables(step.schema, with_form, user_id)
    try:
        run.complete(
            workflow,
            item.task_id,
            dict(step.record),
            **step.engine_args(),
        )
    except FlowError as exc:
        if exc.code == "flow.step.not_waiting":
            raise Conflict(JUST_DONE) from exc
        raise flow_failed(exc) from exc
    return settle(
        db_session, step, workflow, before, kind="transition", element=item.element, label=item.label, known=known
    )


def fire_timers(db_session: Session, instance: FlowInstance) -> list[str]:
    """Fire the instance's due timers on Loom's clock and run on; the elements fired."""
    entity = db_session.get(Entity, instance.entity_id)
    if entity is None or entity.deleted_at is not None:  # in the Trash: its timers wait for a restore
        return []
    step, workflow, before = resume_step(db_session, instance, entity, None)
    try:
        fired = run.fire_due_timers(
            workflow,
            **step.engine_args(),
        )
    except FlowError as exc:
        raise flow_failed(exc) from exc
    if fired:
        label = ", ".join(fired)
        settle(db_session, step, workflow, before, kind="timer", element=fired[0], label=label)
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
        refused = {"code": exc.extra.get("code"), "params": exc.extra.get("params") or {}}
        _stop(db_session, instance, exc.detail, exc.extra.get("element"), user_id, refused)
    except (OperationalError, Conflict):
        raise  # the database is busy or someone changed the record meanwhile: the next round tries again
    except Exception as exc:  # anything else the step tripped over stops this instance only
        log.warning(
            "a timer step failed unexpectedly; the instance is stopped",
            extra={"instance_id": str(instance.id), "tenant_id": str(instance.tenant_id), "error": type(exc).__name__},
        )
        _stop(db_session, instance, unexpected(exc), None, user_id, CRASHED)
    return []


def unexpected(exc: BaseException) -> str:
    """What went wrong, in words fit for the record page: that the step failed and what to do.
    The error itself is Python's or the database's (its kind, its SQL, the values it carries), so
    people never see it; the caller logs its kind."""
    return refusal(CRASHED["code"]).message


def stop_after_error(db_session: Session, instance_id: uuid.UUID, exc: BaseException) -> None:
    """Stop the instance with ``exc`` after its step's work was rolled back (a fresh transaction)."""
    instance = db_session.scalars(
        select(FlowInstance).where(FlowInstance.id == instance_id).with_for_update(skip_locked=True)
    ).first()
    if instance is not None and instance.status == RUNNING:
        _stop(db_session, instance, unexpected(exc), None, None, CRASHED)


def hold(db_session: Session, instance: FlowInstance) -> None:
    """Lock the instance for this step before anything runs; 409 at once when another step holds it
    or has changed it since it was read, so repeated clicks do none of the work."""
    try:
        version = db_session.scalar(
            select(FlowInstance.version).where(FlowInstance.id == instance.id).with_for_update(nowait=True)
        )
    except OperationalError as exc:
        if isinstance(exc.orig, LockNotAvailable):
            raise Conflict(JUST_DONE) from exc
        raise
    if version != instance.version:
        raise Conflict(JUST_DONE)


def retry_instance(db_session: Session, instance: FlowInstance, user_id: int) -> None:
    """Run a stopped instance's failed timer step again, and send its failed connector calls again;
    stopped again (with the new error) if it fails."""
    if instance.status != FAILED:
        raise Conflict("This record's flow is not stopped; there is nothing to try again.")
    instance.status, instance.error = RUNNING, None
    try:
        db_session.flush()
    except StaleDataError as exc:
        raise Conflict(JUST_DONE) from exc
    replay_calls(db_session, instance.id, run.restore(instance.state), clock.now())  # failed connector steps
    fire_or_stop(db_session, instance, user_id)


def stop_instance(
    db_session: Session, instance: FlowInstance, message: str, element: str | None, refused: dict[str, Any] | None
) -> None:
    """Stop the instance with ``message`` at ``element``: a background step (a connector's outcome)
    failed, and nobody waits on it to see the error."""
    _stop(db_session, instance, message, element, None, refused)


def _stop(
    db_session: Session,
    instance: FlowInstance,
    message: str,
    element: str | None,
    user_id: int | None,
    refused: dict[str, Any] | None = None,
) -> None:
    """Stop the instance with its error; ``refused`` is the refusal's code and params, when it is one."""
    now = clock.now()
    try:
        name = parsed(db_session, instance.flow_version_id).element_name(element)
    except Exception:  # the version itself cannot be read: say so without a name
        name = element
    instance.status = FAILED
    instance.error = {"message": message, "element": element, "name": name, "at": now.isoformat(), **(refused or {})}
    instance.updated_at = now
    add_history(db_session, instance, "failed", element, message[:255], user_id=user_id, at=now)
    db_session.flush()
    entity = db_session.get(Entity, instance.entity_id)
    events.flow_ended(db_session, "flow.stopped", instance, entity.blueprint_id if entity else None, user_id)


def move_instance(db_session: Session, instance: FlowInstance, target: FlowVersion, user_id: int | None) -> None:
    """Move a running instance to ``target`` (a newer version of its flow) where it stands."""
    entity = db_session.get(Entity, instance.entity_id)
    assert entity is not None
    step = make_step(db_session, instance, entity, target.id, user_id)
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
    add_history(db_session, instance, "moved", None, f"Version {target.number}", user_id=user_id, at=step.now)
    for stale in db_session.scalars(select(FlowTimer).where(FlowTimer.instance_id == instance.id)):
        db_session.delete(stale)  # the new version's timers are written afresh below
    if not step.flow.correlations.listens:  # the rows of messages the old version waited for go
        drop_subscriptions(db_session, instance.id)
    db_session.flush()
    moved = run.restore(instance.state)
    after_move(db_session, instance.id, moved, step.now)  # connector calls of steps it left close
    sync_waiting(db_session, step, moved, done_element=None)
    db_session.flush()


def claim_item(db_session: Session, item: InboxItem, user_id: int) -> InboxItem:
    """Take the task so others see it is being handled; 409 when someone else holds it."""
    if item.done_at is not None:
        raise Conflict(JUST_DONE)
    if item.assignee_id not in (None, user_id):
        raise Conflict("Someone else claimed this step just now.")
    if item.assignee_id == user_id:
        return item
    item.assignee_id = user_id
    db_session.flush()
    events.task_event(db_session, "task.claimed", item, user_id)
    return item


def unclaim_item(db_session: Session, item: InboxItem, user_id: int, may_manage: bool) -> InboxItem:
    """Give the task back; only its holder (or an owner or admin) may."""
    if item.assignee_id not in (None, user_id) and not may_manage:
        raise Forbidden("Only the person who claimed this step, or an owner or admin, can give it back.")
    item.assignee_id = None
    db_session.flush()
    return item
