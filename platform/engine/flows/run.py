"""Running a flow: start an instance, list what waits for people, complete it, store and restore.

Every call takes the transition's moment (``now``) and the workspace's timezone, so scripts see
one ``now()`` per transition and tests can move time. Calls that run scripts take ``record``, the
record's columns as variables: scripts and conditions see its values and write into it, so after
the call it holds the record as the step left it (see script_engine.SandboxEnvironment).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn.serializer.helpers.registry import DefaultRegistry
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.specs.event_definitions.timer import DurationTimerEventDefinition, TimerEventDefinition
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException, WorkflowException
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.spiff.serializer.task_spec import SpiffBpmnTaskConverter
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.flows import codec
from engine.flows.errors import FlowError
from engine.flows.limits import DEFAULT_LIMITS, Limits, bounded, check_step
from engine.flows.parser import Flow
from engine.flows.plain_task import PlainTask
from engine.flows.sandbox import Sandbox, ScriptError
from engine.flows.script_engine import inert_engine, script_engine
from engine.schema.bounds import check_text


def _registry() -> DefaultRegistry:
    """SpiffWorkflow's converters, plus ours for its own internal data and for instances stored
    before their data went through the codec (see ``serialize``)."""
    registry = BpmnWorkflowSerializer.configure({**SPIFF_CONFIG, PlainTask: SpiffBpmnTaskConverter})
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
# In stored state: every variable of every task is kept as codec text (engine.flows.codec), so it
# comes back exactly, type included. Without it (older instances) SpiffWorkflow's conversion applies.
# Each name gets a prefix, so no variable (one called ``typename``, say) reads as SpiffWorkflow's.
DATA_FORMAT = "loom_data"
CODEC_TEXT = 1
KEPT = "v:"


def start(
    flow: Flow,
    data: dict[str, Any],
    *,
    sandbox: Sandbox,
    now: datetime,
    zone: str,
    record: dict[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> BpmnWorkflow:
    """A new instance with ``data`` as its variables, run to its first wait."""
    engine = script_engine(sandbox, now, zone, record)
    engine = bounded(engine, limits)
    workflow = BpmnWorkflow(flow.spec, flow.subprocess_specs, script_engine=engine)
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data.update(data)
    _advance(workflow, now, limits)
    return workflow


def waiting(workflow: BpmnWorkflow) -> list[Task]:
    """User and manual tasks ready for a person, in diagram order."""
    return list(workflow.get_tasks(state=TaskState.READY, manual=True))


def complete(
    workflow: BpmnWorkflow,
    task_id: UUID,
    data: dict[str, Any],
    *,
    sandbox: Sandbox,
    now: datetime,
    zone: str,
    record: dict[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Task:
    """Complete the waiting task ``task_id`` with ``data`` and run on to the next wait."""
    workflow.script_engine = script_engine(sandbox, now, zone, record)
    workflow.script_engine = bounded(workflow.script_engine, limits)
    task = workflow.get_task_from_id(task_id)
    if task is None or task.state != TaskState.READY or not task.task_spec.manual:
        raise FlowError("This step is no longer waiting; someone may have done it already.")
    task.data.update(data)
    try:
        task.run()
    except SpiffWorkflowException as exc:
        raise _failure(exc) from exc
    except FlowError:
        raise
    except Exception as exc:  # the engine tripped over the diagram or its data
        raise FlowError(f"The flow failed: {type(exc).__name__}: {exc}", task.task_spec.bpmn_id) from exc
    _advance(workflow, now, limits)
    return task


def timers(workflow: BpmnWorkflow) -> list[tuple[UUID, str, datetime]]:
    """Timers the instance waits for: (task id, BPMN element, when it is due)."""
    found = []
    for task in workflow.get_tasks(state=TaskState.WAITING):
        if isinstance(getattr(task.task_spec, "event_definition", None), TimerEventDefinition):
            value = task._get_internal_data("event_value")
            if value is not None:
                due = TimerEventDefinition.get_datetime(str(value))
                found.append((task.id, task.task_spec.bpmn_id, due if due.tzinfo else due.replace(tzinfo=UTC)))
    return found


def fire_due_timers(
    workflow: BpmnWorkflow,
    *,
    sandbox: Sandbox,
    now: datetime,
    zone: str,
    record: dict[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[str]:
    """Fire every timer due at ``now`` (Loom's clock, not the machine's) and run on; the elements fired."""
    workflow.script_engine = script_engine(sandbox, now, zone, record)
    workflow.script_engine = bounded(workflow.script_engine, limits)
    fired = []
    for task_id, element, due in timers(workflow):
        if due <= now:
            workflow.get_task_from_id(task_id)._set_internal_data(event_fired=True)
            fired.append(element)
    if fired:
        workflow.refresh_timers()
        _advance(workflow, now, limits)
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
    differ by ``==`` (so ``True`` after ``1`` would come back as ``1``).
    """
    kept: list[tuple[Any, dict[str, Any]]] = []
    try:
        for holder in _data_holders(workflow):
            kept.append((holder, holder.data))
            holder.data = {_kept_name(key): codec.dumps(value) for key, value in holder.data.items()}
        result: dict[str, Any] = json.loads(SERIALIZER.serialize_json(workflow))
    except ValueError as exc:
        raise FlowError(f"The flow's data cannot be kept: {exc}") from exc
    finally:
        for holder, data in kept:
            holder.data = data
    result[DATA_FORMAT] = CODEC_TEXT
    return result


