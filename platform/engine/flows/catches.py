"""What a waiting task waits for: the timer, message or signal of a catching event.

An event-based gateway waits for its branches' events itself: SpiffWorkflow moves each branch's
event definition into the gateway's (a MultipleEventDefinition) and leaves the branch's own event
empty. Everything that asks "which timer, which message?" looks through it here, so a gateway's
timer is in the timer table like any other and a gateway's message is found by its branch.
"""

from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.specs.event_definitions.item_aware_event import SignalEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition

MESSAGE = "message"
SIGNAL = "signal"


def is_event_gateway(task_spec: Any) -> bool:
    return type(task_spec).__name__ == "EventBasedGateway"


def branches(task_spec: Any) -> list[tuple[str, Any]]:
    """The (BPMN element, event definition) pairs the task waits for: its own event, or for an
    event-based gateway, each branch's event with the branch's element."""
    definition = getattr(task_spec, "event_definition", None)
    if definition is None:
        return []
    if is_event_gateway(task_spec) and isinstance(definition, MultipleEventDefinition):
        outputs = list(getattr(task_spec, "outputs", []))
        return [
            (str(outputs[index].bpmn_id) if index < len(outputs) else str(task_spec.bpmn_id), item)
            for index, item in enumerate(definition.event_definitions)
        ]
    return [(str(task_spec.bpmn_id), definition)]


def timer_of(task_spec: Any) -> tuple[str, TimerEventDefinition] | None:
    """The timer the task waits for and its element (a gateway's first timer branch), or None."""
    for element, definition in branches(task_spec):
        if isinstance(definition, TimerEventDefinition):
            return element, definition
    return None


def kind_of(definition: Any) -> str | None:
    """The kind of message event: "message", "signal", or None for any other event."""
    if isinstance(definition, MessageEventDefinition):
        return MESSAGE
    if isinstance(definition, SignalEventDefinition):
        return SIGNAL
    return None
