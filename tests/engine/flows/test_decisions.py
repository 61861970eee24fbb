"""Business-rule tasks deciding with a DMN table saved by Camunda Modeler (DMN 1.3): hit policies,
FEEL unary tests evaluated in the sandbox, results into the record's fields, and the refusals."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from engine.flows import moves, run
from engine.flows.decisions import decision_tasks, read_decision
from engine.flows.decisions.feel import SUBJECT, FeelError, expression, unary_tests
from engine.flows.errors import FlowError
from engine.flows.parser import check, parse

HERE = Path(__file__).parent / "dmn"
TABLE = (HERE / "delivery_route.dmn").read_text()
DIAGRAM = (HERE / "delivery_route.bpmn").read_text()
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
# A person's step "Ready" before the decision: an instance waits there before the table runs.
WAITS_FIRST = DIAGRAM.replace(
    '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="choose_route"/>',
    '<bpmn:userTask id="ready" name="Ready"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ready"/>'
    '<bpmn:sequenceFlow id="f0" sourceRef="ready" targetRef="choose_route"/>',
)


def _decide(flow, sandbox, **record):
    """Start an instance on ``record``'s columns; the record as the step left it (and the instance)."""
    workflow = run.start(flow, dict(record), sandbox=sandbox, now=T0, zone="UTC", record=record)
    return record, workflow


def test_a_first_hit_table_routes_each_delivery_and_writes_the_route_field(sandbox):
    flow = parse(DIAGRAM, [TABLE])
    cases = [
        ({"weight": 150, "deliver_to": "Munich"}, "freight"),  # > 100
        ({"weight": 3, "deliver_to": "Berlin"}, "bike"),  # [1..5] and "Berlin","Hamburg"
        ({"weight": 3, "deliver_to": "Paris"}, "van"),  # not("Munich")
        ({"weight": 30, "deliver_to": "Munich"}, "truck"),  # - and -
        ({"weight": None, "deliver_to": "Munich"}, "truck"),  # an empty weight matches no ordering test
    ]
    for columns, route in cases:
        record, workflow = _decide(flow, sandbox, **columns, route=None)
        assert record["route"] == route, columns
        assert run.variables(run.restore(run.serialize(workflow)))["route"] == route
        [waiting] = run.waiting(workflow)
        assert waiting.task_spec.bpmn_id == "deliver"


def test_a_unique_table_with_two_matching_rules_stops_the_step_naming_the_task(sandbox):
    unique = TABLE.replace('hitPolicy="FIRST"', "")  # UNIQUE is DMN's default
    flow = parse(DIAGRAM, [unique])
    with pytest.raises(FlowError) as caught:
        _decide(flow, sandbox, weight=150, deliver_to="Berlin", route=None)
    assert caught.value.element == "choose_route"
    assert caught.value.code == "flow.decision.not_unique"
    assert caught.value.params == {"decision": "route", "rules": "1, 3, 4"}
    # One match is what UNIQUE means: the Munich catch-all alone.
    record, _ = _decide(flow, sandbox, weight=30, deliver_to="Munich", route=None)
    assert record["route"] == "truck"


def test_collect_gathers_every_match_and_aggregates(sandbox):
    collect = TABLE.replace('hitPolicy="FIRST"', 'hitPolicy="COLLECT"')
    record, _ = _decide(parse(DIAGRAM, [collect]), sandbox, weight=3, deliver_to="Berlin", route=None)
    assert record["route"] == ["bike", "van", "truck"]
    counted = TABLE.replace('hitPolicy="FIRST"', 'hitPolicy="COLLECT" aggregation="COUNT"')
    record, _ = _decide(parse(DIAGRAM, [counted]), sandbox, weight=3, deliver_to="Berlin", route=None)
    assert record["route"] == 3


def test_camundas_own_example_table_decides_as_camunda_documents_it(sandbox):
    """check-order.dmn from Camunda 7's examples (UNIQUE, two outputs, empty cells, value lists)."""
    table = (HERE / "check-order.dmn").read_text()
    diagram = DIAGRAM.replace('decisionRef="route"', 'decisionRef="checkOrder"')
    flow = parse(diagram, [table])
    cases = [
        ({"status": "bronze", "sum": 5}, "notok"),
        ({"status": "silver", "sum": Decimal("999.99")}, "ok"),
        ({"status": "silver", "sum": 1000}, "notok"),
        ({"status": "gold", "sum": None}, "ok"),
    ]
    for columns, result in cases:
        record, _ = _decide(flow, sandbox, **columns, result=None, reason=None)
        assert record["result"] == result, columns
    assert record["reason"] == "you get anything you want"
    record, _ = _decide(flow, sandbox, status="platinum", sum=1, result=None, reason=None)
    assert record["result"] is None and record["reason"] is None  # no rule matches: nothing changes


