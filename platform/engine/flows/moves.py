"""Moving a running instance to a newer version of its flow, with SpiffWorkflow's diff and migrate tools.

``SpecDiff`` aligns the old version's elements with the new one's (by BPMN id, and by position when an
id is gone), ``WorkflowDiff`` sorts the instance's tasks by that alignment, and ``migrate_workflow``
points every task at its new element and plans the path ahead of the waiting ones again. SpiffWorkflow
leaves the policy to us (sartography/SpiffWorkflow#416); Loom's is:

- The record stays where it is. Every step it waits at (a user or manual task, a timer, a boundary
  event) must still be there, with the same id and kind; changes to where it sits, its label, form,
  role or pre-/post-script carry over. A waiting timer whose definition changed is refused: its due
  time came from the old one, and neither choice would be what the designer meant.
- What it has done is history: a changed script or label there changes nothing, and nothing re-runs.
  A finished element the new version removed (or turned into another kind) is refused, because
  SpiffWorkflow keeps the path taken as tasks that point at their elements.
- An element added *before* where the record is, is skipped: the record is past that point. Except a
  branch that starts before and joins after (a parallel gateway, or a boundary event on the step it
  waits at): the join would wait forever for a branch the record never took, so that is refused.
- An element added or changed *after* where the record is, applies: the path ahead is planned from the
  new version, so completing the waiting step runs the new version's scripts.
- Moving runs no script: SpiffWorkflow re-enters a waiting step when it plans again, which would run
  its pre-script a second time and restart its timers from the machine's clock. Timers keep their due
  time, task data is put back exactly as it was, and the move uses a script engine that runs nothing.
  Waiting tasks keep their ids, so the runtime's inbox and due-time rows stay true.
"""

from __future__ import annotations

import logging
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.specs.control import BoundaryEventJoin
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.parallel_gateway import ParallelGateway
from SpiffWorkflow.bpmn.util.diff import SpecDiff, WorkflowDiff, migrate_workflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.specs.Join import Join
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.flows import run
from engine.flows.errors import FlowError
from engine.flows.parser import Flow
from engine.flows.refusals import refusal

log = logging.getLogger(__name__)

# What may differ on an element the record waits at or is inside: where it sits, how people see it,
# and what it does on the way in (done already) or out (the new version's applies).
_PLACE = {"inputs", "outputs", "lane", "lookahead"}
_LOOK = {"description", "bpmn_name", "documentation", "extensions"}
_IN_OUT = {"prescript", "postscript", "data_input_associations", "data_output_associations", "io_specification"}
CARRIED_OVER = frozenset(_PLACE | _LOOK | _IN_OUT)
_AHEAD = TaskState.FUTURE | TaskState.PREDICTED_MASK  # planned, not reached: planned again from the new version
_AT = TaskState.READY | TaskState.WAITING  # where the record waits
_FINISHED = TaskState.COMPLETED | TaskState.CANCELLED


@dataclass(frozen=True)
class MoveCheck:
    """What ``check_move`` found, for the runtime to show before anyone moves anything."""

    ok: bool
    waiting: tuple[str, ...]  # BPMN ids of the user tasks it would wait at after the move, in diagram order
    reason: str | None  # why it cannot move, in plain words
    element: str | None  # the BPMN id the reason is about
    code: str | None = None  # the reason's refusal code and params (engine.flows.refusals)
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Part:
    """The top process or one running sub-process, with its diff against the new version."""

    workflow: Any  # BpmnWorkflow or BpmnSubWorkflow
    spec: Any  # the new version's BpmnProcessSpec for it
    specs: SpecDiff
    tasks: WorkflowDiff


class _NoScripts(PythonScriptEngine):  # type: ignore[misc]
    """The engine while moving: a waiting step's pre-script is skipped (it ran when the record got
    there, and its data is kept); anything else that would run a script or an expression refuses."""

    def execute(self, task: Task, script: str, external_context: Any = None) -> bool:
        if task.task_spec.manual:
            return True
        raise refusal("flow.move.would_run_script", task.task_spec.bpmn_id)

    def evaluate(self, task: Task, expression: str, external_context: Any = None) -> Any:
        raise refusal("flow.move.would_evaluate", task.task_spec.bpmn_id)


