"""Running a flow: start an instance, list what waits for people, complete it, store and restore.

Every call takes the transition's moment (``now``) and the workspace's timezone, so scripts see
one ``now()`` per transition and tests can move time. Calls that run scripts take ``record``, the
record's columns as variables: scripts and conditions see its values and write into it, so after
the call it holds the record as the step left it (see script_engine.SandboxEnvironment).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, NotRequired, TypedDict, Unpack
from uuid import UUID

from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.serializer.helpers.registry import DefaultRegistry
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.spiff.serializer.task_spec import SpiffBpmnTaskConverter
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.flows import spec_cache, stored_data, subprocess_events, timer_clock
from engine.flows import timers as timer_events
from engine.flows.connector_task import ConnectorTask
from engine.flows.decisions import DecisionTask, DecisionTaskConverter
from engine.flows.errors import FlowError
from engine.flows.lean import forget_finished_subprocesses
from engine.flows.limits import DEFAULT_LIMITS, Limits, bounded, check_step
from engine.flows.parser import Flow
from engine.flows.plain_task import PlainTask
from engine.flows.refusals import refusal
from engine.flows.sandbox import Sandbox
from engine.flows.script_engine import inert_engine, script_engine
from engine.flows.step_errors import step_failure
from engine.schema.bounds import check_text


def _registry() -> DefaultRegistry:
    """SpiffWorkflow's converters, plus ours for its own internal data and for instances stored
    before their data went through the codec (see ``serialize``)."""
    registry = BpmnWorkflowSerializer.configure(
        {
            **SPIFF_CONFIG,
            PlainTask: SpiffBpmnTaskConverter,
            ConnectorTask: SpiffBpmnTaskConverter,
            DecisionTask: DecisionTaskConverter,
            **timer_clock.CONVERTERS,  # Loom's timers, stored under SpiffWorkflow's names
        }
    )
    registry.register(Decimal, lambda v: {"value": str(v)}, lambda v: Decimal(v["value"]), "Decimal")
    registry.register(date, lambda v: {"value": v.isoformat()}, lambda v: date.fromisoformat(v["value"]), "date")
    registry.register(
        timedelta,
        lambda v: {"days": v.days, "seconds": v.seconds, "microseconds": v.microseconds},
        lambda v: timedelta(**v),
        "timedelta",
    )
    return registry


SERIALIZER = BpmnWorkflowSerializer(_registry())
spec_cache.install(SERIALIZER.registry)  # each diagram converted once per process (engine.flows.spec_cache)
# In stored state: every variable of every task is kept as codec text (engine.flows.codec), so it
# comes back exactly, type included. Without it (older instances) SpiffWorkflow's conversion applies.
# Each name gets a prefix, so no variable (one called ``typename``, say) reads as SpiffWorkflow's.
# Since format 2, long texts are kept once in a pool and referred to (engine.flows.stored_data).
DATA_FORMAT = "loom_data"
CODEC_TEXT = 1
POOLED_TEXT = 2
KEPT = "v:"


class StepArgs(TypedDict):
    """What every call that moves an instance takes besides it: the workspace's ``sandbox``, the
    transition's moment (``now``) and ``zone``, the ``record``'s variables and the ``limits`` of
    what the step may spend."""

    sandbox: Sandbox
    now: datetime
    zone: str
    record: NotRequired[dict[str, Any] | None]
    limits: NotRequired[Limits]


def limits_of(step: StepArgs) -> Limits:
    return step.get("limits", DEFAULT_LIMITS)


def _engine(step: StepArgs) -> PythonScriptEngine:
    """The script engine of this step: it runs scripts in the sandbox, at ``now``, over ``record``."""
    return bounded(script_engine(step["sandbox"], step["now"], step["zone"], step.get("record")), limits_of(step))


def into_record(step: StepArgs, values: Mapping[str, Any]) -> None:
    """``values`` into the step's record, where it has fields of the same keys."""
    record = step.get("record")
    if record is not None:
        record.update((key, value) for key, value in values.items() if key in record)


def start(flow: Flow, data: dict[str, Any], **step: Unpack[StepArgs]) -> BpmnWorkflow:
    """A new instance with ``data`` as its variables, run to its first wait; FlowError, never
    another error, when it cannot start."""
    engine = _engine(step)
    try:
        workflow = BpmnWorkflow(flow.spec, flow.subprocess_specs, script_engine=engine)
        for task in workflow.get_tasks(state=TaskState.READY):
            task.data.update(data)
    except Exception as exc:  # the engine could not lay out the diagram's first steps
        raise step_failure(exc, None) from exc
    advance(workflow, limits_of(step))
    return workflow


def give_engine(workflow: BpmnWorkflow, **step: Unpack[StepArgs]) -> None:
    """Let a restored (inert) instance run this step's scripts: in ``sandbox``, at ``now``, over
    ``record``, within ``limits``. Every call that moves an instance starts with it."""
    workflow.script_engine = _engine(step)


def waiting(workflow: BpmnWorkflow) -> list[Task]:
    """User and manual tasks ready for a person, in diagram order."""
    return list(workflow.get_tasks(state=TaskState.READY, manual=True))


def complete(workflow: BpmnWorkflow, task_id: UUID, data: dict[str, Any], **step: Unpack[StepArgs]) -> Task:
    """Complete the waiting task ``task_id`` with ``data`` and run on to the next wait."""
    give_engine(workflow, **step)
    task = workflow.get_task_from_id(task_id)
    if task is None or task.state != TaskState.READY or not task.task_spec.manual:
        raise refusal("flow.step.not_waiting")
    task.data.update(data)
    try:
        task.run()
    except FlowError:
        raise
    except Exception as exc:  # a script's error, or the engine tripped over the diagram or its data
        raise step_failure(exc, task.task_spec.bpmn_id) from exc
    advance(workflow, limits_of(step))
    return task