@pytest.mark.parametrize(
    ("test", "value", "holds"),
    [
        ("> 100", 101, True),
        ("> 100", 100, False),
        ("<= 2.5", 2.5, True),
        ('"a","b"', "b", True),
        ('"a","b"', "c", False),
        ("[1..5]", 5, True),
        ("]1..5[", 5, False),
        ("[1..5)", 1, True),
        ("-", "anything", True),
        ('not("x")', "y", True),
        ('not("x", "y")', "y", False),
        ("null", None, True),
        ("> 100", None, False),
        ("!= 3", 4, True),
        ("true", True, True),
        ("< limit * 2", 5, True),
        ("< limit * 1.5", Decimal("4"), True),  # a record's decimal field, and FEEL's decimal numbers
        ("0.3", Decimal("0.3"), True),
    ],
)
def test_feel_unary_tests_as_camunda_modeler_writes_them_run_in_the_sandbox(sandbox, test, value, holds):
    condition = unary_tests(test, "value")
    context = {"value": value, "limit": 3}
    assert (condition is None) or sandbox.evaluate(condition, context, now=T0, zone="UTC") is holds


def test_feel_numbers_are_decimals_in_the_sandbox(sandbox):
    assert sandbox.evaluate(expression("0.1 + 0.2"), {}, now=T0, zone="UTC") == Decimal("0.3")


@pytest.mark.parametrize(
    "text", ['date("2026-01-01")', "a.b", "__import__", "{a: 1}", "[1, 2]", '"a" and', 'Decimal("1")']
)
def test_feel_outside_what_loom_translates_is_refused_not_guessed(text):
    with pytest.raises(FeelError):
        expression(text)


def test_cells_loom_cannot_run_are_refused_naming_the_decision_and_rule():
    bad = TABLE.replace("<text>[1..5]</text>", '<text>date("2026-01-01")</text>')
    with pytest.raises(FlowError) as caught:
        read_decision(bad)
    assert caught.value.code == "flow.decision.cell" and caught.value.element == "route"
    assert caught.value.params["rule"] == 2 and "Rule 2 of decision 'route'" in caught.value.message
    # The flow's check lists it as a problem, and the task that calls it as calling nothing known.
    _flow, found = check(DIAGRAM, [bad])
    assert {e.code for e in found} == {"flow.decision.cell", "flow.decision.unknown"}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (('hitPolicy="FIRST"', 'hitPolicy="PRIORITY"'), "flow.decision.hit_policy"),
        (('name="route" typeRef', "typeRef"), "flow.decision.output_name"),
        (("https://www.omg.org/spec/DMN/20191111/MODEL/", "http://example.com/other"), "flow.decision.not_dmn"),
        (("</decision>", '</decision><decision id="other"><decisionTable/></decision>'), "flow.decision.count"),
        (("<definitions", '<definitions expressionLanguage="javascript"'), "flow.decision.language"),
    ],
)
def test_tables_loom_cannot_run_are_refused_on_reading(change, code):
    with pytest.raises(FlowError) as caught:
        read_decision(TABLE.replace(*change))
    assert caught.value.code == code


def test_a_business_rule_task_without_a_decision_or_with_an_unknown_one_is_refused():
    _flow, found = check(DIAGRAM.replace(' camunda:decisionRef="route"', ""), [TABLE])
    assert [(e.code, e.element) for e in found] == [("flow.decision.none", "choose_route")]
    _flow, found = check(DIAGRAM.replace('decisionRef="route"', 'decisionRef="routing"'), [TABLE])
    [unknown] = found
    assert (unknown.code, unknown.element) == ("flow.decision.unknown", "choose_route")
    assert unknown.params == {"decision": "routing", "decisions": "route"} and "its decisions: route" in unknown.message


ZEEBE = """<bpmn:businessRuleTask id="choose_route" name="Choose route"><bpmn:extensionElements>
<zeebe:calledDecision xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" decisionId="route" resultVariable="lane"/>
</bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:businessRuleTask>"""
SPIFF = """<bpmn:businessRuleTask id="choose_route" name="Choose route"><bpmn:extensionElements>
<spiffworkflow:calledDecisionId xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core">route</spiffworkflow:calledDecisionId>
</bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:businessRuleTask>"""


def _with_task(task: str) -> str:
    start = DIAGRAM.index("<bpmn:businessRuleTask")
    end = DIAGRAM.index("</bpmn:businessRuleTask>") + len("</bpmn:businessRuleTask>")
    return DIAGRAM[:start] + task + DIAGRAM[end:]


