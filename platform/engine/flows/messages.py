"""Messages and signals of one instance: what it waits for, delivering one, and what it threw.

The engine stays pure: it knows nothing of other instances. The runtime (runtime/messages)
keeps each instance's ``subscriptions`` in a table, matches a message to the one record it is
for (or a signal to every record listening), and hands it over with ``deliver``; what a step
threw (``take`` then ``thrown``) becomes messages the runtime delivers in turn.

A message's values land in the receiving record's fields of the same keys, and every value is a
variable for the scripts after the catch. A thrown message carries the values its payload
expression gives (``spiffworkflow:messagePayload``, a dict), or else all the throwing record's
fields; it correlates on the fields its element or message declares (engine/flows/correlation.py),
or else on all of its values, so a catch correlating on ``order_id`` hears a thrower whose record
has the same ``order_id``. A message or signal the instance catches itself stays inside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Unpack

from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.util.event import BpmnEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.flows.catches import MESSAGE, branches, kind_of
from engine.flows.refusals import refusal
from engine.flows.run import StepArgs, advance, give_engine, into_record, limits_of
from engine.flows.step_errors import step_failure

if TYPE_CHECKING:
    from engine.flows.parser import Flow

NOT_WAITING = "flow.message.not_waiting"


@dataclass(frozen=True)
class Subscription:
    """A message or signal an instance waits for at ``element``; ``correlation`` maps record
    fields to the values a message must carry to reach it ({} for any message of the name)."""

    kind: str
    name: str
    element: str
    correlation: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outgoing:
    """A message or signal a step threw that nothing in its own instance caught."""

    kind: str
    name: str
    element: str | None
    values: dict[str, Any]
    correlation: dict[str, Any]


def starts(flow: Flow) -> dict[str, str]:
    """The flow's message start events, by message name: the element each starts at."""
    found: dict[str, str] = {}
    for task_spec in getattr(flow.spec.start, "outputs", []):
        for element, definition in branches(task_spec):
            if kind_of(definition) == MESSAGE:
                found.setdefault(str(definition.name), element)
    return found


def caught(flow: Flow) -> set[str]:
    """The names of every message something in the flow waits for: a start (the process's or an
    event sub-process's), a catch, a boundary event, a receive task or an event-based gateway's
    branch. An inbound hook's message must be one of these, or nothing in the flow would hear it."""
    return {
        str(definition.name)
        for spec in (flow.spec, *flow.subprocess_specs.values())
        for task_spec in spec.task_specs.values()
        if isinstance(task_spec, CatchingEvent)
        for _element, definition in branches(task_spec)
        if kind_of(definition) == MESSAGE
    }


def subscriptions(flow: Flow, workflow: BpmnWorkflow, record: Mapping[str, Any]) -> list[Subscription]:
    """What the instance waits for now, with correlation values from ``record`` (the record's
    stored fields): its waiting catches, and the message and signal starts of its event
    sub-processes while it runs. The process's own message start is not one: a message that
    starts a flow creates its record (runtime/messages)."""
    waits = [
        pair
        for task in _waiting(workflow)
        if not (task.workflow is workflow and task.task_spec in getattr(workflow.spec.start, "outputs", []))
        for pair in branches(task.task_spec)
    ]
    found: list[Subscription] = []
    for element, definition in [*waits, *_triggers(workflow)]:
        kind = kind_of(definition)
        if kind is None:
            continue
        name = str(definition.name)
        fields = flow.correlations.fields(element, name) if kind == MESSAGE else ()
        found.append(Subscription(kind, name, element, {key: record.get(key) for key in fields}))
    return found


