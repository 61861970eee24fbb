"""Which BPMN elements Loom runs; everything else is refused on save, naming the element.

docs/bpmn.md lists the same, for people.
"""

from __future__ import annotations

from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec
from SpiffWorkflow.bpmn.specs.event_definitions.conditional import ConditionalEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.item_aware_event import SignalEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.script_task import ScriptTask

from engine.flows.catches import is_event_gateway
from engine.flows.errors import FlowError
from engine.flows.refusals import refusal
from engine.flows.subprocess_events import is_event_subprocess

# Task kinds Loom does not run. Messages and signals (send and receive tasks, event-based
# gateways) are exchanged within the workspace: engine/flows/messages.py.
UNSUPPORTED_TASKS: dict[str, str] = {
    # SpiffWorkflow runs every activity of an ad hoc sub-process, and fails on its data; BPMN
    # leaves it to people which of them run.
    "AdHocSubprocess": "flow.subprocess.adhoc_unsupported",
}
UNSUPPORTED_EVENTS: tuple[tuple[type, str], ...] = (
    (ConditionalEventDefinition, "flow.event.conditional_unsupported"),
    (MultipleEventDefinition, "flow.event.multiple_unsupported"),
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
                found.append(refusal(UNSUPPORTED_TASKS[kind], element))
            if isinstance(task_spec, ScriptTask) and not (task_spec.script or "").strip():
                found.append(refusal("flow.script.missing", element))  # SpiffWorkflow would run None
            if kind == "ConnectorTask" and not getattr(task_spec, "extensions", {}).get("loomConnector"):
                found.append(refusal("flow.connector.missing", element))  # engine/flows/connector_task.py
            event = getattr(task_spec, "event_definition", None)
            for definition, code in UNSUPPORTED_EVENTS:
                # An event-based gateway holds its branches' events as one with several triggers.
                if isinstance(event, definition) and not is_event_gateway(task_spec):
                    found.append(refusal(code, element))
            if kind == "StartEvent":
                starts.append(element)
                # A timer may start an event sub-process (engine/flows/subprocess_events.py), not a process.
                if isinstance(event, TimerEventDefinition) and not is_event_subprocess(process):
                    found.append(refusal("flow.start.timer", element))
                if isinstance(event, SignalEventDefinition) and process is spec:
                    found.append(refusal("flow.start.signal", element))
        if len(starts) > 1:
            found.append(refusal("flow.start.several", starts[1]))
    return found