def check_move(state: dict[str, Any], new: Flow) -> MoveCheck:
    """Dry run: would this serialized instance (run.serialize output) move to ``new``? Never changes ``state``."""
    try:
        moved = _moved(state, new)
    except FlowError as refused:
        return MoveCheck(False, (), refused.message, refused.element, refused.code, refused.params)
    return MoveCheck(True, tuple(t.task_spec.bpmn_id for t in run.waiting(moved)), None, None)


def move(state: dict[str, Any], new: Flow) -> dict[str, Any]:
    """The instance's serialized state on ``new``; raises FlowError(reason, element) when it cannot move."""
    return run.serialize(_moved(state, new))


def _moved(state: dict[str, Any], new: Flow) -> BpmnWorkflow:
    """A fresh copy of the instance on ``new`` (``run.restore`` copies ``state``; it is never touched)."""
    workflow = run.restore(state)
    if workflow.is_completed() or workflow.get_tasks(state=TaskState.ERROR):
        raise refusal("flow.move.ended")
    parts = _diff(workflow, new)
    for part in parts:
        _check_tasks(part)
        _check_joins(part)
    kept = {t.id: (deepcopy(t.data), deepcopy(t.internal_data)) for t in workflow.get_tasks(state=_AT)}
    workflow.script_engine = _NoScripts()
    workflow.subprocess_specs = new.subprocess_specs
    try:
        for part in parts:
            # SpiffWorkflow resets READY tasks itself; its reset of a WAITING one would forget its due time.
            migrate_workflow(part.tasks, part.workflow, part.spec, reset_mask=TaskState.READY)
            for task in part.workflow.get_tasks(state=TaskState.WAITING | TaskState.STARTED, skip_subprocesses=True):
                _plan_ahead(task)
        for task_id, (data, internal) in kept.items():
            task = workflow.get_task_from_id(task_id)
            task.data, task.internal_data = data, internal
        for part in parts:  # every task must now stand on an element of the new version
            for task in part.workflow.get_tasks(skip_subprocesses=True):
                spec = task.task_spec
                if part.spec.task_specs.get(spec.name) is not spec:
                    raise refusal("flow.move.off_version", _element(spec), what=_cap(_label(spec)))
        return run.restore(run.serialize(workflow))  # what the runtime will store must load again
    except FlowError:
        raise
    except Exception as exc:  # SpiffWorkflow's own errors while planning or storing
        log.warning("A record could not be moved to the new version: %r", exc, exc_info=exc)
        raise refusal("flow.move.failed") from exc


def _diff(workflow: BpmnWorkflow, new: Flow) -> list[_Part]:
    """``diff_workflow``, keeping each ``SpecDiff`` (which attributes changed, what was added)."""
    try:
        specs = SpecDiff(run.SERIALIZER.registry, workflow.spec, new.spec)
        parts = [_Part(workflow, new.spec, specs, WorkflowDiff(workflow, specs))]
        for sub_id, sub in workflow.subprocesses.items():
            spec = new.subprocess_specs.get(sub.spec.name)
            if spec is None:
                owner = workflow.get_task_from_id(sub_id)
                what = f"{_cap(_label(owner.task_spec))} {_where(owner)}"
                raise refusal("flow.move.removed", owner.task_spec.bpmn_id, what=what)
            specs = SpecDiff(run.SERIALIZER.registry, sub.spec, spec)
            parts.append(_Part(sub, spec, specs, WorkflowDiff(sub, specs)))
    except KeyError as exc:  # a task SpiffWorkflow's alignment does not reach (an event sub-process)
        raise refusal("flow.move.not_comparable", at=str(exc.args[0]) if exc.args else "") from exc
    return parts


