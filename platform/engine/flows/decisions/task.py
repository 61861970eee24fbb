"""Business-rule tasks: a BPMN task that calls one of the flow's decision tables by id.

Modelers write the call differently: Camunda 7 ``camunda:decisionRef`` (with ``camunda:resultVariable``),
Camunda 8 ``<zeebe:calledDecision decisionId=".." resultVariable=".."/>``, SpiffWorkflow
``<spiffworkflow:calledDecisionId>``; all three are read. The table's outputs go into the record's
fields of the same names, or, with a result variable, the one output goes into that field.

SpiffWorkflow's own DMN engine evaluates any hit policy as "the first match" (UNIQUE included) and
guesses at each cell's meaning, so ``DecisionTask`` decides itself: each cell (translated from FEEL
when the table was read) runs through the workflow's script engine, which is the step's sandbox,
and the hit policy is applied as DMN defines it. Each input expression is evaluated once, the
first time a cell tests it, and the cells see its value as ``feel.SUBJECT``. A table with no
matching rule changes no field.
"""

from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.parser.util import full_tag
from SpiffWorkflow.dmn.engine.DMNEngine import DMNEngine
from SpiffWorkflow.dmn.specs.model import DecisionTable, InputEntry, Rule
from SpiffWorkflow.spiff.parser.task_spec import SpiffTaskParser
from SpiffWorkflow.spiff.serializer.task_spec import BusinessRuleTaskConverter
from SpiffWorkflow.spiff.specs.defaults import BusinessRuleTask
from SpiffWorkflow.spiff.specs.spiff_task import SpiffBpmnTask
from SpiffWorkflow.task import Task

from engine.flows.decisions.feel import SUBJECT
from engine.flows.decisions.tables import Decision, cached_decision
from engine.flows.errors import FlowError
from engine.flows.refusals import refusal
from engine.flows.sandbox import ScriptError

CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
ZEEBE = "http://camunda.org/schema/zeebe/1.0"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
TAG = full_tag("businessRuleTask")