def test_camunda_8_and_spiffworkflow_calls_are_read_and_a_result_variable_names_the_field(sandbox):
    record, _ = _decide(parse(_with_task(ZEEBE), [TABLE]), sandbox, weight=150, deliver_to="Munich", lane=None)
    assert record["lane"] == "freight" and "route" not in record
    record, _ = _decide(parse(_with_task(SPIFF), [TABLE]), sandbox, weight=150, deliver_to="Munich", route=None)
    assert record["route"] == "freight"


def test_a_result_variable_for_a_table_with_several_outputs_is_refused():
    two = TABLE.replace(
        '<output id="Output_1" label="Route" name="route" typeRef="string" />',
        '<output id="Output_1" label="Route" name="route" typeRef="string" />'
        '<output id="Output_2" label="Days" name="days" typeRef="integer" />',
    ).replace("</outputEntry>", "</outputEntry><outputEntry><text>1</text></outputEntry>")
    _flow, found = check(_with_task(ZEEBE), [two])
    assert [(e.code, e.element) for e in found] == [("flow.decision.result_variable", "choose_route")]


def test_a_cell_failing_in_the_sandbox_names_the_task_decision_and_rule(sandbox):
    failing = TABLE.replace("<text>&gt; 100</text>", "<text>&gt; weight / 0</text>")
    with pytest.raises(FlowError) as caught:
        _decide(parse(DIAGRAM, [failing]), sandbox, weight=150, deliver_to="Munich", route=None)
    assert caught.value.element == "choose_route" and caught.value.code == "flow.decision.failed"
    assert caught.value.params["rule"] == 1 and "ZeroDivisionError" in caught.value.params["reason"]


def test_a_restored_instance_decides_nothing_until_a_step_gives_it_the_sandbox(sandbox):
    """Cells run in the sandbox only: a restored instance's inert engine refuses to evaluate them."""
    data = {"weight": 150, "deliver_to": "Munich"}
    workflow = run.restore(run.serialize(run.start(parse(DIAGRAM, [TABLE]), data, sandbox=sandbox, now=T0, zone="UTC")))
    task = next(t for t in workflow.get_tasks() if t.task_spec.bpmn_id == "choose_route")
    with pytest.raises(FlowError) as caught:
        task.task_spec._run_hook(task)
    assert caught.value.code == "flow.decision.failed"
    assert "only inside a step" in caught.value.params["reason"]


def test_an_instance_moved_to_a_newer_version_decides_by_that_versions_table(sandbox):
    old, new = parse(WAITS_FIRST, [TABLE]), parse(WAITS_FIRST, [TABLE.replace('"freight"', '"ship"')])
    record = {"weight": 150, "deliver_to": "Munich", "route": None}
    state = run.serialize(run.start(old, dict(record), sandbox=sandbox, now=T0, zone="UTC", record=record))
    assert moves.check_move(state, new).ok
    moved = run.restore(moves.move(state, new))
    [ready] = run.waiting(moved)
    run.complete(moved, ready.id, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    assert record["route"] == "ship"


def _with(input_text: str = "weight", cell: str = "&gt; 100", rules: str = "") -> str:
    """TABLE with the weight column's input expression, rule 1's weight cell, and extra rules (before rule 1)."""
    table = TABLE.replace("<text>weight</text>", f"<text>{input_text}</text>", 1)
    table = table.replace("<text>&gt; 100</text>", f"<text>{cell}</text>", 1)
    return table.replace('<rule id="DecisionRule_1lxe1vo">', f'{rules}<rule id="DecisionRule_1lxe1vo">', 1)


def _refused(table: str) -> FlowError:
    with pytest.raises(FlowError) as caught:
        read_decision(table)
    return caught.value


def test_cells_test_the_input_by_one_name_so_their_translation_does_not_grow_with_the_input(sandbox):
    long_input = "+".join(["weight"] * 60)  # 419 characters, 119 words and signs: within the bounds
    decision = read_decision(_with(long_input, ",".join(str(n) for n in range(400))))
    [first, _destination] = decision.table.rules[0].inputEntries
    assert "weight" not in first.lhs[0] and len(first.lhs[0]) < 400 * 30
    # A computed input is evaluated (once) and every cell tests its value.
    flow = parse(DIAGRAM, [_with("weight * 2")])
    record, _ = _decide(flow, sandbox, weight=60, deliver_to="Paris", route=None)  # 120 > 100
    assert record["route"] == "freight"
    record, _ = _decide(flow, sandbox, weight=2, deliver_to="Berlin", route=None)  # 4 in [1..5]
    assert record["route"] == "bike"
    record, _ = _decide(flow, sandbox, weight=3, deliver_to="Berlin", route=None)  # 6: not in [1..5]
    assert record["route"] == "van"


def test_cells_cannot_name_the_input_loom_binds_for_them():
    refused = _refused(_with(cell="&gt; INPUT"))
    assert refused.code == "flow.decision.cell" and refused.params["rule"] == 1
    assert "'INPUT' is not a field name" in refused.params["reason"]


@pytest.mark.parametrize(
    ("input_text", "reason"),
    [
        ("+".join(["weight"] * 3000), "longer than 500 characters"),  # Python's parser would recurse on it
        ("(" * 25 + "weight" + ")" * 25, "nests brackets 25 deep"),
        ("1+" * 110 + "weight", "longer than 200 words and signs"),
    ],
)
def test_an_input_expression_beyond_what_a_person_writes_is_refused_naming_the_column(input_text, reason):
    refused = _refused(_with(input_text))
    assert (refused.code, refused.element) == ("flow.decision.input", "route")
    assert refused.params["input"] == 1 and reason in refused.params["reason"]


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("not(" * 2000 + "1" + ")" * 2000, "more than 4000"),  # once a RecursionError (a 500 over HTTP)
        ("not(" * 21 + "1" + ")" * 21, "nests brackets 21 deep"),
        ("[" + "1.." * 15000 + "1", "more than 4000"),  # once seconds of backtracking in a pattern
        ("[" + "1.." * 1300 + "1", "longer than 200 words and signs"),
        (",".join(["1"] * 501), "at most 500"),
        ("- " * 300 + "1", "longer than 200 words and signs"),
    ],
)
def test_a_cell_beyond_what_a_person_writes_is_refused_naming_the_rule(cell, reason):
    refused = _refused(_with(cell=cell))
    assert (refused.code, refused.element) == ("flow.decision.cell", "route")
    assert refused.params["rule"] == 1 and reason in refused.params["reason"]


