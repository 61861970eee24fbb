"""Event sub-processes as BPMN runs them, where SpiffWorkflow does not.

An event sub-process (``<subProcess triggeredByEvent="true">``) is armed while the process around
it runs. SpiffWorkflow starts one whose start event is a timer together with its process, as if it
were a parallel path, which leaves three things to Loom:

- an interrupting one (``isInterrupting``, true unless the diagram says ``false``; SpiffWorkflow
  does not read it) ends the rest of its process when it starts: every other waiting step, timer
  and sub-process is cancelled, and the process ends when the event sub-process does;
- a non-interrupting one runs beside the rest (each occurrence of a cycle again);
- a process whose own paths have all ended does not wait for its armed event sub-processes: they
  are disarmed and the process ends (SpiffWorkflow would wait for their timers forever).

``settle`` applies these after the engine's steps (``engine.flows.run``).
"""

from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.event_parsers import SpiffStartEventParser
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

INTERRUPTING = "loomInterrupting"  # on the start event of an event sub-process (its ``extensions``)
_ACTIVE = TaskState.READY | TaskState.STARTED | TaskState.WAITING


class EventStartParser(SpiffStartEventParser):  # type: ignore[misc]
    """SpiffWorkflow's start event, remembering whether it interrupts (kept with the stored state)."""

    def parse_extensions(self, node: Any = None) -> dict[str, Any]:
        extensions: dict[str, Any] = super().parse_extensions(node)
        own = node is None or node is self.node
        parent = self.node.getparent()
        if own and parent is not None and parent.get("triggeredByEvent", "false").strip().lower() == "true":
            extensions[INTERRUPTING] = self.node.get("isInterrupting", "true").strip().lower() != "false"
        return extensions


def starts_interrupting(spec: Any) -> bool:
    """Whether the start event ``spec`` interrupts its process (BPMN's default, when unsaid)."""
    return bool(getattr(spec, "extensions", {}).get(INTERRUPTING, True))


def is_event_subprocess(spec: Any) -> bool:
    """Whether the process ``spec`` is an event sub-process. SpiffWorkflow parses one as a plain
    sub-process (it looks for ``triggeredByEvent`` in the BPMN namespace), so its start says so."""
    return any(INTERRUPTING in (getattr(t, "extensions", None) or {}) for t in spec.task_specs.values())


def settle(workflow: BpmnWorkflow) -> bool:
    """Interrupt for event sub-processes that just started, disarm those nothing waits for; whether
    anything changed (the engine then has steps to run)."""
    changed = False
    for part in [workflow, *workflow.subprocesses.values()]:
        if part.is_completed():
            continue
        armed = []
        for task in list(part.tasks.values()):
            inner = workflow.subprocesses.get(task.id)
            if inner is None or task.state != TaskState.STARTED or not is_event_subprocess(inner.spec):
                continue
            if _armed(inner):
                armed.append(task)
            elif _interrupting(inner):
                changed |= _interrupt(part, task)
        if armed and _only(part, armed):
            for task in armed:
                task.cancel()
            for join in part.get_tasks(state=TaskState.WAITING, spec_name=part.spec.end.name):
                join.task_spec._update(join)
            changed = True
    return changed


def _interrupting(inner: Any) -> bool:
    """Whether the event sub-process ``inner`` starts through an interrupting start event."""
    return any(
        isinstance(spec, StartEvent) and INTERRUPTING in getattr(spec, "extensions", {}) and starts_interrupting(spec)
        for spec in inner.spec.task_specs.values()
    )


def _armed(inner: Any) -> bool:
    """Whether the event sub-process ``inner`` only waits for its start: nothing of it runs."""
    for task in inner.tasks.values():
        if not task.has_state(_ACTIVE) or _ends(inner, task):
            continue
        if task.state != TaskState.WAITING or not isinstance(task.task_spec, StartEvent):
            return False
    return True


def _only(part: Any, armed: list[Task]) -> bool:
    """Whether nothing but ``armed`` event sub-processes keeps ``part`` from its end."""
    for task in part.tasks.values():
        if task.has_state(TaskState.FINISHED_MASK) or _ends(part, task):
            continue
        if not any(task is esp or task.is_descendant_of(esp) for esp in armed):
            return False
    return True


def _interrupt(part: Any, esp: Task) -> bool:
    """Cancel everything of ``part`` that still runs or waits, but the event sub-process ``esp`` and
    the process's own end; whether anything was cancelled."""
    heads = [
        task
        for task in part.tasks.values()
        if task.has_state(_ACTIVE | TaskState.FUTURE | TaskState.LIKELY | TaskState.MAYBE)
        and not _ends(part, task)
        and task is not esp
        and not task.is_descendant_of(esp)
        and (task.parent is None or task.parent.has_state(TaskState.FINISHED_MASK))
    ]
    for task in heads:
        if not task.has_state(TaskState.FINISHED_MASK):
            task.cancel()
    return bool(heads)


def _ends(part: Any, task: Task) -> bool:
    """Whether ``task`` is the process's own bookkeeping end (its join of all paths, or the end)."""
    end = part.spec.end
    return task.task_spec is end or task.task_spec in end.outputs
