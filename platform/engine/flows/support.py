"""Which BPMN elements Loom runs; everything else is refused on save, naming the element.

docs/bpmn.md lists the same, for people.
"""

from __future__ import annotations

from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec
from SpiffWorkflow.bpmn.specs.event_definitions.conditional import ConditionalEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.item_aware_event import SignalEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import CycleTimerEventDefinition, TimerEventDefinition

from engine.flows.errors import FlowError

# Task kinds that reach outside one record's flow: Loom has no partner for them to talk to yet.
UNSUPPORTED_TASKS = {
    "ServiceTask": "Service tasks are not supported; use a script task, or a hook to call other systems.",
    "BusinessRuleTask": "Business rule (DMN) tasks are not supported; use a gateway or a script task.",
    "SendTask": "Send tasks are not supported: Loom flows do not exchange messages.",
    "ReceiveTask": "Receive tasks are not supported: Loom flows do not exchange messages.",
    "EventBasedGateway": "Event-based gateways are not supported: Loom flows do not wait for messages.",
}
UNSUPPORTED_EVENTS: tuple[tuple[type, str], ...] = (
    (MessageEventDefinition, "Message events are not supported: Loom flows do not exchange messages."),
    (SignalEventDefinition, "Signal events are not supported."),
    (ConditionalEventDefinition, "Conditional events are not supported; use a gateway."),
    (MultipleEventDefinition, "Events with several triggers are not supported."),
    (CycleTimerEventDefinition, "Repeating (cycle) timers are not supported; use a duration or a date."),
)


def problems(spec: BpmnProcessSpec, subprocesses: dict[str, BpmnProcessSpec]) -> list[FlowError]:
    """Every element of the flow Loom cannot run, each with its BPMN id."""
    found: list[FlowError] = []
    for process in [spec, *subprocesses.values()]:
        starts = []
        for task_spec in process.task_specs.values():
            element = getattr(task_spec, "bpmn_id", None)
            if element is None:
                continue  # Spiff's own bookkeeping tasks
            kind = type(task_spec).__name__
            if kind in UNSUPPORTED_TASKS:
                found.append(FlowError(UNSUPPORTED_TASKS[kind], element))
            event = getattr(task_spec, "event_definition", None)
            for definition, message in UNSUPPORTED_EVENTS:
                if isinstance(event, definition):
                    found.append(FlowError(message, element))
            if kind == "StartEvent":
                starts.append(element)
                if isinstance(event, TimerEventDefinition):
                    found.append(FlowError("A flow starts when its record is created, not on a timer.", element))
        if len(starts) > 1:
            found.append(FlowError("A process may have one start event only.", starts[1]))
    return found