def _check_tasks(part: _Part) -> None:
    """Refuse what the record waits at, is inside or has done that the new version cannot carry.

    Where it is comes first, so the reason names what people see (the timer, not its helpers)."""
    changes = part.specs.changed
    tasks = [t for t in part.workflow.get_tasks(skip_subprocesses=True) if not t.has_state(_AHEAD)]
    for task in sorted(tasks, key=lambda t: bool(t.has_state(_FINISHED))):
        old, new = task.task_spec, part.tasks.alignment.get(task)
        what, element = f"{_cap(_label(old))} {_where(task)}", _element(old)
        helper = old.bpmn_id is None and "Boundary" in type(old).__name__
        if helper and (new is None or "typename" in changes.get(old, ())):
            raise refusal("flow.move.boundary_changed", element, what=_served(old))
        if new is None:
            raise refusal("flow.move.removed", element, what=what)
        changed = set(changes.get(old, ()))
        if "typename" in changed:
            raise refusal("flow.move.kind_changed", element, what=what)
        if task.has_state(_FINISHED):
            continue
        if new.name != old.name:
            raise refusal("flow.move.id_changed", element, what=what, id=str(new.name))
        carried = CARRIED_OVER - {"inputs"} if isinstance(old, Join) else CARRIED_OVER
        if changed - carried:
            timer = isinstance(getattr(old, "event_definition", None), TimerEventDefinition)
            raise refusal("flow.move.timer_changed" if timer else "flow.move.changed", element, what=what)


def _check_joins(part: _Part) -> None:
    """Refuse a join ahead that would wait for a branch, new to it, that the record can no longer reach."""
    here = part.workflow.get_tasks(state=_AT | TaskState.STARTED, skip_subprocesses=True)
    ahead = _reachable([part.tasks.alignment[t] for t in here])
    before = {new.name: old for old, new in part.specs.alignment.items() if new is not None}
    for join in sorted(ahead, key=lambda spec: str(spec.name)):
        if not isinstance(join, ParallelGateway | BoundaryEventJoin) or len(join.inputs) < 2:
            continue
        known = set(before[join.name]._inputs) if join.name in before else set()
        for branch in join.inputs:
            if branch.name in known or branch in ahead:
                continue
            if isinstance(join, BoundaryEventJoin):
                raise refusal("flow.move.boundary_added", _element(branch), what=_label(branch), owner=_served(join))
            raise refusal("flow.move.branch_added", _element(branch), what=_label(branch), join=_label(join))


def _plan_ahead(task: Task) -> None:
    """``Task.reset_branch`` for a task that stays put: plan its path from the new version again, but
    keep its state and internal data (a timer's due time) and do not re-enter it."""
    for child in list(task.children):
        if child.has_state(_AHEAD) and not child.triggered:  # triggered: a multi-instance's own instances
            task.workflow._remove_task(child.id)
    task.task_spec._predict_hook(task)
    task.task_spec._predict(task, mask=_AHEAD)


def _reachable(start: list[Any]) -> set[Any]:
    seen: set[Any] = set()
    while start:
        spec = start.pop()
        if spec is not None and spec not in seen:
            seen.add(spec)
            start.extend(spec.outputs)
    return seen


def _where(task: Task) -> str:
    if task.has_state(_FINISHED):
        return "it has already passed"
    if task.has_state(TaskState.STARTED):
        return "it is inside"
    return "it waits for" if task.has_state(TaskState.WAITING) else "it waits at"


def _element(spec: Any) -> str | None:
    """The BPMN id; for SpiffWorkflow's own helpers (``approve.BoundaryEventSplit``), their element's."""
    if spec.bpmn_id is not None:
        return str(spec.bpmn_id)
    return str(spec.name).rsplit(".", 1)[0] if "." in spec.name else None


def _label(spec: Any) -> str:
    """How people know the element: "the step 'Delivered' (delivered)"; a helper speaks of its element."""
    kind, element, name = type(spec).__name__, _element(spec), getattr(spec, "bpmn_name", None)
    if spec.bpmn_id is None:
        return f"the boundary events of {_served(spec)}" if "Boundary" in kind else f"the element {spec.name}"
    noun = "gateway" if "Gateway" in kind else "event" if "Event" in kind else "step"
    if kind in ("SubWorkflowTask", "CallActivity", "TransactionSubprocess"):
        noun = "sub-process"
    elif isinstance(getattr(spec, "event_definition", None), TimerEventDefinition):
        noun = "timer"
    return f"the {noun} '{name}' ({element})" if name else f"the {noun} ({element})"


def _served(helper: Any) -> str:
    element = _element(helper)
    owner = helper._wf_spec.task_specs.get(element) if element else None
    return _label(owner) if owner is not None else f"the element {helper.name}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