def restore(state: dict[str, Any]) -> BpmnWorkflow:
    """The stored instance, inert: it runs no script until a step gives it the sandbox."""
    state = dict(state)
    coded = state.pop(DATA_FORMAT, None) == CODEC_TEXT
    workflow: BpmnWorkflow = SERIALIZER.deserialize_json(json.dumps(state))
    if coded:
        for holder in _data_holders(workflow):
            holder.data = {key[len(KEPT) :]: codec.loads(text) for key, text in holder.data.items()}
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


def _advance(workflow: BpmnWorkflow, now: datetime, limits: Limits = DEFAULT_LIMITS) -> None:
    """Engine steps until the instance waits for a person, a timer or the end (within ``limits``)."""
    steps: list[Task] = []

    def count(task: Task) -> None:
        steps.append(task)
        check_step(task, len(steps), limits)

    try:
        workflow.do_engine_steps(will_complete_task=count)
    except SpiffWorkflowException as exc:
        raise _failure(exc) from exc
    except FlowError:
        raise
    except Exception as exc:  # the engine tripped over the diagram or its data
        element = steps[-1].task_spec.bpmn_id if steps else None
        raise FlowError(f"The flow failed: {type(exc).__name__}: {exc}", element) from exc
    _rebase_timers(workflow, now)


def _rebase_timers(workflow: BpmnWorkflow, now: datetime) -> None:
    """Duration timers count from Loom's clock: SpiffWorkflow set them from the machine's."""
    machine_now = datetime.now(UTC)
    for task in workflow.get_tasks(state=TaskState.WAITING):
        definition = getattr(task.task_spec, "event_definition", None)
        value = task._get_internal_data("event_value")
        if isinstance(definition, DurationTimerEventDefinition) and value and not task._get_internal_data("rebased"):
            due = TimerEventDefinition.get_datetime(str(value)) - machine_now + now
            task._set_internal_data(event_value=due.isoformat(), rebased=True)


def _failure(exc: SpiffWorkflowException) -> FlowError:
    """The engine's error as a FlowError naming the BPMN element (and the script's own message)."""
    task = getattr(exc, "task", None)
    spec = task.task_spec if task is not None else getattr(exc, "task_spec", None)
    cause = exc.__cause__ or exc.__context__  # SpiffWorkflow raises its error while handling the cause
    message = str(exc.args[0]) if exc.args else str(exc)
    if isinstance(cause, ScriptError):
        message = cause.message if message.startswith("ScriptError") else f"{message}: {cause.message}"
    elif isinstance(exc, WorkflowException) and cause is not None:
        message = f"{message}: {type(cause).__name__}: {cause}"
    return FlowError(message, element=getattr(spec, "bpmn_id", None))
