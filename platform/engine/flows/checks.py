"""What a diagram must pass before it is published, beyond what the engine can run (support.py).

Each problem names the element and, where one is concerned, the field:

- every script, condition and expression compiles under the sandbox's rules (that a script task
  has a script at all is ``support.problems``'s, with what Loom runs);
- a timer's expression is ISO text, bare or in quotes (a duration like ``P1D``, a date-time like
  ``"2026-12-01T09:00:00+01:00"``) that parses, or an expression over the record's fields and the
  flow's variables;
- what a script assigns at its top level fits the blueprint: a name that is a field gets a value
  the field accepts (checked when the value is written out, like ``status = "DONE"``), and a name
  that is no field must be read somewhere (later in the script, by another script, a condition,
  a timer or a multi-instance activity): otherwise it would be lost, so it is most likely a typo
  of a field (``stauts = "DONE"``).

Published versions are never checked again: these checks run when a draft is published, not when
a stored version is read.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask, MultiInstanceTask
from SpiffWorkflow.bpmn.specs.mixins.script_task import ScriptTask

from engine.flows.decisions import decided_fields, decision_tasks
from engine.flows.errors import FlowError
from engine.flows.parser import Flow
from engine.flows.refusals import refusal
from engine.flows.sandbox import policy
from engine.flows.timers import readable
from engine.schema import Schema
from engine.schema.values import coerce

KNOWN_NAMES = frozenset(policy.HELPERS) | frozenset(dir(builtins))


@dataclass
class Source:
    """One piece of code in the diagram: a script (``exec``) or an expression (``eval``)."""

    element: str
    what: str  # which part of the element it is, a key of refusals.PARTS: "script", "condition", "timer"...
    code: str
    mode: str
    tree: ast.AST | None = None
    reads: set[str] = field(default_factory=set)
    definition: TimerEventDefinition | None = None  # a timer's


def publish_problems(flow: Flow, schema: Schema, blueprint: str) -> list[FlowError]:
    """Every problem of ``flow`` that would fail its records at run time, bound to ``schema``
    (the blueprint named ``blueprint``)."""
    specs = [flow.spec, *flow.subprocess_specs.values()]
    found: list[FlowError] = []
    sources: list[Source] = []
    extra_reads: set[str] = set()
    for spec in specs:
        for task_spec, element in _tasks(spec):
            sources.extend(_sources(task_spec, element))
            extra_reads |= _data_names(task_spec)
        extra_reads |= set(getattr(spec, "data_objects", {}) or {})
    for source in sources:
        reasons = policy.check(source.code, source.mode) if source.code.strip() else []
        if reasons:
            found.append(refusal("flow.code.refused", source.element, part=source.what, reason=reasons[0]))
            continue
        source.tree = ast.parse(source.code, mode=source.mode)
        source.reads = _reads(source.tree)
    read_anywhere = set().union(extra_reads, *(s.reads for s in sources))
    assigned_anywhere: set[str] = set()
    for source in sources:
        if source.mode == "exec" and source.tree is not None:
            assigned_anywhere |= {name for name, _node in _assignments(source.tree)}
    for source in sources:
        if source.tree is None:
            continue
        if source.mode == "exec":
            found.extend(_check_assignments(source, schema, blueprint, read_anywhere))
        elif source.what == "timer":
            known = KNOWN_NAMES | set(schema.keys()) | assigned_anywhere | extra_reads
            found.extend(_check_timer(source, known))
    return found


def assigned_names(flow: Flow) -> frozenset[str]:
    """Every name the flow's scripts assign in their own scope, and every field its decisions set:
    among them, the fields it writes.
    A script that cannot be read assigns nothing (publishing refuses it anyway)."""
    names: set[str] = set()
    for spec in [flow.spec, *flow.subprocess_specs.values()]:
        for task_spec, element in _tasks(spec):
            for source in _sources(task_spec, element):
                if source.mode != "exec":
                    continue
                try:
                    tree = ast.parse(source.code, mode="exec")
                except (SyntaxError, ValueError, MemoryError, RecursionError):
                    continue
                names.update(name for name, _node in _assignments(tree))
    for task in decision_tasks([flow.spec, *flow.subprocess_specs.values()]):
        names.update(decided_fields(task))  # a business-rule task's decision writes its fields too
    return frozenset(names)


def _tasks(spec: BpmnProcessSpec) -> Iterator[tuple[Any, str]]:
    for task_spec in spec.task_specs.values():
        element = getattr(task_spec, "bpmn_id", None)
        if element is not None:
            yield task_spec, element


def _sources(task_spec: Any, element: str) -> list[Source]:
    found = []
    if isinstance(task_spec, ScriptTask) and task_spec.script:
        found.append(Source(element, "script", task_spec.script, "exec"))
    for attribute in ("prescript", "postscript"):
        code = getattr(task_spec, attribute, None)
        if code:
            found.append(Source(element, attribute, code, "exec"))
    for condition, _target in getattr(task_spec, "cond_task_specs", []) or []:
        args = getattr(condition, "args", None)  # the gateway's condition, kept as the operator's argument
        text = args[0] if args else condition
        if isinstance(text, str) and text.strip():
            found.append(Source(element, "condition", text, "eval"))
    if isinstance(task_spec, MultiInstanceTask) and task_spec.cardinality:
        found.append(Source(element, "cardinality", task_spec.cardinality, "eval"))
    if isinstance(task_spec, LoopTask) and isinstance(getattr(task_spec, "condition", None), str):
        found.append(Source(element, "loop_condition", task_spec.condition, "eval"))
    definition = getattr(task_spec, "event_definition", None)
    if isinstance(definition, TimerEventDefinition) and readable(definition.expression):  # else parser.check refuses
        found.append(Source(element, "timer", definition.expression, "eval", definition=definition))
    return found


def _data_names(task_spec: Any) -> set[str]:
    """Variables the engine reads by name: multi-instance collections and items, inputs and outputs."""
    names: set[str] = set()
    for attribute in ("data_input", "data_output", "input_item", "output_item"):
        reference = getattr(task_spec, attribute, None)
        if reference is not None and getattr(reference, "bpmn_id", None):
            names.add(reference.bpmn_id)
    io = getattr(task_spec, "io_specification", None)
    if io is not None:
        names |= {d.bpmn_id for d in [*io.data_inputs, *io.data_outputs] if getattr(d, "bpmn_id", None)}
    return names


def _reads(tree: ast.AST) -> set[str]:
    reads = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    # ``total += 1`` reads ``total`` too.
    reads |= {n.target.id for n in ast.walk(tree) if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name)}
    return reads


def _assignments(tree: ast.AST) -> Iterator[tuple[str, ast.stmt | ast.expr]]:
    """(name, statement) for every name a script assigns in its own scope, not inside functions."""
    for node in _own_scope(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                for name in _target_names(target):
                    yield name, node
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            yield from ((name, node) for name in _target_names(node.target))
        elif isinstance(node, ast.NamedExpr):
            yield node.target.id, node


def _own_scope(tree: ast.AST) -> Iterator[ast.AST]:
    stack = list(ast.iter_child_nodes(tree))
    while stack:
        node = stack.pop(0)
        yield node
        if not isinstance(
            node, ast.FunctionDef | ast.Lambda | ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp
        ):
            stack.extend(ast.iter_child_nodes(node))


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [name for element in target.elts for name in _target_names(element)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _check_assignments(source: Source, schema: Schema, blueprint: str, read_anywhere: set[str]) -> list[FlowError]:
    assert source.tree is not None
    found: list[FlowError] = []
    seen: set[str] = set()
    for name, node in _assignments(source.tree):
        line = getattr(node, "lineno", 1)
        column = schema.column(name)
        if column is None:
            if name not in read_anywhere and name not in seen:
                seen.add(name)
                lost = {"script_line": line, "part": source.what, "name": name, "blueprint": blueprint}
                found.append(refusal("flow.script.lost_variable", source.element, **lost))
            continue
        value_node = getattr(node, "value", None)
        if not isinstance(node, ast.Assign | ast.AnnAssign) or value_node is None:
            continue
        try:
            value = ast.literal_eval(value_node)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue  # computed when it runs: the field's own checks decide then
        problem = _refusal(column, value)
        if problem:
            refused = {"script_line": line, "part": source.what, "name": name, "blueprint": blueprint}
            found.append(
                refusal("flow.script.field_refused", source.element, **refused, value=_shown(value), reason=problem)
            )
    return found


def _refusal(column: Any, value: Any) -> str | None:
    if value is None:
        return "This field is required." if column.required else None
    try:
        coerce(column, value)
    except (ValueError, TypeError, ArithmeticError) as exc:
        return str(exc) or "This value does not fit the field."
    return None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_timer(source: Source, known: frozenset[str] | set[str]) -> list[FlowError]:
    assert source.tree is not None
    definition = source.definition
    try:
        value = ast.literal_eval(source.tree)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        unknown = sorted(source.reads - known)
        if not unknown:
            return []
        return [refusal("flow.timer.unknown_name", source.element, name=unknown[0])]
    if not isinstance(value, str):
        return [refusal("flow.timer.not_text", source.element, value=_shown(value))]
    try:
        if isinstance(definition, DurationTimerEventDefinition):
            if not TimerEventDefinition.parse_iso_duration(value):
                raise ValueError(value)
        elif isinstance(definition, TimeDateEventDefinition):
            TimerEventDefinition.parse_time_or_duration(value)
        elif isinstance(definition, CycleTimerEventDefinition):
            TimerEventDefinition.parse_iso_recurring_interval(value)
    except Exception:  # SpiffWorkflow raises plain Exception for a bad duration
        if isinstance(definition, DurationTimerEventDefinition):
            code = "flow.timer.bad_duration"
        elif isinstance(definition, CycleTimerEventDefinition):
            code = "flow.timer.bad_cycle"
        else:
            code = "flow.timer.bad_date"
        return [refusal(code, source.element, value=_shown(value))]
    return []