def deliver(
    workflow: BpmnWorkflow,
    name: str,
    values: Mapping[str, Any],
    *,
    kind: str = MESSAGE,
    element: str | None = None,
    **step: Unpack[StepArgs],
) -> list[str]:
    """Hand the message (one catch: the first waiting for it) or the signal (every catch waiting
    for it) to the instance and run on to the next wait; the elements that caught it.

    ``element`` narrows it to the catch at that element (a message start, say). An event
    sub-process that starts with it starts (a message: only when no other catch waits for it).
    The values go into ``record`` where it has fields of the same keys (see the module's docstring).
    """
    give_engine(workflow, **step)

    def wanted(branch: str, definition: Any) -> bool:
        return kind_of(definition) == kind and definition.name == name and element in (None, branch)

    targets = [(t, b, d) for t in _waiting(workflow) for b, d in branches(t.task_spec) if wanted(b, d)]
    triggers = [(b, d) for b, d in _triggers(workflow) if wanted(b, d)]
    if not targets and not triggers:
        raise refusal(NOT_WAITING, element, kind=kind, name=name)
    if kind == MESSAGE:  # a message is one delivery; a signal reaches every catch
        targets, triggers = targets[:1], ([] if targets else triggers[:1])
    caught = []
    for task, branch, definition in targets:
        try:
            task.task_spec.catch(task, BpmnEvent(definition, payload=dict(values)))
            task.data.update(values)
            task.task_spec._update(task)
        except Exception as exc:  # the engine tripped over the diagram or its data
            raise step_failure(exc, branch) from exc
        caught.append(branch)
    for branch, definition in triggers:
        try:  # SpiffWorkflow creates the event sub-process and its start catches the event
            workflow.event_manager.catch(BpmnEvent(definition, payload=dict(values)), internal=False)
        except Exception as exc:
            raise step_failure(exc, branch) from exc
        for part in workflow.subprocesses.values():
            for task in part.tasks.values():
                if task.task_spec.bpmn_id == branch and task.state in (TaskState.READY, TaskState.WAITING):
                    task.data.update(values)
        caught.append(branch)
    into_record(step, values)
    advance(workflow, limits_of(step))
    for task, _branch, definition in targets:
        if task.state == TaskState.COMPLETED:  # its values are in its data: keep them there only
            task.internal_data.pop(definition.name, None)
    return caught


def take(workflow: BpmnWorkflow) -> list[Any]:
    """The events the last step threw that nothing in the instance caught, taken out of it (they
    must not be kept in its state, or the next step would throw them again)."""
    events: list[Any] = workflow.get_events()
    return [event for event in events if kind_of(event.event_definition) is not None]


def thrown(flow: Flow, workflow: BpmnWorkflow, events: list[Any], record: Mapping[str, Any]) -> list[Outgoing]:
    """``events`` (from ``take``) as messages to send; ``record`` is the thrower's stored fields."""
    elements = _throwers(workflow)
    found = []
    for event in events:
        definition = event.event_definition
        kind, name = str(kind_of(definition)), str(definition.name)
        element = elements.get(id(definition))
        payload = event.payload
        values = plain(payload) if isinstance(payload, dict) and payload else plain(dict(record))
        fields = flow.correlations.fields(element, name) if kind == MESSAGE else ()
        correlation = {key: values.get(key) for key in fields} if fields else dict(values)
        found.append(Outgoing(kind, name, element, values, correlation if kind == MESSAGE else {}))
    return found


def plain(value: Any) -> Any:
    """``value`` as JSON can hold it: decimals as text, dates and date-times as ISO 8601 text."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _waiting(workflow: BpmnWorkflow) -> list[Task]:
    tasks: list[Task] = list(workflow.event_manager.tasks.values())
    return [task for task in tasks if task.state == TaskState.WAITING]


def _triggers(workflow: BpmnWorkflow) -> list[tuple[str, Any]]:
    """The (element, event definition) of each message or signal start of the process's event
    sub-processes: armed while the process runs (SpiffWorkflow keeps them as its start's triggers)."""
    if workflow.is_completed():
        return []
    found: list[tuple[str, Any]] = []
    for name in getattr(workflow.spec.start, "trigger_specs", []):
        spec = workflow.subprocess_specs.get(name)
        for start in getattr(spec, "bpmn_start_events", []) if spec is not None else []:
            found.extend((element, d) for element, d in branches(start) if kind_of(d) is not None)
    return found


def _throwers(workflow: BpmnWorkflow) -> dict[int, str]:
    """Each throwing event definition of the instance's specs, by identity, and its element."""
    found: dict[int, str] = {}
    for spec in [workflow.spec, *workflow.subprocess_specs.values()]:
        for task_spec in spec.task_specs.values():
            definition = getattr(task_spec, "event_definition", None)
            if definition is not None and getattr(task_spec, "bpmn_id", None):
                found[id(definition)] = str(task_spec.bpmn_id)
    return found