def timers(workflow: BpmnWorkflow) -> list[tuple[UUID, str, datetime]]:
    """Timers the instance waits for: (task id, BPMN element, when it is due)."""
    found = []
    for task, element, _definition in timer_events.waiting(workflow):  # an event-based gateway's timer too
        due = timer_events.due(task)
        if due is not None:
            found.append((task.id, element, due))
    return found


def fire_due_timers(workflow: BpmnWorkflow, **step: Unpack[StepArgs]) -> list[str]:
    """Fire every timer due at ``now`` (Loom's clock, not the machine's) and run on; the elements fired."""
    give_engine(workflow, **step)
    fired = timer_events.fire_due(workflow, step["now"])
    if fired:
        workflow.refresh_timers()
        advance(workflow, limits_of(step))
    return fired


def variables(workflow: BpmnWorkflow) -> dict[str, Any]:
    """The instance's variables now: the data of the task that ran last (or the end's)."""
    if workflow.is_completed():
        return dict(workflow.data)
    done = [t for t in workflow.get_tasks(state=TaskState.COMPLETED) if t.task_spec.bpmn_id]
    ready = waiting(workflow)
    source = ready[0] if ready else (max(done, key=lambda t: t.last_state_change) if done else None)
    return dict(source.data) if source is not None else {}


def serialize(workflow: BpmnWorkflow) -> dict[str, Any]:
    """The instance as JSON; FlowError when its data holds a value the codec refuses.

    Each variable is stored as its codec text: SpiffWorkflow alone would drop a duration's
    microseconds, turn sets and tuples into lists, join a split surrogate pair, mistake a dict
    with a ``typename`` key for one of its objects, and store only the variables whose values
    differ by ``==`` (so ``True`` after ``1`` would come back as ``1``). Each value is encoded
    once and each long text stored once (engine.flows.stored_data).
    """
    kept: list[tuple[Any, dict[str, Any]]] = []
    try:
        holders = _data_holders(workflow)
        coded, pool = stored_data.encode(holders, _kept_name)
        for holder, texts in zip(holders, coded, strict=True):
            kept.append((holder, holder.data))
            holder.data = texts
        result: dict[str, Any] = json.loads(SERIALIZER.serialize_json(workflow))
    except ValueError as exc:
        raise refusal("flow.data.unkeepable", reason=str(exc)) from exc
    finally:
        for holder, data in kept:
            holder.data = data
    result[DATA_FORMAT], result[stored_data.POOL] = POOLED_TEXT, pool
    return result


def restore(state: dict[str, Any]) -> BpmnWorkflow:
    """The stored instance, inert: it runs no script until a step gives it the sandbox."""
    state = dict(state)
    kept = state.pop(DATA_FORMAT, None)
    pool = state.pop(stored_data.POOL, []) if kept == POOLED_TEXT else None
    state = stored_data.parents_first(state)
    workflow: BpmnWorkflow
    if state.get(SERIALIZER.VERSION_KEY) == SERIALIZER.VERSION and spec_cache.SPEC in state:
        # The rest is copied through JSON: SpiffWorkflow's restore consumes the dicts it is given.
        rest = {key: value for key, value in state.items() if key not in spec_cache.KEYS}
        dct = json.loads(json.dumps(rest))
        SERIALIZER.migrate(dct)  # the format is current: this only takes the version off
        dct.update(spec_cache.restored_specs(state, SERIALIZER.registry))
        workflow = SERIALIZER.from_dict(dct)
    else:  # an older SpiffWorkflow format: its migrations may rewrite the specs too
        workflow = SERIALIZER.deserialize_json(json.dumps(state))
    if kept in (CODEC_TEXT, POOLED_TEXT):
        stored_data.decode(_data_holders(workflow), pool, lambda key: key[len(KEPT) :])
    workflow.script_engine = inert_engine()
    return workflow


def _kept_name(key: Any) -> str:
    if not isinstance(key, str):
        raise ValueError(f"Variable names must be text, not {type(key).__name__}.")
    return KEPT + check_text(key)


def _data_holders(workflow: BpmnWorkflow) -> list[Any]:
    """The workflow, its subprocesses and all their tasks: everything that has ``data``, once each."""
    holders: dict[int, Any] = {}
    for part in [workflow, *workflow.subprocesses.values()]:
        holders.setdefault(id(part), part)
        for task in part.tasks.values():
            holders.setdefault(id(task), task)
    return list(holders.values())


def advance(workflow: BpmnWorkflow, limits: Limits = DEFAULT_LIMITS) -> None:
    """Engine steps until the instance waits for a person, a timer, a message or the end (within
    ``limits``), then its timers armed on Loom's clock and finished sub-processes forgotten.

    Every call that moves an instance ends with this, so the modules that move it from outside
    (a message delivered, engine/flows/messages.py; a connector's answer, engine/flows/connectors.py)
    run on exactly as a completed step does. A script's or the engine's error is a FlowError
    naming the element that failed."""
    steps: list[Task] = []

    def count(task: Task) -> None:
        steps.append(task)
        check_step(task, len(steps), limits)

    try:
        subprocess_events.settle(workflow)  # a timer that just fired may start an interrupting one
        workflow.do_engine_steps(will_complete_task=count)
        while subprocess_events.settle(workflow):
            workflow.do_engine_steps(will_complete_task=count)
        timer_events.arm(workflow, limits.timer_repeats)
        forget_finished_subprocesses(workflow)  # history the instance never reads again (engine.flows.lean)
    except FlowError:
        raise
    except Exception as exc:  # a script's error, or the engine tripped over the diagram or its data
        raise step_failure(exc, steps[-1].task_spec.bpmn_id if steps else None) from exc