class DecisionTask(BusinessRuleTask):  # type: ignore[misc]
    """A business-rule task with its decision table (``dmnEngine.decision_table``) built in."""

    def __init__(
        self,
        wf_spec: Any,
        name: str,
        dmnEngine: DMNEngine,  # noqa: N803 - SpiffWorkflow's name, used by its serializer
        decision_id: str | None = None,
        result_variable: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(wf_spec, name, dmnEngine, **kwargs)
        self.decision_id = decision_id
        self.result_variable = result_variable

    def _run_hook(self, my_task: Task) -> bool:
        result = decide(self.dmnEngine.decision_table, my_task, self.bpmn_id, self.decision_id or "")
        if self.result_variable:
            result = {self.result_variable: next(iter(result.values()))} if result else {}
        my_task.data.update(result)
        record = getattr(my_task.workflow.script_engine.environment, "record", None)
        if record is not None:
            record.update({key: value for key, value in result.items() if key in record})
        return bool(SpiffBpmnTask._run_hook(self, my_task))


class DecisionTaskConverter(BusinessRuleTaskConverter):  # type: ignore[misc]
    """Stores the decision's id and result variable with SpiffWorkflow's table."""

    def to_dict(self, spec: DecisionTask) -> dict[str, Any]:
        dct: dict[str, Any] = super().to_dict(spec)
        dct["decision_id"] = spec.decision_id
        dct["result_variable"] = spec.result_variable
        return dct


def decide(table: DecisionTable, task: Task, element: str, decision: str) -> dict[str, Any]:
    """The table's result for the task's data (each output name and its value; lists for COLLECT
    and RULE ORDER, one number for an aggregation); {} when no rule matches."""
    policy = table.hit_policy
    matched: list[Rule] = []
    inputs: dict[str, Any] = {}  # each input's value, by its expression, once a cell needed it
    for rule in table.rules:
        if all(_holds(task, entry, inputs, element, decision, rule) for entry in rule.inputEntries):
            matched.append(rule)
            if policy == "FIRST":
                break
    rows = ", ".join(str(rule.row_number) for rule in matched)
    if policy == "UNIQUE" and len(matched) > 1:
        raise refusal("flow.decision.not_unique", element, decision=decision, rules=rows)
    results = [_outputs(task, rule, element, decision) for rule in matched]
    if policy == "ANY" and any(result != results[0] for result in results):
        raise refusal("flow.decision.any_conflict", element, decision=decision, rules=rows)
    if policy.startswith("COLLECT") or policy == "RULE ORDER":
        collected = {output.name: [result[output.name] for result in results] for output in table.outputs}
        return {name: _aggregate(policy.removeprefix("COLLECT").strip(), values) for name, values in collected.items()}
    return results[0] if results else {}


def _aggregate(how: str, values: list[Any]) -> Any:
    present = [value for value in values if value is not None]
    if how == "COUNT":
        return len(present)
    if how == "SUM":
        return sum(present)
    if how == "MIN":
        return min(present, default=None)
    if how == "MAX":
        return max(present, default=None)
    return values


def _holds(task: Task, entry: InputEntry, inputs: dict[str, Any], element: str, decision: str, rule: Rule) -> bool:
    test = entry.lhs[0]
    if test is None:
        return True
    source = entry.input.expression
    if source not in inputs:
        inputs[source] = _evaluate(task, source, element, decision, rule)
    return _evaluate(task, test, element, decision, rule, {SUBJECT: inputs[source]}) is True


def _outputs(task: Task, rule: Rule, element: str, decision: str) -> dict[str, Any]:
    return {
        entry.output.name: _evaluate(task, entry.text, element, decision, rule) if entry.text else None
        for entry in rule.outputEntries
    }


def _evaluate(
    task: Task, source: str, element: str, decision: str, rule: Rule, bound: dict[str, Any] | None = None
) -> Any:
    """``source`` in the step's sandbox; a failure names the task, the decision and the rule.

    ``bound`` names are in the task's data for this evaluation alone (SpiffWorkflow's external
    context also carries data objects into gateway conditions, so it is not used for them)."""
    data = task.data
    before = {name: data[name] for name in bound or {} if name in data}
    try:
        data.update(bound or {})
        return task.workflow.script_engine.evaluate(task, source)
    except FlowError:
        raise
    except Exception as exc:  # the script engine wraps the sandbox's error
        cause: BaseException | None = exc
        seen: set[int] = set()
        while cause is not None and not isinstance(cause, ScriptError) and id(cause) not in seen:
            seen.add(id(cause))
            cause = cause.__cause__ or cause.__context__ or getattr(cause, "exception", None)
        reason = cause.message if isinstance(cause, ScriptError) else "a value could not be compared"
        raise refusal("flow.decision.failed", element, decision=decision, rule=rule.row_number, reason=reason) from exc
    finally:
        for name in bound or {}:
            data.pop(name, None)
        data.update(before)


def called_decision(node: Any) -> tuple[str | None, str | None]:
    """The decision id a business-rule task calls and its result variable, as any modeler writes them."""
    ref = node.get(f"{{{CAMUNDA}}}decisionRef")
    variable = node.get(f"{{{CAMUNDA}}}resultVariable")
    for called in node.iter(f"{{{ZEEBE}}}calledDecision"):
        ref, variable = called.get("decisionId") or ref, called.get("resultVariable") or variable
    for called in node.iter(f"{{{SPIFF}}}calledDecisionId"):
        ref = (called.text or "").strip() or ref
    return (ref.strip() or None) if ref else None, (variable.strip() or None) if variable else None


class DecisionTaskParser(SpiffTaskParser):  # type: ignore[misc]
    """Builds a DecisionTask from the flow's decisions (``use_decisions``); what does not resolve is
    recorded as a problem naming the task, and the task gets an empty table so the check goes on."""

    def create_task(self) -> DecisionTask:
        parser = self.process_parser.parser
        decisions: dict[str, Decision] = getattr(parser, "loom_decisions", {})
        found: list[FlowError] = getattr(parser, "loom_decision_problems", [])
        ref, variable = called_decision(self.node)
        decision = decisions.get(ref or "")
        problem = _call_problem(self.bpmn_id, ref, variable, decision, decisions)
        if problem is not None:
            found.append(problem)
        table = decision.table if decision is not None and problem is None else DecisionTable(ref or "", "", "FIRST")
        extensions = self.parse_extensions()
        return DecisionTask(
            self.spec,
            self.bpmn_id,
            DMNEngine(table),
            decision_id=ref,
            result_variable=variable,
            prescript=extensions.get("preScript"),
            postscript=extensions.get("postScript"),
            **self.bpmn_attributes,
        )

    @staticmethod
    def get_decision_ref(node: Any) -> str | None:
        return called_decision(node)[0]


def _call_problem(
    element: str, ref: str | None, variable: str | None, decision: Decision | None, decisions: dict[str, Decision]
) -> FlowError | None:
    if ref is None:
        return refusal("flow.decision.none", element)
    if decision is None:
        return refusal("flow.decision.unknown", element, decision=ref, decisions=", ".join(sorted(decisions)) or "-")
    if variable is not None and len(decision.outputs) != 1:
        return refusal(
            "flow.decision.result_variable", element, decision=ref, variable=variable, outputs=len(decision.outputs)
        )
    return None


def use_decisions(parser: Any, documents: list[str] | None) -> list[FlowError]:
    """Give ``parser`` the flow's decision documents (DMN XML texts); the list it returns fills,
    while the diagram is read, with every document Loom cannot run and every call that fails."""
    decisions: dict[str, Decision] = {}
    found: list[FlowError] = []
    for document in documents or []:
        try:
            decision = cached_decision(document)
        except FlowError as exc:
            found.append(exc)
            continue
        decisions[decision.id] = decision
    parser.loom_decisions, parser.loom_decision_problems = decisions, found
    return found


def decision_tasks(specs: list[Any]) -> list[DecisionTask]:
    """The business-rule tasks of the given process specs (a parsed flow's, with its sub-processes)."""
    return [task for spec in specs for task in spec.task_specs.values() if isinstance(task, DecisionTask)]


def decided_fields(task: DecisionTask) -> list[str]:
    """The fields the task's decision sets: its result variable, else the table's output names."""
    if task.result_variable:
        return [task.result_variable]
    return [output.name for output in task.dmnEngine.decision_table.outputs]