def test_ranges_are_read_at_their_first_two_dots():
    assert unary_tests("[1..5]", "x") == "(x) is not None and (1) <= (x) <= (5)"
    assert unary_tests("]1..5[", "x") == "(x) is not None and (1) < (x) < (5)"
    with pytest.raises(FeelError):
        unary_tests("[1..]", "x")


def test_a_table_whose_cells_translate_to_more_than_a_mebibyte_is_refused_naming_the_rule():
    cell = ",".join(["1000"] * 500)
    rule = (
        '<rule id="big{n}"><inputEntry><text>{cell}</text></inputEntry><inputEntry><text>-</text></inputEntry>'
        '<outputEntry><text>"x"</text></outputEntry></rule>'
    )
    rules = "".join(rule.format(n=n, cell=cell) for n in range(120))
    refused = _refused(_with(rules=rules))
    assert (refused.code, refused.element) == ("flow.decision.cell", "route")
    assert 50 < refused.params["rule"] < 120 and "1024 KiB" in refused.params["reason"]


def test_each_document_is_read_once_however_often_the_flow_is_checked():
    first, second = parse(DIAGRAM, [TABLE]), parse(DIAGRAM, [TABLE])
    [task_one], [task_two] = (decision_tasks([flow.spec]) for flow in (first, second))
    assert task_one.dmnEngine.decision_table is task_two.dmnEngine.decision_table
    broken = TABLE.replace('hitPolicy="FIRST"', 'hitPolicy="PRIORITY"')
    for _ in range(2):  # a refusal is remembered too, and given as a fresh error each time
        _flow, found = check(DIAGRAM, [broken])
        assert [(e.code, e.element) for e in found if e.code.startswith("flow.decision.hit")] == [
            ("flow.decision.hit_policy", "route")
        ]


def test_a_table_stored_before_cells_named_the_input_still_decides(sandbox):
    """Instances stored earlier carry cells that test the input expression itself (``(weight) > (100)``)."""
    flow = parse(DIAGRAM, [TABLE])
    [task] = decision_tasks([flow.spec])
    stored = copy.deepcopy(task.dmnEngine.decision_table)
    for rule in stored.rules:
        for entry in rule.inputEntries:
            if entry.lhs[0] is not None:
                entry.lhs[0] = entry.lhs[0].replace(SUBJECT, entry.input.expression)
    assert "(weight) is not None and (weight) > (100)" in stored.rules[0].inputEntries[0].lhs
    task.dmnEngine.decision_table = stored  # this parse's own engine; the read document stays as it was
    for columns, route in [({"weight": 150, "deliver_to": "Munich"}, "freight"), ({"weight": 3}, "bike")]:
        record, _ = _decide(flow, sandbox, **{"deliver_to": "Berlin", **columns}, route=None)
        assert record["route"] == route
