"""Timer events that follow Loom's clock only, never the machine's.

SpiffWorkflow's timer definitions set a timer's due time from ``datetime.now`` and fire it as
soon as a look at the instance (every engine step looks) finds it behind the machine's clock. Loom's
steps carry their own moment (``core.clock``, which tests and a moved clock change): with Loom's
clock behind the machine's, every duration timer would fire at the next step by itself, and ahead
of it, dates would wait for the machine to catch up.

Loom's definitions below read the step's moment from the step's script engine
(``script_engine.SandboxEnvironment.now``): a timer is set from it and fires when a look finds it
due by it; a look with no step moment (a restored instance, a record being moved to a newer
version) fires nothing. Diagrams are read with them (``on_loom_clock``), and stored instances
come back with them: they are stored under SpiffWorkflow's own type names (``CONVERTERS``), so
instances stored before follow Loom's clock too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from SpiffWorkflow.bpmn.serializer.default.event_definition import TimerConditionalEventDefinitionConverter
from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.task import Task

from engine.flows.errors import FlowError
from engine.flows.refusals import refusal
from engine.flows.step_errors import step_failure


def step_now(task: Task) -> datetime | None:
    """The moment of the step looking at ``task`` (Loom's clock), or None outside a step."""
    environment = getattr(task.workflow.script_engine, "environment", None)
    now = getattr(environment, "now", None)
    return now if isinstance(now, datetime) else None


def _setting_now(task: Task) -> datetime:
    """The moment a timer is set from: the step's, else (never in a step) the machine's."""
    return step_now(task) or datetime.now(UTC)


def _value(task: Task, expression: str) -> Any:
    """The timer's value, evaluated at the step; a failure is the timer's (not a condition's)."""
    try:
        return task.workflow.script_engine.evaluate(task, expression)
    except FlowError:
        raise
    except Exception as exc:  # the expression's own error, said the way a step's failure is
        failed = step_failure(exc, task.task_spec.bpmn_id)
        if failed.code == "flow.script.failed":
            failed = refusal("flow.script.failed", failed.element, part="timer", reason=failed.params.get("reason"))
        raise failed from exc


def _parsed(task: Task, code: str, value: Any, parse: Callable[[str], Any]) -> Any:
    """``value`` read by ``parse``; a value that is no ISO text is refused with ``code``."""
    try:
        return parse(str(value))
    except Exception as exc:  # SpiffWorkflow raises plain Exception (and ValueError) for bad ISO text
        shown = repr(value)
        raise refusal(code, task.task_spec.bpmn_id, value=shown if len(shown) <= 60 else shown[:57] + "...") from exc


def _moment(text: str) -> datetime:
    """A date and time (an ISO week date too), as SpiffWorkflow reads a date timer."""
    when = TimerEventDefinition.parse_time_or_duration(text)
    if not isinstance(when, datetime):
        raise ValueError(text)  # a duration where a date belongs
    return when


def _due_by(task: Task, when: datetime) -> bool:
    now = step_now(task)
    return now is not None and when <= now


class LoomTimeDate(TimeDateEventDefinition):  # type: ignore[misc]
    """A date: fires when the step's moment reaches it (at once when the date is already past)."""

    def has_fired(self, my_task: Task) -> bool:
        value = my_task._get_internal_data("event_value")
        if value is None:
            value = _value(my_task, self.expression)
            my_task._set_internal_data(event_value=value)
        if _due_by(my_task, _parsed(my_task, "flow.timer.bad_date", value, _moment)):
            my_task._set_internal_data(event_fired=True)
        return bool(my_task._get_internal_data("event_fired", False))


class LoomDuration(DurationTimerEventDefinition):  # type: ignore[misc]
    """A duration: counted from the moment of the step that reached the event."""

    def has_fired(self, my_task: Task) -> bool:
        value = my_task._get_internal_data("event_value")
        if value is None:
            text = _value(my_task, self.expression)
            start = _setting_now(my_task)
            duration = _parsed(my_task, "flow.timer.bad_duration", text, TimerEventDefinition.parse_iso_duration)
            value = (start + TimerEventDefinition.get_timedelta_from_start(duration, start)).isoformat()
            my_task._set_internal_data(event_value=value)
        if _due_by(my_task, TimerEventDefinition.get_datetime(value)):
            my_task._set_internal_data(event_fired=True)
        return bool(my_task._get_internal_data("event_fired", False))


class LoomCycle(CycleTimerEventDefinition):  # type: ignore[misc]
    """A cycle (``R3/PT1H``): with no start date its first occurrence is a period after the step's
    moment; each look that finds an occurrence due takes it (SpiffWorkflow then starts the path
    from the event again) and counts down what is left."""

    def cycle_complete(self, my_task: Task) -> bool:
        value = my_task._get_internal_data("event_value")
        if value is None:
            text = str(_value(my_task, self.expression))
            cycles, start, duration = _parsed(
                my_task, "flow.timer.bad_cycle", text, TimerEventDefinition.parse_iso_recurring_interval
            )
            if counts_from_now(text):
                start = _setting_now(my_task) + duration
            value = {"cycles": cycles, "next": start.isoformat(), "duration": duration.total_seconds()}
        ready = False
        if value["cycles"] != 0:
            occurrence = datetime.fromisoformat(value["next"])
            if _due_by(my_task, occurrence):
                value["next"] = (occurrence + timedelta(seconds=value["duration"])).isoformat()
                value["cycles"] -= 1
                ready = True
        else:  # every occurrence taken: the event ends (as SpiffWorkflow's own does)
            my_task.internal_data.pop("event_value", None)
            my_task.internal_data["event_fired"] = True
        my_task._set_internal_data(event_value=value)
        return ready


def counts_from_now(text: str) -> bool:
    """Whether the cycle ``text`` gives no start date (``R3/PT1H``): it starts a period from now."""
    parts = text.upper().replace("--", "/").strip().lstrip("R").split("/")
    return len(parts) == 2 and parts[1].startswith("P")


_LOOM: dict[type, type] = {
    TimeDateEventDefinition: LoomTimeDate,
    DurationTimerEventDefinition: LoomDuration,
    CycleTimerEventDefinition: LoomCycle,
}


def _on_loom_clock(definition: Any) -> Any:
    loom = _LOOM.get(type(definition))
    if loom is None:
        return definition
    return loom(definition.name, definition.expression, description=definition.description)


def on_loom_clock(specs: Iterable[BpmnProcessSpec]) -> None:
    """Every timer of the parsed ``specs`` as Loom's, an event-based gateway's branches included."""
    for spec in specs:
        for task_spec in spec.task_specs.values():
            definition = getattr(task_spec, "event_definition", None)
            if isinstance(definition, MultipleEventDefinition):
                definition.event_definitions = [_on_loom_clock(d) for d in definition.event_definitions]
            elif definition is not None:
                task_spec.event_definition = _on_loom_clock(definition)


class _LoomTimerConverter(TimerConditionalEventDefinitionConverter):  # type: ignore[misc]
    """Stores Loom's timer under SpiffWorkflow's type name, and restores that name as Loom's."""

    def __init__(self, target_class: type, registry: Any, typename: str | None = None) -> None:
        spiff = next(base for base, loom in _LOOM.items() if loom is target_class)
        super().__init__(target_class, registry, typename or spiff.__name__)


# Serializer configuration (engine.flows.run): after SpiffWorkflow's, so these restore the names.
CONVERTERS: dict[type, type] = {loom: _LoomTimerConverter for loom in _LOOM.values()}
