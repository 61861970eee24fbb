"""What one step of a flow may spend: engine steps, multi-instance instances, stored state.

The runtime passes the workspace's ``Limits`` to every call of ``run`` (the engine reads no
settings). A step over any of them fails with a FlowError naming the element, before anything
is written. The scripts' processor time is the sandbox's budget, not these.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import MultiInstanceTask
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.flows.refusals import refusal


@dataclass(frozen=True)
class Limits:
    """``steps``: engine steps in one step of the flow (a loop without a wait ends there);
    ``instances``: instances one multi-instance activity may make; ``state_bytes``: the
    instance's stored state (its variables and tasks), as JSON; ``timer_repeats``: occurrences of
    one repeating (cycle) timer, ``R/PT1H`` included."""

    steps: int = 1000
    instances: int = 1000
    state_bytes: int = 1024 * 1024
    timer_repeats: int = 1000


DEFAULT_LIMITS = Limits()


class BoundedEngine(PythonScriptEngine):  # type: ignore[misc]
    """The step's script engine, refusing a multi-instance count over the limit before the engine
    makes the instances: a cardinality as soon as it is evaluated, a collection as soon as a
    script made it."""

    def __init__(self, inner: PythonScriptEngine, limits: Limits) -> None:
        super().__init__(environment=inner.environment)
        self.inner, self.limits = inner, limits

    def evaluate(self, task: Task, expression: str, external_context: Any = None) -> Any:
        value = self.inner.evaluate(task, expression, external_context)
        spec = task.task_spec
        if isinstance(spec, MultiInstanceTask) and expression == spec.cardinality and isinstance(value, int):
            check_instances(spec.bpmn_id, value, self.limits)
        return value

    def execute(self, task: Task, script: str, external_context: Any = None) -> Any:
        result = self.inner.execute(task, script, external_context)
        for spec in _multi_instances(task.workflow):
            name = spec.data_input.bpmn_id if spec.data_input is not None else None
            collection = task.data.get(name) if name else None
            if isinstance(collection, list | tuple | dict | set | frozenset):
                check_instances(spec.bpmn_id, len(collection), self.limits)
        return result

    def call_service(self, task: Task, **kwargs: Any) -> Any:
        return self.inner.call_service(task, **kwargs)


def bounded(engine: PythonScriptEngine, limits: Limits) -> PythonScriptEngine:
    return engine if isinstance(engine, BoundedEngine) else BoundedEngine(engine, limits)


def check_instances(element: str | None, count: int, limits: Limits) -> None:
    if count > limits.instances:
        raise refusal("flow.limit.instances", element, count=count, limit=limits.instances)


def check_step(task: Task, steps: int, limits: Limits) -> None:
    """Called before each engine step: the count so far, and instances made by data the engine read."""
    if steps > limits.steps:
        raise refusal("flow.limit.steps", task.task_spec.bpmn_id, limit=limits.steps)
    parent = task.parent
    if parent is not None and isinstance(parent.task_spec, MultiInstanceTask):
        check_instances(parent.task_spec.bpmn_id, len(parent.children), limits)


def check_state(workflow: BpmnWorkflow, state: dict[str, Any], limits: Limits) -> None:
    """Refuse a serialized instance larger than the limit, naming the element that ran last."""
    size = len(json.dumps(state, separators=(",", ":"), ensure_ascii=False, default=str).encode())
    if size <= limits.state_bytes:
        return
    done = [t for t in workflow.get_tasks(state=TaskState.COMPLETED) if t.task_spec.bpmn_id]
    element = max(done, key=lambda t: t.last_state_change).task_spec.bpmn_id if done else None
    raise refusal("flow.limit.state", element, size=_size(size), limit=_size(limits.state_bytes))


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MiB" if count >= 1024 * 1024 else f"{max(1, count // 1024)} KiB"


def _multi_instances(workflow: BpmnWorkflow) -> list[MultiInstanceTask]:
    top = getattr(workflow, "top_workflow", None) or workflow
    specs = [top.spec, *getattr(top, "subprocess_specs", {}).values()]
    return [s for spec in specs for s in spec.task_specs.values() if isinstance(s, MultiInstanceTask)]
