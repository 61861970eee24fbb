"""Timers as modelers write them, running on Loom's clock.

Values: ISO 8601 text with no quotes (``P7D``, ``2026-12-01T09:00:00Z``, ``R3/PT1H``), which
Camunda, bpmn-js and Signavio all produce. SpiffWorkflow evaluates a timer's text as an
expression, so ``P7D`` would be a missing name and ``2026-12-01`` the number 2013. Before the
diagram is read, such text is put in quotes; anything else (a quoted value, an expression over the
record's fields) stays as it is and is checked at publish (``engine.flows.checks``).

Time: timers are set and fire on Loom's clock only, the ``now`` each step carries (``core.clock``,
which tests move), never the machine's (``engine.flows.timer_clock``). ``arm`` bounds the cycles
just set, ``fire_due`` fires what is due at a moment, and ``due`` says when a timer is next due, a
cycle's next occurrence included (the runtime's timer table follows it).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.flows.catches import branches, timer_of
from engine.flows.errors import FlowError
from engine.flows.refusals import refusal
from engine.flows.subprocess_events import starts_interrupting

_DATE = r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
_N = r"[\d.,]+"
_DURATION = rf"-?P(?=[\d.,]|T[\d.,])(?:{_N}Y)?(?:{_N}M)?(?:{_N}W)?(?:{_N}D)?(?:T(?:{_N}H)?(?:{_N}M)?(?:{_N}S)?)?"
_PART = f"(?:{_DATE}|{_DURATION})"
_ISO = re.compile(rf"(?:R\d*/)?{_PART}(?:/{_PART})?")
_KINDS = ("timeDuration", "timeDate", "timeCycle")
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def is_unquoted_iso(text: str) -> bool:
    """Whether ``text`` is an ISO 8601 date, duration, interval or cycle, written bare."""
    return bool(_ISO.fullmatch(text.strip()))


def quote_iso_timers(document: Any) -> None:
    """Put bare ISO timer values of ``document`` (lxml) in quotes, in place."""
    for kind in _KINDS:
        for element in document.iter(f"{{{BPMN}}}{kind}"):
            text = element.text or ""
            if is_unquoted_iso(text):
                element.text = repr(text.strip())


def unrecognised(specs: Iterable[BpmnProcessSpec]) -> list[FlowError]:
    """Timers whose value is neither ISO text (quoted, or bare and quoted on reading) nor an
    expression: jBPM's ``500ms`` or ``500ms###1s``, an empty value. SpiffWorkflow would only find
    out at the step, evaluating it as an expression. Whether an ISO text or an expression is right
    is for the publish checks (``engine.flows.checks``)."""
    found = []
    for spec in specs:
        for task_spec in spec.task_specs.values():
            for element, definition in branches(task_spec):
                if isinstance(definition, TimerEventDefinition) and not readable(definition.expression):
                    value = " ".join(str(definition.expression or "").split())
                    shown = repr(value if len(value) <= 60 else value[:57] + "...")
                    found.append(refusal("flow.timer.unrecognised", element, value=shown))
    return found


def readable(expression: Any) -> bool:
    """Whether a timer's value reads as an expression (an ISO text is one once quoted)."""
    text = str(expression or "").strip()
    try:
        ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return bool(text)


def due(task: Task) -> datetime | None:
    """When the waiting timer ``task`` is due (aware), or None: not set yet, or a cycle with no
    occurrence left (SpiffWorkflow then lets the event end on its next look)."""
    value = task._get_internal_data("event_value")
    if isinstance(value, dict):
        if value.get("cycles", 0) == 0:
            return None
        value = value.get("next")
    if value is None:
        return None
    when: datetime = TimerEventDefinition.get_datetime(str(value))
    return when


def waiting(workflow: BpmnWorkflow) -> list[tuple[Task, str, TimerEventDefinition]]:
    """The timers the instance waits on: (task, BPMN element, timer), an event-based gateway's too."""
    found = []
    for task in workflow.get_tasks(state=TaskState.WAITING):
        timer = timer_of(task.task_spec)
        if timer is not None:
            found.append((task, timer[0], timer[1]))
    return found


def arm(workflow: BpmnWorkflow, repeats: int) -> None:
    """Bound the cycles set since the last look.

    A cycle repeats only where BPMN lets it start something new each time (a non-interrupting
    boundary event, the start of a non-interrupting event sub-process), at most ``repeats`` times
    (``R/PT1H`` and ``R5000/PT1H`` alike); anywhere else its first occurrence is the one that counts.
    """
    for task, _element, definition in waiting(workflow):
        value = task._get_internal_data("event_value")
        if not isinstance(definition, CycleTimerEventDefinition) or not isinstance(value, dict):
            continue
        if task._get_internal_data("rebased"):  # bounded at an earlier look
            continue
        value = dict(value)
        limit = repeats if _repeats(task) else 1
        value["cycles"] = limit if value["cycles"] < 0 else min(value["cycles"], limit)
        task._set_internal_data(event_value=value, rebased=True)


def fire_due(workflow: BpmnWorkflow, now: datetime) -> list[str]:
    """Fire the timers due at ``now`` (Loom's clock); the elements fired.

    A date or duration is marked fired. A cycle's occurrence is taken by the event itself (it starts
    the next path from the event, and counts down what is left) when it looks at the step's moment
    (``timer_clock.LoomCycle``); the next one then follows Loom's schedule, skipping occurrences
    missed while Loom was down. ``now`` must be the moment of the step's script engine.
    """
    fired = []
    for task, element, _definition in waiting(workflow):
        when = due(task)
        if when is None or when > now:
            continue
        value = task._get_internal_data("event_value")
        if isinstance(value, dict):
            task.task_spec._update(task)
            after = task._get_internal_data("event_value")
            if isinstance(after, dict):
                step = timedelta(seconds=max(float(after["duration"]), 1.0))
                following = when + step
                if following <= now:
                    following += step * ((now - following) // step + 1)
                after["next"] = following.isoformat()
        else:
            task._set_internal_data(event_fired=True)
        fired.append(element)
    return fired


def _repeats(task: Task) -> bool:
    spec = task.task_spec
    if isinstance(spec, BoundaryEvent):
        return not spec.cancel_activity
    return isinstance(spec, StartEvent) and not starts_interrupting(spec)
